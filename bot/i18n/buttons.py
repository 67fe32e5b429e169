"""Quick replies: some responses always carry them; answers may add more (`button_intents`).

A button is named by the intent it sends (`ask_deadline` → title `button_ask_deadline`, payload
`/ask_deadline`), or is one of the SPECIAL buttons whose title and payload differ.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from bot.i18n.languages import Language, languages

STATIC: dict[str, tuple[str, ...]] = {
    "utter_help": ("ask_step", "ask_deadline", "ask_route", "ask_exams", "request_human"),
    "utter_greet": ("ask_step", "ask_deadline", "help"),
    "utter_greet_linked": ("ask_step", "ask_deadline", "help"),
}
SPECIAL: dict[str, tuple[str, str]] = {
    "forget_yes": ("button_forget_yes", "/affirm"),
    "forget_no": ("button_forget_no", "/deny"),
}
LANGUAGE_MENU_KEYS = (
    "utter_language_menu",
    "utter_language_unsupported_named",
    "utter_language_offer",
)


def language_buttons() -> list[dict[str, str]]:
    """Each language in its own name and script; the payload sets only a supported language."""
    return [
        {
            "title": language.name,
            "payload": "/choose_language" + json.dumps({"language": language.code}),
        }
        for language in languages().values()
    ]


def title_and_payload(name: str) -> tuple[str, str]:
    return SPECIAL.get(name, (f"button_{name}", f"/{name}"))


def buttons_for(
    key: str,
    given: dict[str, Any],
    language: Language,
    title: Callable[[str, Language], str],
) -> list[dict[str, str]]:
    if key in LANGUAGE_MENU_KEYS:
        return language_buttons()
    names = list(STATIC.get(key, ())) + list(given.get("button_intents") or [])
    return [
        {"title": title(title_key, language), "payload": payload}
        for title_key, payload in map(title_and_payload, names)
    ]
