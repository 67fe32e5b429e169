"""Rasa's replies as Telegram messages: split at the 4096-character limit, buttons as keyboards."""

from __future__ import annotations

from typing import Any

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

LIMIT = 4096
CALLBACK_LIMIT = 64  # bytes of callback_data Telegram accepts


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
    rows = [
        [InlineKeyboardButton(str(b["title"]), callback_data=str(b["payload"]))]
        for b in buttons
        if len(str(b.get("payload", "")).encode()) <= CALLBACK_LIMIT
    ]
    return InlineKeyboardMarkup(rows) if rows else None


def as_messages(replies: list[dict[str, Any]]) -> list[tuple[str, InlineKeyboardMarkup | None]]:
    """(text, keyboard) pairs; a reply's buttons go with its last chunk."""
    messages: list[tuple[str, InlineKeyboardMarkup | None]] = []
    for reply in replies:
        chunks = split_text(str(reply.get("text") or ""))
        if not chunks:
            continue
        messages += [(chunk, None) for chunk in chunks[:-1]]
        messages.append((chunks[-1], keyboard(list(reply.get("buttons") or []))))
    return messages
