"""Extra time, exemptions, diplomas from abroad, objecting (docs/facts.md §4.6, §5)."""

from __future__ import annotations

from datetime import date

from bot.answers.base import Question, Reply, general
from bot.cases.domain import Case


def extension(q: Question, case: Case | None, today: date) -> list[Reply]:
    if q.aspect in ("documents", "where"):
        return extension_documents(q, case, today)
    if q.simple:
        return [Reply("utter_simple_extension")]
    return [general("utter_extension")]


def extension_documents(q: Question, case: Case | None, today: date) -> list[Reply]:
    if q.simple:
        return [Reply("utter_simple_extension_documents")]
    return [general("utter_extension_documents")]


def exemption(q: Question, case: Case | None, today: date) -> list[Reply]:
    if q.simple:
        return [Reply("utter_simple_exemption")]
    return [general("utter_exemption")]


def foreign_diploma(q: Question, case: Case | None, today: date) -> list[Reply]:
    if q.simple:
        return [Reply("utter_simple_foreign_diploma")]
    return [general("utter_foreign_diploma")]


def objection(q: Question, case: Case | None, today: date) -> list[Reply]:
    if q.simple:
        return [Reply("utter_simple_objection")]
    return [general("utter_objection")]
