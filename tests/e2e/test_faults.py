"""The fault suite: hostile input at every entry point, killed processes, a tracker database
outage, a frozen action server and a flood, against real processes on free ports.

Each test writes its row of the table "fault or input, expected, measured" to
test-output/faults.json (tests/e2e/faults_support.py).
"""

from __future__ import annotations

import json
import signal
import time
import uuid
from collections.abc import Iterator
from typing import Any

import pytest
import requests
from sqlalchemy import select

from bot.i18n.render import render
from bot.store.db import engine_for
from bot.store.tracker_events import events
from tests.e2e.faults_scenarios import flood, p95, people_talking, summary, timed_people
from tests.e2e.faults_support import (
    Outage,
    apologies,
    as_json,
    log_lines,
    post_raw,
    record,
    widget,
)
from tests.e2e.stack import Stack, postgres_stack

LONG = "x" * 200
# (what, body, status, part of the reason): refused before Rasa with a 4xx and the reason.
TOO_LONG = "utter_message_too_long"
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
        return [json.loads(row)["text"] for row in rows]


@pytest.mark.parametrize(("what", "body", "status", "reason"), REFUSED, ids=[r[0] for r in REFUSED])
def test_rest_refuses_what_is_not_valid(
    stack: Stack, what: str, body: Any, status: int, reason: str
) -> None:
    reply = post_raw(f"{stack.url}/webhooks/rest/webhook", as_json(body))
    assert reply.status_code == status and reason in reply.json()["error"], reply.text
    assert alive(stack)
    record(f"REST: {what}", f"{status}, reason", f"{reply.status_code}: {reply.json()['error']}")


def test_a_message_longer_than_any_channel_sends_is_answered_not_refused(stack: Stack) -> None:
    sender = uuid.uuid4().hex
    stack.say(sender, "مرحبا، متى ينتهي موعد الاندماج الخاص بي؟")
    reply = post_raw(
        f"{stack.url}/webhooks/rest/webhook", as_json({"sender": sender, "message": "x" * 4097})
    )
    assert reply.status_code == 200, reply.text
    ((message,),) = (reply.json(),)
    assert message["metadata"] == {"language": "ar", "topic": TOO_LONG}
    assert "x" * 100 not in "".join(stored_texts(stack, f"rest:{sender}"))  # not stored
    record("REST: message of 4097 characters", "asked to shorten, in Arabic", "200, in Arabic")


def test_rest_malformed_json_and_the_relay(stack: Stack) -> None:
    url = f"{stack.url}/webhooks/rest/webhook"
    assert post_raw(url, b'{"sender": "a", "mess').status_code == 400
    relay = f"{stack.url}/webhooks/telegram_relay/webhook"
    token = {"Authorization": f"Bearer {stack.env['RELAY_TOKEN']}"}
    assert post_raw(relay, as_json({"chat_id": 5, "message": "hi"})).status_code == 401
    bad = post_raw(relay, as_json({"chat_id": "a\ud800", "message": "hi"}), token)
    assert bad.status_code == 400 and "surrogate" in bad.json()["error"]
    long = post_raw(relay, as_json({"chat_id": 5, "message": "x" * 5000}), token)
    assert long.status_code == 200 and long.json()[0]["metadata"]["topic"] == TOO_LONG
    cleaned = post_raw(relay, as_json({"chat_id": 77, "message": "hallo\x00\u202e\ud800"}), token)
    assert cleaned.status_code == 200 and cleaned.json()
    assert stored_texts(stack, "tg:77")[-1] == "hallo"
    assert alive(stack)
    record("REST: malformed JSON", "400", "400")
    record(
        "relay: no token / surrogate chat id / 5000 characters",
        "401/400/asked to shorten",
        "401/400/asked to shorten",
    )
    record("relay: NUL, bidi override, surrogate in text", "cleaned, answered", "stored 'hallo'")


