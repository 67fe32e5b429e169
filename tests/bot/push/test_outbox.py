"""The Telegram outbox: queued once per push, claimed by one relay, marked as it went."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.engine import Engine

from bot.push import outbox
from bot.store.db import session_scope
from bot.store.push_models import PushOutbox


def soon() -> datetime:
    """A moment just after now: rows are due from when they were queued."""
    return datetime.utcnow() + timedelta(minutes=1)


def queue(engine: Engine, push_id: str = "p1", sender: str = "tg:1") -> bool:
    with session_scope(engine) as session:
        return outbox.add(session, push_id, sender, "Hallo", [{"title": "t", "payload": "/x"}])


def status(engine: Engine) -> dict[str, str]:
    with session_scope(engine) as session:
        return {r.push_id: r.status for r in session.execute(select(PushOutbox)).scalars()}


def test_one_row_per_push_id_and_one_claim(store_engine: Engine) -> None:
    assert queue(store_engine) and not queue(store_engine)
    queue(store_engine, "p2", "web:abc")  # another channel: not the relay's
    with session_scope(store_engine) as session:
        (claimed,) = outbox.claim(session, soon())
        assert claimed.buttons == [{"title": "t", "payload": "/x"}]
    with session_scope(store_engine) as session:
        assert outbox.claim(session, soon()) == []  # already claimed
        outbox.mark_sent(session, claimed.id, soon())
    assert status(store_engine)["p1"] == "sent"


def test_a_blocked_bot_marks_the_chat_and_is_not_retried(store_engine: Engine) -> None:
    queue(store_engine)
    with session_scope(store_engine) as session:
        (claimed,) = outbox.claim(session, soon())
        outbox.mark_unreachable(
            session, claimed.id, "tg:1", "Forbidden: bot was blocked by the user"
        )
    with session_scope(store_engine) as session:
        assert outbox.claim(session, soon() + timedelta(days=1)) == []
        assert outbox.unreachable_since(session, "tg:1") is not None
        outbox.reachable_again(session, "tg:1")
        assert outbox.unreachable_since(session, "tg:1") is None
    assert status(store_engine)["p1"] == "unreachable"


def test_other_failures_are_retried_a_few_times_then_given_up(store_engine: Engine) -> None:
    queue(store_engine)
    moment = soon()
    for _ in range(outbox.MAX_ATTEMPTS):
        moment += timedelta(hours=1)
        with session_scope(store_engine) as session:
            (claimed,) = outbox.claim(session, moment)
            outbox.retry_later(session, claimed.id, claimed.attempts, moment, "timed out")
    assert status(store_engine)["p1"] == "failed"


def test_a_message_left_sending_by_a_stopped_relay_is_not_sent_again(store_engine: Engine) -> None:
    queue(store_engine)
    with session_scope(store_engine) as session:
        assert outbox.claim(session, soon())
    with session_scope(store_engine) as session:
        assert outbox.claim(session, soon() + timedelta(minutes=10)) == []
    assert status(store_engine)["p1"] == "failed"
