"""Rasa's SQL tracker store, reading only the rows it has not seen yet.

Stock SQLTrackerStore re-reads and re-deserialises every event of the conversation session on
every message, so each turn costs more than the one before. This store keeps the deserialised
events of recent conversations in memory and asks the database only for rows with a higher id.
It stays correct with several Rasa servers on one database (a conversation is handled by one
server at a time under the lock store, and other servers' rows are picked up by id).
Configured as `tracker_store: type: bot.rasa_ext.tracker_store.CachingSQLTrackerStore`.
"""

from __future__ import annotations

import json
from collections import OrderedDict
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa
from rasa.core.tracker_store import SQLTrackerStore
from rasa.shared.core.events import Event, SessionStarted, deserialise_events
from rasa.shared.core.trackers import DialogueStateTracker

MAX_CONVERSATIONS = 5000


@dataclass
class _Cached:
    last_id: int
    events: list[Event]


def current_session(events: list[Event]) -> list[Event]:
    """The events from the latest SessionStarted on (all of them when there is none)."""
    for index in range(len(events) - 1, -1, -1):
        if isinstance(events[index], SessionStarted):
            return events[index:]
    return events


class CachingSQLTrackerStore(SQLTrackerStore):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._cache: OrderedDict[str, _Cached] = OrderedDict()

    def forget(self, sender_id: str) -> None:
        self._cache.pop(sender_id, None)

    def _remember(self, sender_id: str, cached: _Cached) -> None:
        self._cache[sender_id] = cached
        self._cache.move_to_end(sender_id)
        while len(self._cache) > MAX_CONVERSATIONS:
            self._cache.popitem(last=False)

    async def _retrieve(
        self, sender_id: str, fetch_events_from_all_sessions: bool
    ) -> DialogueStateTracker | None:
        if fetch_events_from_all_sessions or not self.domain:
            return await super()._retrieve(sender_id, fetch_events_from_all_sessions)
        cached = self._cache.get(sender_id)
        with self.session_scope() as session:
            if cached is None:
                rows = self._event_query(
                    session, sender_id, fetch_events_from_all_sessions=False
                ).all()
            else:
                rows = (
                    session.query(self.SQLEvent)
                    .filter(self.SQLEvent.sender_id == sender_id, self.SQLEvent.id > cached.last_id)
                    .order_by(self.SQLEvent.id)
                    .all()
                )
            new_events = deserialise_events([json.loads(row.data) for row in rows])
            last_id = rows[-1].id if rows else (cached.last_id if cached else 0)
        events = current_session([*(cached.events if cached else []), *new_events])
        if not events:
            return None
        self._remember(sender_id, _Cached(last_id, events))
        return DialogueStateTracker.from_events(sender_id, list(events), self.domain.slots)

    async def save(self, tracker: DialogueStateTracker) -> None:
        await super().save(tracker)
        with self.session_scope() as session:
            last_id = (
                session.query(sa.func.max(self.SQLEvent.id))
                .filter(self.SQLEvent.sender_id == tracker.sender_id)
                .scalar()
            )
        self._remember(
            tracker.sender_id, _Cached(int(last_id or 0), current_session(list(tracker.events)))
        )
