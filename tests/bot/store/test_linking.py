from datetime import datetime, timedelta

import pytest
from sqlalchemy.engine import Engine

from bot.settings import get_settings
from bot.store.db import session_scope
from bot.store.linking import LinkOutcome, UnknownCase, issue_code, redeem_code
from bot.store.models import LinkCode
from bot.store.repository import CaseRepository
from tests.bot.cases.factories import make_case

NOW = datetime(2026, 11, 28, 12, 0)


@pytest.fixture
def engine(store_engine: Engine) -> Engine:
    with session_scope(store_engine) as session:
        CaseRepository(session).upsert_many([make_case(case_ref="A-1"), make_case(case_ref="B-2")])
    return store_engine


def issue(engine: Engine, case_ref: str = "A-1", now: datetime = NOW) -> str:
    with session_scope(engine) as session:
        return issue_code(CaseRepository(session), case_ref, get_settings(), now)


def redeem(engine: Engine, sender: str, code: str, now: datetime = NOW) -> LinkOutcome:
    with session_scope(engine) as session:
        return redeem_code(
            CaseRepository(session), sender, code.replace("-", ""), get_settings(), now
        ).outcome


def test_a_code_links_once_and_only_its_case(engine: Engine) -> None:
    code = issue(engine)
    assert redeem(engine, "rest:alice", code) is LinkOutcome.LINKED
    assert redeem(engine, "rest:mallory", code) is LinkOutcome.INVALID
    with session_scope(engine) as session:
        repo = CaseRepository(session)
        assert repo.case_for_sender("rest:alice").case_ref == "A-1"
        assert repo.case_for_sender("rest:mallory") is None


def test_only_the_hash_is_stored(engine: Engine) -> None:
    code = issue(engine).replace("-", "")
    with session_scope(engine) as session:
        stored = session.query(LinkCode).one()
        assert code not in stored.code_hash


def test_codes_expire(engine: Engine) -> None:
    code = issue(engine)
    days = get_settings().link_code_ttl_days
    assert (
        redeem(engine, "rest:late", code, NOW + timedelta(days=days, seconds=1))
        is LinkOutcome.INVALID
    )
    assert redeem(engine, "rest:ontime", code, NOW + timedelta(days=days - 1)) is LinkOutcome.LINKED


def test_a_new_code_replaces_the_unused_old_one(engine: Engine) -> None:
    old, new = issue(engine), issue(engine)
    assert redeem(engine, "rest:a", old) is LinkOutcome.INVALID
    assert redeem(engine, "rest:a", new) is LinkOutcome.LINKED


def test_five_wrong_codes_lock_the_sender_for_an_hour(engine: Engine) -> None:
    good = issue(engine)
    for _ in range(5):
        assert redeem(engine, "rest:guesser", "ABCDE23456") is LinkOutcome.INVALID
    assert redeem(engine, "rest:guesser", good) is LinkOutcome.LOCKED
    assert redeem(engine, "rest:guesser", good, NOW + timedelta(minutes=59)) is LinkOutcome.LOCKED
    assert (
        redeem(engine, "rest:other", "ABCDE23456") is LinkOutcome.INVALID
    )  # others are not locked
    assert redeem(engine, "rest:guesser", good, NOW + timedelta(minutes=61)) is LinkOutcome.LINKED


def test_unknown_case(engine: Engine) -> None:
    with pytest.raises(UnknownCase):
        issue(engine, "NOPE")


def test_relinking_a_sender_moves_it_and_unlink_removes_it(engine: Engine) -> None:
    assert redeem(engine, "tg:1", issue(engine, "A-1")) is LinkOutcome.LINKED
    assert redeem(engine, "tg:1", issue(engine, "B-2")) is LinkOutcome.LINKED
    with session_scope(engine) as session:
        repo = CaseRepository(session)
        assert repo.case_for_sender("tg:1").case_ref == "B-2"
        assert repo.unlink_sender("tg:1") is True
        assert repo.case_for_sender("tg:1") is None
