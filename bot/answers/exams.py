"""Exams: parts and results, registering, retakes, what they are like, the diploma (§4, §8).

The case wins over generic text: planned or passed exams in a Z-route case are shown (the
Z-route may take KNM or A2 parts), and a part named in the question is answered for that part.
"""

from __future__ import annotations

from datetime import date

from bot.answers.base import (
    NOT_LINKED,
    NOT_LINKED_SHORT,
    Question,
    Reply,
    general,
    is_asylum_2021,
    is_wi2021,
    part_name,
)
from bot.answers.status import appointment
from bot.cases.domain import Case
from bot.cases.rules import exam_parts_still_to_pass, required_exam_parts, still_to_do
from bot.i18n.values import Items, optional_date

ITEM_TEMPLATES = {
    ("passed", True): "label_exam_passed",
    ("passed", False): "label_exam_passed_nodate",
    ("failed", True): "label_exam_failed",
    ("failed", False): "label_exam_failed_nodate",
    ("planned", True): "label_exam_planned",
    ("planned", False): "label_exam_planned_nodate",
}


def _items(case: Case, parts: tuple[str, ...]) -> list[dict[str, object]]:
    latest = {exam.part: exam for exam in case.exams}  # the last result per part counts
    items: list[dict[str, object]] = []
    for part in parts:
        exam = latest.get(part)
        if exam is None:
            items.append({"template": "label_exam_todo", "part": part_name(part)})
        else:
            template = ITEM_TEMPLATES[(exam.status, exam.date is not None)]
            items.append(
                {"template": template, "part": part_name(part), "date": optional_date(exam.date)}
            )
    return items


def exams(q: Question, case: Case | None, today: date) -> list[Reply]:
    if q.aspect in ("how_much", "who_pays"):
        from bot.answers.money import cost

        return cost(q, case, today)
    if q.aspect == "when":
        return appointment(q.but(subject="exam"), case, today)
    if q.aspect == "where":
        return exam_register(q, case, today)
    if case is None:
        if q.route == "z":
            return [general("utter_exams_z")]
        return [
            general("utter_simple_exams" if q.simple else "utter_exams_about"),
            NOT_LINKED_SHORT,
        ]
    z_route = is_wi2021(case) and case.route == "z"
    if q.exam_part is not None:
        items = _items(case, (q.exam_part,))
        return [Reply("utter_exam_part", {"exam_items": Items("label_exam_todo", items)})]
    if z_route:
        taken = tuple(dict.fromkeys(exam.part for exam in case.exams))
        if not taken:
            return [Reply("utter_exams_z")]
        items = _items(case, taken)
        return [Reply("utter_exams_z_with_exams", {"exam_items": Items("label_exam_todo", items)})]
    items = _items(case, required_exam_parts(case))
    key = "utter_exams_status_2021" if is_wi2021(case) else "utter_exams_status_2013"
    replies = [
        Reply(
            key,
            {
                "exam_items": Items("label_exam_todo", items),
                "button_intents": ["ask_exam_register"],
            },
        )
    ]
    if not exam_parts_still_to_pass(case) and still_to_do(case):
        replies.append(Reply("utter_exams_all_passed_still_open"))
    return replies


def exam_register(q: Question, case: Case | None, today: date) -> list[Reply]:
    if q.simple:
        return [Reply("utter_simple_exam_register")]
    return [general("utter_exam_register")]


def exam_failed(q: Question, case: Case | None, today: date) -> list[Reply]:
    if q.simple:
        return [Reply("utter_simple_exam_failed")]
    if case is None:
        return [Reply("utter_exam_failed"), general("utter_exam_failed_general")]
    if is_asylum_2021(case):
        return [Reply("utter_exam_failed"), Reply("utter_exam_failed_paid_by_municipality")]
    return [Reply("utter_exam_failed"), Reply("utter_exam_failed_pay_yourself")]


def exam_form(q: Question, case: Case | None, today: date) -> list[Reply]:
    if q.simple:
        return [Reply("utter_simple_exam_form")]
    return [general("utter_exam_form")]


def diploma(q: Question, case: Case | None, today: date) -> list[Reply]:
    if q.simple:
        return [Reply("utter_simple_diploma")]
    replies = [general("utter_diploma")]
    if case is not None and is_wi2021(case) and case.route == "z":
        replies = [general("utter_diploma_z")]
    if case is not None and still_to_do(case):
        from bot.answers.status import next_step

        replies += next_step(Question("next_step"), case, today)
    elif case is None:
        replies.append(NOT_LINKED)
    return replies
