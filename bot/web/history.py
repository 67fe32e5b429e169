"""The conversation as the person saw it, read from the tracker store page by page.

Rasa hands the dialogue only a window of recent events (bot.rasa_ext.tracker_store), so the
widget's history is read from the stored rows themselves: every session, oldest first, in pages
of PAGE_EVENTS messages, newest page first. A page's `before` is the cursor of the next (older)
page, or None when the page reaches the start of the conversation.
"""

from __future__ import annotations

import asyncio
import json
import logging
from typing import Any

from rasa.core.tracker_store import SQLTrackerStore

from bot.rasa_ext.channels import TAGS

logger = logging.getLogger(__name__)
PAGE_EVENTS = 150

MESSAGE_TYPES = ("user", "bot")


def items_of(events: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """What the person saw: their messages, the buttons they pressed (by the button's title)
    and the replies with their language, topic, Dutch text and quick replies."""
    items: list[dict[str, Any]] = []
    titles: dict[str, str] = {}  # payload -> title of the buttons last offered
    for event in events:
        text = event.get("text")
        if not isinstance(text, str) or not text:
            continue
        if event.get("event") == "user":
            shown = titles.get(text) if text.startswith("/") else text
            if shown:
                item = {"from": "user", "text": shown, "timestamp": event.get("timestamp")}
                if isinstance(event.get("message_id"), str):
                    item["id"] = event["message_id"]
                items.append(item)
        elif event.get("event") == "bot":
            buttons = list((event.get("data") or {}).get("buttons") or [])
            titles = {str(b.get("payload")): str(b.get("title")) for b in buttons}
            metadata = event.get("metadata") or {}
            items.append(
                {
                    "from": "bot",
                    "text": text,
                    "timestamp": event.get("timestamp"),
                    "buttons": buttons,
                    "metadata": {k: metadata[k] for k in TAGS if isinstance(metadata.get(k), str)},
                }
            )
    return items


def _rows(
    store: SQLTrackerStore, sender_id: str, before: int | None, limit: int
) -> list[tuple[int, str]]:
    table = store.SQLEvent
    with store.session_scope() as session:
        query = session.query(table.id, table.data).filter(
            table.sender_id == sender_id, table.type_name.in_(MESSAGE_TYPES)
        )
        if before is not None:
            query = query.filter(table.id < before)
        found = query.order_by(table.id.desc()).limit(limit + 1).all()
    return [(int(row_id), str(data)) for row_id, data in found]


async def page(
    store: Any, sender_id: str, before: int | None = None, limit: int = PAGE_EVENTS
) -> dict[str, Any]:
    """{"items": [...oldest first], "before": cursor of the older page or None}."""
    if isinstance(store, SQLTrackerStore):
        rows = await asyncio.to_thread(_rows, store, sender_id, before, limit)
        older = len(rows) > limit
        rows = rows[:limit][::-1]
        events = [json.loads(data) for _, data in rows]
        # The first row of a page may answer a button whose offer is on the older page.
        return {"items": items_of(events), "before": rows[0][0] if older and rows else None}
    if store is None:
        return {"items": [], "before": None}
    tracker = await store.retrieve_full_tracker(sender_id)  # other stores: all at once
    events = [e.as_dict() for e in tracker.events] if tracker else []
    return {"items": items_of(events), "before": None}
