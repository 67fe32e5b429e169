"""A language chosen from the menu (or typed by name): confirm it and store it with the case.

The `language` slot itself is filled by Rasa from the entities of the LanguageDetector and the
language menu (domain.yml), without a call to this server on every message.
"""

from __future__ import annotations

import contextlib
from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.common import StoreUnavailable, in_store, send
from bot.answers.base import Reply
from bot.i18n.languages import conversation_language


class LanguageChosen(Action):
    def name(self) -> str:
        return "action_language_chosen"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[dict[str, Any]]:
        language = conversation_language(
            tracker.get_slot("language"), tracker.get_slot("language_hint")
        ).code
        # If the store is down the conversation still switches; the case keeps its language.
        with contextlib.suppress(StoreUnavailable):
            await in_store(lambda repo: repo.set_language(tracker.sender_id, language))
        send(dispatcher, [Reply("utter_language_changed", {"language": language})])
        return []
