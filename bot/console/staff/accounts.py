"""Staff accounts: logging in, and the accounts an admin manages in the console."""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets
from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from bot.console.i18n import LANGUAGES, N_, Refusal
from bot.console.passwords import (
    LoginState,
    after_attempt,
    hash_password,
    is_locked,
    needs_rehash,
    verify_password,
)
from bot.console.permissions import Role, StaffUser
from bot.console.staff.audit import audit
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
    if needs_rehash(row.password_hash):  # e.g. scrypt: Argon2id from now on
        row.password_hash = hash_password(password)
    audit(session, row.email, "login")
    return LoginResult(_user(row), stamp=password_stamp(row.password_hash))


def password_stamp(password_hash: str) -> str:
    """A short fingerprint of the password hash, kept in the session cookie."""
    return hashlib.sha256(password_hash.encode()).hexdigest()[:16]


def session_user(session: Session, email: str, stamp: str) -> StaffUser | None:
    """The user of a session, if the account still exists with the password it logged in with."""
    row = session.execute(select(StaffRow).where(StaffRow.email == email)).scalar_one_or_none()
    if row is None or not hmac.compare_digest(password_stamp(row.password_hash), stamp):
        return None
    return _user(row)


def find_user(session: Session, email: str) -> StaffUser | None:
    row = session.execute(select(StaffRow).where(StaffRow.email == email)).scalar_one_or_none()
    return _user(row) if row else None


def _user(row: StaffRow) -> StaffUser:
    return StaffUser(row.email, Role(row.role), row.language)


# --- Accounts, managed by an admin in the console ---------------------------------------------

EMAIL = re.compile(r"[^@\s/]+@[^@\s/]+\.[^@\s/]+")
PASSWORD_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"  # no 0/o or 1/l/i: easy to read and type


class AccountError(Refusal):
    """An account change the console refuses; the message is shown to the staff member."""


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
        raise AccountError("Enter a valid email address, for example name@gemeente.nl.")
    return address


def valid_role(value: str) -> Role:
    try:
        return Role(value)
    except ValueError:
        raise AccountError(
            "Choose an existing role: admin, consultant, general or reviewer."
        ) from None


def _row(session: Session, email: str) -> StaffRow:
    address = email.strip().lower()
    row = session.execute(select(StaffRow).where(StaffRow.email == address)).scalar_one_or_none()
    if row is None:
        raise AccountError("There is no user with the email address %(address)s.", address=address)
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
        raise AccountError("This is the last admin. First make someone else admin.")


def add_user(session: Session, actor: str, email: str, name: str, role: str) -> str:
    """Create an account with a generated password, returned to be shown once."""
    address, chosen, name = valid_email(email), valid_role(role), name.strip()
    duplicate = AccountError(
        "There is already a user with the email address %(address)s.", address=address
    )
    if len(name) > 200:
        raise AccountError("The name is too long (200 characters at most).")
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
    _not_yourself(actor, row, N_("You cannot change your own role; ask another admin to."))
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
        raise AccountError("Your current password is not correct.")
    if new != repeat:
        raise AccountError("The two new passwords are not the same.")
    if len(new) < MIN_PASSWORD_LENGTH:
        raise AccountError(
            "Choose a password of at least %(length)s characters.", length=MIN_PASSWORD_LENGTH
        )
    if new == current:
        raise AccountError("Choose a password other than your current one.")
    row.password_hash = hash_password(new)
    audit(session, row.email, "own_password", row.email)
    return password_stamp(row.password_hash)


def choose_language(session: Session, email: str, language: str) -> None:
    """The console's language for this user ("": the console's own, CONSOLE_LANGUAGE)."""
    if language and language not in LANGUAGES:
        raise AccountError("Choose one of the console's languages.")
    row = _row(session, email)
    row.language = language or None
    audit(session, row.email, "own_language", language or "-")


def unlock(session: Session, actor: str, email: str) -> None:
    row = _row(session, email)
    row.failed_logins, row.locked_until = 0, None
    audit(session, actor, "user_unlock", row.email)


def delete_user(session: Session, actor: str, email: str) -> None:
    row = _row(session, email)
    _not_yourself(actor, row, N_("You cannot delete your own account."))
    _keep_an_admin(session, row)
    audit(session, actor, "user_delete", f"{row.email} ({row.role})")
    session.delete(row)
