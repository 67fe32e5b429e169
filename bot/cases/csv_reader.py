"""The municipality's CSV export: one row per case, one column per field of the case.

The columns come from the case's field list (`bot.cases.domain`): a field's JSON path with "_"
for "." (`consultant.email` is `consultant_email`) unless the field names its own column; exams
are one column, `part:status:date;part:status`.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterator, Mapping
from typing import Any

from bot.cases.domain import Kind, leaves
from bot.cases.validation import Problem, Record

SOURCES = tuple(source for _, source in leaves())
CSV_COLUMNS = tuple(source.csv_column for source in SOURCES)
REQUIRED_COLUMNS = tuple(source.csv_column for source in SOURCES if source.required)
COLUMN_OF_PATH = {source.path: source.csv_column for source in SOURCES}


def csv_records(text: str, file: str, problems: list[Problem]) -> Iterator[Record]:
    """The cases of a CSV file; header and row problems go to `problems`."""
    reader = csv.DictReader(io.StringIO(text, newline=""))
    header = reader.fieldnames or []
    unknown = [name for name in header if name not in CSV_COLUMNS]
    missing = [name for name in REQUIRED_COLUMNS if name not in header]
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
        yield Record(_unflatten(row, file, line, problems), _fixed_line(line), csv_column)


def csv_column(field: str) -> str:
    """The CSV column of a field ("consultant.email" -> "consultant_email", "exams[1].date" ->
    "exams"), so that a problem names the column the person sees in their spreadsheet."""
    if field.startswith("exams"):
        return "exams"
    return COLUMN_OF_PATH.get(field, field)


def _fixed_line(line: int) -> Callable[[str], int]:
    """In CSV every field of a case is on the row's line."""
    return lambda _field: line


def _unflatten(
    row: Mapping[str, str | None], file: str, line: int, problems: list[Problem]
) -> dict[str, Any]:
    """A row as the JSON form of a case: {"consultant": {"email": ...}, "exams": [...], ...}."""
    values: dict[str, Any] = {}
    for source in SOURCES:
        cell = row.get(source.csv_column)
        value = _exams(cell, file, line, problems) if source.kind is Kind.EXAMS else cell
        *owners, name = source.path.split(".")
        place = values
        for owner in owners:
            place = place.setdefault(owner, {})
        place[name] = value
    return values


def _exams(
    cell: str | None, file: str, line: int, problems: list[Problem]
) -> list[dict[str, str | None]]:
    exams: list[dict[str, str | None]] = []
    for chunk in (cell or "").split(";"):
        if not chunk.strip():
            continue
        bits = [bit.strip() for bit in chunk.split(":")]
        if len(bits) not in (2, 3):
            reason = f"'{chunk}' is niet in de vorm part:status of part:status:date"
            problems.append(Problem(file, line, "exams", reason))
            continue
        exams.append(
            {"part": bits[0], "status": bits[1], "date": bits[2] if len(bits) == 3 else None}
        )
    return exams
