"""Hand-off requests as staff see them: the queue (scope, filters, counts, pages) and what they
do with one (take it, close it). Replies go through the push path (bot.console.routes.handoffs).

Who sees what: an admin every request; a consultant the requests of their own caseload; the
municipality's integration team ("general") the requests of people without a consultant (not
linked, or a case without one). The scope is part of every query.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Session

from bot.console.permissions import Role, StaffUser
from bot.store.models import CaseRow, HandoffRequest

PAGE_SIZE = 25
OPEN, TAKEN, CLOSED = "open", "taken", "closed"
VIEWS = ("open", "mine", "unassigned", "closed")  # "open": not closed (waiting or taken)
CHANNELS = ("tg", "web", "rest")


@dataclass(frozen=True)
class Handoff:
    id: int
    sender_id: str
    case_ref: str | None
    language: str
    question: str
    created_at: datetime
    last_request_at: datetime
    requests: int
    status: str
    team: str
    assigned_to: str | None

    @property
    def channel(self) -> str:
        return self.sender_id.split(":", 1)[0]


@dataclass(frozen=True)
class QueueFilters:
    view: str = "open"
    language: str = ""
    channel: str = ""
    page: int = 1


def _scope(query: sa.Select, user: StaffUser) -> sa.Select:
    """Only the requests this staff member may handle."""
    if user.role is Role.CONSULTANT:
        return query.where(sa.func.lower(CaseRow.consultant_email) == user.email.lower())
    if user.role is Role.GENERAL:
        return query.where(HandoffRequest.team == "general")
    if user.role is Role.ADMIN:
        return query
    return query.where(sa.false())


def _view(query: sa.Select, view: str, email: str) -> sa.Select:
    if view == "mine":
        return query.where(HandoffRequest.assigned_to == email, HandoffRequest.status == TAKEN)
    if view == "unassigned":
        return query.where(HandoffRequest.status == OPEN)
    if view == "closed":
        return query.where(HandoffRequest.status == CLOSED)
    return query.where(HandoffRequest.status != CLOSED)


def _base(columns: list[Any], user: StaffUser) -> sa.Select:
    query = sa.select(*columns).outerjoin(CaseRow, CaseRow.id == HandoffRequest.case_id)
    return _scope(query, user)


def queue(session: Session, user: StaffUser, filters: QueueFilters) -> tuple[list[Handoff], int]:
    """One page of requests (oldest waiting first; closed ones newest first) and the total."""
    query = _view(_base([HandoffRequest, CaseRow.case_ref], user), filters.view, user.email)
    if filters.language:
        query = query.where(HandoffRequest.language == filters.language)
    if filters.channel in CHANNELS:
        query = query.where(HandoffRequest.sender_id.startswith(f"{filters.channel}:"))
    total = session.execute(sa.select(sa.func.count()).select_from(query.subquery())).scalar_one()
    order = (
        HandoffRequest.closed_at.desc()
        if filters.view == "closed"
        else HandoffRequest.created_at.asc()
    )
    rows = session.execute(
        query.order_by(order, HandoffRequest.id)
        .limit(PAGE_SIZE)
        .offset((max(filters.page, 1) - 1) * PAGE_SIZE)
    ).all()
    return [_handoff(request, ref) for request, ref in rows], int(total)


def _handoff(r: HandoffRequest, case_ref: str | None) -> Handoff:
    return Handoff(
        r.id,
        r.sender_id,
        case_ref,
        r.language,
        r.question,
        r.created_at,
        r.last_request_at,
        r.requests,
        r.status,
        r.team,
        r.assigned_to,
    )


def counts(session: Session, user: StaffUser) -> dict[str, int]:
    """How many requests wait for someone, how many this staff member has, for the navigation."""
    status = HandoffRequest.status
    mine = sa.and_(status == TAKEN, HandoffRequest.assigned_to == user.email)
    query = _base(
        [
            sa.func.sum(sa.case((status == OPEN, 1), else_=0)),
            sa.func.sum(sa.case((mine, 1), else_=0)),
        ],
        user,
    ).where(status != CLOSED)
    unassigned, own = session.execute(query).one()
    return {"unassigned": int(unassigned or 0), "mine": int(own or 0)}


def find(session: Session, user: StaffUser, handoff_id: int) -> Handoff | None:
    """The request, if it exists and is within this staff member's scope."""
    query = _base([HandoffRequest, CaseRow.case_ref], user).where(HandoffRequest.id == handoff_id)
    row = session.execute(query).one_or_none()
    return _handoff(*row) if row else None


def take(session: Session, handoff_id: int, email: str, now: datetime) -> bool:
    """Take a waiting request (or one a colleague had); False when it is closed or gone."""
    result = session.execute(
        sa.update(HandoffRequest)
        .where(HandoffRequest.id == handoff_id, HandoffRequest.status != CLOSED)
        .values(status=TAKEN, assigned_to=email, taken_at=now)
    )
    return bool(result.rowcount)


def close(session: Session, handoff_id: int, now: datetime) -> bool:
    """Close it: the conversation goes back to the assistant; a new request may be opened."""
    result = session.execute(
        sa.update(HandoffRequest)
        .where(HandoffRequest.id == handoff_id, HandoffRequest.status != CLOSED)
        .values(status=CLOSED, closed_at=now, open_key=None)
    )
    return bool(result.rowcount)
