"""Turn a response key and structured arguments into the reader's text and buttons.

Conventions for arguments (actions pass values, never formatted text):
- an ISO date string ("2027-06-11") becomes a long date in the reader's locale;
- a name ending in `_eur` is an amount in euros; an int or float is a number;
- a name ending in `_label` holds a catalog key, rendered in the reader's language;
- a name ending in `_labels` holds a list of catalog keys, rendered as a bulleted list;
- a name ending in `_items` holds {"template": key, "items": [{...}, ...]}: each item is
  rendered with its own "template" or the list's, by the same conventions, as a bulleted list;
- `count` selects the plural form (entries with msgid_plural `<key>_plural`);
- `button_intents`: quick replies, titled by the catalog key `button_<intent>`.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from typing import Any

from bot.facts import default_arguments
from bot.i18n import buttons as button_table
from bot.i18n.catalog import translations
from bot.i18n.formatting import format_value
from bot.i18n.languages import SOURCE_LANGUAGE, Language, resolve

logger = logging.getLogger(__name__)
BULLET = "• "
RLM = "\u200f"  # right-to-left mark


@dataclass(frozen=True)
class Rendered:
    text: str
    buttons: list[dict[str, str]] = field(default_factory=list)

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


def _argument_text(name: str, value: Any, language: Language) -> str:
    if name.endswith("_labels"):
        return "\n".join(BULLET + lookup(str(item), language) for item in value or [])
    if name.endswith("_label"):
        return lookup(str(value), language)
    if name.endswith("_items"):
        default = value.get("template")
        return "\n".join(
            BULLET
            + lookup(str(item.get("template", default)), language) % _Arguments(item, language)
            for item in value["items"]
        )
    return format_value(name, value, language)


class _Arguments(dict[str, str]):
    """Formats an argument only when the template uses it (facts and profile are many)."""

    def __init__(self, raw: dict[str, Any], language: Language) -> None:
        super().__init__()
        self.raw, self.language = raw, language

    def __missing__(self, name: str) -> str:
        if name not in self.raw:
            raise KeyError(name)
        text = _argument_text(name, self.raw[name], self.language)
        self[name] = text
        return text


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
    if language.rtl:  # each line starts right-to-left, also when it begins with a Dutch term
        text = "\n".join(RLM + line if line else line for line in text.split("\n"))
    return Rendered(text, button_table.buttons_for(key, given, language, lookup))
