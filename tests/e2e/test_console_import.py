"""Case import in the staff console, in headless Chromium against the real stack's databases."""

from __future__ import annotations

import json
import uuid
from pathlib import Path
from typing import Any

from playwright.sync_api import Browser, Page

from bot.store.db import engine_for, session_scope
from bot.store.models import AuditEntry
from bot.store.repository import CaseRepository
from tests.e2e.conftest import SHOTS
from tests.e2e.console_fixtures import console, login
from tests.e2e.stack import Stack

__all__ = ["console"]  # the module-scoped fixture, imported for pytest

KEES = {"name": "Kees Bakker", "phone": "0255 567200", "email": "k.bakker@example.org"}
MIRJAM = {"name": "Mirjam de Vries", "phone": "0255 567200", "email": "m.devries@example.org"}


def new_ref() -> str:
    return f"IMP-{uuid.uuid4().hex[:8].upper()}"


def case(ref: str, consultant: dict[str, str], **changes: Any) -> dict[str, Any]:
    """A case in the format of bot/cases/demo/cases.json."""
    return {
        "case_ref": ref,
        "full_name": "Lina Haddad",
        "language": "ar",
        "category": "asylum",
        "obligation_start": "2025-01-15",
        "pip_date": "2025-04-22",
        "route": "b1",
        "step": 3,
        "consultant": consultant,
        "intake": {"first": "2025-02-11", "second": "2025-02-25"},
        "pvt": {"status": "invited"},
        "map": {"status": "not_started"},
        "exams": [{"part": "lezen", "status": "planned", "date": "2026-11-17"}],
        **changes,
    }


def write(tmp_path: Path, *cases: dict[str, Any]) -> Path:
    path = tmp_path / f"export-{uuid.uuid4().hex[:6]}.json"
    path.write_text(json.dumps({"cases": list(cases)}, indent=2), encoding="utf-8")
    return path


def upload(browser: Browser, console: str, email: str, path: Path) -> Page:
    page: Page = login(browser, console, email)
    page.goto(f"{console}/cases")
    page.get_by_role("link", name="Dossiers importeren").click()
    page.set_input_files("input[type=file]", str(path))
    page.get_by_role("button", name="Importeren").click()
    return page


def problem_rows(page: Page) -> list[list[str]]:
    rows = page.locator("#problems tbody tr")
    return [rows.nth(i).locator("td").all_inner_texts() for i in range(rows.count())]


def line_of(path: Path, text: str) -> str:
    lines = path.read_text(encoding="utf-8").splitlines()
    return str(next(number for number, line in enumerate(lines, 1) if text in line))


def stored(stack: Stack, *refs: str) -> list[str]:
    with session_scope(engine_for(stack.env["DATABASE_URL"])) as db:
        repo = CaseRepository(db)
        return [ref for ref in refs if repo.get(ref) is not None]


def audited(stack: Stack, path: Path) -> list[str]:
    with session_scope(engine_for(stack.env["DATABASE_URL"])) as db:
        return [e.user_email for e in db.query(AuditEntry).filter_by(target=path.name)]


def test_an_admin_imports_a_file_and_finds_the_case(
    stack: Stack, console: str, browser: Browser, tmp_path: Path
) -> None:
    first, second = new_ref(), new_ref()
    path = write(tmp_path, case(first, MIRJAM), case(second, KEES, step=4))
    page = upload(browser, console, "admin@gemeente.nl", path)
    assert "2 dossiers geïmporteerd (2 nieuw, 0 bijgewerkt)" in page.inner_text("#import-result")
    page.screenshot(path=str(SHOTS / "console-import.png"))
    page.goto(f"{console}/cases?q={first}")
    page.get_by_role("link", name=first).click()
    assert "Lina Haddad" in page.inner_text("main") and "Wet inburgering 2021" in page.inner_text(
        "main"
    )
    again = upload(browser, console, "admin@gemeente.nl", write(tmp_path, case(first, MIRJAM)))
    assert "1 dossier geïmporteerd (0 nieuw, 1 bijgewerkt)" in again.inner_text("#import-result")
    assert audited(stack, path) == ["admin@gemeente.nl"]
    page.close()
    again.close()


