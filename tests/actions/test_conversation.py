import pytest
from actions.conversation import Fallback, Greet, Handoff
from actions.language import LanguageChosen
from rasa_sdk.executor import CollectingDispatcher
from sqlalchemy import select

from bot.store.db import session_scope
from bot.store.models import HandoffRequest
from bot.store.repository import CaseRepository
from tests.actions.conftest import link, make_tracker, sent

pytestmark = pytest.mark.usefixtures("store")


def user(text: str, intent: str) -> dict:
    return {"event": "user", "text": text, "parse_data": {"intent": {"name": intent}}}


async def test_greeting_by_first_name_when_linked() -> None:
    link("rest:elif", "DEMO-0003")
    dispatcher = CollectingDispatcher()
    await Greet().run(dispatcher, make_tracker("rest:elif"), {})
    assert sent(dispatcher) == [("utter_greet_linked", {"first_name": "Elif"})]


async def test_handoff_stores_the_question_that_led_to_it() -> None:
    link("rest:elif", "DEMO-0003")
    events = [
        user("why did I get a fine letter", "ask_fine"),
        user("I want a human", "request_human"),
    ]
    dispatcher = CollectingDispatcher()
    await Handoff().run(
        dispatcher, make_tracker("rest:elif", events=events, slots={"language": "tr"}), {}
    )
    assert [key for key, _ in sent(dispatcher)] == [
        "utter_handoff_saved",
        "utter_handoff_consultant",
    ]
    with session_scope() as session:
        request = session.execute(select(HandoffRequest)).scalar_one()
    assert (request.question, request.language, request.sender_id) == (
        "why did I get a fine letter",
        "tr",
        "rest:elif",
    )


async def test_fallback_offers_topics_first_then_a_person() -> None:
    ranking = [
        {"name": "nlu_fallback"},
        {"name": "ask_deadline"},
        {"name": "greet"},
        {"name": "ask_pvt"},
    ]
    once = make_tracker(
        events=[user("blah", "nlu_fallback")], ranking=ranking, intent="nlu_fallback"
    )
    dispatcher = CollectingDispatcher()
    await Fallback().run(dispatcher, once, {})
    assert sent(dispatcher) == [
        ("utter_fallback_rephrase", {"button_intents": ["ask_deadline", "ask_pvt"]})
    ]
    twice = make_tracker(
        events=[user("blah", "nlu_fallback"), user("blah blah", "nlu_fallback")],
        intent="nlu_fallback",
    )
    dispatcher = CollectingDispatcher()
    await Fallback().run(dispatcher, twice, {})
    assert sent(dispatcher) == [("utter_fallback_human", {"button_intents": ["request_human"]})]


async def test_a_menu_choice_is_confirmed_and_stored_with_the_linked_case() -> None:
    link("rest:yonas", "DEMO-0006")
    tracker = make_tracker(
        "rest:yonas",
        text='/choose_language{"language": "ar"}',
        intent="choose_language",
        slots={"language": "ar"},
    )
    dispatcher = CollectingDispatcher()
    await LanguageChosen().run(dispatcher, tracker, {})
    assert sent(dispatcher) == [("utter_language_changed", {"language": "ar"})]
    with session_scope() as session:
        assert CaseRepository(session).get("DEMO-0006").language == "ar"
