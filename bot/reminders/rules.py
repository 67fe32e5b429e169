"""Which reminders a case calls for, when each may go out, and what it says (no I/O).

- The term (docs/facts.md §5): 6, 3 and 2 months before DUO's end date, while something is still
  to do; once after it ended, what to do now. Each one is sent until the next one is due, so a
  late opt-in or a day without a worker still gets the nearest one.
- The day before an exam, the PVT or the MAP (an appointment in the case store).
- A new appointment in the case store (an exam, PVT or MAP date the case did not have).
- Between 09:00 and 20:00 Europe/Amsterdam; at most one per person per day, the day-before
  reminders first. A reminder whose date is no longer in the case is never sent.
- The texts name dates, exam parts and what is still to do; never a BSN or an amount.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from enum import Enum
from typing import Any
from zoneinfo import ZoneInfo

from dateutil.relativedelta import relativedelta

from bot.answers.status import EXAM_LABELS, TODO_LABELS
from bot.cases.domain import Case
from bot.cases.rules import TermSource, still_to_do, term_for
from bot.i18n.values import Date, Label, Labels

LOCAL = ZoneInfo("Europe/Amsterdam")
SEND_FROM, SEND_UNTIL = time(9), time(20)
TERM_OVER_DAYS = 14  # "your term has ended" is sent within two weeks after the end
FOOTER = "label_reminder_footer"  # "You get this because you turned reminders on …"


class Kind(str, Enum):
    TERM_6M = "term_6m"
    TERM_3M = "term_3m"
    TERM_2M = "term_2m"
    TERM_OVER = "term_over"
    EXAM = "exam"  # the day before an exam
    PVT = "pvt"  # the day before the PVT
    MAP = "map"  # the day before the MAP
    NEW_EXAM = "new_exam"  # the case store has a new exam date
    NEW_PVT = "new_pvt"
    NEW_MAP = "new_map"


# (kind, months before the end it is due, months before the end the next one is due)
TERM_STEPS = ((Kind.TERM_6M, 6, 3), (Kind.TERM_3M, 3, 2), (Kind.TERM_2M, 2, 0))
NEW_KINDS = (Kind.NEW_EXAM, Kind.NEW_PVT, Kind.NEW_MAP)
# Lower first: the day-before reminders cannot wait for another day.
PRIORITY = {
    Kind.EXAM: 0,
    Kind.PVT: 0,
    Kind.MAP: 0,
    Kind.NEW_EXAM: 1,
    Kind.NEW_PVT: 1,
    Kind.NEW_MAP: 1,
    Kind.TERM_OVER: 2,
    Kind.TERM_2M: 3,
    Kind.TERM_3M: 4,
    Kind.TERM_6M: 5,
}
MESSAGE_KEYS = {
    Kind.TERM_6M: "utter_reminder_term",
    Kind.TERM_3M: "utter_reminder_term",
    Kind.TERM_2M: "utter_reminder_term",
    Kind.TERM_OVER: "utter_reminder_term_over",
    Kind.EXAM: "utter_reminder_exam",
    Kind.PVT: "utter_reminder_pvt",
    Kind.MAP: "utter_reminder_map",
    Kind.NEW_EXAM: "utter_reminder_new_appointment",
    Kind.NEW_PVT: "utter_reminder_new_appointment",
    Kind.NEW_MAP: "utter_reminder_new_appointment",
}
SUBJECT_LABELS = {Kind.NEW_PVT: "label_appointment_pvt", Kind.NEW_MAP: "label_appointment_map"}


@dataclass(frozen=True)
class Planned:
    kind: Kind
    due: date  # the date it is about (the term end, the exam or appointment date)
    send_on: date  # the first day it may go out
    last_day: date  # the last day it is of use


def exam_days(case: Case) -> dict[date, list[str]]:
    """Planned exams by date, each date with its parts."""
    days: dict[date, list[str]] = {}
    for exam in case.exams:
        if exam.status == "planned" and exam.date is not None:
            days.setdefault(exam.date, []).append(exam.part)
    return days


def appointments(case: Case) -> list[tuple[Kind, Kind, date]]:
    """(day-before kind, new-appointment kind, date) of every appointment still to come."""
    found = [(Kind.EXAM, Kind.NEW_EXAM, day) for day in exam_days(case)]
    if case.pvt_date is not None and case.pvt_status != "completed":
        found.append((Kind.PVT, Kind.NEW_PVT, case.pvt_date))
    if case.map_date is not None and case.map_status not in ("completed", "not_required"):
        found.append((Kind.MAP, Kind.NEW_MAP, case.map_date))
    return found


def planned(case: Case, today: date) -> list[Planned]:
    """Every reminder the case calls for as it is now (the store keeps each one once)."""
    result: list[Planned] = []
    term = term_for(case)
    if term.source is TermSource.DUO and term.end is not None and still_to_do(case):
        end = term.end
        for kind, months, next_months in TERM_STEPS:
            last = end - relativedelta(months=next_months) - timedelta(days=1)
            result.append(Planned(kind, end, end - relativedelta(months=months), last))
        result.append(
            Planned(Kind.TERM_OVER, end, end + timedelta(days=1), end + timedelta(TERM_OVER_DAYS))
        )
    for before, new, day in appointments(case):
        result.append(Planned(before, day, day - timedelta(days=1), day - timedelta(days=1)))
        result.append(Planned(new, day, today, day - timedelta(days=2)))
    return result


def still_planned(case: Case, kind: Kind, due: date, today: date) -> bool:
    """The case still calls for this reminder (its date was not changed or removed)."""
    return any(p.kind is kind and p.due == due for p in planned(case, today))


def in_window(moment: datetime) -> bool:
    """Reminders go out between 09:00 and 20:00 in the Netherlands."""
    local = moment.astimezone(LOCAL).time()
    return SEND_FROM <= local < SEND_UNTIL


def local_day(moment: datetime) -> date:
    return moment.astimezone(LOCAL).date()


def first(kinds: list[Kind]) -> Kind:
    """The reminder to send today when several are due."""
    return min(kinds, key=lambda kind: PRIORITY[kind])


def months_until(end: date, today: date) -> int:
    return max(1, round((end - today).days / 30.44))


def message(case: Case, kind: Kind, due: date, today: date) -> tuple[str, dict[str, Any]]:
    """The catalog key and typed arguments of a reminder, from the case as it is now."""
    args: dict[str, Any] = {"date": Date(due), "footer": Label(FOOTER)}
    if kind in (Kind.TERM_6M, Kind.TERM_3M, Kind.TERM_2M):
        todo = [TODO_LABELS[item] for item in still_to_do(case)]
        args.update(count=months_until(due, today), todo_items=Labels(todo))
    elif kind in (Kind.EXAM, Kind.NEW_EXAM):
        parts = exam_days(case).get(due, [])
        args["exam_items"] = Labels(EXAM_LABELS[part] for part in parts)
        if kind is Kind.NEW_EXAM:
            args["what_items"] = args.pop("exam_items")
    elif kind in SUBJECT_LABELS:
        args["what_items"] = Labels([SUBJECT_LABELS[kind]])
    return MESSAGE_KEYS[kind], args


# The schedule as the assistant explains it (numbers come from here, not from the catalogs).
SCHEDULE_ARGS: dict[str, Any] = {
    "first_months": TERM_STEPS[0][1],
    "second_months": TERM_STEPS[1][1],
    "last_months": TERM_STEPS[2][1],
    "send_from": SEND_FROM.strftime("%H:%M"),
    "send_until": SEND_UNTIL.strftime("%H:%M"),
}