def test_a_file_with_errors_shows_every_problem_and_imports_nothing(
    stack: Stack, console: str, browser: Browser, tmp_path: Path
) -> None:
    good, bad = new_ref(), new_ref()
    path = write(tmp_path, case(good, KEES), case(bad, KEES, category="tourist", step=9))
    page = upload(browser, console, "admin@gemeente.nl", path)
    assert "Niets geïmporteerd: 2 problemen" in page.inner_text("[role=alert]")
    rows = problem_rows(page)
    assert [row[:3] for row in rows] == [
        [path.name, line_of(path, '"tourist"'), "category"],
        [path.name, line_of(path, '"step": 9'), "step"],
    ]
    assert "'tourist' is geen van:" in rows[0][3]
    page.screenshot(path=str(SHOTS / "console-import-problems.png"))
    assert stored(stack, good, bad) == []
    page.goto(f"{console}/cases?q={good}")
    assert "Geen dossiers gevonden" in page.inner_text("main")
    assert audited(stack, path) == ["admin@gemeente.nl"]  # refused imports are logged too
    page.close()


def test_unreadable_files_get_a_clear_message(
    console: str, browser: Browser, tmp_path: Path
) -> None:
    notes = tmp_path / "notes.txt"
    notes.write_text("not cases", encoding="utf-8")
    latin = tmp_path / "latin.csv"
    latin.write_bytes(b"case_ref,full_name\nA-1,Ren\xe9\n")
    page = upload(browser, console, "admin@gemeente.nl", notes)
    assert "geen .json- of .csv-bestand" in page.inner_text("[role=alert]")
    page.set_input_files("input[type=file]", str(latin))
    page.get_by_role("button", name="Importeren").click()
    assert "geen UTF-8-tekst (eerste fout op regel 2)" in page.inner_text("[role=alert]")
    page.close()


def test_a_consultant_cannot_import_a_colleagues_case(
    stack: Stack, console: str, browser: Browser, tmp_path: Path
) -> None:
    own, foreign = new_ref(), new_ref()
    path = write(tmp_path, case(own, KEES), case(foreign, MIRJAM))
    page = upload(browser, console, "k.bakker@example.org", path)
    assert "Niets geïmporteerd: 1 probleem" in page.inner_text("[role=alert]")
    [row] = problem_rows(page)
    assert row[:3] == [path.name, line_of(path, "m.devries@example.org"), "consultant.email"]
    assert "je eigen caseload" in row[3]
    assert stored(stack, own, foreign) == []
    takeover = write(tmp_path, case("DEMO-0001", KEES))  # Mirjam's case under Kees's name
    page.set_input_files("input[type=file]", str(takeover))
    page.get_by_role("button", name="Importeren").click()
    [row] = problem_rows(page)
    assert row[2] == "case_ref" and "hoort bij een andere consulent" in row[3]
    assert audited(stack, path) == audited(stack, takeover) == ["k.bakker@example.org"]
    mine = upload(browser, console, "k.bakker@example.org", write(tmp_path, case(own, KEES)))
    assert "1 dossier geïmporteerd (1 nieuw" in mine.inner_text("#import-result")
    page.close()
    mine.close()


def test_a_reviewer_may_not_import(console: str, browser: Browser, tmp_path: Path) -> None:
    page = login(browser, console, "reviewer@gemeente.nl")
    response = page.goto(f"{console}/cases/import")
    assert response is not None and response.status == 403
    csrf = page.locator("input[name=csrf]").first.get_attribute("value") or ""
    path = write(tmp_path, case(new_ref(), KEES))
    refused = page.request.post(
        f"{console}/cases/import",
        multipart={
            "csrf": csrf,
            "file": {
                "name": path.name,
                "mimeType": "application/json",
                "buffer": path.read_bytes(),
            },
        },
    )
    assert refused.status == 403 and "verlopen" not in refused.text()  # the CSRF token passed
    page.close()
