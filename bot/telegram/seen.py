"""Which Telegram updates were handled already, so a webhook retry is answered once.

One relay: in memory. Several relays behind a load balancer (webhook mode), where Telegram's
retry may reach another relay: in the shared Redis (bot.settings.shared_redis_url), one key per
update id set with SET NX and kept for a day. When Redis does not answer, this relay's memory
decides, so messages are still relayed.
"""

from __future__ import annotations

import logging
from collections import OrderedDict

import redis.asyncio as aioredis
from redis.exceptions import RedisError

logger = logging.getLogger(__name__)
REMEMBERED = 10_000
KEEP_SECONDS = 24 * 3600  # Telegram stops retrying an update long before
KEY_PREFIX = "wegwijs:telegram:seen:"
REDIS_TIMEOUT_SECONDS = 1.0


class SeenInMemory:
    def __init__(self, size: int = REMEMBERED) -> None:
        self.size = size
        self._seen: OrderedDict[int, None] = OrderedDict()

    async def first_time(self, update_id: int) -> bool:
        if update_id in self._seen:
            return False
        self._seen[update_id] = None
        while len(self._seen) > self.size:
            self._seen.popitem(last=False)
        return True


class SeenInRedis:
    def __init__(self, url: str, key_prefix: str = KEY_PREFIX) -> None:
        self.red = aioredis.Redis.from_url(
            url, socket_timeout=REDIS_TIMEOUT_SECONDS, socket_connect_timeout=REDIS_TIMEOUT_SECONDS
        )
        self.key_prefix = key_prefix
        self.fallback = SeenInMemory()

    async def first_time(self, update_id: int) -> bool:
        local = await self.fallback.first_time(update_id)
        try:
            return bool(
                await self.red.set(f"{self.key_prefix}{update_id}", 1, nx=True, ex=KEEP_SECONDS)
            )
        except RedisError as error:
            logger.warning("seen updates: Redis unavailable, this relay decides: %s", error)
            return local


def seen_updates(redis_url: str, bot_id: str = "") -> SeenInMemory | SeenInRedis:
    """Update ids count per bot, so the bot's id is part of the key in a shared Redis."""
    if not redis_url:
        return SeenInMemory()
    return SeenInRedis(redis_url, f"{KEY_PREFIX}{bot_id}:")
