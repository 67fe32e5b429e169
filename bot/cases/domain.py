"""The case as the rules see it: plain dataclasses, no database and no Rasa."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

CATEGORIES = ("asylum", "family", "other")
ROUTES = ("b1", "onderwijs", "z")
PVT_STATUSES = ("not_started", "invited", "scheduled", "completed")
MAP_STATUSES = (*PVT_STATUSES, "not_required")
EXAM_PARTS_2021 = ("lezen", "luisteren", "schrijven", "spreken", "knm")
EXAM_PARTS_2013 = (*EXAM_PARTS_2021, "ona")
EXAM_STATUSES = ("planned", "passed", "failed")


@dataclass(frozen=True)
class Consultant:
    name: str | None = None
    phone: str | None = None
    email: str | None = None


@dataclass(frozen=True)
class Exam:
    part: str
    status: str
    date: date | None = None


@dataclass(frozen=True)
class Case:
    case_ref: str
    full_name: str
    category: str
    obligation_start: date
    language: str | None = None
    pip_date: date | None = None
    term_end: date | None = None
    route: str | None = None
    step: int | None = None
    consultant: Consultant = field(default_factory=Consultant)
    intake_first: date | None = None
    intake_second: date | None = None
    learnability_test: date | None = None
    pvt_status: str = "not_started"
    pvt_date: date | None = None
    map_status: str = "not_started"
    map_date: date | None = None
    exams: tuple[Exam, ...] = ()
    borrowed_eur: Decimal | None = None

    @property
    def first_name(self) -> str:
        return self.full_name.split()[0] if self.full_name.strip() else self.full_name
