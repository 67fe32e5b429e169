"""Rasa's SQL tracker store, with per-message cost that does not grow with the conversation.

Stock SQLTrackerStore re-reads and re-deserialises every event of the session on every message,
and Rasa then replays, featurises and serialises all of them, so turn 100 costs far more than
turn 5. This store (same tables, same rows: the database keeps the whole conversation):
- keeps recent conversations in memory and asks the database only for rows with a higher id
  (correct with several Rasa servers on one database: a conversation is handled by one server at
  a time under the lock store, and rows written elsewhere are picked up by id; a deletion
  elsewhere ("forget me", the retention purge) changes the conversation's lowest id, which every
  load compares, so the next message on any server starts from the database again);
- hands Rasa a window: the slot values as they were (as SlotSet events) plus the last
  WINDOW_EVENTS events. Every rule and action here looks back a few turns at most.
- saves exactly the events Rasa added after the window it was given.
- never ends the process: stock Rasa turns any ValueError inside a session (a lone surrogate, a
  NUL byte on PostgreSQL) into sys.exit. Here every store error becomes TrackerStoreUnavailable;
  reads and writes that failed for a passing reason (the database is unreachable) are retried
  with backoff for TRACKER_RETRY_SECONDS, then the error goes up to the channel, which tells the
  person (bot.rasa_ext.respond). Rasa's FailSafeTrackerStore, which would fall back to memory and
  lose the messages silently, is not put around this store (bot.rasa_ext.patches).
Configured as `tracker_store: type: bot.rasa_ext.tracker_store.CachingSQLTrackerStore`.
"""

from __future__ import annotations

import asyncio
import contextlib
import functools
import json
import logging
import time
from collections import OrderedDict
from collections.abc import Awaitable, Callable, Generator
from dataclasses import dataclass, field
from typing import Any, TypeVar

import sqlalchemy as sa
from rasa.core.tracker_store import (
    SQLTrackerStore,
    create_engine_kwargs,
    ensure_schema_exists,
)
from rasa.shared.core.events import (
    AllSlotsReset,
    Event,
    Restarted,
    SessionStarted,
    SlotSet,
    deserialise_events,
)
from rasa.shared.core.trackers import DialogueStateTracker
from rasa.shared.nlu.constants import INTENT_NAME_KEY
from sqlalchemy.orm import Session

from bot import metrics
from bot.settings import env

logger = logging.getLogger(__name__)
T = TypeVar("T")
MAX_CONVERSATIONS = 5000
WINDOW_EVENTS = 40  # about eight turns; older slot values are kept as a prefix
PRESENTED = "_wegwijs_presented_events"  # how many events the tracker had when handed out
DEFAULT_RETRY_SECONDS = 5.0
CONNECT_TIMEOUT_SECONDS = 3


class TrackerStoreUnavailable(RuntimeError):
    """The conversation could not be read or stored. `transient`: worth trying again."""

    def __init__(self, message: str, transient: bool) -> None:
        super().__init__(message)
        self.transient = transient


def is_transient(error: BaseException) -> bool:
    """A lost or refused connection passes; a value the database cannot take does not."""
    return isinstance(error, sa.exc.OperationalError | sa.exc.InterfaceError) or bool(
        getattr(error, "connection_invalidated", False)
    )


@dataclass
class Window:
    """Slot values before `events`, and the latest events of the current session."""

    last_id: int = 0
    first_id: int = 0  # the conversation's first stored event: it changes when it was deleted
    slots: dict[str, Any] = field(default_factory=dict)
    events: list[Event] = field(default_factory=list)

    def add(self, new_events: list[Event], window: int) -> None:
        for event in new_events:
            if isinstance(event, SessionStarted):  # a new session: the old one is history
                self.slots, self.events = {}, []
            self.events.append(event)
        while len(self.events) > window:
            oldest = self.events.pop(0)
            if isinstance(oldest, SlotSet):
                self.slots[oldest.key] = oldest.value
            elif isinstance(oldest, Restarted | AllSlotsReset):
                self.slots = {}

    def as_events(self) -> list[Event]:
        prefix: list[Event] = [SlotSet(key, value) for key, value in self.slots.items()]
        return prefix + self.events


