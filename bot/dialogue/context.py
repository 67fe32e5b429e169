"""What the conversation remembers between messages (Rasa slots, set by the action server)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import asdict, dataclass
from typing import Any

from bot.answers.base import Question

SLOTS = (
    "language",
    "language_hint",
    "language_candidate",
    "language_source",
    "last_question",
    "pending",
    "fallbacks",
    "unclear",
    "with_staff",
    "forget_now",
)


def _question(value: Any) -> Question | None:
    if not isinstance(value, Mapping) or not isinstance(value.get("topic"), str):
        return None
    fields = {k: v for k, v in value.items() if k in Question.__dataclass_fields__}
    return Question(**fields)


def _count(value: Any) -> int:
    return int(value) if isinstance(value, int | float) else 0


@dataclass(frozen=True)
class Context:
    language: str | None = None
    language_hint: str | None = None
    language_candidate: str | None = None
    language_source: str | None = None
    last_question: Question | None = None  # the last topic answered, for follow-ups
    pending: str | None = None  # a question the assistant asked: "forget", "reminders" (yes/no)
    fallbacks: int = 0  # messages not understood in a row
    unclear: int = 0  # "I don't understand" in a row
    with_staff: str | None = None  # a staff member is in the chat (set by the push channel)

    @classmethod
    def from_slots(cls, slots: Mapping[str, Any]) -> Context:
        def text(name: str) -> str | None:
            value = slots.get(name)
            return value if isinstance(value, str) and value else None

        return cls(
            language=text("language"),
            language_hint=text("language_hint"),
            language_candidate=text("language_candidate"),
            language_source=text("language_source"),
            last_question=_question(slots.get("last_question")),
            pending=text("pending"),
            fallbacks=_count(slots.get("fallbacks")),
            unclear=_count(slots.get("unclear")),
            with_staff=text("with_staff"),
        )

    def as_slots(self) -> dict[str, Any]:
        last = self.last_question
        return {
            "language": self.language,
            "language_hint": self.language_hint,
            "language_candidate": self.language_candidate,
            "language_source": self.language_source,
            "last_question": {k: v for k, v in asdict(last).items() if v} if last else None,
            "pending": self.pending,
            "fallbacks": self.fallbacks,
            "unclear": self.unclear,
        }
