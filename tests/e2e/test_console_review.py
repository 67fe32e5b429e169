"""Reviewing in the console: filters, tags and notes, and the statistics page with its charts."""

from __future__ import annotations

import uuid
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from tests.e2e.conftest import SHOTS
from tests.e2e.console_fixtures import console, login
from tests.e2e.stack import Stack

__all__ = ["console"]
TODAY = datetime.now(ZoneInfo("Europe/Amsterdam")).date()


def test_reviewer_filters_tags_and_annotates_conversations(
    stack: Stack, console: str, browser
) -> None:  # type: ignore[no-untyped-def]
    arabic, dutch = uuid.uuid4().hex, uuid.uuid4().hex
    stack.text(arabic, "متى ينتهي موعد الاندماج الخاص بي؟", language="ar")
    stack.text(dutch, "wat is de pvt eigenlijk", language="nl")
    stack.text(dutch, "qwx zzkv plof", language="nl")  # not understood
    page = login(browser, console, "reviewer@gemeente.nl")

    page.select_option("select[name=language]", "ar")
    page.get_by_role("button", name="Toon").click()
    listing = page.inner_text("main")
    assert f"rest:{arabic}" in listing and f"rest:{dutch}" not in listing

    page.goto(f"{console}/conversations?language=nl&fallback=1&since={TODAY.isoformat()}")
    listing = page.inner_text("main")
    assert f"rest:{dutch}" in listing and f"rest:{arabic}" not in listing
    yesterday = (TODAY - timedelta(days=1)).isoformat()
    page.goto(f"{console}/conversations?until={yesterday}")
    assert f"rest:{dutch}" not in page.inner_text("main")
    page.goto(f"{console}/conversations?linked=yes")
    assert f"rest:{dutch}" not in page.inner_text("main")

    page.goto(f"{console}/conversations?q=pvt")
    page.get_by_role("link", name=f"rest:{dutch}").click()
    page.fill("input[name=tag]", "Voor training")
    page.get_by_role("button", name="Label toevoegen").click()
    page.fill("#note", "Onzin-bericht; geen actie nodig. Bel 0612345678 niet.")
    page.get_by_role("button", name="Notitie opslaan").click()
    assert "voor training" in page.inner_text("#tags")
    notes = page.inner_text("main")
    assert "Onzin-bericht" in notes and "0612345678" not in notes  # masked for reviewers
    page.goto(f"{console}/conversations?tag=voor+training")
    assert f"rest:{dutch}" in page.inner_text("main")
    page.screenshot(path=str(SHOTS / "console-filtered-list.png"), full_page=True)
    page.close()


def test_statistics_show_charts_and_the_figures_behind_them(
    stack: Stack, console: str, browser
) -> None:  # type: ignore[no-untyped-def]
    sender = uuid.uuid4().hex
    stack.text(sender, "ik wil met een mens praten", language="nl")
    stack.text(sender, "/feedback_bad", language="nl")
    page = login(browser, console, "k.bakker@example.org")  # consultants see the statistics too
    page.get_by_role("link", name="Statistieken").click()
    assert page.locator("main svg[role=img]").count() == 6
    table = page.inner_text("#languages")
    assert "Nederlands" in table
    assert "gesprek(ken)" in page.inner_text("#totals")
    assert "👎" in page.inner_text("main")
    page.screenshot(path=str(SHOTS / "console-statistics.png"), full_page=True)
    page.goto(f"{console}/statistics?since=2020-01-01&until=2020-01-31")
    assert page.inner_text("#totals").startswith("0 gesprek(ken)")
    page.close()


def test_a_consultant_annotates_only_their_own_conversations(
    stack: Stack, console: str, browser
) -> None:  # type: ignore[no-untyped-def]
    own, other = uuid.uuid4().hex, uuid.uuid4().hex
    stack.link(own, "DEMO-0007", language="en")  # Kees Bakker's case
    stack.link(other, "DEMO-0001", language="en")
    page = login(browser, console, "k.bakker@example.org")
    page.goto(f"{console}/conversations/rest:{own}")
    page.fill("#note", "Called back on Monday.")
    page.get_by_role("button", name="Notitie opslaan").click()
    assert "Called back on Monday." in page.inner_text("main")
    csrf = page.locator("input[name=csrf]").first.get_attribute("value") or ""
    refused = page.request.post(
        f"{console}/conversations/rest:{other}/notes", form={"csrf": csrf, "note": "x"}
    )
    assert refused.status == 403
    refused = page.request.post(
        f"{console}/conversations/rest:{other}/tags", form={"csrf": csrf, "tag": "x"}
    )
    assert refused.status == 403
    page.close()
