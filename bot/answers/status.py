"""Where am I, what is left, my deadline, which law, my appointments (docs/facts.md §2, §5)."""

from __future__ import annotations

from datetime import date

from bot.answers.base import NOT_LINKED, Question, Reply, is_wi2021, part_name
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
from bot.i18n.values import Date, Items, Label, optional_date

STEP_LABELS = {n: f"label_step_{n}" for n in range(1, 8)}
TODO_LABELS = {
    Todo.INTAKE: "label_todo_intake",
    Todo.PIP: "label_todo_pip",
    Todo.ROUTE: "label_todo_route",
    Todo.EXAMS: "label_todo_exams",
    Todo.Z_FINAL: "label_todo_z_final_conversation",
    Todo.PVT: "label_todo_pvt",
    Todo.MAP: "label_todo_map",
}
# The part of the inburgering each step is about: a step whose part is done is never "next".
STEP_TODO = {1: Todo.INTAKE, 2: Todo.PIP, 3: Todo.EXAMS, 4: Todo.PVT, 5: Todo.MAP}
EXAM_LABELS = {
    part: f"label_appointment_exam_{part}"
    for part in ("lezen", "luisteren", "schrijven", "spreken", "knm", "ona")
}


def step(q: Question, case: Case | None, today: date) -> list[Reply]:
    if case is None:
        key = "utter_simple_steps" if q.simple else "utter_steps_overview"
        return [Reply(key), NOT_LINKED]
    if not is_wi2021(case):
        return [Reply("utter_step_wi2013")]
    number = current_step(case) or 1
    return [
        Reply(
            "utter_step_current",
            {
                "step": number,
                "step_label": Label(STEP_LABELS[number]),
                "button_intents": ["ask_next_step", "ask_deadline"],
            },
        )
    ]


def _open_next_step(case: Case, todo: tuple[Todo, ...]) -> int | None:
    """The first step after the current one whose part is still open."""
    number = current_step(case) if is_wi2021(case) else None
    if number is None:
        return None
    open_parts = set(todo) | ({Todo.EXAMS} if Todo.Z_FINAL in todo else set())
    for candidate in range(number + 1, 6):
        if STEP_TODO[candidate] in open_parts:
            return candidate
    return None


PLANNED_TODO = {Todo.PVT: "label_todo_pvt_planned", Todo.MAP: "label_todo_map_planned"}


def _todo_item(case: Case, item: Todo, today: date) -> dict[str, object]:
    """An open part, with its date when it is planned."""
    when = {Todo.PVT: case.pvt_date, Todo.MAP: case.map_date}.get(item)
    status = {Todo.PVT: case.pvt_status, Todo.MAP: case.map_status}.get(item)
    if item in PLANNED_TODO and status == "scheduled" and when is not None and when >= today:
        return {"template": PLANNED_TODO[item], "date": Date(when)}
    return {"template": TODO_LABELS[item]}


def next_step(q: Question, case: Case | None, today: date) -> list[Reply]:
    """What comes next and what is still open, from the case (completed parts never show)."""
    if case is None:
        return [Reply("utter_next_step_general"), NOT_LINKED]
    todo = still_to_do(case)
    if not todo:
        return [Reply("utter_next_step_done")]
    parts = ", ".join(part_name(p) for p in exam_parts_still_to_pass(case))
    args: dict[str, object] = {
        "todo_labels": Items("label_todo_pvt", [_todo_item(case, item, today) for item in todo]),
        "exam_parts": parts if Todo.EXAMS in todo else None,
    }
    key = "utter_todo_with_exams" if Todo.EXAMS in todo else "utter_todo"
    replies = []
    following = _open_next_step(case, todo)
    if following is not None:
        replies.append(
            Reply(
                "utter_next_step_only",
                {"next_step": following, "next_step_label": Label(STEP_LABELS[following])},
            )
        )
    replies.append(Reply(key, args))
    planned = [
        {"template": "label_exam_planned", "part": part_name(e.part), "date": Date(e.date)}
        for e in case.exams
        if e.status == "planned" and e.date is not None and e.date >= today
    ]
    if Todo.EXAMS in todo and planned:
        replies.append(
            Reply("utter_exams_planned", {"exam_items": Items("label_exam_planned", planned)})
        )
    term = term_for(case)
    if term.end is not None and time_left(term.end, today).overdue:
        replies.append(Reply("utter_todo_term_passed", {"end": Date(term.end)}))
    return replies


