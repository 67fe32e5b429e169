"""What the privacy e2e tests share: a stack that logs as in production (INFO), the console and
the Telegram relay beside it, every row that names a conversation, and what was said."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
import sqlalchemy as sa

from bot.console.permissions import Role
from bot.console.staff.accounts import create_user, find_user
from bot.store.db import engine_for, session_scope
from tests.bot.store.conversation_rows import rows_naming
from tests.e2e.console_fixtures import running_console
from tests.e2e.stack import Stack

ADMIN, PASSWORD = "admin@gemeente.nl", "console test password"
# Everything a person sent in this module's conversations: no process log may hold any of it.
SAID: list[str] = []


def leftovers(stack: Stack, sender: str) -> dict[str, int]:
    """Every table, in both stores, with a row that still names the conversation."""
    case_store = rows_naming(engine_for(stack.env["DATABASE_URL"]), sender)
    tracker = rows_naming(engine_for(stack.tracker_store_url), sender)
    return {**case_store, **tracker}


def say(stack: Stack, sender: str, text: str, language: str | None = None) -> str:
    SAID.append(text)
    return stack.text(sender, text, language)


def link(stack: Stack, sender: str, case_ref: str, language: str | None = None) -> str:
    code = stack.link_code(case_ref)
    SAID.extend([code, code.replace("-", "")])
    return say(stack, sender, code, language)


def shift_back(stack: Stack, sender: str, days: int) -> None:
    """As if the conversation happened `days` ago (the tracker store's times)."""
    with engine_for(stack.tracker_store_url).begin() as connection:
        connection.execute(
            sa.text("UPDATE events SET timestamp = timestamp - :s WHERE sender_id = :id"),
            {"s": days * 86400, "id": sender},
        )


@pytest.fixture(scope="module")
def info_stack(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Stack]:
    """A stack of its own, logging at INFO like a real deployment (its logs are grepped)."""
    workdir: Path = tmp_path_factory.mktemp("privacy_stack")
    running = Stack(workdir, f"sqlite:///{workdir / 'tracker.db'}", extra_env={"LOG_LEVEL": "INFO"})
    try:
        running.start()
        yield running
    finally:
        running.stop()


@pytest.fixture(scope="module")
def console(info_stack: Stack) -> Iterator[str]:
    with session_scope(engine_for(info_stack.env["DATABASE_URL"])) as db:
        if find_user(db, ADMIN) is None:
            create_user(db, ADMIN, PASSWORD, Role.ADMIN)
    yield from running_console(info_stack, info_stack.workdir / "console.log")


def log_files(workdir: Path) -> list[Path]:
    return sorted(workdir.glob("*.log"))
