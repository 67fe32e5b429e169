"""A scratch Rasa `events` table and a writer for events shaped like the ones Rasa stores."""

from __future__ import annotations

import json
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from sqlalchemy import create_engine
from sqlalchemy.engine import Engine

from bot.store.tracker_events import events, metadata


def tracker_engine(tmp_path: Path) -> Engine:
    engine = create_engine(f"sqlite:///{tmp_path / 'tracker.db'}", future=True)
    metadata.create_all(engine)
    return engine


def at(text: str) -> float:
    """A UTC time like '2026-11-28 10:00' as a Rasa timestamp."""
    return datetime.fromisoformat(text).replace(tzinfo=timezone.utc).timestamp()


class Writer:
    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    def add(self, sender: str, type_name: str, when: float, **fields: Any) -> None:
        data = {"event": type_name, "timestamp": when, **fields}
        parse = fields.get("parse_data") or {}
        with self.engine.begin() as connection:
            connection.execute(
                events.insert().values(
                    sender_id=sender,
                    type_name=type_name,
                    timestamp=when,
                    intent_name=(parse.get("intent") or {}).get("name"),
                    action_name=fields.get("name") if type_name == "action" else None,
                    data=json.dumps(data),  # as Rasa does: non-ASCII escaped
                )
            )

    def user(
        self, sender: str, when: float, text: str, intent: str, language: str = "", hint: str = ""
    ) -> None:
        entities = [{"entity": "detected_language", "value": language}] if language else []
        entities += [{"entity": "language_hint", "value": hint}] if hint else []
        parse = {"intent": {"name": intent, "confidence": 0.9}, "entities": entities}
        self.add(sender, "user", when, text=text, parse_data=parse)

    def action(self, sender: str, when: float, name: str) -> None:
        self.add(sender, "action", when, name=name)

    def bot(self, sender: str, when: float, text: str) -> None:
        self.add(sender, "bot", when, text=text)

    def slot(self, sender: str, when: float, name: str, value: str) -> None:
        self.add(sender, "slot", when, name=name, value=value)