def deadline(q: Question, case: Case | None, today: date) -> list[Reply]:
    if case is None:
        key = "utter_simple_deadline" if q.simple else "utter_deadline_general"
        return [Reply(key), NOT_LINKED]
    term = term_for(case)
    if term.source is TermSource.NOT_STARTED or term.end is None:
        return [Reply("utter_deadline_not_started")]
    left = time_left(term.end, today)
    args = {
        "end": Date(term.end),
        "start": optional_date(term.start),
        "pip_date": optional_date(case.pip_date),
    }
    if left.overdue:
        return [
            Reply("utter_deadline_passed", {**args, "count": -left.days}),
            Reply("utter_deadline_passed_next"),
        ]
    if q.simple:
        return [Reply("utter_simple_deadline_date", args)]
    if term.source is TermSource.DUO:
        key = "utter_deadline"
    elif law_for(case.obligation_start) is Law.WI2021:
        key = "utter_deadline_estimate"
    else:
        key = "utter_deadline_estimate_wi2013"
    buttons = ["ask_next_step", "ask_extension"]
    return [Reply(key, {**args, "count": left.days, "button_intents": buttons})]


def law(q: Question, case: Case | None, today: date) -> list[Reply]:
    if case is None:
        return [Reply("utter_law_general"), NOT_LINKED]
    key = "utter_law_2021" if is_wi2021(case) else "utter_law_2013"
    return [Reply(key, {"obligation_start": Date(case.obligation_start)})]


def upcoming(case: Case, today: date) -> list[tuple[date, str, str]]:
    """Known dates from today on, earliest first: (date, label, what it is about)."""
    dates: list[tuple[date | None, str, str]] = [
        (case.intake_first, "label_appointment_intake_first", "intake"),
        (case.intake_second, "label_appointment_intake_second", "intake"),
        (case.learnability_test, "label_appointment_learnability_test", "learnability"),
        (case.pvt_date if case.pvt_status != "completed" else None, "label_appointment_pvt", "pvt"),
        (
            case.map_date if case.map_status not in ("completed", "not_required") else None,
            "label_appointment_map",
            "map",
        ),
    ]
    dates += [
        (exam.date, EXAM_LABELS[exam.part], exam.part)
        for exam in case.exams
        if exam.status == "planned"
    ]
    found = [(day, label, what) for day, label, what in dates if day is not None and day >= today]
    return sorted(found)


def _wanted(q: Question) -> str | None:
    """What the question asks the date of: an exam part, 'exam' for any, or PVT, MAP, intake."""
    if q.exam_part:
        return q.exam_part
    return q.subject if q.subject in ("pvt", "map", "intake", "learnability", "exam") else None


def appointment(q: Question, case: Case | None, today: date) -> list[Reply]:
    if case is None:
        return [Reply("utter_appointment_general"), NOT_LINKED]
    found = upcoming(case, today)
    wanted = _wanted(q)
    if wanted is not None:
        exam_parts = set(EXAM_LABELS)
        found = [
            item
            for item in found
            if item[2] == wanted or (wanted == "exam" and item[2] in exam_parts)
        ]
    if not found:
        key = "utter_appointment_none_exam" if wanted in (*EXAM_LABELS, "exam") else None
        return [Reply(key or "utter_appointment_none")]
    items = [{"what_label": Label(label), "date": Date(day)} for day, label, _ in found]
    return [
        Reply("utter_appointments", {"appointment_items": Items("label_appointment_item", items)})
    ]
