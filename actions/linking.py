"""Linking a conversation to a case with a one-time code, and forgetting it again."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.common import SERVICE_UNAVAILABLE, StoreUnavailable, in_store, latest_text, send
from bot.answers.base import Reply
from bot.cases.codes import find_code
from bot.i18n.languages import supported
from bot.settings import get_settings
from bot.store.linking import LinkOutcome, LinkResult, redeem_code


class LinkCase(Action):
    def name(self) -> str:
        return "action_link_case"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[dict[str, Any]]:
        code = find_code(latest_text(tracker))
        if code is None:
            send(dispatcher, [Reply("utter_link_invalid")])
            return []
        settings = get_settings()
        try:
            result: LinkResult = await in_store(
                lambda repo: redeem_code(repo, tracker.sender_id, code, settings, datetime.utcnow())
            )
        except StoreUnavailable:
            send(dispatcher, [SERVICE_UNAVAILABLE])
            return []
        if result.outcome is LinkOutcome.LOCKED:
            send(dispatcher, [Reply("utter_link_locked", {"count": settings.link_lockout_minutes})])
            return []
        if result.outcome is LinkOutcome.INVALID or result.case is None:
            send(dispatcher, [Reply("utter_link_invalid")])
            return []
        args: dict[str, Any] = {
            "first_name": result.case.first_name,
            "button_intents": ["ask_step", "ask_deadline"],
        }
        events: list[dict[str, Any]] = []
        if supported(result.case.language):  # the person's stored language follows them
            args["language"] = result.case.language  # render this reply in it already
            events.append(SlotSet("language", result.case.language))
        send(dispatcher, [Reply("utter_link_success", args)])
        return events


class ForgetMe(Action):
    def name(self) -> str:
        return "action_forget_me"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[dict[str, Any]]:
        try:
            unlinked = await in_store(lambda repo: repo.unlink_sender(tracker.sender_id))
        except StoreUnavailable:
            send(dispatcher, [SERVICE_UNAVAILABLE])
            return []
        send(dispatcher, [Reply("utter_forgotten" if unlinked else "utter_forget_nothing")])
        return [SlotSet("last_topic", None)]
