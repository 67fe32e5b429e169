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
from bot.console.permissions import Role, StaffUser
from bot.console.staff.accounts import (
    AccountError,
    accounts,
    add_user,
    change_role,
    choose_language,
    create_user,
    delete_user,
    find_user,
    log_in,
    new_password,
    reset_password,
    unlock,
)
from bot.console.staff.audit import audit, audit_actions, audit_log
from bot.store.db import migrate, session_scope
from bot.store.models import AuditEntry

NOW = datetime(2026, 11, 28, 12, 0)


def test_passwords_are_salted_argon2id_hashes() -> None:
    first, second = hash_password("correct horse battery"), hash_password("correct horse battery")
    assert first != second and first.startswith("$argon2id$") and "correct" not in first
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


def test_a_known_browser_is_not_kept_out_by_a_strangers_failures() -> None:
    migrate()
    with session_scope() as db:
        create_user(db, "k@gemeente.nl", "a long enough password", Role.CONSULTANT)
    for _ in range(5):
        with session_scope() as db:
            log_in(db, "k@gemeente.nl", "guess", NOW)
    with session_scope() as db:
        assert log_in(db, "k@gemeente.nl", "a long enough password", NOW).locked
    with session_scope() as db:
        known = log_in(db, "k@gemeente.nl", "a long enough password", NOW, known_device=True)
    assert known.user is not None


def test_the_known_device_cookie_is_bound_to_the_account_and_the_secret() -> None:
    from bot.console.login_guard import device_token, is_known_device

    cookie = device_token("secret", "K@gemeente.nl")
    assert is_known_device(cookie, "secret", "k@gemeente.nl")
    assert not is_known_device(cookie, "secret", "other@gemeente.nl")
    assert not is_known_device(cookie, "other secret", "k@gemeente.nl")
    assert not is_known_device(None, "secret", "k@gemeente.nl")


def accounts_with_admin() -> None:
    migrate()
    with session_scope() as db:
        create_user(db, "admin@gemeente.nl", "a long enough password", Role.ADMIN)


def audited(action: str) -> list[tuple[str, str]]:
    with session_scope() as db:
        rows = db.query(AuditEntry).filter_by(action=action).order_by(AuditEntry.id)
        return [(row.user_email, row.target) for row in rows]


def test_an_admin_adds_a_user_with_a_strong_one_time_password() -> None:
    accounts_with_admin()
    with session_scope() as db:
        password = add_user(db, "admin@gemeente.nl", " K.Bakker@Example.org ", "Kees", "consultant")
    assert len(password.replace("-", "")) == 20 and password != new_password()
    with session_scope() as db:
        user = log_in(db, "k.bakker@example.org", password, NOW).user
        listed = accounts(db, NOW)
    assert user is not None and user.role is Role.CONSULTANT
    assert [(a.email, a.name, a.role, a.locked) for a in listed] == [
        ("admin@gemeente.nl", "", Role.ADMIN, False),
        ("k.bakker@example.org", "Kees", Role.CONSULTANT, False),
    ]
    assert audited("user_create") == [("admin@gemeente.nl", "k.bakker@example.org (consultant)")]


@pytest.mark.parametrize(
    ("email", "role", "message"),
    [
        ("admin@gemeente.nl", "reviewer", "Er is al een gebruiker"),
        ("ADMIN@gemeente.nl ", "reviewer", "Er is al een gebruiker"),
        ("geen-adres", "reviewer", "geldig e-mailadres"),
        ("twee@@gemeente.nl", "reviewer", "geldig e-mailadres"),
        ("", "reviewer", "geldig e-mailadres"),
        ("nieuw@gemeente.nl", "superuser", "bestaande rol"),
    ],
)
def test_refused_new_users_say_why_in_dutch(email: str, role: str, message: str) -> None:
    accounts_with_admin()
    with pytest.raises(AccountError, match=message), session_scope() as db:
        add_user(db, "admin@gemeente.nl", email, "", role)
    with session_scope() as db:
        assert [a.email for a in accounts(db, NOW)] == ["admin@gemeente.nl"]
    assert audited("user_create") == []


def test_role_changes_keep_an_admin_and_are_audited() -> None:
    accounts_with_admin()
    with session_scope() as db:
        add_user(db, "admin@gemeente.nl", "r@gemeente.nl", "", "reviewer")
    with pytest.raises(AccountError, match="eigen rol"), session_scope() as db:
        change_role(db, "admin@gemeente.nl", "admin@gemeente.nl", "consultant")
    with pytest.raises(AccountError, match="laatste admin"), session_scope() as db:
        change_role(db, "cli", "admin@gemeente.nl", "reviewer")  # e.g. a script, not the admin
    with pytest.raises(AccountError, match="bestaande rol"), session_scope() as db:
        change_role(db, "admin@gemeente.nl", "r@gemeente.nl", "root")
    with pytest.raises(AccountError, match="geen gebruiker"), session_scope() as db:
        change_role(db, "admin@gemeente.nl", "nobody@gemeente.nl", "admin")
    with session_scope() as db:
        change_role(db, "admin@gemeente.nl", "r@gemeente.nl", "admin")
    with session_scope() as db:
        change_role(db, "r@gemeente.nl", "admin@gemeente.nl", "consultant")  # two admins: fine
        assert find_user(db, "admin@gemeente.nl") == StaffUser("admin@gemeente.nl", Role.CONSULTANT)
    assert audited("user_role") == [
        ("admin@gemeente.nl", "r@gemeente.nl: reviewer -> admin"),
        ("r@gemeente.nl", "admin@gemeente.nl: admin -> consultant"),
    ]


