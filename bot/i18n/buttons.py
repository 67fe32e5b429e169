"""Quick replies: some responses always carry them; actions may add more (`button_intents`)."""

from __future__ import annotations

import json
from typing import Any

from bot.i18n.languages import Language, languages

STATIC: dict[str, tuple[str, ...]] = {
    "utter_help": ("ask_step", "ask_deadline", "ask_route", "ask_exams", "request_human"),
    "utter_greet": ("ask_step", "ask_deadline", "help"),
    "utter_greet_linked": ("ask_step", "ask_deadline", "help"),
}
LANGUAGE_MENU = "utter_language_menu"


def language_buttons() -> list[dict[str, str]]:
    """Each language in its own name and script; the payload sets only a supported language."""
    return [
        {
            "title": language.name,
            "payload": "/choose_language" + json.dumps({"language": language.code}),
        }
        for language in languages().values()
    ]


def buttons_for(
    key: str, given: dict[str, Any], language: Language, title: Any
) -> list[dict[str, str]]:
    if key == LANGUAGE_MENU:
        return language_buttons()
    intents = list(STATIC.get(key, ())) + list(given.get("button_intents") or [])
    return [
        {"title": title(f"button_{intent}", language), "payload": f"/{intent}"}
        for intent in intents
    ]
