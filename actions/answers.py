"""One action per topic (`action_answer_<topic>`): look up the case, ask bot.answers, reply."""

from __future__ import annotations

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.common import SERVICE_UNAVAILABLE, StoreUnavailable, send, sender_case, today
from bot.answers.base import Reply
from bot.answers.registry import EXPLANATIONS, TOPICS


class AnswerAction(Action):
    topic = ""

    def name(self) -> str:
        return f"action_answer_{self.topic}"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[dict[str, Any]]:
        try:
            case = await sender_case(tracker)
        except StoreUnavailable:
            send(dispatcher, [SERVICE_UNAVAILABLE])
            return []
        send(dispatcher, TOPICS[self.topic](case, today()))
        return [SlotSet("last_topic", self.topic)]


class ExplainMoreAction(Action):
    """'What does that mean?': the plain explanation of the last topic's rule."""

    def name(self) -> str:
        return "action_answer_explain_more"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[dict[str, Any]]:
        key = EXPLANATIONS.get(str(tracker.get_slot("last_topic") or ""), "utter_help")
        send(dispatcher, [Reply(key)])
        return []


# rasa_sdk registers every Action subclass; keep references so they are not collected.
ANSWER_ACTIONS = [
    type(f"Answer_{topic}", (AnswerAction,), {"topic": topic, "__module__": __name__})
    for topic in TOPICS
]
