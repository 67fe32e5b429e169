from datetime import datetime, timedelta

import pytest

from bot.console import sessions
from bot.console.passwords import (
    LoginState,
    after_attempt,
    hash_password,
    is_locked,
    verify_password,
)
from bot.console.permissions import Role
from bot.console.staff import create_user, log_in
from bot.store.db import migrate, session_scope
from bot.store.models import AuditEntry

NOW = datetime(2026, 11, 28, 12, 0)


def test_passwords_are_salted_scrypt_hashes() -> None:
    first, second = hash_password("correct horse battery"), hash_password("correct horse battery")
    assert first != second and first.startswith("scrypt$") and "correct" not in first
    assert verify_password("correct horse battery", first) and not verify_password("wrong", first)
    assert not verify_password("x", "not-a-hash")


def test_five_failures_lock_for_15_minutes() -> None:
    state = LoginState(0, None)
    for _ in range(5):
        state = after_attempt(state, False, NOW)
    assert is_locked(state, NOW + timedelta(minutes=14)) and not is_locked(
        state, NOW + timedelta(minutes=16)
    )
    assert after_attempt(state, True, NOW) == LoginState(0, None)


def test_sessions_are_signed_and_expire() -> None:
    session = sessions.new_session("r@gemeente.nl", now=1000)
    cookie = sessions.encode(session, "secret")
    assert sessions.decode(cookie, "secret", now=1001) == session
    assert sessions.decode(cookie, "other secret", now=1001) is None
    assert (
        sessions.decode(
            cookie.replace(cookie[3], "A" if cookie[3] != "A" else "B", 1), "secret", now=1001
        )
        is None
    )
    assert sessions.decode(cookie, "secret", now=1000 + sessions.LIFETIME_SECONDS + 1) is None


def test_log_in_with_lockout_and_audit() -> None:
    migrate()
    with session_scope() as db:
        create_user(db, "Reviewer@Gemeente.nl", "a long enough password", Role.REVIEWER)
    with session_scope() as db:
        user = log_in(db, "reviewer@gemeente.nl", "a long enough password", NOW).user
        assert user is not None and user.role is Role.REVIEWER
    for _ in range(5):
        with session_scope() as db:
            assert log_in(db, "reviewer@gemeente.nl", "wrong", NOW).user is None
    with session_scope() as db:
        attempt = log_in(
            db, "reviewer@gemeente.nl", "a long enough password", NOW + timedelta(minutes=1)
        )
    assert attempt.user is None and attempt.locked
    with session_scope() as db:
        assert db.query(AuditEntry).filter_by(action="login").count() == 1
    with pytest.raises(ValueError), session_scope() as db:
        create_user(db, "short@gemeente.nl", "short", Role.ADMIN)