class CachingSQLTrackerStore(SQLTrackerStore):
    window_events = WINDOW_EVENTS

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.engine.hide_parameters = True  # errors in the log never quote the events' text
        self._windows: OrderedDict[str, Window] = OrderedDict()
        self.retry_seconds = float(env("TRACKER_RETRY_SECONDS", str(DEFAULT_RETRY_SECONDS)))
        self._reconnecting_engine()

    def _reconnecting_engine(self) -> None:
        """The same database, with connections checked before use (after an outage the pooled
        ones are dead) and a connect timeout, so a lost database fails fast and is retried."""
        engine: sa.engine.Engine = getattr(self, "engine")  # noqa: B009 (set by Rasa)
        url = engine.url
        options: dict[str, Any] = {**create_engine_kwargs(url), "pool_pre_ping": True}
        if url.get_backend_name() == "postgresql":
            connect = options.get("connect_args", {})
            options["connect_args"] = {**connect, "connect_timeout": CONNECT_TIMEOUT_SECONDS}
        elif url.get_backend_name() == "sqlite" and url.database not in (None, "", ":memory:"):
            # one pooled connection instead of a new SQLite connection per read and write
            options.update(
                poolclass=sa.pool.QueuePool,
                connect_args={"check_same_thread": False},
                pool_pre_ping=False,  # a file, not a server that can go away
            )
        engine.dispose()
        self.engine = sa.create_engine(url, **options)
        self.sessionmaker = sa.orm.session.sessionmaker(bind=self.engine)

    @contextlib.contextmanager
    def session_scope(self) -> Generator[Session, None, None]:
        """Rasa's transactional scope, raising TrackerStoreUnavailable instead of exiting."""
        session = self.sessionmaker()
        try:
            ensure_schema_exists(session)
            yield session
        except Exception as error:
            raise TrackerStoreUnavailable(
                f"{type(error).__name__}: {error}", is_transient(error)
            ) from error
        finally:
            with contextlib.suppress(Exception):
                session.close()

    async def _retrying(self, operation: Callable[[], Awaitable[T]], what: str) -> T:
        """The operation, tried again with backoff while the store is unreachable."""
        deadline = time.monotonic() + self.retry_seconds
        delay = 0.05
        while True:
            try:
                return await operation()
            except TrackerStoreUnavailable as error:
                if not error.transient or time.monotonic() + delay > deadline:
                    metrics.count("tracker_store_failures", operation=what)
                    raise
                logger.warning("tracker store %s failed, trying again: %s", what, error)
            await asyncio.sleep(delay)
            delay = min(delay * 2, 1.0)

    def forget(self, sender_id: str) -> None:
        self._windows.pop(sender_id, None)

    async def delete(self, sender_id: str) -> None:
        """Delete a conversation ("forget me"): every stored event of the sender."""
        with self.session_scope() as session:
            session.query(self.SQLEvent).filter(self.SQLEvent.sender_id == sender_id).delete()
            session.commit()
        self.forget(sender_id)

    def _remember(self, sender_id: str, window: Window) -> None:
        self._windows[sender_id] = window
        self._windows.move_to_end(sender_id)
        while len(self._windows) > MAX_CONVERSATIONS:
            self._windows.popitem(last=False)

    def _first_id(self, session: Any, sender_id: str) -> int:
        first = session.execute(self._statements["first"], {"sender": sender_id}).scalar()
        return int(first or 0)

    @functools.cached_property
    def _statements(self) -> dict[str, Any]:
        """The two queries of every message, built once (Core, not ORM: a fifth of the time the
        store took per message went into building ORM queries and entities)."""
        events = self.SQLEvent.__table__
        sender = events.c.sender_id == sa.bindparam("sender")
        return {
            "first": sa.select(sa.func.min(events.c.id)).where(sender),
            "newer": sa.select(events.c.id, events.c.data)
            .where(sender, events.c.id > sa.bindparam("after"))
            .order_by(events.c.id),
        }

    def _load(self, sender_id: str) -> Window:
        window = self._windows.get(sender_id)
        with self.session_scope() as session:
            first_id = self._first_id(session, sender_id)
            if window is not None and first_id != window.first_id:
                window = None  # deleted ("forget me") on this or another server: start over
            if window is None:
                window = Window(first_id=first_id)
                query = self._event_query(session, sender_id, fetch_events_from_all_sessions=False)
                rows = query.all()
            else:
                newer = {"sender": sender_id, "after": window.last_id}
                rows = session.execute(self._statements["newer"], newer).all()
        if rows:
            window.add(
                deserialise_events([json.loads(row.data) for row in rows]), self.window_events
            )
            window.last_id = rows[-1].id
        self._remember(sender_id, window)
        return window

    async def _retrieve(
        self, sender_id: str, fetch_events_from_all_sessions: bool
    ) -> DialogueStateTracker | None:
        if fetch_events_from_all_sessions or not self.domain:
            return await super()._retrieve(sender_id, fetch_events_from_all_sessions)

        async def load() -> Window:
            return self._load(sender_id)

        window = await self._retrying(load, "read")
        events = window.as_events()
        if not window.events:
            return None
        tracker = DialogueStateTracker.from_events(sender_id, events, self.domain.slots)
        setattr(tracker, PRESENTED, len(events))
        return tracker

    async def save(self, tracker: DialogueStateTracker) -> None:
        presented = getattr(tracker, PRESENTED, None)
        if presented is None:  # a tracker this store did not hand out: the stock way
            await self._retrying(lambda: super(CachingSQLTrackerStore, self).save(tracker), "write")
            self.forget(tracker.sender_id)
            return
        await self.stream_events(tracker)
        new_events = list(tracker.events)[presented:]

        window = self._windows.get(tracker.sender_id)

        async def write() -> tuple[int, int]:
            return self._write(tracker.sender_id, new_events, window)

        last_id, first_id = await self._retrying(write, "write")
        if window is None or window.first_id not in (0, first_id):
            # deleted meanwhile, or not read through this store: the next read starts over
            self.forget(tracker.sender_id)
            return
        window.first_id = first_id  # 0 for a conversation that had no events yet
        window.add(new_events, self.window_events)
        window.last_id = last_id or window.last_id
        self._remember(tracker.sender_id, window)
        setattr(tracker, PRESENTED, len(tracker.events))

    def _write(
        self, sender_id: str, new_events: list[Event], window: Window | None
    ) -> tuple[int, int]:
        """The new events in one transaction (all stored or none); returns the id of the last
        one stored and the conversation's first id, from the same transaction: the window is
        only kept when nothing was deleted in between (by "forget me" on any server)."""
        with self.session_scope() as session:
            rows = [self._row(sender_id, event) for event in new_events]
            session.add_all(rows)
            session.flush()  # assigns the ids
            last_id = int(rows[-1].id) if rows else 0
            first_id = self._first_id(session, sender_id)
            session.commit()
        return last_id, first_id

    def _row(self, sender_id: str, event: Event) -> Any:
        data = event.as_dict()
        return self.SQLEvent(
            sender_id=sender_id,
            type_name=event.type_name,
            timestamp=data.get("timestamp"),
            intent_name=data.get("parse_data", {}).get("intent", {}).get(INTENT_NAME_KEY),
            action_name=data.get("name"),
            data=json.dumps(data),
        )
