"""The staff console in headless Chromium against the real stack's databases."""

from __future__ import annotations

import subprocess
import sys
import uuid
from pathlib import Path

from bot.settings import ROOT
from bot.store.db import engine_for, session_scope
from bot.store.models import AuditEntry, HandoffRequest
from tests.e2e.conftest import SHOTS
from tests.e2e.console_fixtures import console, login
from tests.e2e.stack import Stack

__all__ = ["console"]  # the module-scoped fixture, imported for pytest


def test_wrong_password_is_refused(console: str, browser) -> None:  # type: ignore[no-untyped-def]
    page = login(browser, console, "reviewer@gemeente.nl", "not the password")
    assert "klopt niet" in page.inner_text("[role=alert]")
    page.close()


def test_reviewer_reads_masked_transcripts_and_marks_them_reviewed(
    stack: Stack, console: str, browser
) -> None:  # type: ignore[no-untyped-def]
    sender = uuid.uuid4().hex
    stack.text(sender, "mijn bsn is 111222333 en mijn mail is sara@example.org", language="nl")
    page = login(browser, console, "reviewer@gemeente.nl")
    page.fill("input[name=q]", "sara@example.org")  # personal data: not for reviewers
    page.get_by_role("button", name="Toon").click()
    assert "kan niet met de rol reviewer" in page.inner_text("[role=alert]")
    page.fill("input[name=q]", "en mijn mail is")
    page.get_by_role("button", name="Toon").click()
    page.get_by_role("link", name=f"rest:{sender}").click()
    body = page.inner_text("main")
    assert "[BSN]" in body and "[e-mailadres]" in body and "111222333" not in body
    page.screenshot(path=str(SHOTS / "console-transcript.png"))
    page.get_by_role("button", name="Markeer als beoordeeld").click()
    page.goto(f"{console}/conversations?unreviewed=1&q=en+mijn+mail+is")
    assert f"rest:{sender}" not in page.inner_text("main")
    response = page.goto(f"{console}/admin/users")
    assert response is not None and response.status == 403
    with session_scope(engine_for(stack.env["DATABASE_URL"])) as db:
        audit = db.query(AuditEntry).filter_by(target=f"rest:{sender}")
        actions = sorted(entry.action for entry in audit)
    assert actions == [
        "mark_reviewed",
        "view_transcript",
        "view_transcript",
    ]  # opened, marked, shown
    page.close()


def test_a_consultant_sees_only_their_own_caseload(stack: Stack, console: str, browser) -> None:  # type: ignore[no-untyped-def]
    own, other = uuid.uuid4().hex, uuid.uuid4().hex
    stack.link(own, "DEMO-0007", language="en")  # consultant Kees Bakker
    stack.link(other, "DEMO-0001", language="en")  # consultant Mirjam de Vries
    page = login(browser, console, "k.bakker@example.org")
    listing = page.inner_text("main")
    assert f"rest:{own}" in listing and f"rest:{other}" not in listing
    response = page.goto(f"{console}/conversations/rest:{other}")
    assert response is not None and response.status == 403
    page.goto(f"{console}/conversations/rest:{own}")
    assert "Samuel" in page.inner_text("main")  # not masked for the case's own consultant
    page.close()


def test_an_admin_sees_the_users(console: str, browser) -> None:  # type: ignore[no-untyped-def]
    page = login(browser, console, "admin@gemeente.nl")
    page.goto(f"{console}/admin/users")
    assert "reviewer@gemeente.nl" in page.inner_text("main")
    page.close()


