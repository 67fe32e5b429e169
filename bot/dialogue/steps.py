"""The steps a plan can hold: what the action server carries out for one message."""

from __future__ import annotations

from dataclasses import dataclass

from bot.answers.base import Question


@dataclass(frozen=True)
class Answer:
    question: Question


@dataclass(frozen=True)
class Say:
    """A reply that is not an answer to a topic (confirmations, offers)."""

    key: str
    topic: str
    buttons: tuple[str, ...] = ()


@dataclass(frozen=True)
class Link:
    code: str


@dataclass(frozen=True)
class Forget:
    confirmed: bool


@dataclass(frozen=True)
class Handoff:
    pass


@dataclass(frozen=True)
class ChooseLanguage:
    code: str


@dataclass(frozen=True)
class Unsupported:
    code: str
    named: bool  # "can you speak Somali?": answered in the conversation's language


@dataclass(frozen=True)
class Fallback:
    count: int
    likely: tuple[str, ...]


@dataclass(frozen=True)
class Reminders:
    """Turn reminders on (True) or off (False), or say whether they are on (None)."""

    on: bool | None


Step = Answer | Say | Link | Forget | Handoff | ChooseLanguage | Unsupported | Fallback | Reminders
