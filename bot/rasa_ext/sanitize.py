"""What a user types must never set an intent's entities, a slot or a case.

Rasa treats a message that starts with '/' as `/intent{"entity": "value"}`. Quick-reply buttons
use that form, so a bare `/intent` is let through (it is no more than typing the question), and
`/choose_language{"language": "xx"}` only with a supported language. Everything else that starts
with '/' loses the slash and is understood as ordinary text.

BSN and IBAN numbers are replaced by a label first (bot.privacy.redact): the assistant never needs
them, and so neither the tracker store nor the console ever holds them. Control characters, bidi
overrides and lone surrogates are removed before anything else sees the text.
"""

from __future__ import annotations

import json
import re

from bot.privacy import redact

_BARE_INTENT = re.compile(r"^/([a-z][a-z_]{0,60})$")
_LANGUAGE_CHOICE = re.compile(r"^/choose_language(\{.*\})$", re.DOTALL)
# Rasa's own intents and those only the system may produce.
_RESERVED = frozenset(
    {"restart", "session_start", "back", "link_code", "nlu_fallback", "out_of_scope_system"}
)


# Control characters (NUL included) and the bidi overrides that can disguise text; a new line
# and a tab stay. Lone surrogates cannot be stored by any database.
_INVISIBLE = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff\ufeff]"
)


def clean_text(text: str | None) -> str:
    """What may be stored and shown: no control characters, bidi overrides or lone surrogates."""
    return _INVISIBLE.sub("", text or "").strip()


def sanitize(text: str | None, supported_languages: frozenset[str]) -> str:
    text = redact(clean_text(text))
    if not text.startswith("/"):
        return text
    bare = _BARE_INTENT.match(text)
    if bare and bare.group(1) not in _RESERVED:
        return text
    choice = _LANGUAGE_CHOICE.match(text)
    if choice:
        try:
            entities = json.loads(choice.group(1))
        except json.JSONDecodeError:
            entities = None
        if (
            isinstance(entities, dict)
            and set(entities) == {"language"}
            and entities["language"] in supported_languages
        ):
            return f'/choose_language{{"language": "{entities["language"]}"}}'
    return text.lstrip("/").strip() or "?"
