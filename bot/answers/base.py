"""The question and reply types, and helpers shared by the topic modules."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any

from bot.cases.domain import Case
from bot.cases.rules import Law, law_for

FEEDBACK = ("feedback_good", "feedback_bad")


@dataclass(frozen=True)
class Question:
    """What the person asked: a topic, and what the question or the context names.

    `aspect` is what a follow-up asks about the topic ("hours", "when", "who_pays", ...); `route`,
    `exam_part`, `subject` and `group` are names in the question (the Z-route, the speaking exam,
    the PVT, Turkish nationals). `simple` asks for the short, plain version of the answer.
    """

    topic: str
    aspect: str | None = None
    route: str | None = None
    exam_part: str | None = None
    subject: str | None = None
    group: str | None = None
    simple: bool = False

    def but(self, **changes: Any) -> Question:
        return replace(self, **changes)


@dataclass(frozen=True)
class Reply:
    key: str
    args: dict[str, Any] = field(default_factory=dict)


Answer = Callable[[Question, Case | None, date], list[Reply]]

NOT_LINKED = Reply("utter_not_linked")
# After a general answer to a question that has a personal side ("when is my exam?").
NOT_LINKED_SHORT = Reply("utter_not_linked_short")


def general(key: str) -> Reply:
    """A general answer, with the 👍/👎 buttons that tell the municipality whether it helped."""
    return Reply(key, {"button_intents": list(FEEDBACK)})


def is_wi2021(case: Case) -> bool:
    return law_for(case.obligation_start) is Law.WI2021


def is_asylum_2013(case: Case) -> bool:
    return case.category == "asylum" and not is_wi2021(case)


def is_asylum_2021(case: Case) -> bool:
    return case.category == "asylum" and is_wi2021(case)


def part_name(part: str) -> str:
    """Exam parts as DUO writes them: the Dutch names, KNM and ONA in capitals."""
    return part.upper() if part in ("knm", "ona") else part
