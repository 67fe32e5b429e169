"""The windowed SQL tracker store: every event is stored, Rasa gets slots plus recent events."""

from __future__ import annotations

from pathlib import Path

import sqlalchemy as sa
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, SessionStarted, SlotSet, UserUttered

from bot.rasa_ext.tracker_store import CachingSQLTrackerStore

DOMAIN = Domain.from_yaml(
    """
version: "3.1"
intents: [greet]
slots:
  language: {type: text, influence_conversation: false, mappings: [{type: custom}]}
  last_topic: {type: text, influence_conversation: false, mappings: [{type: custom}]}
"""
)


def store(tmp_path: Path) -> CachingSQLTrackerStore:
    return CachingSQLTrackerStore(DOMAIN, host=f"sqlite:///{tmp_path / 'tracker.db'}")


def turn(number: int) -> list:
    return [
        UserUttered(f"message {number}", {"name": "greet", "confidence": 1.0}),
        ActionExecuted("action_greet"),
        ActionExecuted("action_listen"),
    ]


async def test_long_conversations_are_windowed_but_stored_whole(tmp_path: Path) -> None:
    first = store(tmp_path)
    tracker = await first.get_or_create_tracker("rest:a")
    tracker.update_with_events(
        [SessionStarted(), SlotSet("language", "ar"), SlotSet("last_topic", "pvt")], DOMAIN
    )
    await first.save(tracker)
    for number in range(60):
        tracker = await first.retrieve("rest:a")
        tracker.update_with_events(turn(number), DOMAIN)
        await first.save(tracker)

    latest = await first.retrieve("rest:a")
    assert latest.get_slot("language") == "ar" and latest.get_slot("last_topic") == "pvt"
    assert len(latest.events) <= first.window_events + 2
    assert latest.latest_message.text == "message 59"
    with first.engine.connect() as connection:
        stored = connection.execute(
            sa.text("select count(*) from events where sender_id='rest:a'")
        ).scalar()
    assert stored == 1 + 3 + 60 * 3  # action_listen from get_or_create_tracker, then every event

    other_server = store(tmp_path)  # sees everything from the database
    fresh = await other_server.retrieve("rest:a")
    assert fresh.get_slot("language") == "ar" and fresh.latest_message.text == "message 59"


async def test_rows_written_by_another_server_are_picked_up(tmp_path: Path) -> None:
    one, two = store(tmp_path), store(tmp_path)
    tracker = await one.get_or_create_tracker("rest:b")
    tracker.update_with_events([SessionStarted(), *turn(1)], DOMAIN)
    await one.save(tracker)
    await one.retrieve("rest:b")  # cached in server one
    other = await two.retrieve("rest:b")
    other.update_with_events([SlotSet("language", "nl"), *turn(2)], DOMAIN)
    await two.save(other)
    again = await one.retrieve("rest:b")
    assert again.get_slot("language") == "nl" and again.latest_message.text == "message 2"


async def test_a_new_session_starts_a_new_window(tmp_path: Path) -> None:
    s = store(tmp_path)
    tracker = await s.get_or_create_tracker("rest:c")
    tracker.update_with_events([SessionStarted(), SlotSet("last_topic", "map"), *turn(1)], DOMAIN)
    await s.save(tracker)
    tracker = await s.retrieve("rest:c")
    tracker.update_with_events([SessionStarted(), *turn(2)], DOMAIN)
    await s.save(tracker)
    latest = await s.retrieve("rest:c")
    assert latest.get_slot("last_topic") is None
    assert [e.text for e in latest.events if isinstance(e, UserUttered)] == ["message 2"]
