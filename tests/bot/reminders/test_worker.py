"""The reminder worker with a controllable clock, on SQLite and on PostgreSQL: each rule of
the reminders, a crash in the middle of a round, and two workers at once."""

from __future__ import annotations

import asyncio
import threading
import time
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta, timezone
from typing import Any

import pytest
from dateutil.relativedelta import relativedelta
from sqlalchemy import select
from sqlalchemy.engine import Engine

from bot.push.client import PushOutcome
from bot.push.messages import PushRequest
from bot.reminders import store
from bot.reminders.rules import LOCAL
from bot.reminders.worker import Worker
from bot.store.db import session_scope
from bot.store.push_models import Reminder, ReminderDay
from bot.store.repository import CaseRepository
from tests.bot.cases.factories import make_case

DAY = date(2026, 12, 1)


def at(day: date, hour: int, minute: int = 0) -> datetime:
    """A moment in Amsterdam as the worker's clock gives it (UTC)."""
    local = datetime(day.year, day.month, day.day, hour, minute, tzinfo=LOCAL)
    return local.astimezone(timezone.utc)


@dataclass
class FakePushChannel:
    """The push channel as the worker sees it: a push id is delivered once."""

    delay: float = 0.0
    fail: bool = False
    delivered: list[PushRequest] = field(default_factory=list)
    seen: set[str] = field(default_factory=set)
    lock: threading.Lock = field(default_factory=threading.Lock)

    async def push(self, request: PushRequest) -> PushOutcome:
        if self.fail:
            return PushOutcome("unavailable")
        await asyncio.sleep(self.delay)
        with self.lock:
            if request.push_id in self.seen:
                return PushOutcome("duplicate")
            self.seen.add(request.push_id)
            self.delivered.append(request)
        return PushOutcome("queued")

    def keys(self) -> list[str]:
        return [r.messages[0].key for r in self.delivered]


@dataclass
class Clock:
    now: datetime

    def __call__(self) -> datetime:
        return self.now


def add_case(engine: Engine, ref: str, sender: str, opted_in: bool = True, **fields: Any) -> int:
    with session_scope(engine) as session:
        repo = CaseRepository(session)
        repo.upsert_many([make_case(case_ref=ref, pip_date=date(2024, 6, 1), **fields)])
        case_id = repo.get_row(ref).id
        repo.link_sender(sender, case_id)
        store.choose(session, sender, opted_in, datetime.utcnow())
    return case_id


def six_months(engine: Engine, ref: str = "R-1", sender: str = "tg:1") -> int:
    return add_case(engine, ref, sender, term_end=DAY + relativedelta(months=6), language="ar")


def worker(engine: Engine, pusher: FakePushChannel, clock: Clock, name: str = "w1") -> Worker:
    return Worker(pusher, clock, engine, name=name)


def statuses(engine: Engine) -> dict[str, str]:
    with session_scope(engine) as session:
        return {r.kind: r.status for r in session.execute(select(Reminder)).scalars()}


async def test_six_months_before_the_end_exactly_one_reminder_at_nine(store_engine: Engine) -> None:
    six_months(store_engine)
    pusher, clock = FakePushChannel(), Clock(at(DAY, 8, 59))
    run = worker(store_engine, pusher, clock)
    assert (await run.run_once()).sent == 0  # 08:59: planned, not sent
    clock.now = at(DAY, 9)
    assert (await run.run_once()).sent == 1
    for later in (at(DAY, 9, 1), at(DAY, 15), at(DAY + timedelta(days=1), 9)):
        clock.now = later
        assert (await run.run_once()).sent == 0
    (request,) = pusher.delivered
    assert request.sender_id == "tg:1" and request.messages[0].key == "utter_reminder_term"
    assert request.messages[0].args["count"] == 6
    assert statuses(store_engine)["term_6m"] == "sent"


async def test_none_outside_nine_to_eight(store_engine: Engine) -> None:
    six_months(store_engine)
    pusher = FakePushChannel()
    for hour in (0, 6, 8, 20, 23):
        await worker(store_engine, pusher, Clock(at(DAY, hour, 30))).run_once()
    assert pusher.delivered == []


