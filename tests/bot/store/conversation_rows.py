"""A conversation with a row in every table the store layer knows, and a search of every table
of a database (found by reflection, so tables added later are searched too)."""

from __future__ import annotations

import hashlib
from datetime import date, datetime, timedelta

import sqlalchemy as sa
from sqlalchemy.engine import Engine

from bot.store.db import session_scope
from bot.store.models import (
    AuditEntry,
    CaseRow,
    ChannelLink,
    ConversationActivity,
    ConversationIntent,
    ConversationNote,
    ConversationReview,
    ConversationSummary,
    ConversationTag,
    HandoffRequest,
    LinkCode,
    LinkFailure,
    MessageFlag,
)
from bot.store.push_models import PushOutbox, ReminderOptIn, UnreachableSender
from bot.store.repository import CaseRepository
from tests.bot.cases.factories import make_case
from tests.bot.console.tracker_events import Writer


def add_case(store: Engine, case_ref: str = "T-1") -> int:
    with session_scope(store) as db:
        CaseRepository(db).upsert_many([make_case(case_ref=case_ref)])
    with session_scope(store) as db:
        return int(db.execute(sa.select(CaseRow.id).where(CaseRow.case_ref == case_ref)).scalar())


def a_conversation(
    store: Engine, tracker: Engine, sender: str, case_id: int, last: datetime
) -> None:
    """Events in the tracker store, and one row of the conversation in every case-store table."""
    when = last.replace(tzinfo=None)
    stamp = (when - datetime(1970, 1, 1)).total_seconds()
    writer = Writer(tracker)
    writer.user(sender, stamp - 60, "mijn iban is [IBAN], help", "request_human", language="nl")
    writer.bot(sender, stamp - 59, "Ik heb je vraag doorgegeven.")
    writer.user(sender, stamp, "dank je", "thank", language="nl")
    day = when.date()
    with session_scope(store) as db:
        db.add_all(
            [
                ChannelLink(sender_id=sender, case_id=case_id, linked_at=when),
                HandoffRequest(
                    sender_id=sender,
                    case_id=case_id,
                    language="nl",
                    question="help",
                    created_at=when,
                ),
                LinkFailure(sender_id=sender, attempted_at=when),
                ConversationTag(sender_id=sender, tag="controle", added_by="r@x.nl", added_at=when),
                ConversationNote(sender_id=sender, author="r@x.nl", text="nakijken", at=when),
                ConversationReview(sender_id=sender, reviewed_at=when, reviewed_by="r@x.nl"),
                MessageFlag(
                    sender_id=sender,
                    text="dank je",
                    language="nl",
                    intent="thank",
                    flagged_by="r@x.nl",
                    at=when,
                ),
                ConversationSummary(
                    sender_id=sender, channel="tg", started=when, last=when, language="nl"
                ),
                ConversationActivity(
                    sender_id=sender, day=day, language="nl", channel="tg", messages=2
                ),
                ConversationIntent(sender_id=sender, day=day, intent="thank", count=1),
                LinkCode(
                    case_id=case_id,
                    code_hash=hashlib.sha256(sender.encode()).hexdigest(),
                    expires_at=when + timedelta(days=14),
                    used_at=when,
                    used_by=sender,
                ),
                AuditEntry(user_email="r@x.nl", action="view_transcript", target=sender, at=when),
                PushOutbox(
                    push_id=f"reminder-{sender}", sender_id=sender, text="Let op", created_at=when
                ),
                UnreachableSender(sender_id=sender, since=when, reason="blocked"),
                ReminderOptIn(sender_id=sender, enabled=True, changed_at=when),
            ]
        )


def rows_naming(engine: Engine, text: str) -> dict[str, int]:
    """Per table of the database: how many rows hold `text` in a text column."""
    metadata = sa.MetaData()
    metadata.reflect(engine)
    found: dict[str, int] = {}
    with engine.connect() as connection:
        for table in metadata.sorted_tables:
            columns = [c for c in table.columns if isinstance(c.type, sa.String | sa.Text)]
            if not columns:
                continue
            query = sa.select(sa.func.count()).select_from(table)
            query = query.where(sa.or_(*(c.contains(text, autoescape=True) for c in columns)))
            count = int(connection.execute(query).scalar_one())
            if count:
                found[table.name] = count
    return found


def today_at_noon() -> datetime:
    return datetime.combine(date.today(), datetime.min.time()) + timedelta(hours=12)
