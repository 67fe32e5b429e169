"""Hand-off requests: a migrant asked for a person; staff take them and mark them handled."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from bot.store.models import CaseRow, HandoffRequest


@dataclass(frozen=True)
class Handoff:
    id: int
    sender_id: str
    case_ref: str | None
    language: str
    question: str
    created_at: datetime
    status: str
    assigned_to: str | None


def handoffs(session: Session, consultant_email: str | None) -> list[Handoff]:
    """Open and assigned requests, oldest first; for a consultant only their own caseload."""
    query = (
        select(HandoffRequest, CaseRow.case_ref)
        .outerjoin(CaseRow, CaseRow.id == HandoffRequest.case_id)
        .where(HandoffRequest.status != "handled")
        .order_by(HandoffRequest.created_at)
    )
    if consultant_email is not None:
        query = query.where(func.lower(CaseRow.consultant_email) == consultant_email)
    return [
        Handoff(
            r.id, r.sender_id, ref, r.language, r.question, r.created_at, r.status, r.assigned_to
        )
        for r, ref in session.execute(query).all()
    ]


def update_handoff(
    session: Session, handoff_id: int, email: str, handled: bool, consultant_email: str | None
) -> bool:
    """Take or close a request; a consultant only within their own caseload. False: not allowed."""
    request = session.get(HandoffRequest, handoff_id)
    if request is None:
        return False
    if consultant_email is not None:
        case = session.get(CaseRow, request.case_id) if request.case_id else None
        if case is None or (case.consultant_email or "").strip().lower() != consultant_email:
            return False
    request.assigned_to = email
    request.status = "handled" if handled else "assigned"
    return True
