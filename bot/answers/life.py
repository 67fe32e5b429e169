"""Studying, working, childcare, DigiD and Mijn Inburgering, choosing a school (§2, §3, §6, §9)."""

from __future__ import annotations

from datetime import date

from bot.answers.base import Question, Reply, general, is_asylum_2021
from bot.cases.domain import Case

SIMPLE = {
    "study": "utter_simple_study",
    "work": "utter_simple_work",
    "childcare": "utter_simple_childcare",
    "digid": "utter_simple_digid",
    "school": "utter_simple_school",
}


def study(q: Question, case: Case | None, today: date) -> list[Reply]:
    return [Reply(SIMPLE["study"])] if q.simple else [general("utter_study")]


def work(q: Question, case: Case | None, today: date) -> list[Reply]:
    return [Reply(SIMPLE["work"])] if q.simple else [general("utter_work")]


def childcare(q: Question, case: Case | None, today: date) -> list[Reply]:
    return [Reply(SIMPLE["childcare"])] if q.simple else [general("utter_childcare")]


def digid(q: Question, case: Case | None, today: date) -> list[Reply]:
    return [Reply(SIMPLE["digid"])] if q.simple else [general("utter_digid")]


def school(q: Question, case: Case | None, today: date) -> list[Reply]:
    if q.simple:
        return [Reply(SIMPLE["school"])]
    if case is not None and is_asylum_2021(case):
        return [Reply("utter_school_asylum_2021")]
    return [general("utter_school")]
