"""What may be pushed into a conversation, and the request that carries it (no I/O).

Only the catalog keys below can be pushed: a staff reply (the staff member's own words, framed
and signed in the person's language), the hand-off notices and the reminders. A request names the
conversation, a push id (the same push is logged and delivered once, also when it is sent again
after a crash) and whether the staff member is now in the chat.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

# Every key a push may render, with the topic its bot event is tagged with.
PUSH_KEYS: dict[str, str] = {
    "utter_staff_reply": "staff_reply",
    "utter_handoff_joined": "handoff",
    "utter_handoff_closed": "handoff",
    "utter_reminder_term": "reminder",
    "utter_reminder_term_over": "reminder",
    "utter_reminder_exam": "reminder",
    "utter_reminder_pvt": "reminder",
    "utter_reminder_map": "reminder",
    "utter_reminder_new_appointment": "reminder",
}
MAX_MESSAGES = 5
MAX_TEXT = 4000  # a staff reply; Telegram splits longer messages anyway
TEAMS = ("consultant", "general")


class InvalidPush(ValueError):
    """A request the push channel refuses (HTTP 400)."""


@dataclass(frozen=True)
class PushMessage:
    key: str
    args: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class PushRequest:
    sender_id: str
    push_id: str
    messages: tuple[PushMessage, ...]
    with_staff: str | None = None  # "consultant"/"general": joins; "": leaves; None: unchanged
    author: str = ""  # the staff member who wrote it (shown in the console's transcript)

    def as_json(self) -> dict[str, Any]:
        return {
            "sender_id": self.sender_id,
            "push_id": self.push_id,
            "messages": [{"key": m.key, "args": m.args} for m in self.messages],
            "with_staff": self.with_staff,
            "author": self.author,
        }


def _text(body: Mapping[str, Any], name: str, limit: int, required: bool = True) -> str:
    value = body.get(name)
    if value is None and not required:
        return ""
    if not isinstance(value, str) or (required and not value.strip()) or len(value) > limit:
        raise InvalidPush(f"'{name}' must be a text of at most {limit} characters")
    return value


def _message(item: Any) -> PushMessage:
    if not isinstance(item, Mapping) or item.get("key") not in PUSH_KEYS:
        raise InvalidPush(f"each message needs a 'key', one of: {', '.join(PUSH_KEYS)}")
    args = item.get("args") or {}
    if not isinstance(args, Mapping):
        raise InvalidPush("'args' must be an object")
    message = args.get("message")
    if message is not None and (not isinstance(message, str) or len(message) > MAX_TEXT):
        raise InvalidPush(f"a staff message is a text of at most {MAX_TEXT} characters")
    return PushMessage(str(item["key"]), dict(args))


def parse_request(body: Any) -> PushRequest:
    """The request in a push channel's JSON body; InvalidPush says what is wrong."""
    if not isinstance(body, Mapping):
        raise InvalidPush("send a JSON object")
    sender_id = _text(body, "sender_id", 255)
    if ":" not in sender_id:
        raise InvalidPush("'sender_id' is a conversation id with its channel, e.g. tg:12345")
    items = body.get("messages")
    if not isinstance(items, list) or not 0 < len(items) <= MAX_MESSAGES:
        raise InvalidPush(f"'messages' is a list of 1 to {MAX_MESSAGES} messages")
    with_staff = body.get("with_staff")
    if with_staff is not None and with_staff not in ("", *TEAMS):
        raise InvalidPush(f"'with_staff' is one of: {', '.join(TEAMS)}, or empty")
    return PushRequest(
        sender_id=sender_id,
        push_id=_text(body, "push_id", 120),
        messages=tuple(_message(item) for item in items),
        with_staff=with_staff,
        author=_text(body, "author", 200, required=False),
    )