def test_flagged_messages_export_as_valid_nlu_yaml(
    stack: Stack, console: str, browser, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    sender = uuid.uuid4().hex
    stack.text(sender, "tot wanneer heb ik tijd voor alles", language="nl")
    page = login(browser, console, "reviewer@gemeente.nl")
    page.goto(f"{console}/conversations/rest:{sender}")
    form = page.locator("form[action$='/flag']").first
    form.locator("select").select_option("ask_deadline")
    form.get_by_role("button", name="Markeer").click()
    page.goto(f"{console}/export")
    assert "tot wanneer heb ik tijd voor alles" in page.inner_text("main")
    download = page.request.get(f"{console}/export/nl.yml")
    assert download.status == 200
    exported = tmp_path / "flagged.yml"
    exported.write_text(download.text(), encoding="utf-8")
    rasa = Path(sys.executable).parent / "rasa"
    check = subprocess.run(
        [str(rasa), "data", "validate", "--domain", "domain.yml", "--data", str(exported)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env={**stack.env},
        timeout=300,
    )
    assert check.returncode == 0, check.stdout[-2000:] + check.stderr[-2000:]
    page.close()


def test_a_consultant_takes_and_closes_a_handoff(stack: Stack, console: str, browser) -> None:  # type: ignore[no-untyped-def]
    sender = uuid.uuid4().hex
    stack.link(sender, "DEMO-0007", language="en")
    stack.text(sender, "why is my exam not registered yet")
    stack.text(sender, "I want to talk to a real person please")
    stack.text(sender, "hello?? I want a human")  # asking again adds to the one request
    page = login(browser, console, "k.bakker@example.org")
    page.goto(f"{console}/handoffs")
    row = page.locator("tr", has_text=f"rest:{sender}")
    assert row.count() == 1
    assert (
        "DEMO-0007" in row.inner_text() and "why is my exam not registered yet" in row.inner_text()
    )
    assert "2 keer gevraagd" in row.inner_text()
    row.get_by_role("link", name=f"rest:{sender}").click()
    page.get_by_role("button", name="Oppakken").click()
    assert "k.bakker@example.org" in page.inner_text("#status")
    page.get_by_role("button", name="Afsluiten").click()
    assert f"rest:{sender}" not in page.inner_text("main")  # closed: not in the open view
    page.goto(f"{console}/handoffs?view=closed")
    assert f"rest:{sender}" in page.inner_text("main")
    other = uuid.uuid4().hex  # a request from Mirjam de Vries's caseload
    stack.link(other, "DEMO-0001", language="en")
    stack.text(other, "I want to talk to a real person please")
    with session_scope(engine_for(stack.env["DATABASE_URL"])) as db:
        foreign = db.query(HandoffRequest).filter_by(sender_id=f"rest:{other}").one().id
    assert page.goto(f"{console}/handoffs/{foreign}").status == 403  # type: ignore[union-attr]
    csrf = page.locator("input[name=csrf]").first.get_attribute("value")
    refused = page.request.post(f"{console}/handoffs/{foreign}/close", form={"csrf": csrf or ""})
    assert refused.status == 403
    page.close()


def test_a_consultant_finds_a_case_and_makes_a_link_code_with_qr(
    stack: Stack, console: str, browser
) -> None:  # type: ignore[no-untyped-def]
    page = login(browser, console, "k.bakker@example.org")
    page.goto(f"{console}/cases")
    listing = page.inner_text("main")
    assert "DEMO-0007" in listing and "DEMO-0001" not in listing  # only the own caseload
    page.get_by_role("link", name="DEMO-0007").click()
    assert "Wet inburgering 2021" in page.inner_text("main")
    page.get_by_role("button", name="Nieuwe koppelcode maken").click()
    code = page.inner_text("#link-code")
    assert page.locator("svg.segno").count() == 1
    page.screenshot(path=str(SHOTS / "console-link-code.png"))
    assert "Samuel" in stack.text(uuid.uuid4().hex, code, language="en")  # the code links
    response = page.goto(f"{console}/cases/DEMO-0001")
    assert response is not None and response.status == 403
    page.close()
    reviewer = login(browser, console, "reviewer@gemeente.nl")
    response = reviewer.goto(f"{console}/cases")
    assert response is not None and response.status == 403
    reviewer.close()
