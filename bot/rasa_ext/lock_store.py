"""Per-conversation locks, so the messages of one person are handled one at a time, in order.

In endpoints.yml, `lock_store: type:` is `bot.rasa_ext.lock_store.InMemoryLockStore` (one Rasa
server) or `bot.rasa_ext.lock_store.RedisLockStore` (several Rasa servers sharing conversations).

InMemoryLockStore is Rasa's, polling a held lock every 20 ms instead of every second.

RedisLockStore replaces Rasa's: that one reads a JSON ticket list, changes it in Python and writes
it back (separate GET and SET), so two servers issued the same ticket or each removed the other's
(measured: 9 double holders in 400 acquisitions). Here every step is one Lua script, atomic in
Redis, over three keys per conversation:
- `<prefix><id>:next`: the ticket counter (INCR);
- `<prefix><id>:queue`: the tickets waiting or served, scored by number: the lowest is served, so
  messages are served in the order their tickets were issued (fair order per conversation);
- `<prefix><id>:alive`: each ticket's expiry time (Redis's clock, so servers' clocks may differ).
A waiting server renews its ticket each time it looks; the serving one every lifetime/4 from a
background task. A server that dies renews nothing: its ticket expires after `lock_lifetime`
seconds and the next message is served. A message that waits longer than `lock_lifetime`, or
finds Redis unreachable, raises Rasa's LockError; the channel then apologises
(bot.rasa_ext.respond), and the message is never handled twice at once.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from collections.abc import AsyncGenerator
from contextlib import asynccontextmanager
from typing import Any

import redis.asyncio as aioredis
from rasa.core import lock_store
from rasa.core.lock import TicketLock
from rasa.core.lock_store import LockError
from rasa.utils.endpoints import EndpointConfig
from redis.exceptions import RedisError

logger = logging.getLogger(__name__)
POLL_SECONDS = 0.02  # the in-memory store
QUEUE_POLL_SECONDS = 0.005  # Redis: n tickets ahead, look again after n × 5 ms
MAX_POLL_SECONDS = 0.5  # far back in the queue: look less often (the order is kept by Redis)
SOCKET_TIMEOUT_SECONDS = 2.0
KEY_PREFIX = "wegwijs:lock:"

# KEYS: next, queue, alive. ARGV: lifetime in ms. Returns the new ticket.
ISSUE = """
local now = redis.call('TIME')
local now_ms = now[1] * 1000 + math.floor(now[2] / 1000)
local ticket = redis.call('INCR', KEYS[1])
redis.call('ZADD', KEYS[2], ticket, ticket)
redis.call('ZADD', KEYS[3], now_ms + ARGV[1], ticket)
for i = 1, 3 do redis.call('PEXPIRE', KEYS[i], 2 * ARGV[1]) end
return ticket
"""

# KEYS: next, queue, alive. ARGV: ticket, lifetime in ms. Drops expired tickets, renews this one.
# Returns -1 when the ticket expired, 0 when it is served, else how many tickets are ahead.
ACQUIRE = """
local now = redis.call('TIME')
local now_ms = now[1] * 1000 + math.floor(now[2] / 1000)
local expired = redis.call('ZRANGEBYSCORE', KEYS[3], '-inf', now_ms)
for _, old in ipairs(expired) do
  redis.call('ZREM', KEYS[2], old)
  redis.call('ZREM', KEYS[3], old)
