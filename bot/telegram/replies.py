"""Rasa's replies as Telegram messages: split at the 4096-character limit, buttons as keyboards,
and "Show the Dutch text" under every answer that is not in Dutch."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot.i18n.languages import resolve
from bot.i18n.render import lookup

LIMIT = 4096
CALLBACK_LIMIT = 64  # bytes of callback_data Telegram accepts
KeepDutch = Callable[[str, str], str]  # (Dutch text, reply language) -> callback data


def split_text(text: str, limit: int = LIMIT) -> list[str]:
    """Chunks of at most `limit` characters, cut at paragraph, then line, then word boundaries."""
    chunks: list[str] = []
    rest = text.strip()
    while len(rest) > limit:
        window = rest[:limit]
        cut = (
            max(window.rfind("\n\n"), 0)
            or max(window.rfind("\n"), 0)
            or max(window.rfind(" "), 0)
            or limit
        )
        chunks.append(rest[:cut].strip())
        rest = rest[cut:].strip()
    if rest:
        chunks.append(rest)
    return chunks


def keyboard(buttons: list[dict[str, Any]]) -> InlineKeyboardMarkup | None:
    rows = _rows(buttons)
    return InlineKeyboardMarkup(rows) if rows else None


def _rows(buttons: list[dict[str, Any]]) -> list[list[InlineKeyboardButton]]:
    return [
        [InlineKeyboardButton(str(b["title"]), callback_data=str(b["payload"]))]
        for b in buttons
        if len(str(b.get("payload", "")).encode()) <= CALLBACK_LIMIT
    ]


def _dutch(reply: dict[str, Any]) -> tuple[str, str] | None:
    metadata = reply.get("metadata") or {}
    dutch, language = metadata.get("dutch"), metadata.get("language")
    return (dutch, str(language or "")) if isinstance(dutch, str) and dutch else None


def as_messages(
    replies: list[dict[str, Any]], keep_dutch: KeepDutch | None = None
) -> list[tuple[str, InlineKeyboardMarkup | None]]:
    """(text, keyboard) pairs; a reply's buttons go with its last chunk. An answer that is not
    in Dutch ends with a "Show the Dutch text" button (Rasa may send one answer in parts, each
    with the same Dutch text: the button goes under the last part)."""
    messages: list[tuple[str, InlineKeyboardMarkup | None]] = []
    for index, reply in enumerate(replies):
        chunks = split_text(str(reply.get("text") or ""))
        if not chunks:
            continue
        rows = _rows(list(reply.get("buttons") or []))
        dutch = _dutch(reply)
        following = _dutch(replies[index + 1]) if index + 1 < len(replies) else None
        if keep_dutch is not None and dutch is not None and following != dutch:
            title = lookup("dutch_show", resolve(dutch[1]))
            rows.append([InlineKeyboardButton(title, callback_data=keep_dutch(*dutch))])
        messages += [(chunk, None) for chunk in chunks[:-1]]
        messages.append((chunks[-1], InlineKeyboardMarkup(rows) if rows else None))
    return messages