def test_rest_text_is_cleaned_and_long_ids_never_share_a_conversation(stack: Stack) -> None:
    sender = uuid.uuid4().hex
    reply = stack.say(sender, "hallo\ud800\x00\u202e\x1b")
    assert reply and alive(stack)
    assert stored_texts(stack, f"rest:{sender}") == ["hallo"]
    first, second = LONG[:-1] + "1", LONG[:-1] + "2"
    stack.say(first, "hallo")
    stack.say(second, "hallo")
    assert len(stored_texts(stack, f"rest:{first}")) == 1
    assert len(stored_texts(stack, f"rest:{second}")) == 1
    record("REST: NUL, ESC, bidi, surrogate in text", "cleaned, answered", "stored 'hallo'")
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


@pytest.fixture(scope="module")
def limited(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Stack]:
    """A stack with the default rate limits (the shared one has none: all tests share 127.0.0.1)."""
    workdir = tmp_path_factory.mktemp("limited")
    defaults = {"RATE_LIMIT_SENDER": "", "RATE_LIMIT_ADDRESS": "", "RATE_LIMIT_IN_FLIGHT": ""}
    running = Stack(workdir, f"sqlite:///{workdir / 'tracker.db'}", extra_env=defaults)
    try:
        running.start()
        yield running
    finally:
        running.stop()


def test_too_many_messages_get_a_polite_answer(limited: Stack) -> None:
    url = f"{limited.url}/webhooks/rest/webhook"
    sender = uuid.uuid4().hex
    replies = [
        requests.post(url, json={"sender": sender, "message": "hoi"}, timeout=30) for _ in range(25)
    ]
    statuses = [reply.status_code for reply in replies]
    refused = [r for r in replies if r.status_code == 429]
    assert statuses[:20] == [200] * 20 and refused, statuses  # (tokens come back at 1 per 2 s)
    assert int(refused[0].headers["Retry-After"]) >= 1
    relay = f"{limited.url}/webhooks/telegram_relay/webhook"
    token = {"Authorization": f"Bearer {limited.env['RELAY_TOKEN']}"}
    for _ in range(21):
        polite = requests.post(relay, json={"chat_id": 9, "message": "hoi"}, headers=token)
    assert polite.status_code == 200 and "snel" in polite.json()[0]["text"]
    session = uuid.uuid4().hex
    burst = [("user_uttered", {"session_id": session, "message": "hoi"})] * 24
    texts = [
        d["text"] for n, d in widget(limited.url, burst, 20, session, 999) if n == "bot_uttered"
    ]
    assert any("snel" in t for t in texts)
    assert alive(limited)
    record(
        "REST: 25 messages at once from one sender",
        "20 answered, then 429 + Retry-After",
        f"{statuses}, Retry-After {refused[0].headers['Retry-After']}",
    )
    record("relay / widget: 21+ messages at once", "polite 'slow down' in the language", "yes")


def test_a_flood_from_one_client_does_not_slow_down_other_people(limited: Stack) -> None:
    url = f"{limited.url}/webhooks/rest/webhook"
    people = [f"127.0.0.{n}" for n in range(2, 7)]
    calm = timed_people(url, people, 6)
    flooding = flood(url, "127.0.0.99", 400, 25)
    time.sleep(5)  # the flood is at full strength
    during = timed_people(url, people, 8)
    statuses = flooding.result()
    record(
        "flood: 400 requests in flight from one address for 25 s",
        "other people's p95 < 1 s",
        f"p95 {p95(during):.2f} s (calm {p95(calm):.2f} s); flood got {statuses}",
    )
    assert p95(during) < 1.0, f"calm: {summary(sorted(calm))}; flood: {summary(sorted(during))}"
    assert alive(limited)


