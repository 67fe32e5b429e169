"""Several Rasa servers, one Redis: an emit on any server reaches a browser connected to another,
and with Redis down the browser connected here is still answered."""

from __future__ import annotations

import asyncio
import uuid

import pytest
import socketio
from sanic import Sanic
from socketio import AsyncManager, AsyncRedisManager

from bot.rasa_ext import socketio_redis
from tests.bot.rasa_ext.test_lock_store import REDIS_DB, needs_redis
from tests.bot.test_health import serving

ROOM = "web:person"


def server(name: str, manager: AsyncManager) -> tuple[Sanic, socketio.AsyncServer]:
    app = Sanic(name)
    sio = socketio.AsyncServer(async_mode="sanic", client_manager=manager)
    sio.attach(app, socketio_path="/socket.io")

    @sio.on("session_request")
    async def join(sid: str, _: object) -> None:
        await sio.enter_room(sid, ROOM)
        await sio.emit("session_confirm", "ok", room=sid)

    return app, sio


async def browser(base: str) -> tuple[socketio.AsyncClient, asyncio.Queue[object]]:
    client = socketio.AsyncClient()
    received: asyncio.Queue[object] = asyncio.Queue()
    joined = asyncio.Event()
    client.on("bot_uttered", received.put_nowait)
    client.on("session_confirm", lambda _: joined.set())
    await client.connect(base, socketio_path="/socket.io", transports=["polling"])
    await client.emit("session_request", {})
    await asyncio.wait_for(joined.wait(), 5)
    return client, received


def test_one_server_without_redis_keeps_the_in_process_manager(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv("REDIS_URL", raising=False)
    monkeypatch.setenv("LOCK_STORE_TYPE", "bot.rasa_ext.lock_store.InMemoryLockStore")
    assert type(socketio_redis.client_manager()) is AsyncManager
    monkeypatch.setenv("LOCK_STORE_TYPE", "bot.rasa_ext.lock_store.RedisLockStore")
    monkeypatch.setenv("LOCK_STORE_HOST", "10.0.0.7")
    manager = socketio_redis.client_manager()
    assert isinstance(manager, AsyncRedisManager)
    assert manager.redis_url == "redis://10.0.0.7:6379/0"


@needs_redis
async def test_a_reply_emitted_on_the_other_server_reaches_the_browser() -> None:
    channel = f"test-socketio-{uuid.uuid4().hex}"
    url = f"redis://127.0.0.1:6379/{REDIS_DB}"
    app_a, _ = server("socketio_a", socketio_redis.client_manager(url, channel))
    app_b, sio_b = server("socketio_b", socketio_redis.client_manager(url, channel))
    async with serving(app_a) as base_a, serving(app_b):
        client, received = await browser(base_a)
        try:
            await asyncio.sleep(0.3)  # server B's Redis listener subscribes
            await sio_b.emit("bot_uttered", {"text": "from B"}, room=ROOM)
            assert await asyncio.wait_for(received.get(), 5) == {"text": "from B"}
        finally:
            await client.eio.disconnect(abort=True)  # no wait for the long-poll


async def test_with_redis_down_the_browser_here_is_still_answered() -> None:
    manager = socketio_redis.client_manager("redis://127.0.0.1:1/0", "unreachable")
    app, sio = server("socketio_down", manager)
    async with serving(app) as base:
        client, received = await browser(base)
        try:
            await sio.emit("bot_uttered", {"text": "apology"}, room=ROOM)
            assert await asyncio.wait_for(received.get(), 10) == {"text": "apology"}
        finally:
            await client.eio.disconnect(abort=True)  # no wait for the long-poll
