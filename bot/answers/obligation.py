"""Who must integrate, family members who come later, and what comes after (docs/facts.md §1, §8).

A group named in the question is answered for that group: the myth that Turkish nationals need
not integrate is corrected, EU citizens and Ukrainians under temporary protection are told they
are not obliged.
"""

from __future__ import annotations

from datetime import date

from bot.answers.base import Question, Reply, general
from bot.cases.domain import Case
from bot.i18n.values import Date

GROUP_KEYS = {
    "turkish": "utter_who_must_turkish",
    "eu": "utter_who_must_eu",
    "ukrainian": "utter_who_must_ukrainian",
}


def who_must(q: Question, case: Case | None, today: date) -> list[Reply]:
    if q.group in GROUP_KEYS:
        return [general(GROUP_KEYS[q.group])]
    if q.simple:
        return [Reply("utter_simple_who_must")]
    replies = [general("utter_who_must")]
    if case is not None:
        replies.append(
            Reply("utter_who_must_you", {"obligation_start": Date(case.obligation_start)})
        )
    return replies


def family(q: Question, case: Case | None, today: date) -> list[Reply]:
    if q.simple:
        return [Reply("utter_simple_family")]
    return [general("utter_family")]


def after_integration(q: Question, case: Case | None, today: date) -> list[Reply]:
    if q.simple:
        return [Reply("utter_simple_after_integration")]
    return [general("utter_after_integration")]
