"""Staff accounts, the audit log and review marks in the case store."""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets
from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
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

MIN_PASSWORD_LENGTH = 12


@dataclass(frozen=True)
class LoginResult:
    """A user, or why not: the failure counter must be committed, so nothing is raised."""

    user: StaffUser | None
    locked: bool = False
    stamp: str = ""


def create_user(session: Session, email: str, password: str, role: Role, name: str = "") -> None:
    if len(password) < MIN_PASSWORD_LENGTH:
        raise ValueError(f"use a password of at least {MIN_PASSWORD_LENGTH} characters")
    session.add(
        StaffRow(
            email=email.strip().lower(),
            name=name,
            role=role.value,
            password_hash=hash_password(password),
        )
    )


@lru_cache(maxsize=1)
def _timing_equaliser() -> str:
    return hash_password("timing-equaliser")


def log_in(
    session: Session, email: str, password: str, now: datetime, known_device: bool = False
) -> LoginResult:
    """A browser the account logged in from before (`known_device`) is never kept out by the
    account's lock: failures by others only slow down logins from new browsers."""
    address = email.strip().lower()
    row = session.execute(select(StaffRow).where(StaffRow.email == address)).scalar_one_or_none()
    if row is None:
        verify_password(password, _timing_equaliser())  # same work for unknown users
        return LoginResult(None)
    state = LoginState(row.failed_logins, row.locked_until)
    if is_locked(state, now) and not known_device:
        return LoginResult(None, locked=True)
    succeeded = verify_password(password, row.password_hash)
    state = after_attempt(state, succeeded, now)
    row.failed_logins, row.locked_until = state.failed_logins, state.locked_until
    if not succeeded:
        return LoginResult(None, locked=is_locked(state, now) and not known_device)
    audit(session, row.email, "login")
    return LoginResult(
        StaffUser(row.email, Role(row.role)), stamp=password_stamp(row.password_hash)
    )


def password_stamp(password_hash: str) -> str:
    """A short fingerprint of the password hash, kept in the session cookie."""
    return hashlib.sha256(password_hash.encode()).hexdigest()[:16]


def session_user(session: Session, email: str, stamp: str) -> StaffUser | None:
    """The user of a session, if the account still exists with the password it logged in with."""
    row = session.execute(select(StaffRow).where(StaffRow.email == email)).scalar_one_or_none()
    if row is None or not hmac.compare_digest(password_stamp(row.password_hash), stamp):
        return None
    return StaffUser(row.email, Role(row.role))


def find_user(session: Session, email: str) -> StaffUser | None:
    row = session.execute(select(StaffRow).where(StaffRow.email == email)).scalar_one_or_none()
    return StaffUser(row.email, Role(row.role)) if row else None


def all_users(session: Session) -> list[tuple[str, str, str]]:
    rows = session.execute(select(StaffRow).order_by(StaffRow.email)).scalars()
    return [(row.email, row.name, row.role) for row in rows]


def audit(session: Session, email: str, action: str, target: str = "") -> None:
    session.add(AuditEntry(user_email=email, action=action, target=target))


# --- Accounts, managed by an admin in the console ---------------------------------------------

EMAIL = re.compile(r"[^@\s/]+@[^@\s/]+\.[^@\s/]+")
PASSWORD_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"  # no 0/o or 1/l/i: easy to read and type
AUDIT_LIMIT = 200


class AccountError(ValueError):
    """An account change the console refuses; the message (Dutch) is shown to the admin."""


@dataclass(frozen=True)
class Account:
    email: str
    name: str
    role: Role
    locked: bool
    failed_logins: int


def accounts(session: Session, now: datetime) -> list[Account]:
    rows = session.execute(select(StaffRow).order_by(StaffRow.email)).scalars()
    return [
        Account(
            row.email,
            row.name,
            Role(row.role),
            is_locked(LoginState(row.failed_logins, row.locked_until), now),
            row.failed_logins,
        )
        for row in rows
    ]


def new_password() -> str:
    """A one-time password: four groups of five characters, about 99 bits of chance."""
    groups = ("".join(secrets.choice(PASSWORD_ALPHABET) for _ in range(5)) for _ in range(4))
    return "-".join(groups)


