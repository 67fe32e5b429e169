"""The fault suite: hostile input at every entry point, killed processes, a tracker database
outage, a frozen action server and a flood, against real processes on free ports.

Each test writes its row of the table "fault or input, expected, measured" to
test-output/faults.json (tests/e2e/faults_support.py).
"""

from __future__ import annotations

import uuid
from typing import Any

import pytest
from sqlalchemy import select

from bot.console.conversations import events
from bot.store.db import engine_for
from tests.e2e.faults_support import apologies, as_json, post_raw, record, widget
from tests.e2e.stack import Stack

LONG = "x" * 200
# (what, body, status, part of the reason): refused before Rasa with a 4xx and the reason.
REFUSED: list[tuple[str, Any, int, str]] = [
    ("sender with a lone surrogate", {"sender": "a\ud800", "message": "hi"}, 400, "surrogate"),
    ("sender with NUL", {"sender": "a\x00b", "message": "hi"}, 400, "control"),
    ("sender with ESC", {"sender": "a\x1bb", "message": "hi"}, 400, "control"),
    ("sender with a bidi override", {"sender": "a\u202eb", "message": "hi"}, 400, "format"),
    ("sender of 201 characters", {"sender": LONG + "y", "message": "hi"}, 400, "longer than 200"),
    ("sender as a list", {"sender": ["a"], "message": "hi"}, 400, "must be a string"),
    ("sender as true", {"sender": True, "message": "hi"}, 400, "must be a string"),
    ("sender missing", {"message": "hi"}, 400, "must be a string"),
    ("message as a number", {"sender": "a", "message": 5}, 400, "message must be a string"),
    ("message as an object", {"sender": "a", "message": {"t": 1}}, 400, "message must be"),
    ("message of 4097 characters", {"sender": "a", "message": "x" * 4097}, 413, "longer than"),
    ("body of 1 MB", {"sender": "a", "message": "x" * 1_000_000}, 413, "larger than"),
    ("a JSON list", ["a"], 400, "JSON object"),
]


def alive(stack: Stack) -> bool:
    return all(process.poll() is None for process in stack.processes.values())


def stored_texts(stack: Stack, sender_id: str) -> list[str]:
    with engine_for(stack.tracker_store_url).connect() as connection:
        rows = connection.execute(
            select(events.c.data).where(
                events.c.sender_id == sender_id, events.c.type_name == "user"
            )
        ).scalars()
        return [__import__("json").loads(row)["text"] for row in rows]


@pytest.mark.parametrize(("what", "body", "status", "reason"), REFUSED, ids=[r[0] for r in REFUSED])
def test_rest_refuses_what_is_not_valid(
    stack: Stack, what: str, body: Any, status: int, reason: str
) -> None:
    reply = post_raw(f"{stack.url}/webhooks/rest/webhook", as_json(body))
    assert reply.status_code == status and reason in reply.json()["error"], reply.text
    assert alive(stack)
    record(f"REST: {what}", f"{status}, reason", f"{reply.status_code}: {reply.json()['error']}")


def test_rest_malformed_json_and_the_relay(stack: Stack) -> None:
    url = f"{stack.url}/webhooks/rest/webhook"
    assert post_raw(url, b'{"sender": "a", "mess').status_code == 400
    relay = f"{stack.url}/webhooks/telegram_relay/webhook"
    token = {"Authorization": f"Bearer {stack.env['RELAY_TOKEN']}"}
    assert post_raw(relay, as_json({"chat_id": 5, "message": "hi"})).status_code == 401
    bad = post_raw(relay, as_json({"chat_id": "a\ud800", "message": "hi"}), token)
    assert bad.status_code == 400 and "surrogate" in bad.json()["error"]
    long = post_raw(relay, as_json({"chat_id": 5, "message": "x" * 5000}), token)
    assert long.status_code == 413
    cleaned = post_raw(relay, as_json({"chat_id": 77, "message": "hallo\x00\u202e\ud800"}), token)
    assert cleaned.status_code == 200 and cleaned.json()
    assert stored_texts(stack, "tg:77")[-1] == "hallo"
    assert alive(stack)
    record("REST: malformed JSON", "400", "400")
    record("relay: no token / surrogate chat id / 5000 characters", "401/400/413", "401/400/413")
    record("relay: NUL, bidi override, surrogate in text", "cleaned, answered", "stored 'hallo'")


def test_rest_text_is_cleaned_and_long_ids_never_share_a_conversation(stack: Stack) -> None:
    sender = uuid.uuid4().hex
    reply = stack.say(sender, "hallo\ud800\x00\u202e\x1b")
    assert reply and alive(stack)
    assert stored_texts(stack, f"rest:{sender}") == ["hallo"]
    empty = stack.text(uuid.uuid4().hex, "")
    assert empty and empty not in apologies()  # a prompt, not "something went wrong"
    first, second = LONG[:-1] + "1", LONG[:-1] + "2"
    stack.say(first, "hallo")
    stack.say(second, "hallo")
    assert len(stored_texts(stack, f"rest:{first}")) == 1
    assert len(stored_texts(stack, f"rest:{second}")) == 1
    record("REST: NUL, ESC, bidi, surrogate in text", "cleaned, answered", "stored 'hallo'")
    record("REST: empty message", "a prompt", empty[:60])
    record("REST: two 200-character ids, last character differs", "two conversations", "two")


def test_the_widget_answers_what_it_cannot_take(stack: Stack) -> None:
    session = uuid.uuid4().hex
    good = {"session_id": session, "message": "hallo\ud800\x00"}
    received = widget(
        stack.url,
        [
            ("user_uttered", "not an object"),
            ("user_uttered", {"session_id": "../../etc", "message": "hi"}),
            ("user_uttered", {"session_id": session, "message": 5}),
            ("user_uttered", {"session_id": session, "message": "x" * 1_000_000}),
            ("user_uttered", good),
        ],
        session_id=session,
    )
    errors = [data["error"] for name, data in received if name == "error"]
    replies = [data["text"] for name, data in received if name == "bot_uttered"]
    assert len(errors) == 4 and any("longer than" in e for e in errors), received
    assert len(replies) >= 5, received
    assert stored_texts(stack, f"web:{session}") == ["hallo"]
    assert alive(stack)
    record(
        "widget: not an object / bad session id / number / 1 MB / NUL+surrogate",
        "error event and a reply each; text cleaned",
        f"{len(errors)} error events, {len(replies)} replies, stored 'hallo'",
    )
