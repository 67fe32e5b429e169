"""The console's admin pages in headless Chromium: accounts, settings and the audit log."""

from __future__ import annotations

import uuid
from datetime import datetime

import pytest
from playwright.sync_api import Browser, Locator, Page

from bot.console.permissions import Role
from bot.console.staff.accounts import create_user, find_user, log_in
from bot.store.db import engine_for, session_scope
from bot.store.models import AuditEntry
from tests.e2e.conftest import SHOTS
from tests.e2e.console_fixtures import PASSWORD, console, login
from tests.e2e.stack import Stack

__all__ = ["console"]  # the module-scoped fixture, imported for pytest

ADMIN = "admin@gemeente.nl"
ADMIN_PAGES = ("/admin/users", "/admin/settings", "/admin/audit")
ADMIN_POSTS = (
    "/admin/users",
    "/admin/users/role",
    "/admin/users/password",
    "/admin/users/unlock",
    "/admin/users/delete",
)


def new_user(stack: Stack, role: Role) -> str:
    """A fresh account (unique address: the stack's database is shared by all test modules)."""
    email = f"{role.value}-{uuid.uuid4().hex[:10]}@gemeente.nl"
    with session_scope(engine_for(stack.env["DATABASE_URL"])) as db:
        create_user(db, email, PASSWORD, role)
    return email


def role_of(stack: Stack, email: str) -> Role | None:
    with session_scope(engine_for(stack.env["DATABASE_URL"])) as db:
        user = find_user(db, email)
    return user.role if user else None


def audited(stack: Stack, action: str, target: str) -> list[str]:
    with session_scope(engine_for(stack.env["DATABASE_URL"])) as db:
        rows = db.query(AuditEntry).filter_by(action=action, target=target)
        return [row.user_email for row in rows]


def csrf(page: Page) -> str:
    return page.locator("input[name=csrf]").first.get_attribute("value") or ""


def row(page: Page, email: str) -> Locator:
    return page.locator("tbody tr", has_text=email)


def status_of(page: Page, path: str) -> int:
    response = page.goto(path)
    assert response is not None
    return response.status


def test_admin_creates_a_consultant_who_logs_in_with_the_shown_password(
    stack: Stack, console: str, browser: Browser
) -> None:
    email = f"nieuw-{uuid.uuid4().hex[:10]}@gemeente.nl"
    admin = login(browser, console, ADMIN)
    admin.goto(f"{console}/admin/users")
    admin.fill("#new-email", email.upper())
    admin.fill("#new-name", "Nieuwe Consulent")
    admin.select_option("#new-role", "consultant")
    admin.get_by_role("button", name="Gebruiker aanmaken").click()
    password = admin.inner_text("#one-time-password").strip()
    assert len(password) >= 12 and "consultant" in row(admin, email).inner_text()
    admin.screenshot(path=str(SHOTS / "console-users.png"), full_page=True)
    admin.reload()  # shown once: not on the next visit of the page
    assert admin.locator("#one-time-password").count() == 0
    assert audited(stack, "user_create", f"{email} (consultant)") == [ADMIN]

    user = login(browser, console, email, password)
    assert status_of(user, f"{console}/cases") == 200
    assert status_of(user, f"{console}/admin/users") == 403
    user.close()

    admin.goto(f"{console}/admin/users")
    admin.fill("#new-email", email)
    admin.get_by_role("button", name="Gebruiker aanmaken").click()
    assert "Er is al een gebruiker met het e-mailadres" in admin.inner_text("[role=alert]")
    for form, message in [
        ({"email": "geen-adres", "role": "consultant"}, "geldig e-mailadres"),
        ({"email": f"x-{email}", "role": "superuser"}, "bestaande rol"),
    ]:
        refused = admin.request.post(f"{console}/admin/users", form={**form, "csrf": csrf(admin)})
        assert refused.status == 400 and message in refused.text()
    admin.close()


