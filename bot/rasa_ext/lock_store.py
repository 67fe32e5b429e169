"""Rasa's lock stores, polling every 20 ms instead of every second.

A conversation is handled one message at a time (a per-conversation ticket lock). Stock Rasa
checks a held lock once a second, so a person's second message in a row waited at least a
second. Same behaviour, quicker polling. In endpoints.yml, `lock_store: type:` is
`bot.rasa_ext.lock_store.InMemoryLockStore` (one Rasa server) or
`bot.rasa_ext.lock_store.RedisLockStore` (several Rasa servers sharing conversations).
"""

from __future__ import annotations

from collections.abc import AsyncGenerator
from contextlib import asynccontextmanager

from rasa.core import lock_store
from rasa.core.lock import TicketLock
from rasa.utils.endpoints import EndpointConfig

POLL_SECONDS = 0.02


class _QuickPolling(lock_store.LockStore):
    @asynccontextmanager
    async def lock(
        self,
        conversation_id: str,
        lock_lifetime: float = lock_store.LOCK_LIFETIME,
        wait_time_in_seconds: float = POLL_SECONDS,
    ) -> AsyncGenerator[TicketLock, None]:
        async with super().lock(conversation_id, lock_lifetime, POLL_SECONDS) as ticket_lock:
            yield ticket_lock


class InMemoryLockStore(_QuickPolling, lock_store.InMemoryLockStore):
    def __init__(self, endpoint_config: EndpointConfig | None = None) -> None:
        lock_store.InMemoryLockStore.__init__(self)


class RedisLockStore(_QuickPolling, lock_store.RedisLockStore):
    def __init__(self, endpoint_config: EndpointConfig) -> None:
        lock_store.RedisLockStore.__init__(self, host=endpoint_config.url, **endpoint_config.kwargs)