end
if not redis.call('ZSCORE', KEYS[2], ARGV[1]) then return -1 end
redis.call('ZADD', KEYS[3], now_ms + ARGV[2], ARGV[1])
for i = 1, 3 do redis.call('PEXPIRE', KEYS[i], 2 * ARGV[2]) end
return redis.call('ZRANK', KEYS[2], ARGV[1])
"""

# KEYS: next, queue, alive. ARGV: ticket. The conversation's keys go when nobody waits.
RELEASE = """
redis.call('ZREM', KEYS[2], ARGV[1])
redis.call('ZREM', KEYS[3], ARGV[1])
if redis.call('ZCARD', KEYS[2]) == 0 then redis.call('DEL', KEYS[1], KEYS[2], KEYS[3]) end
return 1
"""


class InMemoryLockStore(lock_store.InMemoryLockStore):
    def __init__(self, endpoint_config: EndpointConfig | None = None) -> None:
        super().__init__()

    @asynccontextmanager
    async def lock(
        self,
        conversation_id: str,
        lock_lifetime: float = lock_store.LOCK_LIFETIME,
        wait_time_in_seconds: float = POLL_SECONDS,
    ) -> AsyncGenerator[TicketLock, None]:
        async with super().lock(conversation_id, lock_lifetime, POLL_SECONDS) as ticket_lock:
            yield ticket_lock


class RedisLockStore(lock_store.LockStore):
    """Atomic ticket locks in Redis (see the module's docstring)."""

    def __init__(
        self,
        endpoint_config: EndpointConfig | None = None,
        *,
        host: str = "127.0.0.1",
        port: int = 6379,
        db: int = 1,
        password: str | None = None,
        key_prefix: str = KEY_PREFIX,
    ) -> None:
        if endpoint_config is not None:
            options: dict[str, Any] = endpoint_config.kwargs
            host = endpoint_config.url or host
            port = int(options.get("port") or port)
            db = int(options.get("db") or db)
            password = options.get("password") or password
            key_prefix = options.get("key_prefix") or key_prefix
        self.red = aioredis.Redis(
            host=host,
            port=int(port),
            db=db,
            password=password,
            socket_timeout=SOCKET_TIMEOUT_SECONDS,
            socket_connect_timeout=SOCKET_TIMEOUT_SECONDS,
        )
        self.key_prefix = key_prefix
        self._issue = self.red.register_script(ISSUE)
        self._acquire = self.red.register_script(ACQUIRE)
        self._release = self.red.register_script(RELEASE)
        super().__init__()

    def _keys(self, conversation_id: str) -> list[str]:
        base = self.key_prefix + conversation_id
        return [f"{base}:next", f"{base}:queue", f"{base}:alive"]

    async def issue(self, conversation_id: str, lifetime: float) -> int:
        return int(await self._issue(keys=self._keys(conversation_id), args=[_ms(lifetime)]))

    async def position(self, conversation_id: str, ticket: int, lifetime: float) -> int:
        """0: served now; n: n tickets ahead; -1: the ticket expired."""
        keys = self._keys(conversation_id)
        return int(await self._acquire(keys=keys, args=[ticket, _ms(lifetime)]))

    async def release(self, conversation_id: str, ticket: int) -> None:
        await self._release(keys=self._keys(conversation_id), args=[ticket])

    async def _wait_turn(self, conversation_id: str, ticket: int, lifetime: float) -> None:
        deadline = time.monotonic() + lifetime
        while (ahead := await self.position(conversation_id, ticket, lifetime)) != 0:
            if ahead < 0 or time.monotonic() > deadline:
                raise LockError(f"Could not acquire lock for conversation '{conversation_id}'.")
            await asyncio.sleep(min(MAX_POLL_SECONDS, QUEUE_POLL_SECONDS * ahead))

    async def _keep_alive(self, conversation_id: str, ticket: int, lifetime: float) -> None:
        while True:
            await asyncio.sleep(lifetime / 4)
            try:
                if await self.position(conversation_id, ticket, lifetime) != 0:
                    logger.warning("the lock of %s expired while held", conversation_id)
                    return
            except RedisError as error:
                logger.warning("could not renew the lock of %s: %s", conversation_id, error)

    @asynccontextmanager
    async def lock(
        self,
        conversation_id: str,
        lock_lifetime: float = lock_store.LOCK_LIFETIME,
        wait_time_in_seconds: float = POLL_SECONDS,
    ) -> AsyncGenerator[TicketLock, None]:
        try:
            ticket = await self.issue(conversation_id, lock_lifetime)
        except RedisError as error:
            raise LockError(f"The lock store is unreachable: {error}") from error
        try:
            try:
                await self._wait_turn(conversation_id, ticket, lock_lifetime)
            except RedisError as error:
                raise LockError(f"The lock store is unreachable: {error}") from error
            keeper = asyncio.create_task(self._keep_alive(conversation_id, ticket, lock_lifetime))
            try:
                yield TicketLock(conversation_id)
            finally:
                keeper.cancel()
                with contextlib.suppress(asyncio.CancelledError):
                    await keeper
        finally:
            try:
                await asyncio.shield(self.release(conversation_id, ticket))
            except RedisError as error:  # it expires after lock_lifetime
                logger.warning("could not release the lock of %s: %s", conversation_id, error)

    # Rasa's synchronous ticket-list interface is not used by this store.
    def get_lock(self, conversation_id: str) -> TicketLock | None:
        raise NotImplementedError("RedisLockStore keeps tickets in Redis; use lock()")

    def save_lock(self, lock: TicketLock) -> None:
        raise NotImplementedError("RedisLockStore keeps tickets in Redis; use lock()")

    def delete_lock(self, conversation_id: str) -> None:
        raise NotImplementedError("RedisLockStore keeps tickets in Redis; use lock()")


def _ms(seconds: float) -> int:
    return max(1, int(seconds * 1000))
