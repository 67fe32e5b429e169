"""The reminder worker: `python -m bot.reminders`, one process in the Procfile.

Each round (every REMINDER_INTERVAL_SECONDS) it plans the reminders of the cases whose people
turned them on, and between 09:00 and 20:00 Amsterdam time sends what is due, at most one per
person per day, through the push channel. Its clock is injected, so tests choose the moment.

It survives restarts and runs safely more than once: everything it knows is in the case store,
each reminder is claimed by one worker (bot.reminders.store), and a reminder a stopped worker
had claimed is sent again with the same push id, which the push channel logs and delivers once.
"""

from __future__ import annotations

import asyncio
import hashlib
import logging
import os
import socket
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, timezone
from typing import Protocol

import sqlalchemy as sa
from sqlalchemy.engine import Engine

from bot import health, logs, metrics
from bot.push.client import UNAVAILABLE, PushOutcome
from bot.push.messages import PushMessage, PushRequest
from bot.reminders import store
from bot.reminders.rules import in_window, local_day, message
from bot.settings import health_address, log_level
from bot.store.db import get_engine, session_scope
from bot.store.models import CaseRow
from bot.store.repository import to_case
from bot.store.singleton import alone

logger = logging.getLogger(__name__)
STALE_AFTER = timedelta(minutes=2)


class Pusher(Protocol):
    async def push(self, request: PushRequest) -> PushOutcome: ...


def utc_now() -> datetime:
    return datetime.now(timezone.utc)


def push_id(reminder_id: int, sender_id: str) -> str:
    """The same reminder to the same conversation always has the same push id."""
    digest = hashlib.sha256(sender_id.encode()).hexdigest()[:16]
    return f"reminder:{reminder_id}:{digest}"


@dataclass
class Round:
    planned: int = 0
    sent: int = 0


@dataclass
class Worker:
    pusher: Pusher
    clock: Callable[[], datetime] = utc_now
    engine: Engine | None = None
    name: str = field(default_factory=lambda: f"{socket.gethostname()}:{os.getpid()}")
    seen: dict[int, tuple[datetime, date]] = field(default_factory=dict)  # planned as of

    async def run_once(self) -> Round:
        now = self.clock()
        today, done = local_day(now), Round()
        done.planned = await asyncio.to_thread(self._plan, today)
        if not in_window(now):
            return done
        for interrupted in await asyncio.to_thread(self._stale, now, today):
            done.sent += await self._send(interrupted, today, now)
        for case_id in await asyncio.to_thread(self._due, today):
            claimed = await asyncio.to_thread(self._claim, case_id, today, now)
            if claimed is not None:
                done.sent += await self._send(claimed, today, now)
        return done

    async def run_alone(self) -> Round | None:
        """A round, unless another worker process is running one now (None: skipped)."""
        held = alone(self.engine or get_engine(), "reminders")
        mine = await asyncio.to_thread(held.__enter__)
        try:
            return await self.run_once() if mine else None
        finally:
            await asyncio.to_thread(held.__exit__, None, None, None)

    def _plan(self, today: date) -> int:
        """Plan the cases that changed (or all, on a new day) of people who want reminders."""
        added = 0
        with session_scope(self.engine) as session:
            store.expire(session, today)
            ids = store.opted_in_cases(session)
            stamps = session.execute(
                sa.select(CaseRow.id, CaseRow.updated_at).where(CaseRow.id.in_(ids))
            ).all()
            for case_id, updated_at in stamps:
                if self.seen.get(case_id) == (updated_at, today):
                    continue
                row = session.get(CaseRow, case_id)
                if row is not None:
                    added += store.plan_case(session, case_id, to_case(row), today)
                self.seen[case_id] = (updated_at, today)
        return added

    def _stale(self, now: datetime, today: date) -> list[store.Claimed]:
        with session_scope(self.engine) as session:
            return store.stale_sending(session, _naive(now - STALE_AFTER), today)

    def _due(self, today: date) -> list[int]:
        with session_scope(self.engine) as session:
            return store.cases_with_due(session, today)

    def _claim(self, case_id: int, today: date, now: datetime) -> store.Claimed | None:
        with session_scope(self.engine) as session:
            return store.claim(session, case_id, today, self.name, _naive(now))

    async def _send(self, claimed: store.Claimed, today: date, now: datetime) -> int:
        """Push the reminder to each conversation of the person that wants it; 1 when it went."""
        key, args = message(claimed.case, claimed.kind, claimed.due, today)
        with session_scope(self.engine) as session:
            senders = store.receivers(session, claimed.case_id)
        channels, unavailable = [], False
        for sender in senders:
            request = PushRequest(sender, push_id(claimed.id, sender), (PushMessage(key, args),))
            outcome = await self.pusher.push(request)
            if outcome.delivered:
                channels.append(sender.split(":", 1)[0])
                metrics.count("reminders_sent", channel=channels[-1])
            unavailable = unavailable or outcome.status == UNAVAILABLE
        with session_scope(self.engine) as session:
            if unavailable and not channels:
                store.release(session, claimed.id, claimed.case_id, today, "assistant unreachable")
                return 0
            store.finish(session, claimed.id, channels, _naive(now))
        logger.info("reminder %s (%s) sent via %s", claimed.id, claimed.kind.value, channels)
        return 1 if channels else 0


def _naive(moment: datetime) -> datetime:
    """The case store keeps UTC without a zone."""
    return moment.astimezone(timezone.utc).replace(tzinfo=None)


async def serve(worker: Worker, interval: float) -> None:
    while True:
        try:
            await worker.run_alone()
        except Exception:  # a database or network hiccup: log it, try again next round
            logger.exception("reminder round failed")
        await asyncio.sleep(interval)


def main() -> int:
    from bot.push.client import PushClient
    from bot.settings import PushSettings

    logs.configure(log_level())
    settings = PushSettings.from_env()
    if not settings.token:
        raise SystemExit("PUSH_TOKEN is not set (run: python -m bot env init)")
    worker = Worker(PushClient(settings.rasa_url, settings.token))
    asyncio.run(serve_with_health(worker, settings.reminder_interval, health_address("REMINDERS")))
    return 0


async def serve_with_health(worker: Worker, interval: float, address: tuple[str, int]) -> None:
    """The worker's rounds, and /healthz, /readyz (the case store) and /metrics on `address`."""
    host, port = address
    if port:
        await health.serve_beside(host, port, {"case_store": health.database(get_engine)})
    await serve(worker, interval)
