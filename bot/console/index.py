"""The conversation index: per-conversation figures derived from Rasa's `events` table.

The console's list and statistics read these small tables in the case store instead of grouping
every event on each page view. `refresh` reads only the events added since the last round: it
finds the conversations they belong to and recomputes those conversations from all their events,
so a round can be repeated safely. Events from the last minute are read again in the next round,
because on PostgreSQL a row with a lower id may commit after one with a higher id.
"""

from __future__ import annotations

import json
import time
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from contextlib import AbstractContextManager as ContextManager
from dataclasses import dataclass, field
from datetime import date, datetime, timezone
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session

from bot.console.conversations import LOCAL
from bot.store.models import (
    ConversationActivity,
    ConversationIntent,
    ConversationSummary,
    IndexState,
)
from bot.store.tracker_events import events

WATERMARK = "tracker_events"
SETTLE_SECONDS = 60.0
IDS_PER_ROUND = 20_000
SENDERS_PER_QUERY = 500
CHANNELS = ("rest", "tg", "web")
FALLBACK, THUMBS_UP, THUMBS_DOWN, HANDOFF = (
    "nlu_fallback",
    "feedback_good",
    "feedback_bad",
    "action_handoff",
)


@dataclass(frozen=True)
class Event:
    """The part of a stored Rasa event the index needs."""

    id: int
    type_name: str
    timestamp: float
    intent: str | None
    action: str | None
    data: str | None


@dataclass
class Counts:
    messages: int = 0
    fallbacks: int = 0
    handoffs: int = 0
    thumbs_up: int = 0
    thumbs_down: int = 0


@dataclass
class Digest:
    """Everything the index stores about one conversation."""

    sender_id: str
    channel: str
    started: datetime | None = None
    last: datetime | None = None
    activity: dict[tuple[date, str], Counts] = field(default_factory=dict)
    intents: Counter[tuple[date, str]] = field(default_factory=Counter)

    def total(self) -> Counts:
        total = Counts()
        for counts in self.activity.values():
            for name in vars(total):
                setattr(total, name, getattr(total, name) + getattr(counts, name))
        return total

    def main_language(self) -> str:
        per_language: Counter[str] = Counter()
        for (_, language), counts in self.activity.items():
            if language:
                per_language[language] += counts.messages
        return per_language.most_common(1)[0][0] if per_language else ""


def channel_of(sender_id: str) -> str:
    prefix = sender_id.split(":", 1)[0] if ":" in sender_id else ""
    return prefix if prefix in CHANNELS else "other"


def local_day(timestamp: float) -> date:
    return datetime.fromtimestamp(timestamp, LOCAL).date()


def utc(timestamp: float) -> datetime:
    return datetime.fromtimestamp(timestamp, timezone.utc).replace(tzinfo=None)


def _language_of(data: dict[str, Any], current: str) -> tuple[str, str]:
    """The language of a user message, and the conversation's language from then on."""
    entities = {
        str(item.get("entity")): str(item.get("value") or "")
        for item in (data.get("parse_data") or {}).get("entities") or []
    }
    detected = entities.get("detected_language", "")
    if detected:
        return detected, detected
    return current or entities.get("language_hint", ""), current


def digest(sender_id: str, rows: Iterable[Event]) -> Digest:
    """Sum up one conversation's events (in id order)."""
    result = Digest(sender_id, channel_of(sender_id))
    language = ""  # the conversation's language so far (detected or chosen)
    last_language = ""  # the language of the latest user message
    for row in rows:
        at = float(row.timestamp or 0)
        if row.type_name == "slot" and row.data:
            data = json.loads(row.data)
            if data.get("name") == "language" and data.get("value"):
                language = str(data["value"])
            continue
        if row.type_name == "user":
            data = json.loads(row.data or "{}")
            last_language, language = _language_of(data, language)
            counts = result.activity.setdefault((local_day(at), last_language), Counts())
            counts.messages += 1
            counts.fallbacks += row.intent == FALLBACK
            counts.thumbs_up += row.intent == THUMBS_UP
            counts.thumbs_down += row.intent == THUMBS_DOWN
            if row.intent:
                result.intents[(local_day(at), row.intent[:64])] += 1
        elif row.type_name == "action" and row.action == HANDOFF:
            key = (local_day(at), last_language or language)
            result.activity.setdefault(key, Counts()).handoffs += 1
        else:
            continue
        moment = utc(at)
        result.started = min(result.started or moment, moment)
        result.last = max(result.last or moment, moment)
    return result


