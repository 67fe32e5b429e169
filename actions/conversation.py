"""Greeting, hand-off to a person, and the fallback that helps."""

from __future__ import annotations

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.common import (
    SERVICE_UNAVAILABLE,
    StoreUnavailable,
    in_store,
    previous_user_text,
    send,
    sender_case,
)
from bot.answers.base import Reply
from bot.answers.topics import handoff
from bot.cases.domain import Case
from bot.i18n.languages import conversation_language
from bot.store.repository import CaseRepository

TOPIC_INTENTS_FOR_BUTTONS = 3
# Intents that never become a "did you mean" button (and so need no button title).
NOT_TOPICS = {
    "nlu_fallback",
    "greet",
    "goodbye",
    "thank",
    "affirm",
    "deny",
    "link_code",
    "share_personal_data",
    "choose_language",
    "feedback_good",
    "feedback_bad",
    "explain_more",
}


class Greet(Action):
    def name(self) -> str:
        return "action_greet"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[dict[str, Any]]:
        try:
            case = await sender_case(tracker)
        except StoreUnavailable:
            case = None  # a greeting does not need the case
        if case is None:
            send(dispatcher, [Reply("utter_greet")])
        else:
            send(dispatcher, [Reply("utter_greet_linked", {"first_name": case.first_name})])
        return []


class Handoff(Action):
    """'I want to talk to a person': who to contact, and a request for the staff console."""

    def name(self) -> str:
        return "action_handoff"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[dict[str, Any]]:
        question = previous_user_text(tracker, skip_intents=("request_human", "greet"))
        language = conversation_language(
            tracker.get_slot("language"), tracker.get_slot("language_hint")
        ).code

        def store(repo: CaseRepository) -> Case | None:
            repo.add_handoff(tracker.sender_id, language, question)
            return repo.case_for_sender(tracker.sender_id)

        try:
            case = await in_store(store)
        except StoreUnavailable:
            send(dispatcher, [SERVICE_UNAVAILABLE, handoff(None)])
            return []
        send(dispatcher, [Reply("utter_handoff_saved"), handoff(case)])
        return []


def consecutive_fallbacks(tracker: Tracker) -> int:
    count = 0
    for event in reversed(tracker.events):
        if event.get("event") != "user":
            continue
        intent = (event.get("parse_data") or {}).get("intent", {}).get("name")
        if intent != "nlu_fallback":
            break
        count += 1
    return count


def likely_topics(tracker: Tracker) -> list[str]:
    ranking = tracker.latest_message.get("intent_ranking") or []
    names = [str(item.get("name")) for item in ranking if item.get("name") not in NOT_TOPICS]
    return names[:TOPIC_INTENTS_FOR_BUTTONS] or ["help"]


class Fallback(Action):
    """Not understood: ask to rephrase with the likely topics; the second time, offer a person."""

    def name(self) -> str:
        return "action_fallback"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[dict[str, Any]]:
        if consecutive_fallbacks(tracker) >= 2:
            send(dispatcher, [Reply("utter_fallback_human", {"button_intents": ["request_human"]})])
        else:
            send(
                dispatcher,
                [Reply("utter_fallback_rephrase", {"button_intents": likely_topics(tracker)})],
            )
        return []
