"""Staff accounts, the audit log and review marks in the case store."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from bot.console.nlu_export import Flag
from bot.console.passwords import (
    LoginState,
    after_attempt,
    hash_password,
    is_locked,
    verify_password,
)
from bot.console.permissions import Role, StaffUser
from bot.store.models import AuditEntry, CaseRow, ConversationReview, HandoffRequest, MessageFlag
from bot.store.models import StaffUser as StaffRow


@dataclass(frozen=True)
class LoginResult:
    """A user, or why not: the failure counter must be committed, so nothing is raised."""

    user: StaffUser | None
    locked: bool = False


def create_user(session: Session, email: str, password: str, role: Role, name: str = "") -> None:
    if len(password) < 12:
        raise ValueError("use a password of at least 12 characters")
    session.add(
        StaffRow(
            email=email.strip().lower(),
            name=name,
            role=role.value,
            password_hash=hash_password(password),
        )
    )


def log_in(session: Session, email: str, password: str, now: datetime) -> LoginResult:
    address = email.strip().lower()
    row = session.execute(select(StaffRow).where(StaffRow.email == address)).scalar_one_or_none()
    if row is None:
        verify_password(password, hash_password("timing-equaliser"))  # same work for unknown users
        return LoginResult(None)
    state = LoginState(row.failed_logins, row.locked_until)
    if is_locked(state, now):
        return LoginResult(None, locked=True)
    succeeded = verify_password(password, row.password_hash)
    state = after_attempt(state, succeeded, now)
    row.failed_logins, row.locked_until = state.failed_logins, state.locked_until
    if not succeeded:
        return LoginResult(None, locked=is_locked(state, now))
    audit(session, row.email, "login")
    return LoginResult(StaffUser(row.email, Role(row.role)))


def find_user(session: Session, email: str) -> StaffUser | None:
    row = session.execute(select(StaffRow).where(StaffRow.email == email)).scalar_one_or_none()
    return StaffUser(row.email, Role(row.role)) if row else None


def all_users(session: Session) -> list[tuple[str, str, str]]:
    rows = session.execute(select(StaffRow).order_by(StaffRow.email)).scalars()
    return [(row.email, row.name, row.role) for row in rows]


def audit(session: Session, email: str, action: str, target: str = "") -> None:
    session.add(AuditEntry(user_email=email, action=action, target=target))


def reviewed_senders(session: Session) -> frozenset[str]:
    rows = session.execute(
        select(ConversationReview.sender_id).where(ConversationReview.reviewed_at.is_not(None))
    )
    return frozenset(rows.scalars())


def mark_reviewed(session: Session, sender_id: str, email: str, now: datetime) -> None:
    review = session.get(ConversationReview, sender_id) or ConversationReview(sender_id=sender_id)
    review.reviewed_at, review.reviewed_by = now, email
    session.add(review)


def flag_message(
    session: Session, sender_id: str, text: str, language: str, intent: str, email: str
) -> None:
    session.add(
        MessageFlag(
            sender_id=sender_id, text=text, language=language, intent=intent, flagged_by=email
        )
    )


def flags(session: Session) -> list[Flag]:
    rows = session.execute(select(MessageFlag).order_by(MessageFlag.id)).scalars()
    return [Flag(row.language, row.text, row.intent) for row in rows]


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
