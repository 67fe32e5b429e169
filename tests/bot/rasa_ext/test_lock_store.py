import asyncio
from typing import Any

import pytest

from bot.rasa_ext.lock_store import POLL_SECONDS, InMemoryLockStore


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
