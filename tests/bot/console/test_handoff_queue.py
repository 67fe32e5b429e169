"""The hand-off queue: who sees which requests (in the query), filters, counts and pages."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.engine import Engine

from bot.cases.domain import Consultant
from bot.console.permissions import Action, Role, StaffUser, may, sees_conversation
from bot.console.staff import handoffs
from bot.console.staff.handoffs import QueueFilters
from bot.store.db import session_scope
from bot.store.repository import CaseRepository
from tests.bot.cases.factories import make_case

KEES = StaffUser("k.bakker@example.org", Role.CONSULTANT)
MIRJAM = StaffUser("m.devries@example.org", Role.CONSULTANT)
TEAM = StaffUser("team@gemeente.nl", Role.GENERAL)
ADMIN = StaffUser("admin@gemeente.nl", Role.ADMIN)


def fill(engine: Engine) -> None:
    with session_scope(engine) as session:
        repo = CaseRepository(session)
        repo.upsert_many(
            [
                make_case(case_ref="K-1"),  # Kees Bakker's
                make_case(case_ref="M-1", consultant=Consultant("Mirjam", None, MIRJAM.email)),
                make_case(case_ref="N-1", consultant=Consultant()),  # no consultant
            ]
        )
        for sender, ref in (("tg:1", "K-1"), ("web:2", "M-1"), ("tg:3", "N-1")):
            repo.link_sender(sender, repo.get_row(ref).id)
        for sender in ("tg:1", "web:2", "tg:3", "web:4", "web:5"):  # web:4, web:5 not linked
            repo.add_handoff(sender, "ar" if sender == "web:5" else "nl", "")


def senders(engine: Engine, user: StaffUser, **filters: object) -> list[str]:
    with session_scope(engine) as session:
        items, total = handoffs.queue(session, user, QueueFilters(**filters))  # type: ignore[arg-type]
    assert total == len(items)
    return [item.sender_id for item in items]


def test_each_role_sees_its_own_requests(store_engine: Engine) -> None:
    fill(store_engine)
    assert senders(store_engine, KEES) == ["tg:1"]
    assert senders(store_engine, MIRJAM) == ["web:2"]
    assert senders(store_engine, TEAM) == ["tg:3", "web:4", "web:5"]
    assert len(senders(store_engine, ADMIN)) == 5
    assert senders(store_engine, StaffUser("r@gemeente.nl", Role.REVIEWER)) == []


def test_filters_counts_and_taking(store_engine: Engine) -> None:
    fill(store_engine)
    assert senders(store_engine, TEAM, language="ar") == ["web:5"]
    assert senders(store_engine, TEAM, channel="tg") == ["tg:3"]
    with session_scope(store_engine) as session:
        (item,) = [
            i for i in handoffs.queue(session, TEAM, QueueFilters())[0] if i.sender_id == "web:4"
        ]
        assert handoffs.take(session, item.id, TEAM.email, datetime.utcnow())
        assert handoffs.counts(session, TEAM) == {"unassigned": 2, "mine": 1}
        assert handoffs.find(session, KEES, item.id) is None  # not Kees's
    assert senders(store_engine, TEAM, view="mine") == ["web:4"]
    assert senders(store_engine, TEAM, view="unassigned") == ["tg:3", "web:5"]
    with session_scope(store_engine) as session:
        assert handoffs.close(session, item.id, datetime.utcnow())
        assert not handoffs.close(session, item.id, datetime.utcnow())
    assert senders(store_engine, TEAM, view="closed") == ["web:4"]


def test_pages(store_engine: Engine) -> None:
    with session_scope(store_engine) as session:
        repo = CaseRepository(session)
        for n in range(handoffs.PAGE_SIZE + 3):
            repo.add_handoff(f"web:{n:03}", "nl", "")
    with session_scope(store_engine) as session:
        first, total = handoffs.queue(session, ADMIN, QueueFilters(page=1))
        second, _ = handoffs.queue(session, ADMIN, QueueFilters(page=2))
    assert total == handoffs.PAGE_SIZE + 3 and len(first) == handoffs.PAGE_SIZE
    assert len(second) == 3 and not {i.id for i in first} & {i.id for i in second}


def test_the_integration_team_reads_conversations_of_people_without_a_consultant() -> None:
    assert may(TEAM, Action.HANDLE_HANDOFFS) and not may(TEAM, Action.VIEW_CASES)
    assert sees_conversation(TEAM, None, linked=False)
    assert sees_conversation(TEAM, "", linked=True)
    assert not sees_conversation(TEAM, KEES.email, linked=True)
