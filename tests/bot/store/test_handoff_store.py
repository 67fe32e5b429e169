"""Hand-off requests and the push path's rows in the case store: one open request per
conversation, the migration of old requests, and "forget me" removing every row."""

from __future__ import annotations

from datetime import datetime

import pytest
import sqlalchemy as sa
from alembic import command
from sqlalchemy.engine import Engine
from sqlalchemy.exc import IntegrityError

from bot.push import outbox
from bot.reminders import store as reminders
from bot.store.db import alembic_config, engine_for, session_scope
from bot.store.forget import forget_in_case_store
from bot.store.models import HandoffRequest
from bot.store.push_models import PushOutbox, Reminder, ReminderOptIn, UnreachableSender
from bot.store.repository import CaseRepository
from tests.bot.cases.factories import make_case


def test_one_open_request_per_conversation(store_engine: Engine) -> None:
    with session_scope(store_engine) as session:
        repo = CaseRepository(session)
        first = repo.add_handoff("web:a", "nl", "mijn vraag")
        again = repo.add_handoff("web:a", "nl", "nog een vraag")
        assert first.id == again.id and again.requests == 2
    with pytest.raises(IntegrityError), session_scope(store_engine) as session:
        session.add(HandoffRequest(sender_id="web:a", language="nl", open_key="web:a"))
        session.flush()


def test_after_closing_a_new_request_is_a_new_row(store_engine: Engine) -> None:
    with session_scope(store_engine) as session:
        first = CaseRepository(session).add_handoff("web:b", "en", "")
        first.status, first.open_key = "closed", None
    with session_scope(store_engine) as session:
        second = CaseRepository(session).add_handoff("web:b", "en", "")
        assert second.id != first.id and second.requests == 1


def test_forget_removes_the_push_rows_and_keeps_the_cases_reminders(store_engine: Engine) -> None:
    with session_scope(store_engine) as session:
        repo = CaseRepository(session)
        repo.upsert_many([make_case(case_ref="F-1", term_end=datetime(2027, 6, 1).date())])
        case_id = repo.get_row("F-1").id
        repo.link_sender("tg:9", case_id)
        repo.add_handoff("tg:9", "nl", "vraag")
        reminders.choose(session, "tg:9", True, datetime.utcnow())
        reminders.plan_case(session, case_id, repo.get("F-1"), datetime(2026, 12, 1).date())
        outbox.add(session, "p", "tg:9", "tekst", [])
        session.add(UnreachableSender(sender_id="tg:9"))
    with session_scope(store_engine) as session:
        assert forget_in_case_store(session, "tg:9")
    with session_scope(store_engine) as session:
        for table in (HandoffRequest, PushOutbox, UnreachableSender, ReminderOptIn):
            count = session.execute(sa.select(sa.func.count()).select_from(table)).scalar()
            assert count == 0, table.__tablename__
        assert session.execute(sa.select(sa.func.count()).select_from(Reminder)).scalar() > 0


def test_the_migration_keeps_the_newest_open_request_of_each_conversation(
    store_url: str,
) -> None:
    engine = engine_for(store_url)
    command.downgrade(alembic_config(store_url), "0005")
    rows = [
        ("web:x", "open"),
        ("web:x", "open"),
        ("web:x", "assigned"),
        ("web:y", "handled"),
    ]
    with engine.begin() as connection:
        for sender, status in rows:
            connection.execute(
                sa.text(
                    "INSERT INTO handoff_requests (sender_id, language, question, created_at,"
                    " status) VALUES (:s, 'nl', '', :at, :st)"
                ),
                {"s": sender, "at": datetime(2026, 11, 1), "st": status},
            )
    command.upgrade(alembic_config(store_url), "head")
    with engine.connect() as connection:
        found = connection.execute(
            sa.text("SELECT sender_id, status, open_key FROM handoff_requests ORDER BY id")
        ).all()
    assert [tuple(r) for r in found] == [
        ("web:x", "closed", None),
        ("web:x", "closed", None),
        ("web:x", "taken", "web:x"),
        ("web:y", "closed", None),
    ]
