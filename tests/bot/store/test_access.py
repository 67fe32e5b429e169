"""A person's data on request: find by case reference or sender, export every row, erase with a
receipt that holds no content."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

import pytest
import sqlalchemy as sa
from sqlalchemy.engine import Engine

from bot.store.access import UnknownCase, erase, export, find_person, record_export
from bot.store.forget import CONVERSATION_ROWS
from bot.store.models import AuditEntry
from tests.bot.console.tracker_events import tracker_engine
from tests.bot.store.conversation_rows import a_conversation, add_case, rows_naming

NOW = datetime(2026, 12, 1, 12, 0)


@pytest.fixture
def tracker(tmp_path: Path) -> Engine:
    return tracker_engine(tmp_path)


@pytest.fixture
def person_with_two_chats(store_engine: Engine, tracker: Engine) -> None:
    case_id = add_case(store_engine, "T-1")
    a_conversation(store_engine, tracker, "tg:1", case_id, NOW)
    a_conversation(store_engine, tracker, "web:abc", case_id, NOW)
    a_conversation(store_engine, tracker, "tg:other", add_case(store_engine, "T-2"), NOW)


@pytest.mark.usefixtures("person_with_two_chats")
def test_export_holds_every_row_kept_for_the_person(store_engine: Engine, tracker: Engine) -> None:
    person = find_person(store_engine, case_ref="T-1")
    assert person.senders == ("tg:1", "web:abc")
    data = json.loads(json.dumps(export(person, store_engine, tracker)))
    assert data["case"]["case_ref"] == "T-1" and len(data["case"]["link_codes"]) == 2
    assert all(code["code_hash"] == "(withheld)" for code in data["case"]["link_codes"])
    for conversation in data["conversations"]:
        sender = conversation["sender_id"]
        assert len(conversation["events"]) == rows_naming(tracker, sender)["events"] == 3
        for rows in CONVERSATION_ROWS:  # each table's rows of this conversation, all of them
            assert len(conversation["tables"][rows.table]) == 1, rows.table
        assert conversation["tables"]["link_codes (used_by)"][0]["used_by"] == sender
    assert {e["target"] for e in data["audit_log"]} == {"tg:1", "web:abc"}
    assert "r@x.nl" not in json.dumps(data["audit_log"])  # no staff e-mail addresses
    assert "tg:other" not in json.dumps(data)


@pytest.mark.usefixtures("person_with_two_chats")
def test_erase_leaves_a_receipt_without_content(store_engine: Engine, tracker: Engine) -> None:
    person = find_person(store_engine, case_ref="T-1")
    record_export(store_engine, person, "admin@gemeente.nl")
    receipt = erase(person, store_engine, tracker, "admin@gemeente.nl")
    assert receipt.conversations == 2
    for sender in ("tg:1", "web:abc"):
        assert rows_naming(store_engine, sender) == {} and rows_naming(tracker, sender) == {}
    assert rows_naming(store_engine, "tg:other") != {}
    with store_engine.connect() as connection:
        entries = connection.execute(
            sa.select(AuditEntry.user_email, AuditEntry.action, AuditEntry.target).order_by(
                AuditEntry.id
            )
        ).all()
    assert entries[-2:] == [
        ("admin@gemeente.nl", "privacy_export", "case T-1"),
        (
            "admin@gemeente.nl",
            "privacy_erase",
            f"case T-1: 2 conversation(s), {receipt.rows} row(s) deleted",
        ),
    ]
    assert "help" not in str(entries) and "nakijken" not in str(entries)
    assert find_person(store_engine, case_ref="T-1").senders == ()  # the case itself stays


@pytest.mark.usefixtures("person_with_two_chats")
def test_by_sender_one_conversation_and_its_case(store_engine: Engine, tracker: Engine) -> None:
    person = find_person(store_engine, sender_id="web:abc")
    assert (person.case_ref, person.senders) == ("T-1", ("web:abc",))
    assert export(person, store_engine, tracker)["case"]["case_ref"] == "T-1"
    receipt = erase(person, store_engine, tracker, "admin@gemeente.nl")
    assert receipt.text.startswith("case T-1, conversation web:#") and "abc" not in receipt.text
    assert rows_naming(store_engine, "tg:1") != {}


def test_an_unknown_case_reference_says_so(store_engine: Engine) -> None:
    with pytest.raises(UnknownCase):
        find_person(store_engine, case_ref="NOPE-1")


def test_an_unknown_sender_has_nothing(store_engine: Engine, tracker: Engine) -> None:
    person = find_person(store_engine, sender_id="tg:404")
    data = export(person, store_engine, tracker)
    assert data["case"] is None and data["conversations"][0]["events"] == []
    assert erase(person, store_engine, tracker, "a@x.nl").rows == 0
