"""Shared by the hand-off and reminder end-to-end tests: the integration team's login, the relay
against the Bot API double, reading the tracker, and transcripts written for the report."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
import sqlalchemy as sa

from bot.console.permissions import Role
from bot.console.staff.accounts import create_user, find_user
from bot.settings import ROOT
from bot.store.db import engine_for, session_scope
from bot.store.tracker_events import events
from tests.e2e.console_fixtures import PASSWORD
from tests.e2e.stack import Stack
from tests.e2e.test_telegram import start_relay, stop
from tests.telegram.botapi import BotApiDouble

if TYPE_CHECKING:
    from bot.reminders.worker import Round, Worker

TEAM = "team@gemeente.nl"
TRANSCRIPTS = ROOT / "test-output" / "transcripts"


def add_team_member(stack: Stack) -> str:
    """A member of the municipality's integration team (role "general")."""
    with session_scope(engine_for(stack.env["DATABASE_URL"])) as db:
        if find_user(db, TEAM) is None:
            create_user(db, TEAM, PASSWORD, Role.GENERAL, "Team Inburgering")
    return TEAM


@pytest.fixture(scope="module")
def relay(stack: Stack, tmp_path_factory: pytest.TempPathFactory) -> Iterator[BotApiDouble]:
    """The Telegram relay against a Bot API double: it relays messages and delivers pushes."""
    double = BotApiDouble()
    double.start()
    process = start_relay(stack, double, tmp_path_factory.mktemp("relay"), "relay")
    try:
        double.wait_for(lambda c: c.method == "getUpdates", timeout=60)
        yield double
    finally:
        stop(process)


def texts_to(double: BotApiDouble, chat: int) -> list[str]:
    return [str(c.params.get("text", "")) for c in double.sent(chat)]


def wait_for_text(double: BotApiDouble, chat: int, contains: str, after: int = 0) -> str:
    found = double.wait_for(
        lambda c: (
            c.method == "sendMessage"
            and int(c.params["chat_id"]) == chat
            and contains in str(c.params.get("text", ""))
            and double.sent(chat).index(c) >= after
        ),
        timeout=30,
    )
    return str(found[-1].params["text"])


def tracker_events(stack: Stack, sender_id: str) -> list[dict]:  # type: ignore[type-arg]
    """The conversation log: every user and bot event of a conversation, in order."""
    with engine_for(stack.tracker_store_url).connect() as connection:
        rows = connection.execute(
            sa.select(events.c.type_name, events.c.data)
            .where(events.c.sender_id == sender_id, events.c.type_name.in_(("user", "bot")))
            .order_by(events.c.id)
        ).all()
    return [{"type": row.type_name, **json.loads(row.data)} for row in rows]


def write_transcript(name: str, lines: list[str]) -> Path:
    """A flow as the people in it saw it, for the report (test-output/transcripts/)."""
    TRANSCRIPTS.mkdir(parents=True, exist_ok=True)
    path = TRANSCRIPTS / f"{name}.txt"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def log_lines(stack: Stack, sender_id: str) -> list[str]:
    """The tracker's conversation as a readable transcript."""
    lines = []
    for event in tracker_events(stack, sender_id):
        text = str(event.get("text") or "")
        if event["type"] == "user":
            lines.append(f"person: {text}")
        else:
            author = (event.get("metadata") or {}).get("author")
            who = f"staff ({author})" if author else "assistant"
            lines.append(f"{who}: " + text.replace("\n", "\n    "))
    return lines


def run_round(worker: Worker) -> Round:
    """One round of the worker in a thread of its own (the browser tests' event loop runs in
    this one); an exception of the round, also SystemExit, is raised here."""
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(lambda: asyncio.run(worker.run_once())).result()
