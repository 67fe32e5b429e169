"""The rules of docs/facts.md as plain functions.

Sections: §1 (which law), §5 (the term), §3 (routes and exams), §7 (PVT and MAP), §8 (completion).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from enum import Enum

from dateutil.relativedelta import relativedelta

from bot.cases.domain import EXAM_PARTS_2013, EXAM_PARTS_2021, Case
from bot.facts import TERM_YEARS, WI2021_START


class Law(str, Enum):
    WI2013 = "2013"
    WI2021 = "2021"


class TermSource(str, Enum):
    DUO = "duo"  # the date DUO gave (imported as term_end)
    ESTIMATE = "estimate"  # computed here; DUO's letter is leading
    NOT_STARTED = "not_started"  # Wi2021 without a PIP: the term has not started


@dataclass(frozen=True)
class Term:
    source: TermSource
    start: date | None
    end: date | None

    @property
    def is_estimate(self) -> bool:
        return self.source is TermSource.ESTIMATE


def law_for(obligation_start: date) -> Law:
    """Obligation started on or after 1 January 2022 → Wet inburgering 2021, before → 2013."""
    return Law.WI2021 if obligation_start >= WI2021_START else Law.WI2013


def add_years(day: date, years: int) -> date:
    """Same day and month `years` later; 29 February becomes 28 February (the earlier day)."""
    return day + relativedelta(years=years)


def term_for(case: Case) -> Term:
    """The integration term: DUO's end date when known, otherwise an estimate.

    Wi2021: the 3 years start the day after the first PIP (§5.1); no PIP means not started.
    Wi2013: the 3 years start on the date in the DUO letter (the obligation start).
    """
    law = law_for(case.obligation_start)
    if law is Law.WI2021:
        start = case.pip_date + timedelta(days=1) if case.pip_date else None
    else:
        start = case.obligation_start
    if case.term_end is not None:
        return Term(TermSource.DUO, start, case.term_end)
    if start is None:
        return Term(TermSource.NOT_STARTED, None, None)
    return Term(TermSource.ESTIMATE, start, add_years(start, TERM_YEARS))


@dataclass(frozen=True)
class TimeLeft:
    days: int  # negative when the end date has passed

    @property
    def overdue(self) -> bool:
        return self.days < 0


def time_left(end: date, today: date) -> TimeLeft:
    """Days from today until the end date (0 on the last day)."""
    return TimeLeft((end - today).days)


def required_exam_parts(case: Case) -> tuple[str, ...]:
    """Exam parts the case must pass: none in the Z-route (§3.3), six parts under Wi2013 (§3.5)."""
    if law_for(case.obligation_start) is Law.WI2013:
        return EXAM_PARTS_2013
    if case.route == "z":
        return ()
    return EXAM_PARTS_2021


def exam_parts_still_to_pass(case: Case) -> tuple[str, ...]:
    passed = {exam.part for exam in case.exams if exam.status == "passed"}
    return tuple(part for part in required_exam_parts(case) if part not in passed)


def map_required(case: Case) -> bool:
    """MAP is a Wi2021 part, not in the onderwijsroute (§7.2)."""
    if law_for(case.obligation_start) is Law.WI2013:
        return False
    return case.route != "onderwijs" and case.map_status != "not_required"


class Todo(str, Enum):
    INTAKE = "intake"
    PIP = "pip"
    ROUTE = "route"
    EXAMS = "exams"
    Z_FINAL = "z_final_conversation"
    PVT = "pvt"
    MAP = "map"


def still_to_do(case: Case) -> tuple[Todo, ...]:
    """What the person still has to complete, in the order of the 7 steps."""
    todo: list[Todo] = []
    wi2021 = law_for(case.obligation_start) is Law.WI2021
    if wi2021 and case.pip_date is None:
        if case.intake_second is None:
            todo.append(Todo.INTAKE)
        todo.append(Todo.PIP)
    if wi2021 and case.route is None:
        todo.append(Todo.ROUTE)
    if case.route == "z" and wi2021:
        todo.append(Todo.Z_FINAL)
    elif exam_parts_still_to_pass(case):
        todo.append(Todo.EXAMS)
    if case.pvt_status != "completed":
        todo.append(Todo.PVT)
    if map_required(case) and case.map_status != "completed":
        todo.append(Todo.MAP)
    return tuple(todo)


def current_step(case: Case) -> int | None:
    """The step (1-7 of the municipality page): stored, else derived; None under Wi2013."""
    if law_for(case.obligation_start) is Law.WI2013:
        return None
    if case.step is not None:
        return case.step
    if case.pip_date is None:
        return 1 if case.intake_second is None else 2
    todo = still_to_do(case)
    if Todo.EXAMS in todo or Todo.Z_FINAL in todo or Todo.ROUTE in todo:
        return 3
    if Todo.PVT in todo:
        return 4
    if Todo.MAP in todo:
        return 5
    return 7