async def test_none_twice_after_a_crash_between_sending_and_recording(
    store_engine: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    six_months(store_engine)
    pusher = FakePushChannel()
    real_finish = store.finish

    def crash(*args: Any, **kwargs: Any) -> None:
        raise SystemExit("the worker stopped here")

    monkeypatch.setattr(store, "finish", crash)
    with pytest.raises(SystemExit):
        await worker(store_engine, pusher, Clock(at(DAY, 9))).run_once()
    assert statuses(store_engine)["term_6m"] == "sending"
    monkeypatch.setattr(store, "finish", real_finish)
    restarted = worker(store_engine, pusher, Clock(at(DAY, 9, 5)), name="w1-restarted")
    await restarted.run_once()
    assert len(pusher.delivered) == 1  # the same push id again: not delivered twice
    assert statuses(store_engine)["term_6m"] == "sent"


async def test_a_crash_before_sending_sends_it_after_the_restart(store_engine: Engine) -> None:
    six_months(store_engine)
    down = FakePushChannel(fail=True)
    await worker(store_engine, down, Clock(at(DAY, 9))).run_once()  # released: try again
    assert statuses(store_engine)["term_6m"] == "pending"
    pusher = FakePushChannel()
    await worker(store_engine, pusher, Clock(at(DAY, 9, 1))).run_once()
    assert pusher.keys() == ["utter_reminder_term"]


async def test_none_after_opting_out(store_engine: Engine) -> None:
    six_months(store_engine)
    pusher = FakePushChannel()
    await worker(store_engine, pusher, Clock(at(DAY, 8))).run_once()  # planned while on
    with session_scope(store_engine) as session:
        store.choose(session, "tg:1", False, datetime.utcnow())
    await worker(store_engine, pusher, Clock(at(DAY, 10))).run_once()
    assert pusher.delivered == []


async def test_at_most_one_a_day_the_day_before_first(store_engine: Engine) -> None:
    tomorrow = DAY + timedelta(days=1)
    add_case(
        store_engine,
        "R-2",
        "web:2",
        term_end=DAY + relativedelta(months=6),
        pvt_status="scheduled",
        pvt_date=tomorrow + timedelta(days=1),
    )
    pusher = FakePushChannel()
    with session_scope(store_engine) as session:  # turned on today: the PVT is not "new"
        row = CaseRepository(session).get_row("R-2")
        store.plan_case(session, row.id, CaseRepository(session).get("R-2"), DAY, baseline=True)
    await worker(store_engine, pusher, Clock(at(DAY, 9))).run_once()
    await worker(store_engine, pusher, Clock(at(DAY, 12))).run_once()
    await worker(store_engine, pusher, Clock(at(tomorrow, 9))).run_once()
    assert pusher.keys() == ["utter_reminder_term", "utter_reminder_pvt"]
    assert statuses(store_engine)["new_pvt"] == "skipped"


async def test_a_changed_date_is_not_reminded_the_new_one_is(store_engine: Engine) -> None:
    pvt = DAY + timedelta(days=10)
    case_id = add_case(store_engine, "R-3", "tg:3", pvt_status="scheduled", pvt_date=pvt)
    pusher = FakePushChannel()
    await worker(store_engine, pusher, Clock(at(DAY, 8))).run_once()
    with session_scope(store_engine) as session:
        repo = CaseRepository(session)
        moved = replace(repo.get("R-3"), pvt_date=pvt + timedelta(days=7))
        repo.upsert_many([moved])
    await worker(store_engine, pusher, Clock(at(DAY, 9))).run_once()
    await worker(store_engine, pusher, Clock(at(pvt - timedelta(days=1), 9))).run_once()
    with session_scope(store_engine) as session:
        rows = {
            (r.kind, r.due): r.status
            for r in session.execute(select(Reminder).where(Reminder.case_id == case_id)).scalars()
        }
    assert rows[("new_pvt", pvt)] == "outdated" and rows[("pvt", pvt)] == "outdated"
    assert rows[("new_pvt", pvt + timedelta(days=7))] == "sent"
    assert [r.messages[0].args["date"] for r in pusher.delivered] == [
        {"$date": (pvt + timedelta(days=7)).isoformat()}
    ]


def run_in_thread(run: Worker, results: list[int]) -> threading.Thread:
    def target() -> None:
        results.append(asyncio.run(run.run_once()).sent)

    return threading.Thread(target=target)


def test_two_workers_at_once_send_each_reminder_once(store_engine: Engine) -> None:
    cases = 12
    for n in range(cases):
        six_months(store_engine, f"R-{n}", f"tg:{100 + n}")
    pusher = FakePushChannel(delay=0.02)
    planned = Clock(at(DAY, 8))
    asyncio.run(worker(store_engine, pusher, planned).run_once())
    results: list[int] = []
    clock = Clock(at(DAY, 9))
    threads = [
        run_in_thread(worker(store_engine, pusher, clock, name=f"w{i}"), results) for i in (1, 2)
    ]
    started = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert time.monotonic() - started < 120
    assert sum(results) == cases and len(pusher.delivered) == cases
    assert len({r.sender_id for r in pusher.delivered}) == cases
    with session_scope(store_engine) as session:
        assert len(session.execute(select(ReminderDay)).all()) == cases
