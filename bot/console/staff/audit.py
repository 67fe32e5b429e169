"""The audit log: who did what to which conversation, case or account, and when."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from bot.store.models import AuditEntry

AUDIT_LIMIT = 200


def audit(session: Session, email: str, action: str, target: str = "") -> None:
    session.add(AuditEntry(user_email=email, action=action, target=target))


@dataclass(frozen=True)
class AuditLine:
    at: datetime
    user_email: str
    action: str
    target: str


def audit_log(
    session: Session, user: str = "", action: str = "", limit: int = AUDIT_LIMIT
) -> list[AuditLine]:
    """The newest entries first; `user` matches part of an e-mail address, `action` exactly."""
    query = select(AuditEntry).order_by(AuditEntry.at.desc(), AuditEntry.id.desc()).limit(limit)
    if user.strip():
        query = query.where(
            func.lower(AuditEntry.user_email).contains(user.strip().lower(), autoescape=True)
        )
    if action.strip():
        query = query.where(AuditEntry.action == action.strip())
    rows = session.execute(query).scalars()
    return [AuditLine(row.at, row.user_email, row.action, row.target) for row in rows]


def audit_actions(session: Session) -> list[str]:
    query = select(AuditEntry.action).distinct().order_by(AuditEntry.action)
    return list(session.execute(query).scalars())
