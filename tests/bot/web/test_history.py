"""The widget's history: what the person saw, every session, in pages, oldest first."""

from __future__ import annotations

import json
from pathlib import Path

from bot.rasa_ext.tracker_store import CachingSQLTrackerStore
from bot.web.history import items_of, page
from tests.bot.rasa_ext.test_tracker_store import DOMAIN


def user(text: str, message_id: str | None = None) -> dict:
    return {"event": "user", "timestamp": 1.0, "text": text, "message_id": message_id}


def bot(text: str, buttons: list | None = None, **metadata: str) -> dict:
    return {
        "event": "bot",
        "timestamp": 2.0,
        "text": text,
        "data": {"buttons": buttons or []},
        "metadata": {"utter_action": "utter_x", **metadata},
    }


def test_a_pressed_button_is_shown_by_its_title_and_replies_keep_their_metadata() -> None:
    offer = [{"title": "Yes, delete", "payload": "/affirm"}]
    items = items_of(
        [
            user("hallo", "m1"),
            {"event": "action", "name": "action_respond"},
            bot("Wil je dat ik dit vergeet?", offer, language="ar", dutch="Wil je…", topic="x"),
            user("/affirm"),
            user("/restart"),  # a command the person never saw as a message
        ]
    )
    assert [(i["from"], i["text"]) for i in items] == [
        ("user", "hallo"),
        ("bot", "Wil je dat ik dit vergeet?"),
        ("user", "Yes, delete"),
    ]
    assert items[0]["id"] == "m1"
    assert items[1]["metadata"] == {"language": "ar", "dutch": "Wil je…", "topic": "x"}


def write(store: CachingSQLTrackerStore, sender: str, events: list[dict]) -> None:
    with store.session_scope() as session:
        for event in events:
            session.add(
                store.SQLEvent(
                    sender_id=sender,
                    type_name=event["event"],
                    timestamp=event.get("timestamp"),
                    data=json.dumps(event),
                )
            )
        session.commit()


async def test_a_long_conversation_comes_back_whole_in_pages(tmp_path: Path) -> None:
    store = CachingSQLTrackerStore(DOMAIN, host=f"sqlite:///{tmp_path / 'tracker.db'}")
    events: list[dict] = [{"event": "session_started", "timestamp": 0.5}]
    for turn in range(1, 101):
        events += [user(f"vraag {turn}"), {"event": "action", "name": "x"}, bot(f"antwoord {turn}")]
    write(store, "web:a", events)
    write(store, "web:b", [user("someone else")])

    shown: list[str] = []
    found = await page(store, "web:a", None, limit=80)
    shown = [i["text"] for i in found["items"]]
    while found["before"] is not None:
        found = await page(store, "web:a", found["before"], limit=80)
        shown = [i["text"] for i in found["items"]] + shown
    expected = [text for turn in range(1, 101) for text in (f"vraag {turn}", f"antwoord {turn}")]
    assert shown == expected  # every message, in order, nothing from another conversation


async def test_no_store_no_history() -> None:
    assert await page(None, "web:a") == {"items": [], "before": None}