def test_delete_refuses_yourself_and_the_last_admin() -> None:
    accounts_with_admin()
    with session_scope() as db:
        add_user(db, "admin@gemeente.nl", "c@gemeente.nl", "", "consultant")
    with pytest.raises(AccountError, match="eigen account"), session_scope() as db:
        delete_user(db, "admin@gemeente.nl", "admin@gemeente.nl")
    with pytest.raises(AccountError, match="laatste admin"), session_scope() as db:
        delete_user(db, "c@gemeente.nl", "admin@gemeente.nl")
    with session_scope() as db:
        delete_user(db, "admin@gemeente.nl", "C@gemeente.nl")
    with session_scope() as db:
        assert find_user(db, "c@gemeente.nl") is None
    assert audited("user_delete") == [("admin@gemeente.nl", "c@gemeente.nl (consultant)")]


def test_reset_password_and_unlock() -> None:
    accounts_with_admin()
    with session_scope() as db:
        first = add_user(db, "admin@gemeente.nl", "c@gemeente.nl", "", "consultant")
    for _ in range(5):
        with session_scope() as db:
            log_in(db, "c@gemeente.nl", "wrong", NOW)
    with session_scope() as db:
        assert [a.locked for a in accounts(db, NOW) if a.email == "c@gemeente.nl"] == [True]
        unlock(db, "admin@gemeente.nl", "c@gemeente.nl")
    with session_scope() as db:
        assert log_in(db, "c@gemeente.nl", first, NOW).user is not None
        second = reset_password(db, "admin@gemeente.nl", "c@gemeente.nl")
    with session_scope() as db:
        assert log_in(db, "c@gemeente.nl", first, NOW).user is None
        assert log_in(db, "c@gemeente.nl", second, NOW).user is not None
    assert audited("user_unlock") == [("admin@gemeente.nl", "c@gemeente.nl")]
    assert audited("user_password") == [("admin@gemeente.nl", "c@gemeente.nl")]


def test_the_audit_log_filters_by_user_and_action_newest_first() -> None:
    migrate()
    with session_scope() as db:
        for email, action in [("a@x.nl", "login"), ("b@x.nl", "login"), ("a@x.nl", "export_nlu")]:
            audit(db, email, action, "t")
    with session_scope() as db:
        newest = audit_log(db)[0]
        assert (newest.user_email, newest.action) == ("a@x.nl", "export_nlu")
        assert [e.user_email for e in audit_log(db, action="login")] == ["b@x.nl", "a@x.nl"]
        assert [e.action for e in audit_log(db, user="A@X")] == ["export_nlu", "login"]
        assert audit_log(db, user="%") == []  # a wildcard is just a character
        assert len(audit_log(db, limit=2)) == 2
        assert audit_actions(db) == ["export_nlu", "login"]


def test_a_password_reset_or_a_recreated_account_ends_old_sessions(sqlite_url: str) -> None:
    from bot.console.staff.accounts import session_user

    migrate(sqlite_url)
    with session_scope() as db:
        create_user(db, "s@gemeente.nl", "a long enough password", Role.REVIEWER)
    with session_scope() as db:
        result = log_in(db, "s@gemeente.nl", "a long enough password", NOW)
    assert result.user is not None and result.stamp
    cookie = sessions.encode(sessions.new_session("s@gemeente.nl", result.stamp), "k")
    session = sessions.decode(cookie, "k")
    assert session is not None and session.stamp == result.stamp
    with session_scope() as db:
        assert session_user(db, session.email, session.stamp) == result.user
        assert session_user(db, session.email, "forged") is None
        reset_password(db, "admin@gemeente.nl", "s@gemeente.nl")
    with session_scope() as db:
        assert session_user(db, session.email, session.stamp) is None


def test_changing_your_own_password_checks_the_current_one_and_the_repeat(
    sqlite_url: str,
) -> None:
    from bot.console.staff.accounts import change_own_password, session_user

    migrate(sqlite_url)
    with session_scope() as db:
        create_user(db, "o@gemeente.nl", "the first password", Role.CONSULTANT)
    refusals = (
        ("wrong", "a second password", "a second password", "klopt niet"),
        ("the first password", "a second password", "another one!!", "niet gelijk"),
        ("the first password", "short", "short", "minstens 12"),
        ("the first password", "the first password", "the first password", "ander wachtwoord"),
    )
    for current, new, repeat, reason in refusals:
        with session_scope() as db, pytest.raises(AccountError, match=reason):
            change_own_password(db, "o@gemeente.nl", current, new, repeat)
    with session_scope() as db:
        stamp = change_own_password(
            db, "o@gemeente.nl", "the first password", "a second password", "a second password"
        )
    with session_scope() as db:
        assert session_user(db, "o@gemeente.nl", stamp) is not None
        assert log_in(db, "o@gemeente.nl", "a second password", NOW).user is not None


def test_each_staff_member_may_choose_the_consoles_language(sqlite_url: str) -> None:
    migrate(sqlite_url)
    with session_scope() as db:
        create_user(db, "e@gemeente.nl", "a long enough password", Role.CONSULTANT)
        choose_language(db, "e@gemeente.nl", "en")
    with session_scope() as db:
        assert find_user(db, "e@gemeente.nl") == StaffUser("e@gemeente.nl", Role.CONSULTANT, "en")
        with pytest.raises(AccountError, match="talen van de console"):
            choose_language(db, "e@gemeente.nl", "tlh")
        choose_language(db, "e@gemeente.nl", "")
    with session_scope() as db:
        assert find_user(db, "e@gemeente.nl").language is None
        assert audit_actions(db) == ["own_language"]
