"""Keeps the `language` slot right after every user message (action_validate_slot_mappings).

Order: a language chosen from the menu; the language the user clearly writes in; for a new
conversation the channel's language (Telegram language_code, browser language), then the
default. A linked person's choice is stored with the case, so it follows them to other channels.
"""

from __future__ import annotations

import contextlib
from typing import Any

from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.forms import ValidationAction

from actions.common import StoreUnavailable, in_store
from bot.cases.codes import find_code
from bot.i18n.detect import detect
from bot.i18n.languages import languages, match, resolve, supported


def chosen_language(tracker: Tracker) -> str | None:
    if (tracker.latest_message.get("intent") or {}).get("name") != "choose_language":
        return None
    for entity in tracker.latest_message.get("entities") or []:
        if entity.get("entity") == "language" and supported(str(entity.get("value"))):
            return str(entity["value"])
    return None


def language_for(tracker: Tracker) -> str:
    """Menu choice > clearly written language > current > channel language > a guess > default."""
    current = tracker.get_slot("language")
    text = str(tracker.latest_message.get("text") or "")
    chosen = chosen_language(tracker)
    if chosen:
        return chosen
    judged = not text.startswith("/") and find_code(text) is None  # buttons and codes say nothing
    detected = detect(text, languages()) if judged else None
    if detected or current:
        return str(detected or current)
    channel_language = match((tracker.latest_message.get("metadata") or {}).get("language"))
    if channel_language:
        return channel_language.code
    guess = detect(text, languages(), lenient=True) if judged else None
    return guess or resolve(None).code


class ValidateLanguage(ValidationAction):
    def name(self) -> str:
        return "action_validate_slot_mappings"

    async def extract_language(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> dict[str, Any]:
        language = language_for(tracker)
        if language != tracker.get_slot("language") and chosen_language(tracker):
            # If the store is down the conversation still switches; the case keeps its language.
            with contextlib.suppress(StoreUnavailable):
                await in_store(lambda repo: repo.set_language(tracker.sender_id, language))
        return {"language": language}
