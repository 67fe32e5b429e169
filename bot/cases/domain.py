"""The case as the rules see it: plain dataclasses, no database and no Rasa.

`Case` is the one list of a case's fields. Each field says where it stands in the municipality's
import files and what it holds there (`Source`); the importer's checks, the CSV columns and the
case store's row mapping are derived from that list, so a new field is added here (plus its
column in `bot/store/models.py` and a migration).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import Field, dataclass, field, fields
from datetime import date
from decimal import Decimal
from enum import Enum
from typing import Any

CATEGORIES = ("asylum", "family", "other")
ROUTES = ("b1", "onderwijs", "z")
PVT_STATUSES = ("not_started", "invited", "scheduled", "completed")
MAP_STATUSES = (*PVT_STATUSES, "not_required")
EXAM_PARTS_2021 = ("lezen", "luisteren", "schrijven", "spreken", "knm")
EXAM_PARTS_2013 = (*EXAM_PARTS_2021, "ona")
EXAM_STATUSES = ("planned", "passed", "failed")


class Kind(Enum):
    """What a field holds in an import file, and so how it is checked."""

    TEXT = "text"
    CASE_REF = "case_ref"  # letters, digits and . _ / -
    LANGUAGE = "language"  # a language code such as nl or ti
    EMAIL = "email"
    CHOICE = "choice"  # one of `Source.choices`
    DATE = "date"  # YYYY-MM-DD
    STEP = "step"  # 1 to 7
    MONEY = "money"  # euros, stored as whole cents
    EXAMS = "exams"  # a list of exams (parts, statuses and dates)
    NESTED = "nested"  # an object with fields of its own (the consultant)


@dataclass(frozen=True)
class Source:
    """Where a field stands in an import file (JSON path, CSV column) and what it holds."""

    path: str  # in JSON: "intake.first" is {"intake": {"first": ...}}
    kind: Kind
    required: bool = False
    limit: int = 200  # longest text
    choices: tuple[str, ...] = ()
    column: str = ""  # the CSV column, where it is not the path with "_" for "."
    of: type | None = None  # NESTED: the class of the object

    @property
    def csv_column(self) -> str:
        return self.column or self.path.replace(".", "_")


def _from(path: str, kind: Kind = Kind.TEXT, **options: Any) -> dict[str, Source]:
    return {"source": Source(path, kind, **options)}


def source_of(item: Field[Any]) -> Source:
    source: Source = item.metadata["source"]
    return source


@dataclass(frozen=True)
class Consultant:
    name: str | None = field(default=None, metadata=_from("consultant.name"))
    phone: str | None = field(default=None, metadata=_from("consultant.phone", limit=64))
    email: str | None = field(default=None, metadata=_from("consultant.email", Kind.EMAIL))


@dataclass(frozen=True)
class Exam:
    part: str
    status: str
    date: date | None = None


@dataclass(frozen=True)
class Case:
    case_ref: str = field(metadata=_from("case_ref", Kind.CASE_REF, required=True, limit=64))
    full_name: str = field(metadata=_from("full_name", required=True))
    category: str = field(
        metadata=_from("category", Kind.CHOICE, required=True, choices=CATEGORIES)
    )
    obligation_start: date = field(metadata=_from("obligation_start", Kind.DATE, required=True))
    language: str | None = field(default=None, metadata=_from("language", Kind.LANGUAGE, limit=8))
    pip_date: date | None = field(default=None, metadata=_from("pip_date", Kind.DATE))
    term_end: date | None = field(default=None, metadata=_from("term_end", Kind.DATE))
    route: str | None = field(default=None, metadata=_from("route", Kind.CHOICE, choices=ROUTES))
    step: int | None = field(default=None, metadata=_from("step", Kind.STEP))
    consultant: Consultant = field(
        default_factory=Consultant, metadata=_from("consultant", Kind.NESTED, of=Consultant)
    )
    intake_first: date | None = field(default=None, metadata=_from("intake.first", Kind.DATE))
    intake_second: date | None = field(default=None, metadata=_from("intake.second", Kind.DATE))
    learnability_test: date | None = field(
        default=None,
        metadata=_from("intake.learnability_test", Kind.DATE, column="learnability_test"),
    )
    pvt_status: str = field(
        default="not_started", metadata=_from("pvt.status", Kind.CHOICE, choices=PVT_STATUSES)
    )
    pvt_date: date | None = field(default=None, metadata=_from("pvt.date", Kind.DATE))
    map_status: str = field(
        default="not_started", metadata=_from("map.status", Kind.CHOICE, choices=MAP_STATUSES)
    )
    map_date: date | None = field(default=None, metadata=_from("map.date", Kind.DATE))
    exams: tuple[Exam, ...] = field(default=(), metadata=_from("exams", Kind.EXAMS))
    borrowed_eur: Decimal | None = field(
        default=None,
        metadata=_from("duo_loan.borrowed_eur", Kind.MONEY, column="duo_borrowed_eur"),
    )

    @property
    def first_name(self) -> str:
        return self.full_name.split()[0] if self.full_name.strip() else self.full_name


def leaves(
    kind: type = Case, owner: tuple[str, ...] = ()
) -> Iterator[tuple[tuple[str, ...], Source]]:
    """Every field that holds one value, in order, as (its names from the case down, its source):
    a NESTED field's own fields stand in its place (("consultant", "email"), ...)."""
    for item in fields(kind):
        source = source_of(item)
        if source.of is not None:
            yield from leaves(source.of, (*owner, item.name))
        else:
            yield (*owner, item.name), source
