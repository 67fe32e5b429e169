"""A Telegram update is handled once, also when its retry reaches another relay."""

from __future__ import annotations

import uuid
from types import SimpleNamespace

import pytest
from telegram.ext import ApplicationHandlerStop

from bot.telegram.handlers import drop_duplicates
from bot.telegram.seen import SeenInMemory, SeenInRedis, seen_updates
from tests.bot.rasa_ext.test_lock_store import REDIS_DB, needs_redis


@needs_redis
async def test_a_retry_reaching_another_relay_is_dropped() -> None:
    prefix = f"test:{uuid.uuid4().hex}:"
    url = f"redis://127.0.0.1:6379/{REDIS_DB}"
    first, second = SeenInRedis(url, prefix), SeenInRedis(url, prefix)
    assert await first.first_time(101)
    assert not await second.first_time(101)
    assert await second.first_time(102)
    await first.red.delete(f"{prefix}101", f"{prefix}102")


async def test_with_redis_down_the_relay_still_relays_and_drops_its_own_repeats() -> None:
    seen = SeenInRedis("redis://127.0.0.1:1/0")
    assert await seen.first_time(7)
    assert not await seen.first_time(7)


async def test_the_handler_stops_a_repeated_update() -> None:
    context = SimpleNamespace(bot_data={"seen_updates": SeenInMemory(size=2)})
    update = SimpleNamespace(update_id=5)
    await drop_duplicates(update, context)  # type: ignore[arg-type]
    with pytest.raises(ApplicationHandlerStop):
        await drop_duplicates(update, context)  # type: ignore[arg-type]


def test_memory_unless_a_shared_redis_is_configured() -> None:
    assert isinstance(seen_updates(""), SeenInMemory)
    shared = seen_updates("redis://127.0.0.1:6379/9", "123456")
    assert isinstance(shared, SeenInRedis) and shared.key_prefix.endswith(":123456:")