def _read_events(tracker: Engine, senders: Sequence[str]) -> dict[str, list[Event]]:
    e = events.c
    wanted = ("user", "action", "slot")
    query = (
        sa.select(e.id, e.sender_id, e.type_name, e.timestamp, e.intent_name, e.action_name, e.data)
        .where(e.sender_id.in_(senders), e.type_name.in_(wanted))
        .order_by(e.id)
    )
    found: dict[str, list[Event]] = {sender: [] for sender in senders}
    with tracker.connect() as connection:
        for r in connection.execute(query):
            found[r.sender_id].append(
                Event(r.id, r.type_name, r.timestamp, r.intent_name, r.action_name, r.data)
            )
    return found


def _write(db: Session, senders: Sequence[str], digests: Sequence[Digest]) -> None:
    for table in (ConversationSummary, ConversationActivity, ConversationIntent):
        db.execute(sa.delete(table).where(table.sender_id.in_(senders)))
    for d in digests:
        if d.started is None or d.last is None:
            continue  # only bot events so far (or deleted): nothing to list
        total = d.total()
        db.add(
            ConversationSummary(
                sender_id=d.sender_id,
                channel=d.channel,
                started=d.started,
                last=d.last,
                language=d.main_language(),
                **vars(total),
            )
        )
        for (day, language), counts in d.activity.items():
            db.add(
                ConversationActivity(
                    sender_id=d.sender_id,
                    day=day,
                    language=language,
                    channel=d.channel,
                    **vars(counts),
                )
            )
        for (day, intent), count in d.intents.items():
            db.add(ConversationIntent(sender_id=d.sender_id, day=day, intent=intent, count=count))


def _recompute(tracker: Engine, db: Session, senders: Sequence[str]) -> None:
    for first in range(0, len(senders), SENDERS_PER_QUERY):
        chunk = senders[first : first + SENDERS_PER_QUERY]
        found = _read_events(tracker, chunk)
        _write(db, chunk, [digest(sender, found[sender]) for sender in chunk])


def refresh(tracker: Engine, db: Session, now: float | None = None) -> bool:
    """Index one batch of new events; True when more are waiting. The caller commits."""
    state = db.get(IndexState, WATERMARK)
    if state is None:
        state = IndexState(name=WATERMARK, value=0)
        db.add(state)
    e = events.c
    settled = (time.time() if now is None else now) - SETTLE_SECONDS
    with tracker.connect() as connection:
        top = connection.execute(sa.select(sa.func.max(e.id))).scalar() or 0
        if top <= state.value:
            return False
        upper = min(top, state.value + IDS_PER_ROUND)
        window = (e.id > state.value, e.id <= upper)
        senders = list(
            connection.execute(sa.select(e.sender_id).where(*window).distinct()).scalars()
        )
        unsettled = connection.execute(
            sa.select(sa.func.min(e.id)).where(*window, e.timestamp >= settled)
        ).scalar()
    _recompute(tracker, db, senders)
    if unsettled is None:
        state.value = upper
        return upper < top
    state.value = max(state.value, int(unsettled) - 1)  # read the recent ones again next time
    return False


def catch_up(tracker: Engine, db_session: Callable[[], ContextManager[Session]]) -> None:
    """Run rounds until the index has seen every settled event, one transaction per round."""
    more = True
    while more:
        with db_session() as db:
            more = refresh(tracker, db)
