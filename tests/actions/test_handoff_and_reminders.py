"""The action's hand-off and reminder steps against a real SQLite case store."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import pytest
from rasa_sdk.executor import CollectingDispatcher
from sqlalchemy import select

from actions.handoff import answer_by_args
from actions.respond import Respond
from bot.store.db import session_scope
from bot.store.models import HandoffRequest
from bot.store.push_models import Reminder, ReminderOptIn
from tests.actions.conftest import link, make_tracker, sent

pytestmark = pytest.mark.usefixtures("store")


async def respond(**tracker: Any) -> tuple[list[tuple[str, dict[str, Any]]], dict[str, Any]]:
    dispatcher = CollectingDispatcher()
    events = await Respond().run(dispatcher, make_tracker(**tracker), {})
    return sent(dispatcher), {e["name"]: e["value"] for e in events if e["event"] == "slot"}


def question(text: str, intent: str = "ask_fine") -> dict[str, Any]:
    return {"event": "user", "text": text, "parse_data": {"intent": {"name": intent}}}


async def test_asking_again_adds_to_the_one_open_request() -> None:
    first = [question("why did I get a fine letter"), question("human", "request_human")]
    await respond(sender="web:x", intent="request_human", events=first)
    again = [*first, question("can I pay it later?"), question("person!", "request_human")]
    replies, _ = await respond(sender="web:x", intent="request_human", events=again)
    assert replies[0][0] == "utter_handoff_waiting"
    with session_scope() as session:
        (request,) = session.execute(select(HandoffRequest)).scalars()
    assert request.requests == 2 and request.team == "general"  # not linked: the team
    assert request.question.splitlines() == ["why did I get a fine letter", "can I pay it later?"]


async def test_a_payload_or_code_is_never_the_question() -> None:
    events = [
        question('/choose_language{"language": "ar"}', "choose_language"),
        question("ABCDE-23456", "link_code"),
        question("human", "request_human"),
    ]
    await respond(sender="web:y", intent="request_human", events=events)
    with session_scope() as session:
        assert session.execute(select(HandoffRequest.question)).scalar_one() == ""


def test_the_answer_is_promised_within_office_hours() -> None:
    friday_evening = datetime(2026, 12, 4, 17, 30)  # UTC: 18:30 in Amsterdam, office closed
    args = answer_by_args(friday_evening)
    assert args == {"answer_day": {"$date": "2026-12-07"}, "answer_time": "17:00"}  # Monday


async def test_the_offer_is_made_once_and_yes_turns_reminders_on() -> None:
    link("rest:sara", "DEMO-0001")
    await respond(sender="rest:sara", intent="ask_deadline")
    with session_scope() as session:
        session.add(ReminderOptIn(sender_id="rest:sara", asked_at=datetime.utcnow()))
    replies, slots = await respond(
        sender="rest:sara", text="yes", intent="affirm", slots={"pending": "reminders"}
    )
    assert [key for key, _ in replies] == ["utter_reminders_on"]
    assert slots.get("pending") is None
    with session_scope() as session:
        assert session.get(ReminderOptIn, "rest:sara").enabled
        kinds = {(r.kind, r.status) for r in session.execute(select(Reminder)).scalars()}
    # the MAP and the exam were in the case before: not "new"; the term reminders are planned
    assert ("new_map", "skipped") in kinds and ("term_6m", "pending") in kinds


async def test_reminders_off_in_any_words_and_the_status_with_buttons() -> None:
    link("rest:sara", "DEMO-0001")
    await respond(sender="rest:sara", intent="reminders_on")
    replies, _ = await respond(sender="rest:sara", intent="reminders_off")
    assert [key for key, _ in replies] == ["utter_reminders_off"]
    replies, _ = await respond(sender="rest:sara", intent="ask_reminders")
    ((key, args),) = replies
    assert key == "utter_reminders_status_off"
    assert args["button_intents"] == ["reminders_on", "reminders_off"]
    assert args["first_months"] == 6 and args["send_from"] == "09:00"


async def test_reminders_need_a_linked_case() -> None:
    replies, _ = await respond(sender="rest:nobody", intent="reminders_on")
    assert [key for key, _ in replies] == ["utter_reminders_not_linked"]


async def test_while_a_staff_member_is_in_the_chat_the_assistant_is_silent() -> None:
    replies, slots = await respond(
        sender="web:z", intent="ask_deadline", slots={"with_staff": "general"}
    )
    assert replies == [] and "with_staff" not in slots
    earlier = [
        question("can I talk to someone", "request_human"),
        question("forget me", "forget_me"),
    ]
    replies, _ = await respond(
        sender="web:z", intent="forget_me", slots={"with_staff": "general"}, events=earlier
    )
    assert [key for key, _ in replies] == ["utter_forget_confirm"]  # forgetting is never silenced
