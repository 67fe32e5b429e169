"""Two reminder workers at once on PostgreSQL (case store and tracker store), pushing through
the real Rasa server: each reminder is logged in its conversation exactly once."""

from __future__ import annotations

import asyncio
import threading
import uuid
from datetime import date, datetime, timezone

from dateutil.relativedelta import relativedelta
from sqlalchemy import select

from bot.push.client import PushClient
from bot.reminders.rules import LOCAL
from bot.reminders.worker import Worker
from bot.store.db import engine_for, session_scope
from bot.store.push_models import Reminder, ReminderDay
from bot.store.repository import CaseRepository
from tests.bot.cases.factories import make_case
from tests.e2e.handoff_support import tracker_events
from tests.e2e.stack import TODAY, Stack
from tests.e2e.test_postgres import pg_stack

__all__ = ["pg_stack"]
DAY = date.fromisoformat(TODAY)
PEOPLE = 10


def nine_oclock() -> datetime:
    return datetime(DAY.year, DAY.month, DAY.day, 9, tzinfo=LOCAL).astimezone(timezone.utc)


def test_two_workers_at_once_send_each_reminder_once(pg_stack: Stack) -> None:
    engine = engine_for(pg_stack.env["DATABASE_URL"])
    senders = []
    for n in range(PEOPLE):
        ref, sender = f"PG-{n}", uuid.uuid4().hex
        with session_scope(engine) as db:
            CaseRepository(db).upsert_many(
                [
                    make_case(
                        case_ref=ref,
                        pip_date=date(2024, 6, 1),
                        route="b1",
                        term_end=DAY + relativedelta(months=6),
                        language="en",
                    )
                ]
            )
        pg_stack.link(sender, ref, language="en")
        assert "Reminders are on" in pg_stack.text(sender, "/reminders_on")
        senders.append(f"rest:{sender}")

    pusher = PushClient(pg_stack.url, pg_stack.env["PUSH_TOKEN"])
    workers = [Worker(pusher, nine_oclock, engine, name=f"worker-{i}") for i in (1, 2)]
    sent: list[int] = []
    threads = [
        threading.Thread(target=lambda w=w: sent.append(asyncio.run(w.run_once()).sent))
        for w in workers
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=300)

    assert sum(sent) == PEOPLE
    for sender in senders:
        reminders = [
            e
            for e in tracker_events(pg_stack, sender)
            if (e.get("metadata") or {}).get("topic") == "reminder"
        ]
        assert len(reminders) == 1, sender
        assert "in about 6 months" in reminders[0]["text"]
    with session_scope(engine) as db:
        claimed_by = {
            r.claimed_by
            for r in db.execute(select(Reminder).where(Reminder.status == "sent")).scalars()
        }
        assert len(db.execute(select(ReminderDay)).all()) == PEOPLE
    print(f"reminders sent per worker: {sent}; claimed by: {sorted(claimed_by)}")