def valid_email(email: str) -> str:
    address = email.strip().lower()
    if len(address) > 200 or not EMAIL.fullmatch(address):
        raise AccountError("Vul een geldig e-mailadres in, bijvoorbeeld naam@gemeente.nl.")
    return address


def valid_role(value: str) -> Role:
    try:
        return Role(value)
    except ValueError:
        raise AccountError("Kies een bestaande rol: admin, consultant of reviewer.") from None


def _row(session: Session, email: str) -> StaffRow:
    address = email.strip().lower()
    row = session.execute(select(StaffRow).where(StaffRow.email == address)).scalar_one_or_none()
    if row is None:
        raise AccountError(f"Er is geen gebruiker met het e-mailadres {address}.")
    return row


def _not_yourself(actor: str, row: StaffRow, refusal: str) -> None:
    if row.email == actor.strip().lower():
        raise AccountError(refusal)


def _keep_an_admin(session: Session, row: StaffRow) -> None:
    """Refuse to take away the last admin; the admin rows stay locked until the commit, so two
    admins cannot demote each other at the same moment (PostgreSQL; SQLite writes one at a time).
    """
    if row.role != Role.ADMIN.value:
        return
    query = select(StaffRow.id).where(StaffRow.role == Role.ADMIN.value).with_for_update()
    if len(session.execute(query).scalars().all()) <= 1:
        raise AccountError("Dit is de laatste admin. Maak eerst iemand anders admin.")


def add_user(session: Session, actor: str, email: str, name: str, role: str) -> str:
    """Create an account with a generated password, returned to be shown once."""
    address, chosen, name = valid_email(email), valid_role(role), name.strip()
    duplicate = AccountError(f"Er is al een gebruiker met het e-mailadres {address}.")
    if len(name) > 200:
        raise AccountError("De naam is te lang (hoogstens 200 tekens).")
    if find_user(session, address) is not None:
        raise duplicate
    password = new_password()
    create_user(session, address, password, chosen, name)
    try:
        session.flush()  # another admin may have added the same address a moment ago
    except IntegrityError:
        raise duplicate from None
    audit(session, actor, "user_create", f"{address} ({chosen.value})")
    return password


def change_role(session: Session, actor: str, email: str, role: str) -> None:
    row, new = _row(session, email), valid_role(role)
    if row.role == new.value:
        return
    _not_yourself(actor, row, "Je kunt je eigen rol niet wijzigen; vraag dat een andere admin.")
    if new is not Role.ADMIN:
        _keep_an_admin(session, row)
    audit(session, actor, "user_role", f"{row.email}: {row.role} -> {new.value}")
    row.role = new.value


def reset_password(session: Session, actor: str, email: str) -> str:
    """A new generated password (returned to be shown once); also lifts a lockout."""
    row, password = _row(session, email), new_password()
    row.password_hash = hash_password(password)
    row.failed_logins, row.locked_until = 0, None
    audit(session, actor, "user_password", row.email)
    return password


def change_own_password(session: Session, email: str, current: str, new: str, repeat: str) -> str:
    """Set a password of one's own; returns the new session stamp (other sessions end)."""
    row = _row(session, email)
    if not verify_password(current, row.password_hash):
        raise AccountError("Je huidige wachtwoord klopt niet.")
    if new != repeat:
        raise AccountError("De twee nieuwe wachtwoorden zijn niet gelijk.")
    if len(new) < MIN_PASSWORD_LENGTH:
        raise AccountError(f"Kies een wachtwoord van minstens {MIN_PASSWORD_LENGTH} tekens.")
    if new == current:
        raise AccountError("Kies een ander wachtwoord dan je huidige.")
    row.password_hash = hash_password(new)
    audit(session, row.email, "own_password", row.email)
    return password_stamp(row.password_hash)


def unlock(session: Session, actor: str, email: str) -> None:
    row = _row(session, email)
    row.failed_logins, row.locked_until = 0, None
    audit(session, actor, "user_unlock", row.email)


def delete_user(session: Session, actor: str, email: str) -> None:
    row = _row(session, email)
    _not_yourself(actor, row, "Je kunt je eigen account niet verwijderen.")
    _keep_an_admin(session, row)
    audit(session, actor, "user_delete", f"{row.email} ({row.role})")
    session.delete(row)


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
