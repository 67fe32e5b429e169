"""The reply type and helpers shared by the topic modules."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from bot.cases.domain import Case
from bot.cases.rules import Law, law_for

FEEDBACK = ("feedback_good", "feedback_bad")


@dataclass(frozen=True)
class Reply:
    key: str
    args: dict[str, Any] = field(default_factory=dict)


Answer = Callable[[Case | None, date], list[Reply]]

NOT_LINKED = Reply("utter_not_linked")


def iso(day: date | None) -> str | None:
    return day.isoformat() if day else None


def is_wi2021(case: Case) -> bool:
    return law_for(case.obligation_start) is Law.WI2021


def is_asylum_2013(case: Case) -> bool:
    return case.category == "asylum" and not is_wi2021(case)
