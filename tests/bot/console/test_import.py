"""Case import in the console: the upload checks, the caseload rule and the all-or-nothing write."""

from __future__ import annotations

import csv
import io
import json
from typing import Any

import pytest

from bot.cases.importer import CSV_COLUMNS, decode, kind_of, parse_text
from bot.console.permissions import Role, StaffUser
from bot.console.routes.cases import (
    MAX_UPLOAD,
    Upload,
    UploadRefused,
    caseload_check,
    caseload_problems,
    file_name,
    read_upload,
    run_import,
)
from bot.store.db import migrate, session_scope
from bot.store.repository import CaseRepository

ADMIN = StaffUser("admin@gemeente.nl", Role.ADMIN)
KEES = StaffUser("k.bakker@example.org", Role.CONSULTANT)
KEES_MAIL = {"name": "Kees Bakker", "email": "K.Bakker@example.org"}
MIRJAM_MAIL = {"name": "Mirjam de Vries", "email": "m.devries@example.org"}


def case(ref: str, consultant: dict[str, str] | None = None) -> dict[str, Any]:
    values: dict[str, Any] = {
        "case_ref": ref,
        "full_name": "Noor Hassan",
        "category": "family",
        "obligation_start": "2026-09-01",
    }
    return values | ({"consultant": consultant} if consultant else {})


def as_json(*cases: dict[str, Any]) -> str:
    return json.dumps({"cases": list(cases)}, indent=2)


def problems_for(user: StaffUser, text: str, kind: str = "json", owners: Any = None) -> list[str]:
    check = caseload_check(user, owners or {})
    return [str(p) for p in parse_text(text, f"f.{kind}", kind, check).problems]


# --- the upload ------------------------------------------------------------------------------
def test_only_the_file_name_is_kept_and_it_fits_the_audit_log() -> None:
    assert file_name("C:\\Users\\kees\\export.json") == "export.json"
    assert file_name("/tmp/a/b.csv") == "b.csv" and file_name(None) == ""
    assert len(file_name("x" * 400 + ".json")) == 200


def test_a_valid_upload_is_read_like_the_cli_reads_a_file() -> None:
    upload = read_upload("Export.JSON", b"\xef\xbb\xbf" + as_json(case("A-1")).encode())
    assert upload.kind == "json" and json.loads(upload.text)["cases"][0]["case_ref"] == "A-1"
    assert read_upload("cases.csv", b"case_ref\r\nA-1\r\n").text == "case_ref\nA-1\n"


@pytest.mark.parametrize(
    ("name", "data", "message", "status"),
    [
        ("", b"", "Kies eerst een bestand", 400),
        ("cases.xlsx", b"PK", "geen .json- of .csv-bestand", 400),
        ("cases", b"{}", "geen .json- of .csv-bestand", 400),
        ("cases.json", b" " * (MAX_UPLOAD + 1), "groter dan 5 MB", 413),
        (
            "cases.csv",
            b"case_ref\nA-1\n\xe9t\xe9\n",
            "geen UTF-8-tekst (eerste fout op regel 3)",
            400,
        ),
    ],
)
def test_unreadable_uploads_are_refused_with_a_dutch_message(
    name: str, data: bytes, message: str, status: int
) -> None:
    with pytest.raises(UploadRefused) as refused:
        read_upload(name, data)
    assert message in str(refused.value) and refused.value.status == status


def test_the_importer_helpers_agree_with_the_cli() -> None:
    assert kind_of("a.Json") == "json" and kind_of("a.csv") == "csv" and kind_of("a.txt") is None
    assert decode("Yılmaz\r\n".encode()) == "Yılmaz\n"


# --- the caseload rule -----------------------------------------------------------------------
def test_admins_import_any_case() -> None:
    assert caseload_check(ADMIN, {}) is None
    assert (
        caseload_problems(ADMIN, parse_text(as_json(case("A-1")), "f", "json").cases[0], {}) == []
    )


def test_a_consultant_imports_their_own_cases() -> None:
    assert problems_for(KEES, as_json(case("A-1", KEES_MAIL))) == []
    assert (
        problems_for(KEES, as_json(case("A-1", KEES_MAIL)), owners={"A-1": "k.bakker@example.org"})
        == []
    )


def test_a_colleagues_case_is_a_problem_on_the_line_of_its_email() -> None:
    text = as_json(case("A-1", KEES_MAIL), case("A-2", MIRJAM_MAIL), case("A-3"))
    lines = text.splitlines()
    mirjam = next(i for i, line in enumerate(lines, 1) if "m.devries@example.org" in line)
    problems = problems_for(KEES, text)
    assert len(problems) == 2
    assert problems[0].startswith(f"f.json:{mirjam}: consultant.email: consulent 'm.devries@")
    assert "consultant.email: consulent 'geen'" in problems[1]  # no consultant at all


def test_a_consultant_cannot_take_over_an_existing_case_of_a_colleague() -> None:
    problems = problems_for(
        KEES, as_json(case("DEMO-0001", KEES_MAIL)), owners={"DEMO-0001": "m.devries@example.org"}
    )
    assert len(problems) == 1 and "case_ref: dossier 'DEMO-0001' bestaat al" in problems[0]
    assert "m.devries" not in problems[0]  # the colleague is not named


def test_the_caseload_rule_works_on_csv_rows() -> None:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=CSV_COLUMNS)
    writer.writeheader()
    for ref, email in (("A-1", "k.bakker@example.org"), ("A-2", "m.devries@example.org")):
        writer.writerow(case(ref) | {"consultant_email": email})
    assert problems_for(KEES, out.getvalue(), "csv") == [
        "f.csv:3: consultant_email: consulent 'm.devries@example.org' is niet jouw "
        "e-mailadres (k.bakker@example.org); je mag alleen dossiers van je eigen caseload "
        "importeren"
    ]


def test_a_reviewer_could_import_nothing() -> None:
    reviewer = StaffUser("r@gemeente.nl", Role.REVIEWER)
    assert problems_for(reviewer, as_json(case("A-1", {"email": "r@gemeente.nl"})))


# --- the write -------------------------------------------------------------------------------
def test_a_file_with_any_problem_writes_nothing() -> None:
    migrate()
    upload = Upload("f.json", "json", as_json(case("A-1", KEES_MAIL), case("A-2", MIRJAM_MAIL)))
    with session_scope() as db:
        result, imported = run_import(db, KEES, upload)
    assert imported is None and [p.line for p in result.problems]
    with session_scope() as db:
        assert CaseRepository(db).count() == 0


def test_a_good_file_writes_and_counts_new_and_updated_cases() -> None:
    migrate()
    with session_scope() as db:
        run_import(db, ADMIN, Upload("f.json", "json", as_json(case("A-1", MIRJAM_MAIL))))
    text = as_json(case("A-1", KEES_MAIL), case("A-2", KEES_MAIL))
    with session_scope() as db:
        result, imported = run_import(db, ADMIN, Upload("f.json", "json", text))
    assert result.problems == [] and imported is not None
    assert (imported.total, imported.created, imported.updated) == (2, 1, 1)
