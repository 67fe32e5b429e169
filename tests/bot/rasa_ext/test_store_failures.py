"""No store error ends the process; passing failures are retried, then reported to the channel."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa
from rasa.shared.core.events import SessionStarted, SlotSet, UserUttered

from bot import metrics
from bot.rasa_ext.tracker_store import CachingSQLTrackerStore, TrackerStoreUnavailable
from tests.bot.rasa_ext.test_tracker_store import DOMAIN, store


async def handed_out(tracker_store: CachingSQLTrackerStore, sender_id: str) -> Any:
    """A conversation this store has stored and handed out again (the windowed path)."""
    tracker = await tracker_store.get_or_create_tracker(sender_id)
    tracker.update_with_events([SessionStarted()], DOMAIN)
    await tracker_store.save(tracker)
    return await tracker_store.retrieve(sender_id)


def test_a_value_the_database_refuses_raises_instead_of_exiting(tmp_path: Path) -> None:
    tracker_store = store(tmp_path)
    with pytest.raises(TrackerStoreUnavailable) as raised, tracker_store.session_scope():
        raise ValueError("A string literal cannot contain NUL (0x00) characters.")
    assert not raised.value.transient


async def test_a_lone_surrogate_in_a_sender_id_does_not_stop_the_process(tmp_path: Path) -> None:
    tracker_store = store(tmp_path)
    with pytest.raises(TrackerStoreUnavailable):
        await tracker_store.retrieve("rest:a\ud800")
    assert await tracker_store.retrieve("rest:fine") is None  # still working


async def test_writes_are_retried_while_the_database_is_away(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    tracker_store = store(tmp_path)
    tracker_store.retry_seconds = 5
    tracker = await handed_out(tracker_store, "rest:b")
    tracker.update_with_events([SlotSet("language", "fa")], DOMAIN)
    failures = iter([True, True, False])
    write = tracker_store._write

    def flaky(*args: Any) -> tuple[int, int]:
        if next(failures):
            with tracker_store.session_scope():
                raise sa.exc.OperationalError("insert", {}, Exception("connection refused"))
        return write(*args)

    monkeypatch.setattr(tracker_store, "_write", flaky)
    await tracker_store.save(tracker)
    assert next(failures, "all used") == "all used"
    tracker_store.forget("rest:b")
    assert (await tracker_store.retrieve("rest:b")).get_slot("language") == "fa"


async def test_after_the_bound_the_failure_is_raised_and_counted(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    tracker_store = store(tmp_path)
    tracker_store.retry_seconds = 0.3
    tracker = await handed_out(tracker_store, "rest:c")
    tracker.update_with_events([UserUttered("hoi")], DOMAIN)

    def down(*args: Any) -> None:
        with tracker_store.session_scope():
            raise sa.exc.OperationalError("insert", {}, Exception("connection refused"))

    monkeypatch.setattr(tracker_store, "_write", down)
    before = metrics.value("tracker_store_failures", operation="write")
    with pytest.raises(TrackerStoreUnavailable) as raised:
        await tracker_store.save(tracker)
    assert raised.value.transient
    assert metrics.value("tracker_store_failures", operation="write") == before + 1


def test_the_store_is_not_wrapped_in_rasas_fail_safe_store(tmp_path: Path) -> None:
    from rasa.core.agent import Agent

    from bot.rasa_ext import patches

    patches.install()
    tracker_store: CachingSQLTrackerStore = store(tmp_path)
    assert Agent._create_tracker_store(tracker_store, DOMAIN) is tracker_store
