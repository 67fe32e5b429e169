"""Two Rasa servers on one PostgreSQL tracker store: each sees the other's writes and deletions
on its next message, although each keeps conversations cached."""

from __future__ import annotations

import pytest
import sqlalchemy as sa
from rasa.shared.core.events import SessionStarted, SlotSet, UserUttered

from bot.rasa_ext.tracker_store import CachingSQLTrackerStore
from tests.bot.rasa_ext.test_tracker_store import DOMAIN, turn

pytestmark = pytest.mark.postgres


def server(url: str) -> CachingSQLTrackerStore:
    return CachingSQLTrackerStore(DOMAIN, host=url)


async def say(store: CachingSQLTrackerStore, sender: str, number: int) -> None:
    tracker = await store.get_or_create_tracker(sender)
    if not tracker.events or number == 1:
        tracker.update_with_events([SessionStarted()], DOMAIN)
    tracker.update_with_events(turn(number), DOMAIN)
    await store.save(tracker)


def texts(tracker: object) -> list[str]:
    return [e.text for e in getattr(tracker, "events", []) if isinstance(e, UserUttered)]


async def test_messages_alternating_between_servers_see_each_others_turns(
    postgres_url: str,
) -> None:
    one, two = server(postgres_url), server(postgres_url)
    for number in range(1, 9):
        await say(one if number % 2 else two, "web:alternating", number)
    for store in (one, two):
        latest = await store.retrieve("web:alternating")
        assert texts(latest) == [f"message {n}" for n in range(1, 9)]


async def test_a_slot_set_on_one_server_is_seen_by_the_next_message_on_the_other(
    postgres_url: str,
) -> None:
    one, two = server(postgres_url), server(postgres_url)
    await say(one, "web:slot", 1)
    await two.retrieve("web:slot")  # cached on server two
    tracker = await one.retrieve("web:slot")
    tracker.update_with_events([SlotSet("language", "ti")], DOMAIN)
    await one.save(tracker)
    assert (await two.retrieve("web:slot")).get_slot("language") == "ti"


async def test_a_conversation_deleted_on_one_server_is_gone_on_the_other(
    postgres_url: str,
) -> None:
    one, two = server(postgres_url), server(postgres_url)
    await say(one, "web:forget", 1)
    assert texts(await two.retrieve("web:forget")) == ["message 1"]  # cached on server two
    await one.delete("web:forget")
    assert await two.retrieve("web:forget") is None
    await say(two, "web:forget", 1)  # the person starts over on server two
    assert texts(await one.retrieve("web:forget")) == ["message 1"]


async def test_a_purge_by_sql_then_a_new_conversation_is_not_mixed_with_the_cached_one(
    postgres_url: str,
) -> None:
    """The retention purge and "forget me" delete rows with SQL, not through a store."""
    one, two = server(postgres_url), server(postgres_url)
    for number in range(1, 4):
        await say(one, "web:purged", number)
    await two.retrieve("web:purged")  # the old conversation cached on server two
    with sa.create_engine(postgres_url).begin() as connection:
        connection.execute(sa.text("delete from events where sender_id = 'web:purged'"))
    assert await two.retrieve("web:purged") is None
    await say(one, "web:purged", 1)
    latest = await two.retrieve("web:purged")
    assert texts(latest) == ["message 1"]