def test_a_role_change_and_a_delete_apply_to_an_open_session(
    stack: Stack, console: str, browser: Browser
) -> None:
    email = new_user(stack, Role.CONSULTANT)
    user = login(browser, console, email)
    assert status_of(user, f"{console}/cases") == 200
    admin = login(browser, console, ADMIN)
    admin.goto(f"{console}/admin/users")
    row(admin, email).locator("select[name=role]").select_option("reviewer")
    row(admin, email).get_by_role("button", name="Rol opslaan").click()
    assert "De rol is gewijzigd." in admin.inner_text("[role=status]")
    assert "reviewer" in row(admin, email).inner_text()
    assert role_of(stack, email) is Role.REVIEWER
    assert audited(stack, "user_role", f"{email}: consultant -> reviewer") == [ADMIN]
    assert status_of(user, f"{console}/cases") == 403  # the same session, without the old rights
    assert status_of(user, f"{console}/export") == 200

    row(admin, email).get_by_label("zeker").check()
    row(admin, email).get_by_role("button", name="Verwijderen").click()
    assert "De gebruiker is verwijderd." in admin.inner_text("[role=status]")
    assert email not in admin.inner_text("main") and role_of(stack, email) is None
    assert audited(stack, "user_delete", f"{email} (reviewer)") == [ADMIN]
    user.goto(f"{console}/conversations")
    assert user.url.endswith("/login")  # the deleted user's session is void
    user.close()
    admin.close()


def test_admin_unlocks_an_account_and_resets_its_password(
    stack: Stack, console: str, browser: Browser
) -> None:
    email = new_user(stack, Role.REVIEWER)
    for _ in range(5):
        with session_scope(engine_for(stack.env["DATABASE_URL"])) as db:
            log_in(db, email, "not the password", datetime.utcnow())
    locked = login(browser, console, email)
    assert "Te veel mislukte pogingen" in locked.inner_text("[role=alert]")
    locked.close()

    admin = login(browser, console, ADMIN)
    admin.goto(f"{console}/admin/users")
    assert "geblokkeerd" in row(admin, email).inner_text()
    row(admin, email).get_by_role("button", name="Ontgrendelen").click()
    assert "Het account is ontgrendeld." in admin.inner_text("[role=status]")
    assert "actief" in row(admin, email).inner_text()
    assert audited(stack, "user_unlock", email) == [ADMIN]
    unlocked = login(browser, console, email)
    assert unlocked.url.endswith("/conversations")
    unlocked.close()

    row(admin, email).get_by_role("button", name="Nieuw wachtwoord").click()
    password = admin.inner_text("#one-time-password").strip()
    assert password != PASSWORD and len(password) >= 12
    assert audited(stack, "user_password", email) == [ADMIN]
    old = login(browser, console, email)
    assert "klopt niet" in old.inner_text("[role=alert]")
    old.close()
    new = login(browser, console, email, password)
    assert new.url.endswith("/conversations")
    new.close()
    admin.close()


def test_an_admin_cannot_demote_or_delete_themselves(
    stack: Stack, console: str, browser: Browser
) -> None:
    admin = login(browser, console, ADMIN)
    admin.goto(f"{console}/admin/users")
    own = row(admin, f"{ADMIN} (jij)")
    assert own.locator("select[name=role]").count() == 0  # no controls for it in the page
    assert own.get_by_role("button", name="Verwijderen").count() == 0
    token = csrf(admin)
    for path, form, message in [
        ("/admin/users/role", {"role": "consultant"}, "eigen rol"),
        ("/admin/users/delete", {}, "eigen account"),
    ]:
        refused = admin.request.post(
            f"{console}{path}", form={**form, "email": ADMIN, "csrf": token}
        )
        assert refused.status == 400 and message in refused.text()
    assert role_of(stack, ADMIN) is Role.ADMIN
    admin.close()


