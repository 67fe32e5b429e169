"""Where am I, what comes next, my deadline, which law, my next appointment (FACTS.md §2, §5)."""

from __future__ import annotations

from datetime import date

from bot.answers.base import NOT_LINKED, Reply, is_wi2021, iso
from bot.cases.domain import Case
from bot.cases.rules import (
    Law,
    TermSource,
    Todo,
    current_step,
    exam_parts_still_to_pass,
    law_for,
    still_to_do,
    term_for,
    time_left,
)

LAST_STEP = 7


def step(case: Case | None, today: date) -> list[Reply]:
    if case is None:
        return [Reply("utter_steps_overview"), NOT_LINKED]
    if not is_wi2021(case):
        return [Reply("utter_step_wi2013")]
    number = current_step(case) or 1
    return [
        Reply(
            "utter_step_current",
            {
                "step": number,
                "step_label": f"label_step_{number}",
                "button_intents": ["ask_next_step", "ask_deadline"],
            },
        )
    ]


def _todo_labels(case: Case) -> list[str]:
    return [f"label_todo_{item.value}" for item in still_to_do(case)]


def next_step(case: Case | None, today: date) -> list[Reply]:
    if case is None:
        return [Reply("utter_next_step_general"), NOT_LINKED]
    todo = _todo_labels(case)
    parts = ", ".join(
        part.upper() if part in ("knm", "ona") else part for part in exam_parts_still_to_pass(case)
    )
    if not todo:
        return [Reply("utter_next_step_done")]
    args: dict[str, object] = {"todo_labels": todo, "exam_parts": parts or None}
    suffix = "_with_exams" if Todo.EXAMS in still_to_do(case) else ""
    number = current_step(case) if is_wi2021(case) else None
    if number is not None and number < LAST_STEP:
        args.update(next_step=number + 1, next_step_label=f"label_step_{number + 1}")
        return [Reply(f"utter_next_step{suffix}", args)]
    return [Reply(f"utter_todo{suffix}", args)]


def deadline(case: Case | None, today: date) -> list[Reply]:
    if case is None:
        return [Reply("utter_deadline_general"), NOT_LINKED]
    term = term_for(case)
    if term.source is TermSource.NOT_STARTED or term.end is None:
        return [Reply("utter_deadline_not_started")]
    left = time_left(term.end, today)
    args = {"end": iso(term.end), "start": iso(term.start), "pip_date": iso(case.pip_date)}
    if left.overdue:
        return [
            Reply("utter_deadline_passed", {**args, "count": -left.days}),
            Reply("utter_deadline_passed_next"),
        ]
    if term.source is TermSource.DUO:
        key = "utter_deadline"
    elif law_for(case.obligation_start) is Law.WI2021:
        key = "utter_deadline_estimate"
    else:
        key = "utter_deadline_estimate_wi2013"
    return [
        Reply(
            key, {**args, "count": left.days, "button_intents": ["ask_next_step", "ask_extension"]}
        )
    ]


def law(case: Case | None, today: date) -> list[Reply]:
    if case is None:
        return [Reply("utter_law_general"), NOT_LINKED]
    key = "utter_law_2021" if is_wi2021(case) else "utter_law_2013"
    return [Reply(key, {"obligation_start": iso(case.obligation_start)})]


def upcoming(case: Case, today: date) -> list[tuple[date, str]]:
    """Known dates from today on, earliest first, with the label of what happens then."""
    dates: list[tuple[date | None, str]] = [
        (case.intake_first, "label_appointment_intake_first"),
        (case.intake_second, "label_appointment_intake_second"),
        (case.learnability_test, "label_appointment_learnability_test"),
        (case.pvt_date if case.pvt_status != "completed" else None, "label_appointment_pvt"),
        (
            case.map_date if case.map_status not in ("completed", "not_required") else None,
            "label_appointment_map",
        ),
    ]
    dates += [
        (exam.date, f"label_appointment_exam_{exam.part}")
        for exam in case.exams
        if exam.status == "planned"
    ]
    found = [(day, label) for day, label in dates if day is not None and day >= today]
    return sorted(found)


def appointment(case: Case | None, today: date) -> list[Reply]:
    if case is None:
        return [NOT_LINKED]
    found = upcoming(case, today)
    if not found:
        return [Reply("utter_appointment_none")]
    items = [{"what_label": label, "date": iso(day)} for day, label in found]
    return [
        Reply(
            "utter_appointments",
            {"appointment_items": {"template": "label_appointment_item", "items": items}},
        )
    ]
