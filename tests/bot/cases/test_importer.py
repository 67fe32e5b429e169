import json
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from bot.cases.importer import CSV_COLUMNS, parse_file, parse_text

GOOD = {
    "case_ref": "DEMO-0001",
    "full_name": "Sara Tesfaye",
    "language": "ti",
    "category": "asylum",
    "obligation_start": "2024-03-01",
    "pip_date": "2024-06-10",
    "term_end": "2027-06-11",
    "route": "z",
    "step": 3,
    "consultant": {"name": "Mirjam de Vries", "phone": "0255 567200", "email": "m@example.org"},
    "intake": {"first": "2024-04-02", "second": "2024-04-16", "learnability_test": "2024-04-16"},
    "pvt": {"status": "scheduled", "date": "2025-02-03"},
    "map": {"status": "not_started", "date": None},
    "exams": [{"part": "knm", "status": "planned", "date": "2025-05-20"}],
    "duo_loan": {"borrowed_eur": 0},
}


def as_json(*cases: dict) -> str:
    return json.dumps({"cases": list(cases)}, indent=2, ensure_ascii=False)


def problems_of(text: str, kind: str = "json") -> list[str]:
    return [str(p) for p in parse_text(text, "f." + kind, kind).problems]


def test_the_documented_example_imports() -> None:
    result = parse_text(as_json(GOOD), "f.json", "json")
    assert result.problems == []
    case = result.cases[0]
    assert case.pip_date == date(2024, 6, 10) and case.route == "z" and case.step == 3
    assert case.exams[0].part == "knm" and case.borrowed_eur == Decimal("0.00")


def test_only_four_fields_are_required() -> None:
    minimal = {k: GOOD[k] for k in ("case_ref", "full_name", "category", "obligation_start")}
    result = parse_text(as_json(minimal), "f.json", "json")
    assert result.problems == [] and result.cases[0].pvt_status == "not_started"


def test_every_problem_names_file_line_and_field() -> None:
    bad = dict(GOOD, category="refugee", obligation_start="01-03-2024", step=9, route="fast")
    text = as_json(GOOD | {"case_ref": "DEMO-0002"}, bad)
    found = problems_of(text)
    lines = text.splitlines()
    assert len(found) == 4
    for problem in found:
        file, line, field, _reason = problem.split(":", 3)
        assert file == "f.json"
        assert f'"{field.strip()}"' in lines[int(line) - 1]
    assert any("category: 'refugee' is geen van: asylum, family, other" in p for p in found)
    assert any(
        "obligation_start: '01-03-2024' is geen datum in de vorm JJJJ-MM-DD" in p for p in found
    )


@pytest.mark.parametrize(
    ("change", "field", "reason"),
    [
        ({"case_ref": None}, "case_ref", "is verplicht"),
        ({"full_name": ""}, "full_name", "is verplicht"),
        ({"language": "Dutch"}, "language", "is geen taalcode"),
        ({"pip_date": "2024-02-30"}, "pip_date", "is geen datum"),
        ({"term_end": "2023-01-01"}, "term_end", "moet na obligation_start liggen"),
        ({"pvt": {"status": "done"}}, "pvt.status", "is geen van:"),
        ({"map": {"status": "skipped"}}, "map.status", "is geen van:"),
        ({"duo_loan": {"borrowed_eur": -5}}, "duo_loan.borrowed_eur", "is geen bedrag"),
        ({"duo_loan": {"borrowed_eur": "lots"}}, "duo_loan.borrowed_eur", "is geen bedrag"),
        ({"consultant": {"email": "not-an-address"}}, "consultant.email", "is geen e-mailadres"),
        ({"exams": [{"part": "ona", "status": "passed"}]}, "exams[0].part", "is geen van:"),
        ({"exams": [{"part": "knm", "status": "ok"}]}, "exams[0].status", "is geen van:"),
        ({"exams": [{"status": "passed"}]}, "exams[0].part", "is verplicht"),
        ({"exams": "knm"}, "exams", "moet een lijst zijn"),
        ({"step": "3a"}, "step", "is geen stap van 1 tot en met 7"),
        ({"obligation_start": "2021-05-01", "route": None, "step": 2}, "step", "heeft geen stap"),
        (
            {"obligation_start": "2021-05-01", "step": None},
            "route",
            "alleen onder de Wet inburgering 2021",
        ),
    ],
)
def test_each_kind_of_field_error(change: dict, field: str, reason: str) -> None:
    found = problems_of(as_json(GOOD | change))
    assert any(f": {field}: " in p and reason in p for p in found), found


