"""The one forget flow: every table of a conversation, in both stores, and nothing of others."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest
from sqlalchemy.engine import Engine

from bot.store.forget import (
    CONVERSATION_ROWS,
    DETACHED,
    fingerprint,
    forget_conversation,
)
from bot.store.models import Base
from bot.store.tracker_events import metadata as tracker_metadata
from tests.bot.console.tracker_events import tracker_engine
from tests.bot.store.conversation_rows import a_conversation, add_case, rows_naming

NOW = datetime(2026, 12, 1, 12, 0)


@pytest.fixture
def tracker(tmp_path: Path) -> Engine:
    return tracker_engine(tmp_path)


def test_every_table_with_a_sender_is_forgotten() -> None:
    """A new table that keeps a sender id must be added to bot/store/forget.py."""
    with_sender = {
        name for name, table in Base.metadata.tables.items() if "sender_id" in table.columns
    }
    assert with_sender == {rows.table for rows in CONVERSATION_ROWS}
    naming = {f"{model.__tablename__}.{column}" for model, column in DETACHED}
    assert naming == {"link_codes.used_by"}


def test_forget_leaves_no_row_of_the_conversation_and_keeps_the_case(
    store_engine: Engine, tracker: Engine
) -> None:
    case_id = add_case(store_engine)
    a_conversation(store_engine, tracker, "tg:1", case_id, NOW)
    a_conversation(store_engine, tracker, "tg:2", case_id, NOW)
    assert len(rows_naming(store_engine, "tg:1")) >= 11 and rows_naming(tracker, "tg:1")
    forgotten = forget_conversation("tg:1", store_engine, tracker)
    assert forgotten.linked and forgotten.rows["events"] == 3
    assert rows_naming(store_engine, "tg:1") == {} and rows_naming(tracker, "tg:1") == {}
    assert rows_naming(store_engine, fingerprint("tg:1")) == {"audit_log": 1}
    assert len(rows_naming(store_engine, "tg:2")) >= 11 and rows_naming(tracker, "tg:2")
    assert rows_naming(store_engine, "T-1") == {"cases": 1}  # the case stays


def test_one_transaction_when_both_stores_share_a_database(store_engine: Engine) -> None:
    tracker_metadata.create_all(store_engine)
    case_id = add_case(store_engine)
    a_conversation(store_engine, store_engine, "web:a", case_id, NOW)
    forget_conversation("web:a", store_engine, store_engine)
    assert rows_naming(store_engine, "web:a") == {}


def test_forget_for_a_sender_with_nothing_stored_deletes_nothing_else(
    store_engine: Engine, tracker: Engine
) -> None:
    case_id = add_case(store_engine)
    a_conversation(store_engine, tracker, "tg:1", case_id, NOW)
    before = rows_naming(store_engine, "tg:1"), rows_naming(tracker, "tg:1")
    forgotten = forget_conversation("tg:999", store_engine, tracker)
    assert forgotten.total == 0 and not forgotten.linked
    assert (rows_naming(store_engine, "tg:1"), rows_naming(tracker, "tg:1")) == before
    with pytest.raises(ValueError):
        forget_conversation("", store_engine, tracker)


def test_forget_before_rasa_ever_ran(store_engine: Engine, tmp_path: Path) -> None:
    from sqlalchemy import create_engine

    empty = create_engine(f"sqlite:///{tmp_path / 'no-events.db'}", future=True)
    assert forget_conversation("tg:1", store_engine, empty).rows["events"] == 0
