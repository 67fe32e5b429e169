"""The one action against a real SQLite case store: what it sends and which slots it sets."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import pytest
from rasa_sdk.executor import CollectingDispatcher
from sqlalchemy import select
from sqlalchemy.exc import OperationalError

from actions import common
from actions.respond import Respond
from bot.settings import get_settings
from bot.store.db import session_scope
from bot.store.linking import issue_code
from bot.store.models import HandoffRequest
from bot.store.repository import CaseRepository
from tests.actions.conftest import link, make_tracker, sent

pytestmark = pytest.mark.usefixtures("store")


async def respond(**tracker: Any) -> tuple[list[tuple[str, dict[str, Any]]], dict[str, Any]]:
    dispatcher = CollectingDispatcher()
    events = await Respond().run(dispatcher, make_tracker(**tracker), {})
    return sent(dispatcher), {e["name"]: e["value"] for e in events if e["event"] == "slot"}


def new_code(case_ref: str) -> str:
    with session_scope() as session:
        return issue_code(CaseRepository(session), case_ref, get_settings(), datetime.utcnow())


async def test_a_linked_sender_gets_their_own_deadline_in_the_conversations_language() -> None:
    link("rest:sara", "DEMO-0001")
    replies, slots = await respond(sender="rest:sara", text="deadline?", intent="ask_deadline")
    ((key, args),) = replies
    assert key == "utter_deadline" and args["end"] == {"$date": "2027-06-11"}
    assert args["language"] == "en" and args["topic"] == "deadline"
    assert slots["last_question"] == {"topic": "deadline"}


async def test_an_unlinked_sender_gets_the_rule_and_how_to_link() -> None:
    replies, _ = await respond(sender="rest:nobody", intent="ask_deadline")
    assert [key for key, _ in replies] == ["utter_deadline_general", "utter_not_linked"]
    assert [args["topic"] for _, args in replies] == ["deadline", "not_linked"]


async def test_a_sender_never_sees_another_senders_case() -> None:
    link("rest:sara", "DEMO-0001")
    replies, _ = await respond(sender="web:sara", intent="ask_step")
    assert [key for key, _ in replies] == ["utter_steps_overview", "utter_not_linked"]


async def test_store_down_gives_the_general_answer_and_says_so(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def broken(*_args: Any, **_kwargs: Any) -> Any:
        raise OperationalError("select", {}, Exception("database is down"))

    monkeypatch.setattr(common, "session_scope", broken)
    replies, _ = await respond(intent="ask_deadline")
    assert [key for key, _ in replies] == ["utter_case_unavailable", "utter_deadline_general"]


async def test_linking_confirms_by_first_name_in_the_cases_language() -> None:
    code = new_code("DEMO-0005")  # Noor Hassan, language nl
    replies, slots = await respond(
        sender="rest:noor", text=code, intent="link_code", slots={"language": None}
    )
    (key, args), (offer, offer_args) = replies
    assert key == "utter_link_success" and args["first_name"] == "Noor"
    assert args["language"] == "nl" and slots["language"] == "nl"
    # once per conversation: would the person like reminders? (yes/no is the next message)
    assert offer == "utter_reminders_offer" and offer_args["topic"] == "reminders"
    assert slots["pending"] == "reminders"


async def test_linking_keeps_the_language_the_person_writes() -> None:
    code = new_code("DEMO-0005")
    replies, _ = await respond(sender="rest:n2", text=f"my code {code}", intent="link_code")
    assert replies[0][1]["language"] == "en"  # the tracker's conversation is in English


async def test_a_wrong_code_and_then_the_lockout() -> None:
    for _ in range(5):
        replies, _ = await respond(sender="rest:guess", text="ABCDE-23456", intent="link_code")
        assert replies[0][0] == "utter_link_invalid"
    replies, _ = await respond(sender="rest:guess", text="ABCDE-23456", intent="link_code")
    assert replies[0][0] == "utter_link_locked" and replies[0][1]["count"] == 60


EARLIER = [{"event": "user", "text": "hello"}, {"event": "user", "text": "forget me"}]


async def test_forget_asks_first_and_yes_marks_the_conversation_for_deletion() -> None:
    replies, slots = await respond(intent="forget_me", events=EARLIER)
    assert replies[0][0] == "utter_forget_confirm" and slots["pending"] == "forget"
    assert "forget_now" not in slots  # nothing is deleted before the person says yes
    replies, slots = await respond(intent="affirm", slots={"pending": "forget"})
    assert replies[0][0] == "utter_forgotten" and slots["forget_now"] is True


async def test_on_telegram_the_question_and_the_answer_name_telegrams_own_copy() -> None:
    replies, _ = await respond(sender="tg:42", intent="forget_me", events=EARLIER)
    assert replies[0][0] == "utter_forget_confirm_telegram"
    replies, _ = await respond(sender="tg:42", intent="affirm", slots={"pending": "forget"})
    assert replies[0][0] == "utter_forgotten_telegram"


async def test_forget_with_nothing_kept_says_so_and_deletes_only_the_request() -> None:
    replies, slots = await respond(intent="forget_me", events=EARLIER[1:])
    assert [key for key, _ in replies] == ["utter_forget_nothing"]
    assert slots["forget_now"] is True


async def test_a_linked_chat_is_never_nothing_kept() -> None:
    link("rest:linked", "DEMO-0001")
    replies, _ = await respond(sender="rest:linked", intent="forget_me", events=EARLIER[1:])
    assert replies[0][0] == "utter_forget_confirm"


async def test_handoff_stores_the_last_real_question() -> None:
    link("rest:elif", "DEMO-0003")
    events = [
        {
            "event": "user",
            "text": "why did I get a fine letter",
            "parse_data": {"intent": {"name": "ask_fine"}},
        },
        {"event": "user", "text": "ABCDE-23456", "parse_data": {"intent": {"name": "link_code"}}},
        {
            "event": "user",
            "text": "I want a human",
            "parse_data": {"intent": {"name": "request_human"}},
        },
    ]
    replies, _ = await respond(
        sender="rest:elif", intent="request_human", events=events, slots={"language": "tr"}
    )
    keys = [key for key, _ in replies]
    assert keys == ["utter_handoff_passed_consultant", "utter_handoff_consultant"]
    assert set(replies[0][1]) >= {"answer_day", "answer_time"}  # by when, in office hours
    with session_scope() as session:
        request = session.execute(select(HandoffRequest)).scalar_one()
    assert (request.question, request.language) == ("why did I get a fine letter", "tr")
    assert request.team == "consultant"


async def test_a_menu_choice_is_confirmed_in_it_and_stored_with_the_linked_case() -> None:
    link("rest:yonas", "DEMO-0006")
    replies, slots = await respond(
        sender="rest:yonas",
        text='/choose_language{"language": "ar"}',
        intent="choose_language",
        entities=[{"entity": "language", "value": "ar"}],
    )
    assert replies == [("utter_language_changed", {"language": "ar", "topic": "language_changed"})]
    assert slots["language"] == "ar"
    with session_scope() as session:
        assert CaseRepository(session).get("DEMO-0006").language == "ar"


async def test_a_language_not_spoken_gets_its_notice_in_that_language() -> None:
    replies, slots = await respond(
        text="Привіт, коли мій іспит?",
        intent="ask_exams",
        entities=[{"entity": "unsupported_language", "value": "uk", "certain": True}],
        slots={"language": None},
    )
    assert replies == [
        ("utter_language_unsupported", {"language": "uk", "topic": "unsupported_language"})
    ]
    assert slots.get("language") is None
