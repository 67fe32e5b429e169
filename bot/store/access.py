"""A person's data on request (AVG art. 15 and 17), for the console's admins.

- `find_person`: by case reference (every conversation that was linked to the case, asked for
  help about it or used one of its link codes) or by sender id (one conversation).
- `export`: every row kept about them, as JSON-ready data: the case as this system holds it,
  each conversation's events and its rows in every table of bot.store.forget, and the audit
  entries about them (without the staff member's e-mail address: colleagues who handle a file
  under the municipality's authority are not recipients in the sense of art. 15).
- `erase`: each conversation goes through the one forget flow; the audit log gets a receipt that
  says what, when and by whom, never the content. The case stays: it belongs to the
  municipality's own system, which erases it there.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine

from bot.store.forget import CONVERSATION_ROWS, DETACHED, fingerprint, forget_conversation
from bot.store.models import AuditEntry, CaseRow, ChannelLink, ExamRow, HandoffRequest, LinkCode
from bot.store.tracker_events import events_of

WITHHELD = {"code_hash"}  # a security value, not information about the person


class UnknownCase(LookupError):
    """No case has this reference."""


@dataclass(frozen=True)
class Person:
    case_ref: str | None
    senders: tuple[str, ...]
    found_by_sender: bool = False

    def describe(self) -> str:
        """What a receipt names: the case reference, or the conversation's fingerprint."""
        if self.found_by_sender:
            prefix = f"case {self.case_ref}, " if self.case_ref else ""
            return prefix + f"conversation {fingerprint(self.senders[0])}"
        return f"case {self.case_ref}"


def _case_senders(connection: Connection, case_id: int) -> set[str]:
    queries = (
        sa.select(ChannelLink.sender_id).where(ChannelLink.case_id == case_id),
        sa.select(HandoffRequest.sender_id).where(HandoffRequest.case_id == case_id),
        sa.select(LinkCode.used_by).where(
            LinkCode.case_id == case_id, LinkCode.used_by.is_not(None)
        ),
    )
    return {sender for query in queries for sender in connection.execute(query).scalars()}


def find_person(case_store: Engine, case_ref: str = "", sender_id: str = "") -> Person:
    """The person behind a case reference or a sender id; UnknownCase for an unknown reference."""
    case_ref, sender_id = case_ref.strip(), sender_id.strip()
    with case_store.connect() as connection:
        if case_ref:
            case_id = connection.execute(
                sa.select(CaseRow.id).where(CaseRow.case_ref == case_ref)
            ).scalar_one_or_none()
            if case_id is None:
                raise UnknownCase(case_ref)
            return Person(case_ref, tuple(sorted(_case_senders(connection, case_id))))
        if not sender_id:
            raise ValueError("give a case reference or a sender id")
        linked = connection.execute(
            sa.select(CaseRow.case_ref)
            .join(ChannelLink, ChannelLink.case_id == CaseRow.id)
            .where(ChannelLink.sender_id == sender_id)
        ).scalar_one_or_none()
    return Person(linked, (sender_id,), found_by_sender=True)


def _plain(value: Any) -> Any:
    if isinstance(value, datetime | date):
        return value.isoformat()
    return value


def _rows(connection: Connection, model: Any, *where: Any) -> list[dict[str, Any]]:
    table = model.__table__
    rows = connection.execute(sa.select(table).where(*where)).mappings()
    return [
        {key: "(withheld)" if key in WITHHELD else _plain(value) for key, value in row.items()}
        for row in rows
    ]


def _case(connection: Connection, case_ref: str) -> dict[str, Any]:
    (case,) = _rows(connection, CaseRow, CaseRow.case_ref == case_ref)
    return {
        **case,
        "exams": _rows(connection, ExamRow, ExamRow.case_id == case["id"]),
        "link_codes": _rows(connection, LinkCode, LinkCode.case_id == case["id"]),
    }


def _conversation(case_db: Connection, tracker_db: Connection, sender: str) -> dict[str, Any]:
    tables = {
        rows.table: _rows(case_db, rows.model, rows.column(rows.sender) == sender)
        for rows in CONVERSATION_ROWS
    }
    for model, column in DETACHED:
        tables[f"{model.__tablename__} ({column})"] = _rows(
            case_db, model, getattr(model, column) == sender
        )
    return {"sender_id": sender, "events": events_of(tracker_db, sender), "tables": tables}


def _audit(connection: Connection, person: Person) -> list[dict[str, Any]]:
    targets = [*person.senders, *([person.case_ref] if person.case_ref else [])]
    about = [AuditEntry.target.in_(targets)]
    if person.case_ref:  # receipts of earlier requests: "case REF: ..."
        about.append(AuditEntry.target.startswith(f"case {person.case_ref}", autoescape=True))
    query = (
        sa.select(AuditEntry.at, AuditEntry.action, AuditEntry.target)
        .where(sa.or_(*about))
        .order_by(AuditEntry.at, AuditEntry.id)
    )
    return [
        {key: _plain(value) for key, value in row.items()}
        for row in connection.execute(query).mappings()
    ]


def export(person: Person, case_store: Engine, tracker: Engine) -> dict[str, Any]:
    """Everything kept about the person, ready for json.dumps."""
    with case_store.connect() as case_db, tracker.connect() as tracker_db:
        return {
            "exported_at": datetime.utcnow().isoformat(timespec="seconds") + "Z",
            "case": _case(case_db, person.case_ref) if person.case_ref else None,
            "conversations": [_conversation(case_db, tracker_db, s) for s in person.senders],
            "audit_log": _audit(case_db, person),
        }


@dataclass(frozen=True)
class Receipt:
    conversations: int
    rows: int
    text: str


def erase(person: Person, case_store: Engine, tracker: Engine, actor: str) -> Receipt:
    """Forget every conversation of the person (one transaction each) and write the receipt."""
    rows = sum(forget_conversation(s, case_store, tracker).total for s in person.senders)
    count = len(person.senders)
    text = f"{person.describe()}: {count} conversation(s), {rows} row(s) deleted"
    with case_store.begin() as connection:
        connection.execute(
            sa.insert(AuditEntry).values(
                user_email=actor, action="privacy_erase", target=text[:255], at=datetime.utcnow()
            )
        )
    return Receipt(count, rows, text)


def record_export(case_store: Engine, person: Person, actor: str) -> None:
    """The audit entry of an export (art. 15): who took a copy of whose data."""
    with case_store.begin() as connection:
        connection.execute(
            sa.insert(AuditEntry).values(
                user_email=actor,
                action="privacy_export",
                target=person.describe()[:255],
                at=datetime.utcnow(),
            )
        )
