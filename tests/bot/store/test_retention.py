"""The retention purge: old conversations go whole, new ones stay; leftovers, the audit log,
one run at a time, and a run that was interrupted is finished by the next."""

from __future__ import annotations

from datetime import datetime, time, timedelta
from pathlib import Path

import pytest
import sqlalchemy as sa
from sqlalchemy.engine import Engine

from bot import retention_worker
from bot.retention_worker import due, parse_time
from bot.store import retention
from bot.store.db import session_scope
from bot.store.models import AuditEntry, ChannelLink, PrivacyPurge
from bot.store.retention import Policy, deleted_on, one_purge_at_a_time, plan_purge, purge
from tests.bot.console.tracker_events import tracker_engine
from tests.bot.store.conversation_rows import a_conversation, add_case, rows_naming

NOW = datetime(2026, 12, 1, 3, 0)
POLICY = Policy(conversation_days=30, audit_days=365)


@pytest.fixture
def tracker(tmp_path: Path) -> Engine:
    return tracker_engine(tmp_path)


@pytest.fixture
def two(store_engine: Engine, tracker: Engine) -> tuple[Engine, Engine]:
    case_id = add_case(store_engine)
    a_conversation(store_engine, tracker, "tg:old", case_id, NOW - timedelta(days=31))
    a_conversation(store_engine, tracker, "tg:new", case_id, NOW - timedelta(days=29))
    return store_engine, tracker


def test_an_old_conversation_goes_whole_and_a_newer_one_stays(two: tuple[Engine, Engine]) -> None:
    store, tracker = two
    report = purge(store, tracker, NOW, POLICY)
    assert [s.sender_id for s in report.conversations] == ["tg:old"]
    assert rows_naming(store, "tg:old") == {} and rows_naming(tracker, "tg:old") == {}
    assert len(rows_naming(store, "tg:new")) >= 11 and rows_naming(tracker, "tg:new")
    with session_scope(store) as db:
        run = db.execute(sa.select(PrivacyPurge)).scalar_one()
        assert run.finished_at is not None and run.conversations == 1 and run.rows > 12


def test_dry_run_lists_and_deletes_nothing(two: tuple[Engine, Engine]) -> None:
    store, tracker = two
    planned = plan_purge(store, tracker, NOW, POLICY)
    assert [s.sender_id for s in planned.conversations] == ["tg:old"]
    assert planned.conversations[0].last == NOW - timedelta(days=31)
    assert rows_naming(tracker, "tg:old") and rows_naming(store, "tg:old")


def test_the_last_message_counts_not_the_last_reminder(
    store_engine: Engine, tracker: Engine
) -> None:
    from tests.bot.console.tracker_events import Writer

    a_conversation(store_engine, tracker, "tg:r", add_case(store_engine), NOW - timedelta(days=40))
    Writer(tracker).bot("tg:r", (NOW - datetime(1970, 1, 1)).total_seconds() - 3600, "reminder")
    assert [s.sender_id for s in purge(store_engine, tracker, NOW, POLICY).conversations] == [
        "tg:r"
    ]


def test_an_interrupted_run_leaves_no_half_conversation_and_the_next_finishes(
    two: tuple[Engine, Engine], monkeypatch: pytest.MonkeyPatch
) -> None:
    store, tracker = two
    a_conversation(store, tracker, "tg:older", add_case(store, "T-2"), NOW - timedelta(days=60))
    real = retention.forget_conversation
    calls: list[str] = []

    def crash_on_the_second(sender: str, *engines: Engine):  # type: ignore[no-untyped-def]
        calls.append(sender)
        if len(calls) == 2:
            raise RuntimeError("power cut")
        return real(sender, *engines)

    monkeypatch.setattr(retention, "forget_conversation", crash_on_the_second)
    with pytest.raises(RuntimeError):
        purge(store, tracker, NOW, POLICY)
    first, second = calls
    assert rows_naming(store, first) == {} and rows_naming(tracker, first) == {}
    assert len(rows_naming(store, second)) >= 11  # untouched: not half-deleted
    with session_scope(store) as db:
        assert db.execute(sa.select(PrivacyPurge.finished_at)).scalar_one() is None
    monkeypatch.setattr(retention, "forget_conversation", real)
    purge(store, tracker, NOW, POLICY)
    assert rows_naming(store, second) == {} and rows_naming(tracker, second) == {}
    assert rows_naming(store, "tg:new") != {}