@pytest.mark.parametrize("email", ["reviewer@gemeente.nl", "k.bakker@example.org"])
def test_other_roles_get_403_on_every_admin_page_and_action(
    stack: Stack, console: str, browser: Browser, email: str
) -> None:
    target = new_user(stack, Role.CONSULTANT)
    page = login(browser, console, email)
    for path in ADMIN_PAGES:
        assert status_of(page, f"{console}{path}") == 403, path
    form = {"csrf": csrf(page), "email": target, "role": "admin", "name": "x", "confirm": "on"}
    for path in ADMIN_POSTS:
        assert page.request.post(f"{console}{path}", form=form).status == 403, path
    assert role_of(stack, target) is Role.CONSULTANT
    page.close()


def test_the_settings_page_shows_no_secret_value(
    stack: Stack, console: str, browser: Browser
) -> None:
    admin = login(browser, console, ADMIN)
    admin.goto(f"{console}/admin/settings")
    html = admin.content()
    for name in ("ACTION_SERVER_TOKEN", "LINK_CODE_SECRET", "RELAY_TOKEN", "TELEGRAM_BOT_TOKEN"):
        value = stack.env.get(name, "")
        assert not value or value not in html, name
    for name in ("ACTION_SERVER_TOKEN", "CONSOLE_SECRET"):  # both set for the console
        assert admin.locator("tr", has_text=name).locator("td").first.inner_text() == "ingesteld"
    assert stack.env["DATABASE_URL"] in html  # SQLite: no password to mask
    assert "Ingeschakelde talen" in html and "nl (Nederlands)" in html
    admin.screenshot(path=str(SHOTS / "console-settings.png"), full_page=True)
    admin.get_by_role("link", name="Auditlog").first.click()
    admin.select_option("select[name=action]", "login")
    admin.fill("input[name=user]", ADMIN)
    admin.get_by_role("button", name="Toon").click()
    rows = admin.locator("tbody tr").all_inner_texts()
    assert rows and all(ADMIN in line and "login" in line for line in rows)
    admin.close()


def test_anyone_changes_their_own_password_and_other_sessions_end(
    stack: Stack, console: str, browser: Browser
) -> None:
    email = new_user(stack, Role.REVIEWER)
    elsewhere = login(browser, console, email)  # e.g. a second computer
    page = login(browser, console, email)
    page.get_by_role("link", name=email).click()
    page.fill("#current", "not my password")
    page.fill("#new", "a new password of mine")
    page.fill("#repeat", "a new password of mine")
    page.get_by_role("button", name="Wachtwoord wijzigen").click()
    assert "klopt niet" in page.inner_text("[role=alert]")
    page.fill("#current", PASSWORD)
    page.fill("#new", "a new password of mine")
    page.fill("#repeat", "a new password of mine")
    page.get_by_role("button", name="Wachtwoord wijzigen").click()
    assert "gewijzigd" in page.inner_text("#changed")
    assert status_of(page, f"{console}/conversations") == 200  # this session goes on
    elsewhere.goto(f"{console}/conversations")
    assert elsewhere.url.endswith("/login")  # the other one has ended
    assert audited(stack, "own_password", email) == [email]
    again = login(browser, console, email, "a new password of mine")
    assert "Uitloggen" in again.inner_text("header")
    for opened in (elsewhere, page, again):
        opened.close()


def test_a_staff_member_reads_the_console_in_english(
    stack: Stack, console: str, browser: Browser
) -> None:
    email = new_user(stack, Role.CONSULTANT)
    page = login(browser, console, email)
    page.get_by_role("link", name=email).click()
    page.select_option("#language", "en")
    page.get_by_role("button", name="Taal opslaan").click()
    assert "Log out" in page.inner_text("header") and page.get_attribute("html", "lang") == "en"
    assert status_of(page, f"{console}/admin/users") == 403
    assert "This page is not for your role." in page.inner_text("main")
    assert email in audited(stack, "own_language", "en")
    colleague = login(browser, console, ADMIN)  # everyone else keeps the console's language
    assert "Uitloggen" in colleague.inner_text("header")
    page.goto(f"{console}/account")
    page.select_option("#language", "")
    page.get_by_role("button", name="Save language").click()
    assert "Uitloggen" in page.inner_text("header") and page.get_attribute("html", "lang") == "nl"
    page.close()
    colleague.close()
