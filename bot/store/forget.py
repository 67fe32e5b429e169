"""Forgetting a conversation: the one place that knows every row a conversation leaves.

Used by every way in: "forget me" typed in any language, Telegram's /forget and the widget's
button (bot.rasa_ext.respond), the console's erasure on request (bot.store.access) and the
nightly retention purge (bot.store.retention). The case itself stays: it belongs to the
municipality's own system.

A new table that holds rows of a conversation gets one line in CONVERSATION_ROWS (or in
DETACHED when the row belongs to the case and only names the conversation);
tests/bot/store/test_forget.py fails while a table with a sender column is missing here.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.orm import Session

from bot.store.models import (
    AuditEntry,
    ChannelLink,
    ConversationActivity,
    ConversationIntent,
    ConversationNote,
    ConversationReview,
    ConversationSummary,
    ConversationTag,
    HandoffRequest,
    LinkCode,
    LinkFailure,
    MessageFlag,
)
from bot.store.push_models import PushOutbox, ReminderOptIn, UnreachableSender
from bot.store.tracker_events import delete_events


@dataclass(frozen=True)
class SenderRows:
    """The rows of one conversation in a table: found by `sender`; `age` says how old a row is
    (for the purge's leftovers); `derived` rows are recomputed from the tracker's events."""

    model: Any
    age: str | None = None
    sender: str = "sender_id"
    derived: bool = False

    @property
    def table(self) -> str:
        return str(self.model.__tablename__)

    def column(self, name: str) -> Any:
        return getattr(self.model, name)


CONVERSATION_ROWS: tuple[SenderRows, ...] = (
    SenderRows(ChannelLink, "linked_at"),
    SenderRows(HandoffRequest, "created_at"),
    SenderRows(LinkFailure, "attempted_at"),
    SenderRows(ConversationTag, "added_at"),
    SenderRows(ConversationNote, "at"),
    SenderRows(ConversationReview, "reviewed_at"),
    SenderRows(MessageFlag, "at"),
    SenderRows(ConversationSummary, "last", derived=True),
    SenderRows(ConversationActivity, "day", derived=True),
    SenderRows(ConversationIntent, "day", derived=True),
    # The push path's rows: messages waiting for the relay, an unreachable mark, the choice
    # about reminders. A case's reminder history names no conversation and stays with the case.
    SenderRows(PushOutbox, "created_at"),
    SenderRows(UnreachableSender, "since"),
    SenderRows(ReminderOptIn, "changed_at"),
)
# Rows of the case that name a conversation: the name is cleared, the row stays.
DETACHED: tuple[tuple[Any, str], ...] = ((LinkCode, "used_by"),)
EVENTS = "events"  # the tracker store's table, in counts


def fingerprint(sender_id: str) -> str:
    """What the audit log keeps of a forgotten conversation: its channel and a hash, so a
    request can be shown to have been handled without the log naming the chat."""
    channel = sender_id.split(":", 1)[0] if ":" in sender_id else ""
    digest = hashlib.sha256(sender_id.encode()).hexdigest()[:12]
    return f"{channel}:#{digest}"


@dataclass
class Forgotten:
    """How many rows of a conversation went, per table (no content)."""

    sender_id: str
    rows: dict[str, int] = field(default_factory=dict)

    @property
    def linked(self) -> bool:
        return self.rows.get(ChannelLink.__tablename__, 0) > 0

    @property
    def total(self) -> int:
        return sum(self.rows.values())


def forget_in_case_store(db: Session | Connection, sender_id: str) -> Forgotten:
    """Delete a conversation's rows in the case store; a used link code no longer names it;
    audit entries about it keep only its fingerprint. The caller commits."""
    if not sender_id:
        raise ValueError("forget needs a sender id")
    forgotten = Forgotten(sender_id)
    for rows in CONVERSATION_ROWS:
        result = db.execute(sa.delete(rows.model).where(rows.column(rows.sender) == sender_id))
        forgotten.rows[rows.table] = int(result.rowcount or 0)
    for model, column in DETACHED:
        named = getattr(model, column)
        result = db.execute(sa.update(model).where(named == sender_id).values({column: None}))
        forgotten.rows[f"{model.__tablename__}.{column}"] = int(result.rowcount or 0)
    db.execute(
        sa.update(AuditEntry)
        .where(AuditEntry.target == sender_id)
        .values(target=fingerprint(sender_id))
    )
    return forgotten


def same_database(one: Engine, other: Engine) -> bool:
    return one.url == other.url


def forget_conversation(sender_id: str, case_store: Engine, tracker: Engine | None) -> Forgotten:
    """Delete every row of a conversation, in the case store and in the tracker store.

    One transaction when both live in one database. Otherwise the case store goes first and the
    events second: an interruption in between leaves the events, so the conversation is still
    found by the next purge, which finishes it."""
    if tracker is not None and same_database(case_store, tracker):
        with case_store.begin() as connection:
            forgotten = forget_in_case_store(connection, sender_id)
            forgotten.rows[EVENTS] = delete_events(connection, sender_id)
        return forgotten
    with case_store.begin() as connection:
        forgotten = forget_in_case_store(connection, sender_id)
    if tracker is not None:
        with tracker.begin() as connection:
            forgotten.rows[EVENTS] = delete_events(connection, sender_id)
    return forgotten
