"""The widget's Socket.IO server across several Rasa servers.

Each browser's Socket.IO connection lives on one server (the load balancer keeps it there), but
a reply, a staff message or a reminder for that person may be computed on another. With a shared
Redis (bot.settings.shared_redis_url) the servers use python-socketio's AsyncRedisManager: an
emit to a conversation's room is delivered to the sockets on this server at once and published to
the others through Redis. When Redis is down the local delivery still happens (python-socketio
logs the failed publish), so the person connected here is still answered.
"""

from __future__ import annotations

from socketio import AsyncManager, AsyncRedisManager

from bot.settings import shared_redis_url

CHANNEL = "wegwijs-socketio"
REDIS_TIMEOUT_SECONDS = 2.0


def client_manager(url: str | None = None, channel: str = CHANNEL) -> AsyncManager:
    """A Redis manager when a shared Redis is configured, else the in-process one."""
    url = shared_redis_url() if url is None else url
    if not url:
        return AsyncManager()
    options = {
        "socket_timeout": REDIS_TIMEOUT_SECONDS,
        "socket_connect_timeout": REDIS_TIMEOUT_SECONDS,
    }
    return AsyncRedisManager(url, channel=channel, redis_options=options)
