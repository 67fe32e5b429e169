"""`/healthz` (the process is alive), `/readyz` (it can do its work: what it depends on answers)
and `/metrics` (Prometheus) for every process.

Sanic apps (Rasa, the action server, the console) get the three routes with `add_routes`; the
Telegram relay and the workers, which have no web server of their own (or one that belongs to
python-telegram-bot), run `serve` on HEALTH_PORT. A readiness check is an async callable that
raises when its dependency is not usable; `/readyz` answers 503 naming the failing ones.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
from collections.abc import Awaitable, Callable, Mapping
from typing import Any

import sqlalchemy as sa
from sanic import Sanic, response
from sanic.request import Request
from sanic.response import HTTPResponse

from bot import metrics

logger = logging.getLogger(__name__)
Check = Callable[[], Awaitable[None]]
CHECK_TIMEOUT_SECONDS = 3.0
PATHS = ("/healthz", "/readyz", "/metrics")


async def readiness(checks: Mapping[str, Check]) -> tuple[bool, dict[str, str]]:
    """Run every check (each within CHECK_TIMEOUT_SECONDS): all ok, and each one's outcome."""

    async def outcome(check: Check) -> str:
        try:
            await asyncio.wait_for(check(), CHECK_TIMEOUT_SECONDS)
        except Exception as error:  # reported in the answer and the log, not raised
            logger.warning("readiness check failed: %s: %s", type(error).__name__, error)
            return f"failing: {type(error).__name__}"
        return "ok"

    names = list(checks)
    results = await asyncio.gather(*(outcome(checks[name]) for name in names))
    report = dict(zip(names, results, strict=True))
    return all(result == "ok" for result in results), report


def database(engine_of: Callable[[], sa.engine.Engine | None]) -> Check:
    """The database answers `select 1` (in a thread: the driver blocks)."""

    def ping() -> None:
        engine = engine_of()
        if engine is None:
            raise RuntimeError("no database configured")
        with engine.connect() as connection:
            connection.execute(sa.text("select 1"))

    async def check() -> None:
        await asyncio.to_thread(ping)

    return check


def redis(client_of: Callable[[], Any]) -> Check:
    """The Redis client answers PING (a redis.asyncio client)."""

    async def check() -> None:
        if not await client_of().ping():
            raise RuntimeError("no PONG")

    return check


def add_routes(app: Sanic, checks: Mapping[str, Check]) -> None:
    """GET /healthz, /readyz and /metrics on a Sanic app."""

    async def healthz(_: Request) -> HTTPResponse:
        return response.json({"status": "alive"})

    async def readyz(_: Request) -> HTTPResponse:
        ready, report = await readiness(checks)
        return response.json({"ready": ready, "checks": report}, status=200 if ready else 503)

    async def metrics_page(_: Request) -> HTTPResponse:
        body, content_type = metrics.exposition()
        return response.raw(body, content_type=content_type)

    app.add_route(healthz, "/healthz", methods=["GET"], name="wegwijs_healthz")
    app.add_route(readyz, "/readyz", methods=["GET"], name="wegwijs_readyz")
    app.add_route(metrics_page, "/metrics", methods=["GET"], name="wegwijs_metrics")


async def _answer(path: str, checks: Mapping[str, Check]) -> tuple[int, str, bytes]:
    if path == "/healthz":
        return 200, "application/json", b'{"status": "alive"}'
    if path == "/readyz":
        ready, report = await readiness(checks)
        body = json.dumps({"ready": ready, "checks": report}).encode()
        return (200 if ready else 503), "application/json", body
    if path == "/metrics":
        body, content_type = metrics.exposition()
        return 200, content_type, body
    return 404, "text/plain", b"not found"


async def serve_beside(
    host: str, port: int, checks: Mapping[str, Check]
) -> asyncio.base_events.Server | None:
    """`serve`, for a process whose own work matters more: when the port is taken the process
    goes on without the endpoints (logged as an error), rather than stopping."""
    try:
        return await serve(host, port, checks)
    except OSError as error:
        logger.error("no /healthz, /readyz, /metrics on %s:%d: %s", host, port, error)
        return None


async def serve(host: str, port: int, checks: Mapping[str, Check]) -> asyncio.base_events.Server:
    """A minimal HTTP/1.1 server with the three paths (GET only), for processes without Sanic."""

    async def handle(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            request_line = await asyncio.wait_for(reader.readline(), CHECK_TIMEOUT_SECONDS)
            while (await asyncio.wait_for(reader.readline(), CHECK_TIMEOUT_SECONDS)).strip():
                pass  # headers: not needed
            parts = request_line.decode("latin-1").split()
            path = parts[1].split("?", 1)[0] if len(parts) >= 2 else ""
            status, content_type, body = await _answer(path, checks)
            head = (
                f"HTTP/1.1 {status} {'OK' if status == 200 else 'Error'}\r\n"
                f"Content-Type: {content_type}\r\nContent-Length: {len(body)}\r\n"
                "Connection: close\r\n\r\n"
            )
            writer.write(head.encode() + body)
            await writer.drain()
        except (asyncio.TimeoutError, ConnectionError) as error:
            logger.debug("health request dropped: %s", error)
        finally:
            writer.close()
            with contextlib.suppress(ConnectionError):
                await writer.wait_closed()

    return await asyncio.start_server(handle, host, port)
