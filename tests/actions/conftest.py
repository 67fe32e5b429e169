"""Trackers built inline (as rasa-sdk's own tests do) and a migrated case store with demo data."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import pytest
from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from bot.cli import main as cli
from bot.settings import get_settings
from bot.store.db import session_scope
from bot.store.linking import issue_code, redeem_code
from bot.store.repository import CaseRepository


def make_tracker(
    sender: str = "rest:test",
    text: str = "hello",
    intent: str = "greet",
    slots: dict[str, Any] | None = None,
    events: list[dict[str, Any]] | None = None,
    entities: list[dict[str, Any]] | None = None,
    metadata: dict[str, Any] | None = None,
    ranking: list[dict[str, Any]] | None = None,
) -> Tracker:
    latest = {
        "text": text,
        "intent": {"name": intent, "confidence": 1.0},
        "entities": entities or [],
        "metadata": metadata or {},
        "intent_ranking": ranking or [],
    }
    return Tracker(
        sender,
        {"language": "en", **(slots or {})},
        latest,
        events or [],
        False,
        None,
        {},
        "action_listen",
    )


@pytest.fixture
def store() -> None:
    cli(["demo", "load"])


def link(sender: str, case_ref: str) -> None:
    with session_scope() as session:
        repo = CaseRepository(session)
        code = issue_code(repo, case_ref, get_settings(), datetime.utcnow())
        redeem_code(repo, sender, code.replace("-", ""), get_settings(), datetime.utcnow())


def sent(dispatcher: CollectingDispatcher) -> list[tuple[str, dict[str, Any]]]:
    return [
        (
            m["response"],
            {
                k: v
                for k, v in m.items()
                if k
                not in (
                    "response",
                    "text",
                    "buttons",
                    "image",
                    "elements",
                    "attachment",
                    "template",
                    "custom",
                )
            },
        )
        for m in dispatcher.messages
    ]
