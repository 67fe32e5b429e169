"""`python -m bot privacy ...`: purge (and its dry run), export and erase on the command line."""

from __future__ import annotations

import json
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from bot.cli import main
from bot.store.db import engine_for, migrate
from bot.store.models import PrivacyPurge
from tests.bot.console.tracker_events import tracker_engine
from tests.bot.store.conversation_rows import a_conversation, add_case, rows_naming


@pytest.fixture
def stores(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple:  # type: ignore[type-arg]
    tracker = tracker_engine(tmp_path)
    monkeypatch.setenv("TRACKER_STORE_URL", str(tracker.url))
    migrate()
    store = engine_for(f"sqlite:///{tmp_path / 'cases.db'}")
    now = datetime.utcnow()
    case_id = add_case(store, "C-1")
    a_conversation(store, tracker, "tg:old", case_id, now - timedelta(days=40))
    a_conversation(store, tracker, "tg:new", case_id, now - timedelta(days=2))
    return store, tracker


def test_purge_dry_run_lists_then_purge_deletes(stores: tuple, capsys) -> None:  # type: ignore[no-untyped-def,type-arg]
    store, tracker = stores
    assert main(["privacy", "purge", "--dry-run"]) == 0
    out = capsys.readouterr().out
    assert "tg:old\tlast message" in out and "tg:new" not in out and "would be deleted" in out
    assert rows_naming(tracker, "tg:old")
    assert main(["privacy", "purge"]) == 0
    assert "1 conversation(s) older than 30 days" in capsys.readouterr().out
    assert rows_naming(tracker, "tg:old") == {} and rows_naming(store, "tg:old") == {}
    assert rows_naming(tracker, "tg:new")
    with store.connect() as connection:
        assert connection.execute(PrivacyPurge.__table__.select()).first() is not None


def test_export_and_erase(stores: tuple, capsys) -> None:  # type: ignore[no-untyped-def,type-arg]
    _, tracker = stores
    assert main(["privacy", "export", "--case", "C-1", "--by", "a@gemeente.nl"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert [c["sender_id"] for c in data["conversations"]] == ["tg:new", "tg:old"]
    assert main(["privacy", "erase", "--sender", "tg:new", "--by", "a@gemeente.nl"]) == 0
    assert "receipt is in the audit log" in capsys.readouterr().out
    assert rows_naming(tracker, "tg:new") == {}
    assert main(["privacy", "erase", "--case", "NOPE", "--by", "a@gemeente.nl"]) == 1
    assert "No case NOPE." in capsys.readouterr().err
