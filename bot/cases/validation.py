"""Checking one case from an import file, field by field, as the case's field list says.

Every problem names the file, the line, the field as the file names it, and the reason in Dutch:
the municipality's staff read them, on the command line and in the console.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import MISSING, dataclass, fields
from datetime import date
from decimal import Decimal
from typing import Any, TypeVar

from bot.cases.domain import (
    EXAM_PARTS_2013,
    EXAM_PARTS_2021,
    EXAM_STATUSES,
    Case,
    Exam,
    Kind,
    Source,
    source_of,
)
from bot.cases.rules import Law, law_for

CaseCheck = Callable[[Case], Iterable[tuple[str, str]]]
"""A caller's own check of a valid case: (field, reason) pairs, reported on that field's line."""

FORMATS = {  # a text of this kind must match the pattern; otherwise the reason is reported
    Kind.CASE_REF: (
        re.compile(r"^[A-Za-z0-9][A-Za-z0-9._/-]{0,63}$"),
        "gebruik alleen letters, cijfers en . _ / -",
    ),
    Kind.LANGUAGE: (
        re.compile(r"^[a-z]{2,3}$"),
        "'{value}' is geen taalcode zoals nl, en, ar, tr, ti of fa",
    ),
    Kind.EMAIL: (re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$"), "'{value}' is geen e-mailadres"),
}
LARGEST_AMOUNT = Decimal("1000000")
T = TypeVar("T")


@dataclass(frozen=True)
class Problem:
    file: str
    line: int
    field: str
    reason: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.field}: {self.reason}"


class Record:
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


class Checker:
    """Reads a record's values by path and collects the problems with them."""

    def __init__(
        self, file: str, record: Record, problems: list[Problem], prefix: str = ""
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

    def converted(self, path: str, convert: Callable[[Any], T], reason: str) -> T | None:
        """The value as `convert` makes it; one it refuses is a problem, `reason` ({value})."""
        value = self.raw(path)
        if value is None:
            return None
        try:
            return convert(value)
        except (TypeError, ValueError, ArithmeticError):
            self.fail(path, reason.format(value=value))
            return None

    def day(self, path: str) -> date | None:
        return self.converted(path, _as_date, "'{value}' is geen datum in de vorm JJJJ-MM-DD")

    def choice(self, path: str, allowed: tuple[str, ...]) -> str | None:
        value = self.raw(path)
        if value is None:
            return None
        if value not in allowed:
            self.fail(path, f"'{value}' is geen van: {', '.join(allowed)}")
            return None
        return str(value)


def check_case(file: str, record: Record) -> tuple[Case | None, list[Problem]]:
    """The case of a record, or None with the problems that keep it out."""
    problems: list[Problem] = []
    checker = Checker(file, record, problems)
    values = _read(checker, Case)
    _check_across_fields(checker, values)
    return (None if problems else Case(**values)), problems


def _read(c: Checker, kind: type) -> dict[str, Any]:
    """Every field of `kind` (a case, or an object within it) from the record, checked."""
    values: dict[str, Any] = {}
    for item in fields(kind):
        source = source_of(item)
        if source.required and c.raw(source.path) is None:
            c.fail(source.path, "is verplicht")
        if source.of is not None:
            value = source.of(**_read(c, source.of))
        elif source.kind is Kind.EXAMS:
            start = values.get("obligation_start")
            value = _exams(c, law_for(start) if start else None)
        else:
            value = READERS[source.kind](c, source)
        values[item.name] = item.default if value is None and item.default is not MISSING else value
    return values


def _check_across_fields(c: Checker, values: Mapping[str, Any]) -> None:
    start, term_end, pip_date = values["obligation_start"], values["term_end"], values["pip_date"]
    if start and law_for(start) is Law.WI2013:
        if values["step"] is not None:
            c.fail(
                "step",
                "een dossier onder de Wet inburgering 2013 heeft geen stap"
                " (de inburgeringsplicht begon vóór 2022)",
            )
        if values["route"] is not None:
            c.fail("route", "leerroutes bestaan alleen onder de Wet inburgering 2021")
    if start and term_end and term_end <= start:
        c.fail("term_end", "moet na obligation_start liggen")
    if start and pip_date and pip_date < start:
        c.fail("pip_date", "mag niet vóór obligation_start liggen")


def _formatted(c: Checker, source: Source) -> str | None:
    value = c.text(source.path, source.limit)
    pattern, reason = FORMATS[source.kind]
    if value and not pattern.match(value):
        c.fail(source.path, reason.format(value=value))
        return None
    return value


def _as_step(value: Any) -> int:
    step = int(value)
    if str(step) != str(value).strip() or not 1 <= step <= 7:
        raise ValueError(value)
    return step


def _as_euros(value: Any) -> Decimal:
    if isinstance(value, bool):
        raise ValueError(value)
    amount = Decimal(str(value))
    if not amount.is_finite() or amount < 0 or amount > LARGEST_AMOUNT:
        raise ValueError(value)
    return amount.quantize(Decimal("0.01"))


def _as_date(value: Any) -> date:
    if not isinstance(value, str) or not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        raise ValueError(value)
    return date.fromisoformat(value)


READERS: dict[Kind, Callable[[Checker, Source], Any]] = {
    Kind.TEXT: lambda c, source: c.text(source.path, source.limit),
    Kind.CASE_REF: _formatted,
    Kind.LANGUAGE: _formatted,
    Kind.EMAIL: _formatted,
    Kind.CHOICE: lambda c, source: c.choice(source.path, source.choices),
    Kind.DATE: lambda c, source: c.day(source.path),
    Kind.STEP: lambda c, source: c.converted(
        source.path, _as_step, "'{value}' is geen stap van 1 tot en met 7"
    ),
    Kind.MONEY: lambda c, source: c.converted(
        source.path,
        _as_euros,
        "'{value}' is geen bedrag in euro's (0 of meer, met een punt als decimaalteken,"
        " bijvoorbeeld 2500.50)",
    ),
}
"""How a field of each kind is read and checked (EXAMS and NESTED fields: see `_read`)."""


def _exams(c: Checker, law: Law | None) -> tuple[Exam, ...]:
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
        sub = Checker(c.file, Record(item, c.record.line_of, c.record.name_of), c.problems, prefix)
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
