"""Reading cases from the municipality's JSON and CSV exports, with every problem reported.

A file is accepted whole or not at all: `parse_file` returns either cases or a list of problems
(`file:line: field: reason`); the caller writes only when there are no problems. A caller may add
its own check per case (the console: a consultant's own caseload); its problems count the same.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation
from pathlib import Path, PurePath
from typing import Any

from bot.cases.domain import (
    CATEGORIES,
    EXAM_PARTS_2013,
    EXAM_PARTS_2021,
    EXAM_STATUSES,
    MAP_STATUSES,
    PVT_STATUSES,
    ROUTES,
    Case,
    Consultant,
    Exam,
)
from bot.cases.rules import Law, law_for

CSV_COLUMNS = (
    "case_ref",
    "full_name",
    "language",
    "category",
    "obligation_start",
    "pip_date",
    "term_end",
    "route",
    "step",
    "consultant_name",
    "consultant_phone",
    "consultant_email",
    "intake_first",
    "intake_second",
    "learnability_test",
    "pvt_status",
    "pvt_date",
    "map_status",
    "map_date",
    "exams",
    "duo_borrowed_eur",
)
CSV_FIELDS = {  # where a nested field's CSV column is not its path with "_" for "."
    "intake.learnability_test": "learnability_test",
    "duo_loan.borrowed_eur": "duo_borrowed_eur",
}
REQUIRED = ("case_ref", "full_name", "category", "obligation_start")
_CASE_REF = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._/-]{0,63}$")
_LANGUAGE = re.compile(r"^[a-z]{2,3}$")
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
KINDS = ("json", "csv")

CaseCheck = Callable[[Case], Iterable[tuple[str, str]]]
"""A caller's own check of a valid case: (field, reason) pairs, reported on that field's line."""


@dataclass(frozen=True)
class Problem:
    file: str
    line: int
    field: str
    reason: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.field}: {self.reason}"


@dataclass(frozen=True)
class ParseResult:
    cases: list[Case]
    problems: list[Problem]


class _Record:
    """One case's raw values, the line of each field, and each field's name in the file."""

    def __init__(
        self,
        values: Mapping[str, Any],
        line_of: Callable[[str], int],
        name_of: Callable[[str], str] = lambda field: field,
    ) -> None:
        self.values = values
        self.line_of = line_of
        self.name_of = name_of

    def problem(self, file: str, field: str, reason: str) -> Problem:
        return Problem(file, self.line_of(field), self.name_of(field), reason)


class _Checker:
    def __init__(
        self, file: str, record: _Record, problems: list[Problem], prefix: str = ""
    ) -> None:
        self.file, self.record, self.problems, self.prefix = file, record, problems, prefix

    def fail(self, field: str, reason: str) -> None:
        self.problems.append(self.record.problem(self.file, self.prefix + field, reason))

    def raw(self, path: str) -> Any:
        value: Any = self.record.values
        for part in path.split("."):
            if not isinstance(value, Mapping):
                return None
            value = value.get(part)
        if isinstance(value, str):
            value = value.strip()
            return value or None
        return value

    def text(self, path: str, max_length: int = 200) -> str | None:
        value = self.raw(path)
        if value is None:
            return None
        if not isinstance(value, str | int):
            self.fail(path, "moet tekst zijn")
            return None
        if len(str(value)) > max_length:
            self.fail(path, f"langer dan {max_length} tekens")
            return None
        return str(value)

    def day(self, path: str) -> date | None:
        value = self.raw(path)
        if value is None:
            return None
        try:
            if not isinstance(value, str) or not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
                raise ValueError
            return date.fromisoformat(value)
        except ValueError:
            self.fail(path, f"'{value}' is geen datum in de vorm JJJJ-MM-DD")
            return None

    def choice(self, path: str, allowed: tuple[str, ...]) -> str | None:
        value = self.raw(path)
        if value is None:
            return None
        if value not in allowed:
            self.fail(path, f"'{value}' is geen van: {', '.join(allowed)}")
            return None
        return str(value)


def _check_case(file: str, record: _Record) -> tuple[Case | None, list[Problem]]:
    problems: list[Problem] = []
    c = _Checker(file, record, problems)
    for name in REQUIRED:
        if c.raw(name) is None:
            c.fail(name, "is verplicht")
    case_ref = c.text("case_ref", 64)
    if case_ref and not _CASE_REF.match(case_ref):
        c.fail("case_ref", "gebruik alleen letters, cijfers en . _ / -")
    full_name = c.text("full_name")
    language = c.text("language", 8)
    if language and not _LANGUAGE.match(language):
        c.fail("language", f"'{language}' is geen taalcode zoals nl, en, ar, tr, ti of fa")
        language = None
    category = c.choice("category", CATEGORIES)
    obligation_start = c.day("obligation_start")
    pip_date, term_end = c.day("pip_date"), c.day("term_end")
    route = c.choice("route", ROUTES)
    step = _step(c)
    consultant = Consultant(
        c.text("consultant.name"), c.text("consultant.phone", 64), c.text("consultant.email")
    )
    if consultant.email and not _EMAIL.match(consultant.email):
        c.fail("consultant.email", f"'{consultant.email}' is geen e-mailadres")
    intake_first, intake_second = c.day("intake.first"), c.day("intake.second")
    learnability_test = c.day("intake.learnability_test")
    pvt_status = c.choice("pvt.status", PVT_STATUSES) or "not_started"
    pvt_date = c.day("pvt.date")
    map_status = c.choice("map.status", MAP_STATUSES) or "not_started"
    map_date = c.day("map.date")
    borrowed = _money(c, "duo_loan.borrowed_eur")
    law = law_for(obligation_start) if obligation_start else None
    exams = _exams(c, law)
    if law is Law.WI2013:
        if step is not None:
            c.fail(
                "step",
                "een dossier onder de Wet inburgering 2013 heeft geen stap"
                " (de inburgeringsplicht begon vóór 2022)",
            )
        if route is not None:
            c.fail("route", "leerroutes bestaan alleen onder de Wet inburgering 2021")
    if obligation_start and term_end and term_end <= obligation_start:
        c.fail("term_end", "moet na obligation_start liggen")
    if obligation_start and pip_date and pip_date < obligation_start:
        c.fail("pip_date", "mag niet vóór obligation_start liggen")
    if problems or not (case_ref and full_name and category and obligation_start):
        return None, problems
    case = Case(
        case_ref=case_ref,
        full_name=full_name,
        category=category,
        obligation_start=obligation_start,
        language=language,
        pip_date=pip_date,
        term_end=term_end,
        route=route,
        step=step,
        consultant=consultant,
        intake_first=intake_first,
        intake_second=intake_second,
        learnability_test=learnability_test,
        pvt_status=pvt_status,
        pvt_date=pvt_date,
        map_status=map_status,
        map_date=map_date,
        exams=exams,
        borrowed_eur=borrowed,
    )
    return case, problems


def _step(c: _Checker) -> int | None:
    value = c.raw("step")
    if value is None:
        return None
    try:
        step = int(value)
        if str(step) != str(value).strip() or not 1 <= step <= 7:
            raise ValueError
    except (TypeError, ValueError):
        c.fail("step", f"'{value}' is geen stap van 1 tot en met 7")
        return None
    return step


def _money(c: _Checker, path: str) -> Decimal | None:
    value = c.raw(path)
    if value is None:
        return None
    try:
        if isinstance(value, bool):
            raise InvalidOperation
        amount = Decimal(str(value))
        if not amount.is_finite() or amount < 0 or amount > Decimal("1000000"):
            raise InvalidOperation
    except InvalidOperation:
        c.fail(
            path,
            f"'{value}' is geen bedrag in euro's (0 of meer, met een punt als decimaalteken,"
            " bijvoorbeeld 2500.50)",
        )
        return None
    return amount.quantize(Decimal("0.01"))


def _exams(c: _Checker, law: Law | None) -> tuple[Exam, ...]:
    raw = c.record.values.get("exams")
    if raw in (None, "", []):
        return ()
    if not isinstance(raw, list):
        c.fail("exams", "moet een lijst zijn")
        return ()
    parts = EXAM_PARTS_2013 if law is Law.WI2013 else EXAM_PARTS_2021
    exams = []
    for index, item in enumerate(raw):
        prefix = f"exams[{index}]."
        if not isinstance(item, Mapping):
            c.fail(prefix.rstrip("."), "moet een object zijn met part, status en date")
            continue
        sub = _Checker(
            c.file, _Record(item, c.record.line_of, c.record.name_of), c.problems, prefix
        )
        for name in ("part", "status"):
            if sub.raw(name) is None:
                sub.fail(name, "is verplicht")
        part, status, when = (
            sub.choice("part", parts),
            sub.choice("status", EXAM_STATUSES),
            sub.day("date"),
        )
        if part and status:
            exams.append(Exam(part, status, when))
    return tuple(exams)


# --- JSON -------------------------------------------------------------------------------------
def _json_records(text: str, file: str, problems: list[Problem]) -> Iterator[_Record]:
    try:
        document = json.loads(text)
    except json.JSONDecodeError as error:
        problems.append(Problem(file, error.lineno, "(bestand)", f"geen geldige JSON: {error.msg}"))
        return
    if not isinstance(document, dict) or not isinstance(document.get("cases"), list):
        problems.append(
            Problem(file, 1, "cases", 'het bestand moet de vorm {"cases": [...]} hebben')
        )
        return
    starts = _array_item_offsets(text)
    for index, values in enumerate(document["cases"]):
        start = starts[index] if index < len(starts) else 0
        if not isinstance(values, dict):
            problems.append(
                Problem(file, _line(text, start), f"cases[{index}]", "moet een object zijn")
            )
            continue
        yield _Record(values, _json_line_finder(text, start))


def _line(text: str, offset: int) -> int:
    return text.count("\n", 0, offset) + 1


def _array_item_offsets(text: str) -> list[int]:
    """Character offsets where each element of the top-level "cases" array starts."""
    decoder = json.JSONDecoder()
    match = re.search(r'"cases"\s*:\s*\[', text)
    if not match:
        return []
    offsets: list[int] = []
    position = match.end()
    while True:
        while position < len(text) and text[position] in " \t\r\n,":
            position += 1
        if position >= len(text) or text[position] == "]":
            return offsets
        offsets.append(position)
        _, position = decoder.raw_decode(text, position)


def _json_line_finder(text: str, start: int) -> Callable[[str], int]:
    end = _object_end(text, start)

    def line_of(field: str) -> int:
        position = start
        item = re.match(r"exams\[(\d+)\]", field)
        if item:  # the n-th object after "exams"
            position = text.find('"exams"', start, end)
            for _ in range(int(item.group(1)) + 1):
                position = text.find("{", position + 1, end)
        key = field.split(".")[-1].split("[")[0]
        found = text.find(f'"{key}"', max(position, start), end)
        return _line(text, found if found >= 0 else max(position, start))

    return line_of


def _object_end(text: str, start: int) -> int:
    try:
        _, end = json.JSONDecoder().raw_decode(text, start)
        return int(end)
    except json.JSONDecodeError:
        return len(text)


# --- CSV --------------------------------------------------------------------------------------
def _csv_records(text: str, file: str, problems: list[Problem]) -> Iterator[_Record]:
    reader = csv.DictReader(io.StringIO(text, newline=""))
    header = reader.fieldnames or []
    unknown = [name for name in header if name not in CSV_COLUMNS]
    missing = [name for name in REQUIRED if name not in header]
    for name in unknown:
        problems.append(Problem(file, 1, name, "onbekende kolom"))
    for name in missing:
        problems.append(Problem(file, 1, name, "verplichte kolom ontbreekt"))
    if unknown or missing:
        return
    for row in reader:
        line = reader.line_num
        if None in row:
            problems.append(Problem(file, line, "(rij)", "meer waarden dan kolommen"))
            continue
        yield _Record(_unflatten(row, file, line, problems), _fixed_line(line), csv_column)


def csv_column(field: str) -> str:
    """The CSV column of a field ("consultant.email" -> "consultant_email", "exams[1].date" ->
    "exams"), so that a problem names the column the person sees in their spreadsheet."""
    if field.startswith("exams"):
        return "exams"
    column = CSV_FIELDS.get(field, field.replace(".", "_"))
    return column if column in CSV_COLUMNS else field


def _fixed_line(line: int) -> Callable[[str], int]:
    """In CSV every field of a case is on the row's line."""
    return lambda _field: line