def test_the_second_exam_error_points_at_the_second_exam() -> None:
    exams = [{"part": "knm", "status": "planned"}, {"part": "lezen", "status": "maybe"}]
    text = as_json(GOOD | {"exams": exams})
    (problem,) = problems_of(text)
    line = int(problem.split(":")[1])
    assert '"maybe"' in text.splitlines()[line - 1]


def test_duplicate_case_refs_in_one_file() -> None:
    found = problems_of(as_json(GOOD, GOOD))
    assert len(found) == 1 and "staat ook op regel" in found[0]


def test_broken_json_and_wrong_shape() -> None:
    assert problems_of('{"cases": [')[0].startswith("f.json:1: (bestand): geen geldige JSON")
    assert "het bestand moet de vorm" in problems_of('{"people": []}')[0]
    assert "bevat geen dossiers" in problems_of('{"cases": []}')[0]
    assert "moet een object zijn" in problems_of('{"cases": [42]}')[0]


def csv_text(*rows: dict) -> str:
    lines = [",".join(CSV_COLUMNS)]
    for row in rows:
        lines.append(",".join(str(row.get(column, "")) for column in CSV_COLUMNS))
    return "\n".join(lines) + "\n"


def test_csv_carries_the_same_fields_flattened() -> None:
    row = {
        "case_ref": "C-1",
        "full_name": "Elif Yilmaz",
        "category": "family",
        "obligation_start": "2025-02-01",
        "pip_date": "2025-05-20",
        "route": "b1",
        "consultant_name": "Kees",
        "pvt_status": "invited",
        "exams": "lezen:passed:2026-01-10;knm:planned",
        "duo_borrowed_eur": "4250.00",
    }
    result = parse_text(csv_text(row), "f.csv", "csv")
    assert result.problems == []
    case = result.cases[0]
    assert [(e.part, e.status, e.date) for e in case.exams] == [
        ("lezen", "passed", date(2026, 1, 10)),
        ("knm", "planned", None),
    ]
    assert case.borrowed_eur == Decimal("4250.00") and case.consultant.name == "Kees"


def test_csv_errors_name_the_row_line() -> None:
    good = {
        "case_ref": "C-1",
        "full_name": "A",
        "category": "family",
        "obligation_start": "2025-02-01",
    }
    text = csv_text(good, good | {"case_ref": "C-2", "category": "x", "exams": "knm"})
    found = problems_of(text, "csv")
    assert "f.csv:3: category: 'x' is geen van: asylum, family, other" in found
    assert "f.csv:3: exams: 'knm' is niet in de vorm part:status of part:status:date" in found


def test_csv_errors_name_the_column_as_it_is_in_the_file() -> None:
    row = {
        "case_ref": "C-1",
        "full_name": "A",
        "category": "family",
        "obligation_start": "2025-02-01",
        "consultant_email": "not-an-address",
        "duo_borrowed_eur": "veel",
        "pvt_date": "morgen",
        "exams": "knm:passed:gisteren",
    }
    found = problems_of(csv_text(row), "csv")
    assert any(p.startswith("f.csv:2: consultant_email: ") for p in found)
    assert any(p.startswith("f.csv:2: duo_borrowed_eur: ") for p in found)
    assert any(p.startswith("f.csv:2: pvt_date: ") for p in found)
    assert any(p.startswith("f.csv:2: exams: ") for p in found)


def test_csv_header_problems() -> None:
    found = problems_of("case_ref,full_name,colour\nA,B,red\n", "csv")
    assert "f.csv:1: colour: onbekende kolom" in found
    assert "f.csv:1: category: verplichte kolom ontbreekt" in found


def test_files_by_extension_and_encoding(tmp_path: Path) -> None:
    (tmp_path / "cases.txt").write_text("x")
    assert "gebruik een .json- of .csv-bestand" in str(
        parse_file(tmp_path / "cases.txt").problems[0]
    )
    (tmp_path / "cases.csv").write_bytes(b"case_ref\n\xff\xfe\n")
    assert "geen UTF-8-tekst" in str(parse_file(tmp_path / "cases.csv").problems[0])