def test_leftovers_of_deleted_events_go(store_engine: Engine, tracker: Engine) -> None:
    """Index rows exist only for conversations that had events: without events, the
    conversation was deleted, so the rest of it goes too, however recent."""
    case_id = add_case(store_engine)
    a_conversation(store_engine, tracker, "tg:gone", case_id, NOW - timedelta(days=45))
    a_conversation(store_engine, tracker, "tg:fresh", case_id, NOW - timedelta(days=1))
    with tracker.begin() as connection:  # the events went, the case store's rows stayed
        connection.execute(sa.text("DELETE FROM events"))
    report = purge(store_engine, tracker, NOW, POLICY)
    assert {s.sender_id for s in report.conversations} == {"tg:gone", "tg:fresh"}
    assert rows_naming(store_engine, "tg:gone") == {} == rows_naming(store_engine, "tg:fresh")


def test_a_fresh_link_without_events_yet_stays(store_engine: Engine, tracker: Engine) -> None:
    a_conversation(store_engine, tracker, "tg:other", add_case(store_engine), NOW)
    with session_scope(store_engine) as db:
        db.add(ChannelLink(sender_id="tg:linking", case_id=1, linked_at=NOW))
    purge(store_engine, tracker, NOW, POLICY)
    with session_scope(store_engine) as db:
        assert db.get(ChannelLink, "tg:linking") is not None


def test_audit_entries_go_after_their_own_period(store_engine: Engine, tracker: Engine) -> None:
    with session_scope(store_engine) as db:
        for days in (366, 364):
            db.add(AuditEntry(user_email="a@x.nl", action="login", at=NOW - timedelta(days=days)))
    assert purge(store_engine, tracker, NOW, POLICY).audit_entries == 1
    with session_scope(store_engine) as db:
        assert db.execute(sa.select(sa.func.count(AuditEntry.id))).scalar_one() == 1


def test_one_purge_at_a_time(store_engine: Engine, tracker: Engine) -> None:
    with one_purge_at_a_time(store_engine) as held:
        assert held
        assert purge(store_engine, tracker, NOW, POLICY).ran is False
    assert purge(store_engine, tracker, NOW, POLICY).ran is True


def test_the_console_shows_the_day_of_deletion() -> None:
    assert deleted_on(datetime(2026, 11, 1, 10, 0), 30) == datetime(2026, 12, 1, 10, 0)


def test_the_worker_runs_once_a_night_and_catches_up_a_missed_night() -> None:
    at = parse_time("03:00")
    assert due(None, NOW, at)
    # 02:30 UTC on 1 December is 03:30 in Amsterdam: tonight's run is due until it has run
    assert due(datetime(2026, 11, 30, 2, 5), datetime(2026, 12, 1, 2, 30), at)
    assert not due(datetime(2026, 12, 1, 2, 10), datetime(2026, 12, 1, 20, 0), at)
    assert due(datetime(2026, 11, 28, 2, 10), datetime(2026, 12, 1, 1, 0), at)  # missed nights
    with pytest.raises(ValueError, match="HH:MM"):
        parse_time("3 uur")


def test_the_worker_loop_purges_when_due_and_stops(
    store_engine: Engine, tracker: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    import threading

    stop, runs = threading.Event(), []

    def fake_purge(*args: object) -> None:
        runs.append(args)
        stop.set()

    monkeypatch.setattr(retention_worker, "purge", fake_purge)
    retention_worker.run_worker(store_engine, tracker, POLICY, time(3, 0), stop, lambda: NOW)
    assert len(runs) == 1
