"""/healthz, /readyz and /metrics: on Sanic apps, and on the small server of the relay and the
workers. A load balancer and Prometheus read them, so their answers are what is tested."""

from __future__ import annotations

import asyncio
import contextlib
import socket
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import httpx
import pytest
from sanic import Sanic

from bot import health, metrics


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@asynccontextmanager
async def serving(app: Sanic) -> AsyncIterator[str]:
    """The app on a free port of 127.0.0.1, in this event loop; yields its base URL."""
    Sanic.test_mode = True  # Sanic rewrites its own methods at start-up only once per process
    port = free_port()
    server = await app.create_server(host="127.0.0.1", port=port, return_asyncio_server=True)
    assert server is not None
    await server.startup()
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.close()
        with contextlib.suppress(asyncio.TimeoutError):  # a long-poll may still be open
            await asyncio.wait_for(server.wait_closed(), 1)


async def ok() -> None:
    return None


async def down() -> None:
    raise ConnectionRefusedError("database down")


async def hangs() -> None:
    await asyncio.sleep(60)


async def test_ready_only_when_every_check_passes_and_a_hanging_one_fails_in_time(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(health, "CHECK_TIMEOUT_SECONDS", 0.2)
    assert await health.readiness({"a": ok, "b": ok}) == (True, {"a": "ok", "b": "ok"})
    ready, report = await health.readiness({"a": ok, "db": down, "redis": hangs})
    assert not ready
    assert report == {
        "a": "ok",
        "db": "failing: ConnectionRefusedError",
        "redis": "failing: TimeoutError",
    }


async def test_a_sanic_app_answers_alive_ready_and_metrics() -> None:
    app = Sanic("health_test_app")
    health.add_routes(app, {"db": down})
    metrics.count("messages", channel="web", language="ti")
    async with serving(app) as base, httpx.AsyncClient() as client:
        alive = await client.get(f"{base}/healthz")
        ready = await client.get(f"{base}/readyz")
        exported = await client.get(f"{base}/metrics")
    assert alive.status_code == 200
    assert ready.status_code == 503 and ready.json()["checks"] == {
        "db": "failing: ConnectionRefusedError"
    }
    assert exported.headers["content-type"].startswith("text/plain")
    assert 'wegwijs_messages_total{channel="web",language="ti"}' in exported.text


async def test_the_small_server_of_the_relay_and_workers_answers_the_same() -> None:
    port = free_port()
    server = await health.serve("127.0.0.1", port, {"rasa": ok})
    try:
        async with httpx.AsyncClient(base_url=f"http://127.0.0.1:{port}") as client:
            alive, ready = await client.get("/healthz"), await client.get("/readyz")
            exported, missing = await client.get("/metrics"), await client.get("/other")
    finally:
        server.close()
        await server.wait_closed()
    assert alive.status_code == 200 and alive.json() == {"status": "alive"}
    assert ready.status_code == 200 and ready.json() == {"ready": True, "checks": {"rasa": "ok"}}
    assert "# TYPE wegwijs_message_seconds histogram" in exported.text
    assert missing.status_code == 404


async def test_a_database_check_fails_on_an_unreachable_database() -> None:
    import sqlalchemy as sa

    engine = sa.create_engine(
        "postgresql://nobody@127.0.0.1:1/none", connect_args={"connect_timeout": 1}
    )
    ready, report = await health.readiness({"db": health.database(lambda: engine)})
    assert not ready and report["db"].startswith("failing: OperationalError")
    working = sa.create_engine("sqlite://")
    assert await health.readiness({"db": health.database(lambda: working)}) == (
        True,
        {"db": "ok"},
    )


async def test_a_taken_port_leaves_the_process_running_without_the_endpoints() -> None:
    port = free_port()
    first = await health.serve("127.0.0.1", port, {"a": ok})
    try:
        assert await health.serve_beside("127.0.0.1", port, {"a": ok}) is None
    finally:
        first.close()
        await first.wait_closed()
