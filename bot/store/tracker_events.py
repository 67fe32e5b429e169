"""Rasa's `events` table (the tracker store, the conversation log) as the store layer reads and
deletes it outside the Rasa process: for "forget me", erasure on request and the retention purge.

Every Rasa server notices a deletion on its next load of the conversation (it compares the
conversation's first stored event id, bot.rasa_ext.tracker_store), so deleting the rows here is
deleting the conversation everywhere.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

metadata = sa.MetaData()
# Rasa's own table (rasa/core/tracker_store.py, SQLTrackerStore.SQLEvent).
events = sa.Table(
    "events",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("sender_id", sa.String(255)),
    sa.Column("type_name", sa.String(255)),
    sa.Column("timestamp", sa.Float),
    sa.Column("intent_name", sa.String(255)),
    sa.Column("action_name", sa.String(255)),
    sa.Column("data", sa.Text),
)


def has_events_table(connection: Connection) -> bool:
    """False before Rasa has ever started on this database (it creates the table)."""
    return sa.inspect(connection).has_table("events")


def delete_events(connection: Connection, sender_id: str) -> int:
    """Delete every stored event of one conversation; how many there were."""
    if not has_events_table(connection):
        return 0
    result = connection.execute(sa.delete(events).where(events.c.sender_id == sender_id))
    return int(result.rowcount or 0)


def events_of(connection: Connection, sender_id: str) -> list[dict[str, Any]]:
    """Every stored event of one conversation, oldest first, as Rasa stored it."""
    if not has_events_table(connection):
        return []
    rows = connection.execute(
        sa.select(events.c.id, events.c.data)
        .where(events.c.sender_id == sender_id)
        .order_by(events.c.id)
    )
    return [{"id": row.id, **json.loads(row.data or "{}")} for row in rows]


def last_message_at() -> Any:
    """Per conversation: when the person last wrote (or, with no message of theirs, when
    anything last happened), as a Unix time. The retention period counts from it."""
    user = sa.case((events.c.type_name == "user", events.c.timestamp))
    return sa.func.coalesce(sa.func.max(user), sa.func.max(events.c.timestamp))


def stale_senders(connection: Connection, cutoff: float, limit: int) -> list[tuple[str, float]]:
    """Conversations whose last message is older than `cutoff` (Unix time), oldest first."""
    if not has_events_table(connection):
        return []
    last = last_message_at().label("last")
    query = (
        sa.select(events.c.sender_id, last)
        .group_by(events.c.sender_id)
        .having(last_message_at() < cutoff)
        .order_by(last)
        .limit(limit)
    )
    return [(row.sender_id, float(row.last)) for row in connection.execute(query)]


def senders_with_events(connection: Connection, senders: Sequence[str]) -> set[str]:
    """Which of these conversations still have events."""
    if not senders or not has_events_table(connection):
        return set()
    query = sa.select(events.c.sender_id).where(events.c.sender_id.in_(senders)).distinct()
    return set(connection.execute(query).scalars())
