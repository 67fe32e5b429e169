"""Per-conversation locks: in memory (one server) and in Redis (several servers)."""

import asyncio
import multiprocessing
import socket
import time
import uuid
from typing import Any

import pytest
import redis
from rasa.core.lock_store import LockError

from bot.rasa_ext.lock_store import POLL_SECONDS, InMemoryLockStore, RedisLockStore

REDIS_DB = 9  # tests use this database only and flush nothing else


def redis_available() -> bool:
    try:
        with socket.create_connection(("127.0.0.1", 6379), timeout=1):
            return True
    except OSError:
        return False


needs_redis = pytest.mark.skipif(not redis_available(), reason="Redis is not on 127.0.0.1:6379")


@pytest.fixture
def prefix() -> str:
    yield f"test:{uuid.uuid4().hex}:"
    redis.Redis(db=REDIS_DB).flushdb()


def redis_store(prefix: str, **options: Any) -> RedisLockStore:
    return RedisLockStore(host="127.0.0.1", db=REDIS_DB, key_prefix=prefix, **options)


async def test_messages_of_one_conversation_take_turns() -> None:
    store = InMemoryLockStore()
    order: list[str] = []

    async def handle(name: str, hold: float) -> None:
        async with store.lock("rest:a"):
            order.append(f"{name} in")
            await asyncio.sleep(hold)
            order.append(f"{name} out")

    await asyncio.gather(handle("first", 0.05), handle("second", 0))
    assert order == ["first in", "first out", "second in", "second out"]


async def test_a_held_lock_is_polled_every_20_ms_not_every_second(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    store = InMemoryLockStore()
    waits: list[float] = []
    original = store._acquire_lock

    async def spy(conversation_id: str, ticket: int, wait_time_in_seconds: float) -> Any:
        waits.append(wait_time_in_seconds)
        return await original(conversation_id, ticket, wait_time_in_seconds)

    monkeypatch.setattr(store, "_acquire_lock", spy)
    async with store.lock("rest:b"):
        pass
    assert waits == [POLL_SECONDS]


def _server(prefix: str, acquisitions: int, results: Any) -> None:
    """One Rasa server's worth of requests: all at once, each checking nobody else holds."""

    async def run() -> tuple[int, int]:
        store = redis_store(prefix)
        holders = redis.asyncio.Redis(db=REDIS_DB)
        served = overlaps = 0

        async def one() -> None:
            nonlocal served, overlaps
            async with store.lock("web:same-person"):
                if await holders.incr(prefix + "holders") != 1:
                    overlaps += 1
                await asyncio.sleep(0.001)
                await holders.decr(prefix + "holders")
                served += 1

        started = time.monotonic()
        await asyncio.gather(*(one() for _ in range(acquisitions)))
        print(f"{acquisitions} acquisitions in {time.monotonic() - started:.1f} s")
        return served, overlaps

    results.put(asyncio.run(run()))


@needs_redis
def test_two_servers_asking_at_once_never_both_hold_and_all_are_served(prefix: str) -> None:
    context = multiprocessing.get_context("spawn")
    results = context.Queue()
    servers = [context.Process(target=_server, args=(prefix, 200, results)) for _ in range(2)]
    started = time.monotonic()
    for server in servers:
        server.start()
    outcomes = [results.get(timeout=120) for _ in servers]
    for server in servers:
        server.join(10)
    elapsed = time.monotonic() - started
    assert sum(served for served, _ in outcomes) == 400
    assert sum(overlaps for _, overlaps in outcomes) == 0
    assert elapsed < 60, f"400 acquisitions took {elapsed:.1f} s"
    print(f"400 acquisitions by two processes in {elapsed:.1f} s")
    assert not redis.Redis(db=REDIS_DB).keys(prefix + "web:*")  # nothing left behind


@needs_redis
async def test_messages_are_served_in_the_order_they_arrived(prefix: str) -> None:
    """Each message arrives once the one before has its ticket; they are served in that order,
    although all but the first wait and look again at their own pace."""
    store = redis_store(prefix)
    order: list[int] = []
    issued = 0
    issue = store.issue

    async def counting_issue(conversation_id: str, lifetime: float) -> int:
        nonlocal issued
        ticket = await issue(conversation_id, lifetime)
        issued += 1
        return ticket

    store.issue = counting_issue  # type: ignore[method-assign]

    async def handle(number: int) -> None:
        while issued != number:  # arrives after the message before it
            await asyncio.sleep(0.001)
        async with store.lock("rest:fair"):
            order.append(number)
            await asyncio.sleep(0.002)

    await asyncio.gather(*(handle(number) for number in reversed(range(30))))
    assert order == list(range(30))


@needs_redis
async def test_the_lock_of_a_server_that_died_expires(prefix: str) -> None:
    dead = redis_store(prefix)
    await dead.issue("rest:crash", 0.3)  # a ticket nobody renews: its server is gone
    alive = redis_store(prefix)
    started = time.monotonic()
    async with alive.lock("rest:crash", lock_lifetime=5):
        waited = time.monotonic() - started
    assert 0.2 < waited < 2


@needs_redis
async def test_a_held_lock_is_renewed_while_the_message_is_handled(prefix: str) -> None:
    first, second = redis_store(prefix), redis_store(prefix)
    order: list[str] = []

    async def slow() -> None:
        async with first.lock("rest:slow", lock_lifetime=0.4):
            order.append("slow in")
            await asyncio.sleep(1.0)  # longer than the lifetime: renewed, not taken over
            order.append("slow out")

    async def next_message() -> None:
        await asyncio.sleep(0.05)
        async with second.lock("rest:slow", lock_lifetime=3):
            order.append("next in")

    await asyncio.gather(slow(), next_message())
    assert order == ["slow in", "slow out", "next in"]


async def test_an_unreachable_redis_is_a_lock_error_not_a_hang() -> None:
    store = RedisLockStore(host="127.0.0.1", port=1, db=REDIS_DB)
    started = time.monotonic()
    with pytest.raises(LockError):
        async with store.lock("rest:down"):
            pass
    assert time.monotonic() - started < 5