def _unflatten(
    row: Mapping[str, str | None], file: str, line: int, problems: list[Problem]
) -> dict[str, Any]:
    def get(name: str) -> str | None:
        return row.get(name)

    exams: list[dict[str, str | None]] = []
    for chunk in (get("exams") or "").split(";"):
        if not chunk.strip():
            continue
        bits = [bit.strip() for bit in chunk.split(":")]
        if len(bits) not in (2, 3):
            problems.append(
                Problem(
                    file,
                    line,
                    "exams",
                    f"'{chunk}' is niet in de vorm part:status of part:status:date",
                )
            )
            continue
        exams.append(
            {"part": bits[0], "status": bits[1], "date": bits[2] if len(bits) == 3 else None}
        )
    return {
        **{name: get(name) for name in CSV_COLUMNS[:9]},
        "consultant": {
            "name": get("consultant_name"),
            "phone": get("consultant_phone"),
            "email": get("consultant_email"),
        },
        "intake": {
            "first": get("intake_first"),
            "second": get("intake_second"),
            "learnability_test": get("learnability_test"),
        },
        "pvt": {"status": get("pvt_status"), "date": get("pvt_date")},
        "map": {"status": get("map_status"), "date": get("map_date")},
        "exams": exams,
        "duo_loan": {"borrowed_eur": get("duo_borrowed_eur")},
    }


