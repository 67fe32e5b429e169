"""Turn a response key and typed arguments (bot.i18n.values) into the reader's text and buttons.

The facts and the municipality profile (bot.facts) are arguments of every message. `count`
chooses the plural form (entries with msgid_plural `<key>_plural`); `button_intents` adds quick
replies titled by the catalog key `button_<intent>`. Arabic and Persian lines start
right-to-left, and Latin values inside them are isolated.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from typing import Any

from bot.facts import default_arguments
from bot.i18n import buttons as button_table
from bot.i18n import values
from bot.i18n.catalog import notice_translations, translations
from bot.i18n.formatting import day, isolate, language_name, money, number
from bot.i18n.languages import SOURCE_LANGUAGE, Language, other_language, resolve

logger = logging.getLogger(__name__)
BULLET = "• "
RLM = "\u200f"  # right-to-left mark
UNSUPPORTED_NOTICE = "utter_language_unsupported"


@dataclass(frozen=True)
class Rendered:
    text: str
    buttons: list[dict[str, str]] = field(default_factory=list)
    language: str = ""

    def as_nlg_response(self) -> dict[str, Any]:
        return {"text": self.text, "buttons": self.buttons}


class UnknownResponse(KeyError):
    pass


def lookup(key: str, language: Language, count: int | None = None) -> str:
    """The catalog text for a key; the source language's when this language lacks it."""
    for code in (language.code, SOURCE_LANGUAGE):
        catalog = translations(code)
        if count is None:
            text = catalog.gettext(key)
        else:
            text = catalog.ngettext(key, f"{key}_plural", count)
        if text not in (key, f"{key}_plural"):
            if code != language.code:
                logger.error("catalog %s has no entry %s; using %s", language.code, key, code)
            return text
    raise UnknownResponse(key)


def _value_text(value: Any, language: Language) -> str:
    kind = values.kind_of(value)
    if kind is None:
        if isinstance(value, bool):
            return str(value)
        if isinstance(value, int | float):
            return isolate(number(value, language), language)
        return isolate(str(value), language)
    content = value[kind]
    if kind == values.DATE:
        return isolate(day(content, language), language)
    if kind == values.MONEY:
        return isolate(money(content, language), language)
    if kind == values.NUMBER:
        return isolate(number(content, language), language)
    if kind == values.LANGUAGE:
        return language_name(str(content), language)
    if kind == values.LABEL:
        return lookup(str(content), language)
    if kind == values.LABELS:
        return "\n".join(BULLET + lookup(str(item), language) for item in content or [])
    template = content.get("template")
    return "\n".join(
        BULLET + lookup(str(item.get("template", template)), language) % _Arguments(item, language)
        for item in content["items"]
    )


class _Arguments(dict[str, str]):
    """Formats an argument only when the template uses it (facts and profile are many)."""

    def __init__(self, raw: dict[str, Any], language: Language) -> None:
        super().__init__()
        self.raw, self.language = raw, language

    def __missing__(self, name: str) -> str:
        if name not in self.raw:
            raise KeyError(name)
        text = _value_text(self.raw[name], self.language)
        self[name] = text
        return text


def _right_to_left(text: str, language: Language) -> str:
    """Each line starts right-to-left, also when it begins with a Dutch term."""
    if not language.rtl:
        return text
    return "\n".join(RLM + line if line else line for line in text.split("\n"))


def render(
    key: str, language_code: str | None, arguments: dict[str, Any] | None = None
) -> Rendered:
    language = resolve(language_code)
    given = {k: v for k, v in (arguments or {}).items() if v is not None}
    count = given.get("count")
    template = lookup(key, language, int(count) if isinstance(count, int) else None)
    try:
        text = template % _Arguments({**default_arguments(), **given}, language)
    except KeyError as missing:
        logger.error("response %s (%s) needs argument %s", key, language.code, missing)
        raise
    return Rendered(
        _right_to_left(text, language),
        button_table.buttons_for(key, given, language, lookup),
        language.code,
    )


def render_notice(code: str) -> Rendered:
    """The "not supported yet" notice in a language the assistant does not speak (when it has
    one; in English and Dutch otherwise), with the menu of the supported languages."""
    other = other_language(code)
    if other is not None:
        template = notice_translations(other.code).gettext(UNSUPPORTED_NOTICE)
        if template != UNSUPPORTED_NOTICE:
            text = template % _Arguments(default_arguments(), other)
            return Rendered(
                _right_to_left(text, other), button_table.language_buttons(), other.code
            )
    texts = [
        notice_translations(fallback).gettext(UNSUPPORTED_NOTICE)
        % _Arguments(default_arguments(), resolve(fallback))
        for fallback in (SOURCE_LANGUAGE, "nl")
    ]
    return Rendered("\n\n".join(texts), button_table.language_buttons(), SOURCE_LANGUAGE)
