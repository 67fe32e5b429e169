"""What the person said before, read from the conversation's events (for hand-off requests, and
to know whether "forget me" has anything to delete)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from bot.cases.codes import find_code

# Messages that are not questions a person at the municipality could answer.
NOT_QUESTIONS = frozenset(
    {
        "greet",
        "goodbye",
        "thank",
        "affirm",
        "deny",
        "request_human",
        "link_code",
        "choose_language",
        "change_language",
        "feedback_good",
        "feedback_bad",
        "share_personal_data",
        "forget_me",
    }
)


def last_question(events: Iterable[Mapping[str, Any]]) -> str:
    """The person's last real question before this message: never a code, a button or a
    greeting. Empty when there is none."""
    user_events = [e for e in events if e.get("event") == "user"]
    for event in reversed(user_events[:-1]):
        text = str(event.get("text") or "").strip()
        intent = ((event.get("parse_data") or {}).get("intent") or {}).get("name")
        if not text or text.startswith("/") or intent in NOT_QUESTIONS or find_code(text):
            continue
        return text
    return ""


def said_before(events: Iterable[Mapping[str, Any]]) -> bool:
    """Whether the person sent anything before this message."""
    return sum(1 for e in events if e.get("event") == "user") > 1