# --- entry point ------------------------------------------------------------------------------
def parse_text(text: str, file: str, kind: str, check: CaseCheck | None = None) -> ParseResult:
    problems: list[Problem] = []
    records = (
        _json_records(text, file, problems)
        if kind == "json"
        else _csv_records(text, file, problems)
    )
    cases: list[Case] = []
    first_line: dict[str, int] = {}
    for record in records:
        case, found = _check_case(file, record)
        problems.extend(found)
        if case is None:
            continue
        line = record.line_of("case_ref")
        if case.case_ref in first_line:
            problems.append(
                Problem(
                    file,
                    line,
                    "case_ref",
                    f"'{case.case_ref}' staat ook op regel {first_line[case.case_ref]}",
                )
            )
            continue
        first_line[case.case_ref] = line
        refused = [
            record.problem(file, field, reason) for field, reason in (check(case) if check else ())
        ]
        problems.extend(refused)
        if not refused:
            cases.append(case)
    if not problems and not cases:
        problems.append(Problem(file, 1, "cases", "het bestand bevat geen dossiers"))
    return ParseResult([] if problems else cases, sorted(problems, key=lambda p: p.line))


def kind_of(name: str) -> str | None:
    """ "json" or "csv" from a file name's extension; None for any other file."""
    kind = PurePath(name).suffix.lower().lstrip(".")
    return kind if kind in KINDS else None


class NotUtf8(ValueError):
    def __init__(self, line: int) -> None:
        super().__init__(f"geen UTF-8-tekst (regel {line})")
        self.line = line


def decode(data: bytes) -> str:
    """A file's bytes as text (UTF-8, with or without BOM; newlines as \\n); NotUtf8 otherwise."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise NotUtf8(data[: error.start].count(b"\n") + 1) from None
    return text.replace("\r\n", "\n").replace("\r", "\n")


def parse_file(path: Path) -> ParseResult:
    kind = kind_of(path.name)
    if kind is None:
        return ParseResult(
            [], [Problem(str(path), 1, "(bestand)", "gebruik een .json- of .csv-bestand")]
        )
    try:
        text = decode(path.read_bytes())
    except NotUtf8 as error:
        return ParseResult([], [Problem(str(path), error.line, "(bestand)", "geen UTF-8-tekst")])
    return parse_text(text, str(path), kind)
