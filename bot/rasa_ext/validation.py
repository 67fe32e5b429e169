"""What every channel checks before a message reaches Rasa: one place, plain functions.

A sender id is refused (never cleaned or cut): two different ids must never end up as one
conversation, and a character no database can store (a lone surrogate, NUL) must never reach the
tracker store. Message text is cleaned instead (bot.rasa_ext.sanitize.clean_text), because the
person meant to say something; only text that is too long or not text at all is refused.

Each check returns the reason in English (for the 4xx body and the log), or None when valid.
"""

from __future__ import annotations

MAX_SENDER_LENGTH = 200
MAX_MESSAGE_LENGTH = 4096  # Telegram's own limit, so every Telegram message fits
MAX_BODY_BYTES = 64 * 1024  # a JSON body with a message of 4096 characters in any script


def sender_problem(value: object) -> str | None:
    """Why this is not a usable sender id, or None.

    Printable text only: str.isprintable() is False for control characters (NUL included),
    format characters (bidi overrides, zero-width), lone surrogates and unassigned code points.
    """
    if isinstance(value, bool) or not isinstance(value, str | int):
        return "the sender id must be a string"
    given = str(value)
    if not given.strip():
        return "the sender id is empty"
    if len(given) > MAX_SENDER_LENGTH:
        return f"the sender id is longer than {MAX_SENDER_LENGTH} characters"
    if given != given.strip():
        return "the sender id starts or ends with white space"
    if not given.isprintable():
        return "the sender id contains control, format or surrogate characters"
    return None


def message_problem(value: object) -> str | None:
    """Why this is not a message text, or None (its characters are cleaned later)."""
    if not isinstance(value, str):
        return "the message must be a string"
    if len(value) > MAX_MESSAGE_LENGTH:
        return f"the message is longer than {MAX_MESSAGE_LENGTH} characters"
    return None


def language_hint(metadata: object) -> str | None:
    """The channel's language from a client's metadata, when it is a short plain tag."""
    if not isinstance(metadata, dict):
        return None
    language = metadata.get("language")
    if isinstance(language, str) and 0 < len(language) <= 35 and language.isprintable():
        return language
    return None