def test_a_frozen_action_server_gets_an_apology_within_the_timeout(stack: Stack) -> None:
    url = f"{stack.url}/webhooks/rest/webhook"
    people = {uuid.uuid4().hex: q for q in ("wat is de pvt?", "when is my deadline?", "help")}
    for sender in people:
        stack.say(sender, "hallo")
    actions = stack.processes["actions"]
    actions.send_signal(signal.SIGSTOP)
    try:
        sent = people_talking(url, people, 60)
    finally:
        actions.send_signal(signal.SIGCONT)
    sorry = apologies()
    apologised = [s for s in sent if any(r in sorry for r in s.replies)]
    unanswered = [s for s in sent if s.status != 200 or not s.replies]
    slowest = max(s.seconds for s in sent)
    assert not unanswered and slowest < 8, (unanswered, slowest)
    assert "PVT" in stack.text(next(iter(people)), "wat is de pvt?")  # back to normal
    assert alive(stack)
    record(
        "action server frozen 60 s (SIGSTOP)",
        "every message answered or apologised within the 5 s timeout",
        f"{len(sent)} messages: {len(apologised)} apologised, {len(sent) - len(apologised)} "
        f"answered, 0 unanswered; slowest {slowest:.1f} s",
    )


@pytest.fixture(scope="module")
def pg(postgres_server: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Stack]:
    """Case store and tracker store on PostgreSQL, one Rasa server (in-memory lock store)."""
    workdir = tmp_path_factory.mktemp("pg_faults")
    with postgres_stack(postgres_server, workdir, "wegwijs_faults") as running:
        yield running


def test_postgres_takes_no_nul_and_no_request_stops_rasa(pg: Stack) -> None:
    url = f"{pg.url}/webhooks/rest/webhook"
    for body in ({"sender": "a\x00", "message": "hi"}, {"sender": "a\ud800", "message": "hi"}):
        assert post_raw(url, as_json(body)).status_code == 400
    sender = uuid.uuid4().hex
    assert pg.say(sender, "hallo\x00 daar\ud800")
    assert stored_texts(pg, f"rest:{sender}") == ["hallo daar"] and alive(pg)
    record("PostgreSQL: NUL / surrogate in sender, in text", "400 / cleaned", "400 / cleaned, up")


def test_a_tracker_database_outage_loses_no_message_silently(
    pg: Stack, postgres_server: str
) -> None:
    url = f"{pg.url}/webhooks/rest/webhook"
    people = {
        uuid.uuid4().hex: "wat is de pvt?",
        uuid.uuid4().hex: "wanneer moet ik klaar zijn?",
        uuid.uuid4().hex: "ok",  # an Arabic conversation: the apology must stay Arabic
    }
    arabic = list(people)[2]
    pg.text(arabic, "مرحبا، ما هو اختبار المشاركة؟")
    for sender in list(people)[:2]:
        pg.text(sender, "hallo")
    outage = Outage(postgres_server, pg.tracker_store_url.rsplit("/", 1)[1])
    outage.begin()
    try:
        sent = people_talking(url, people, 30)
    finally:
        outage.end()
    time.sleep(2)
    sorry = apologies()
    stored = {s.sender: set(stored_texts(pg, f"rest:{s.sender}")) for s in sent}
    apologised = [s for s in sent if any(r in sorry for r in s.replies)]
    kept = [s for s in sent if s.text in stored[s.sender] and s not in apologised]
    silent = [s for s in sent if s not in apologised and s not in kept]
    arabic_replies = [r for s in sent if s.sender == arabic for r in s.replies]
    counted = len(log_lines(pg.workdir / "rasa.log", "count messages_not_stored"))
    record(
        "tracker database (PostgreSQL) refuses all connections for 30 s",
        "every message stored after recovery or apologised; 0 silent losses; counted",
        f"{len(sent)} messages: {len(kept)} stored, {len(apologised)} apologised, "
        f"{len(silent)} silent; Arabic apologies in Arabic: "
        f"{all(r == render('utter_service_unavailable', 'ar').text for r in arabic_replies)}",
    )
    assert sent and not silent, silent
    assert apologised and counted >= 1
    assert all(r == render("utter_service_unavailable", "ar").text for r in arabic_replies)
    assert "PVT" in pg.text(next(iter(people)), "wat is de pvt?") and alive(pg)
