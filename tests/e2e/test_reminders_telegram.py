"""Reminders end to end: the worker (in this process, with a controllable clock) pushes through
the real Rasa server's push channel; the relay delivers to the Bot API double."""

from __future__ import annotations

import time
from datetime import date, datetime, timezone
from typing import Any

import pytest
from dateutil.relativedelta import relativedelta
from sqlalchemy import select

from bot.push.client import PushClient
from bot.reminders import store
from bot.reminders.rules import LOCAL
from bot.reminders.worker import Worker
from bot.store.db import engine_for, session_scope
from bot.store.push_models import Reminder
from bot.store.repository import CaseRepository
from tests.bot.cases.factories import make_case
from tests.e2e.console_fixtures import console, login
from tests.e2e.handoff_support import (
    log_lines,
    relay,
    run_round,
    texts_to,
    tracker_events,
    wait_for_text,
    write_transcript,
)
from tests.e2e.stack import TODAY, Stack
from tests.telegram.botapi import BotApiDouble

__all__ = ["console", "relay"]
DAY = date.fromisoformat(TODAY)  # the action server's today (WEGWIJS_TODAY)


class Clock:
    def __init__(self, hour: int, minute: int = 0, day: date = DAY) -> None:
        self.set(hour, minute, day)

    def set(self, hour: int, minute: int = 0, day: date = DAY) -> None:
        local = datetime(day.year, day.month, day.day, hour, minute, tzinfo=LOCAL)
        self.now = local.astimezone(timezone.utc)

    def __call__(self) -> datetime:
        return self.now


def add_case(stack: Stack, ref: str, language: str) -> None:
    """A case whose term (DUO's date) ends in exactly six months."""
    case = make_case(
        case_ref=ref,
        full_name="Rania Haddad",
        language=language,
        pip_date=date(2024, 6, 1),
        term_end=DAY + relativedelta(months=6),
        route="b1",
    )
    with session_scope(engine_for(stack.env["DATABASE_URL"])) as db:
        CaseRepository(db).upsert_many([case])


def link_and_opt_in(stack: Stack, double: BotApiDouble, chat: int, ref: str) -> None:
    double.say(chat, f"/start {stack.link_code(ref)}", language="ar")
    offer = double.wait_for(
        lambda c: (
            c.method == "sendMessage"
            and int(c.params["chat_id"]) == chat
            and "/reminders_on" in str(c.params.get("reply_markup"))
        )
    )
    assert "تذكير" in offer[-1].params["text"]  # asked once, in the case's language (Arabic)
    count = len(double.sent(chat))
    double.press(chat, "/reminders_on", language="ar")
    wait_for_text(double, chat, "التذكيرات مفعّلة", count)


def worker(stack: Stack, clock: Clock, name: str = "w") -> Worker:
    pusher = PushClient(stack.url, stack.env["PUSH_TOKEN"])
    return Worker(pusher, clock, engine_for(stack.env["DATABASE_URL"]), name=name)


def reminders_to(double: BotApiDouble, chat: int) -> list[str]:
    time.sleep(2)  # the relay looks at its outbox every second
    return [t for t in texts_to(double, chat) if t.startswith("\u200fتذكير:")]


def test_six_months_before_the_end_one_reminder_at_nine_in_arabic(
    stack: Stack, relay: BotApiDouble, monkeypatch: pytest.MonkeyPatch
) -> None:
    chat, sender = 7201, "tg:7201"
    add_case(stack, "REM-1", "ar")
    link_and_opt_in(stack, relay, chat, "REM-1")
    clock = Clock(8, 59)
    assert run_round(worker(stack, clock)).sent == 0  # before 09:00
    assert reminders_to(relay, chat) == []

    real_finish = store.finish

    def crash(*args: Any, **kwargs: Any) -> None:
        raise SystemExit("the worker stopped mid-run")

    monkeypatch.setattr(store, "finish", crash)
    clock.set(9, 0)
    with pytest.raises(SystemExit):  # pushed, then stopped before it wrote "sent"
        run_round(worker(stack, clock))
    monkeypatch.setattr(store, "finish", real_finish)
    clock.set(9, 5)
    run_round(worker(stack, clock, name="restarted"))
    clock.set(13, 0)
    run_round(worker(stack, clock, name="restarted"))
    (reminder,) = reminders_to(relay, chat)
    assert "تنتهي مدة الاندماج" in reminder and "6" in reminder
    assert "€" not in reminder
    logged = [e for e in tracker_events(stack, sender) if e.get("text") == reminder]
    assert len(logged) == 1 and logged[0]["metadata"]["topic"] == "reminder"
    with session_scope(engine_for(stack.env["DATABASE_URL"])) as db:
        row = db.execute(select(Reminder).where(Reminder.kind == "term_6m")).scalars().all()
    assert [(r.status, r.channels) for r in row if r.sent_at] == [("sent", "tg")]
    write_transcript(
        "telegram-reminder",
        [
            "== what the Telegram user saw (chat 7201; the worker's clock: 08:59, 09:00 with a",
            "   crash after sending, 09:05 restarted, 13:00) ==",
            *[f"bot: {t}" for t in texts_to(relay, chat)],
            "",
            "== the conversation log (tracker store) ==",
            *log_lines(stack, sender),
        ],
    )


def test_none_outside_the_window_and_none_after_opting_out(
    stack: Stack, relay: BotApiDouble
) -> None:
    chat = 7202
    add_case(stack, "REM-2", "ar")
    link_and_opt_in(stack, relay, chat, "REM-2")
    for hour in (7, 20, 22):
        run_round(worker(stack, Clock(hour)))
    assert reminders_to(relay, chat) == []
    count = len(relay.sent(chat))
    relay.say(chat, "/reminders", language="ar")  # the Telegram command: on or off, with buttons
    status = relay.wait_for(
        lambda c: (
            c.method == "sendMessage"
            and int(c.params["chat_id"]) == chat
            and "تذكيراتك مفعّلة" in str(c.params.get("text"))
            and "/reminders_off" in str(c.params.get("reply_markup"))
        )
    )
    assert status
    count = len(relay.sent(chat))
    relay.say(chat, "أوقف التذكيرات", language="ar")  # "stop the reminders", typed
    wait_for_text(relay, chat, "التذكيرات متوقفة", count)
    run_round(worker(stack, Clock(10)))
    assert reminders_to(relay, chat) == []


def test_the_case_page_shows_which_reminders_went_out_and_when(
    stack: Stack, relay: BotApiDouble, console: str, browser
) -> None:  # type: ignore[no-untyped-def]
    chat = 7203
    add_case(stack, "REM-3", "ar")
    link_and_opt_in(stack, relay, chat, "REM-3")
    run_round(worker(stack, Clock(9, 30)))
    assert len(reminders_to(relay, chat)) == 1
    page = login(browser, console, "k.bakker@example.org")  # the case's consultant
    page.goto(f"{console}/cases/REM-3")
    table = page.inner_text("#reminders")
    sent = page.locator("#reminders tr", has_text="6 maanden voor het einde van de termijn")
    assert "verstuurd" in sent.inner_text() and "tg" in sent.inner_text()
    assert f"{DAY.isoformat()} 09:30" in sent.inner_text()  # Amsterdam time
    assert "gepland" in table  # the 3 and 2 month ones and the one after the end
    page.close()
