"""Tools of the fault suite (tests/e2e/test_faults.py): clients from other loopback addresses,
a widget client, a PostgreSQL outage, the supervised `make run` set-up, and the results table."""

from __future__ import annotations

import asyncio
import concurrent.futures
import json
import subprocess
import time
from collections.abc import Coroutine
from pathlib import Path
from typing import Any, TypeVar

import requests
import socketio
from requests.adapters import HTTPAdapter
from sqlalchemy import create_engine, text

from bot.i18n.render import render
from bot.settings import ROOT

RESULTS = ROOT / "test-output" / "faults.json"

T = TypeVar("T")


def record(name: str, expected: str, measured: str) -> None:
    """One row of the table "fault or input, expected, measured" (test-output/faults.json)."""
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    rows = json.loads(RESULTS.read_text(encoding="utf-8")) if RESULTS.exists() else {}
    rows[name] = {"expected": expected, "measured": measured}
    RESULTS.write_text(json.dumps(rows, ensure_ascii=False, indent=1), encoding="utf-8")


def apologies() -> set[str]:
    return {render("utter_service_unavailable", code).text for code in LANGUAGES}


LANGUAGES = ("nl", "en", "ar", "tr", "ti", "fa")


class _FromAddress(HTTPAdapter):
    def __init__(self, address: str) -> None:
        self.address = address
        super().__init__()

    def init_poolmanager(self, *args: Any, **kwargs: Any) -> None:
        kwargs["source_address"] = (self.address, 0)
        super().init_poolmanager(*args, **kwargs)


def client(address: str = "127.0.0.1") -> requests.Session:
    """HTTP from this loopback address (127.0.0.0/8 is all this machine)."""
    session = requests.Session()
    session.mount("http://", _FromAddress(address))
    return session


def post_raw(url: str, body: bytes, headers: dict[str, str] | None = None) -> requests.Response:
    return requests.post(
        url, data=body, headers={"Content-Type": "application/json", **(headers or {})}, timeout=60
    )


def as_json(value: Any) -> bytes:
    """JSON as a client may send it: lone surrogates as \\ud800 escapes."""
    return json.dumps(value).encode()


async def _widget(
    url: str, events: list[tuple[str, Any]], wait: float, session_id: str | None, expect: int
) -> list[tuple[str, Any]]:
    sio = socketio.AsyncClient(reconnection=False)
    received: list[tuple[str, Any]] = []
    confirmed = asyncio.Event()

    @sio.on("session_confirm")
    async def _confirm(data: Any) -> None:
        confirmed.set()

    for name in ("bot_uttered", "error"):
        sio.on(name, lambda data, name=name: received.append((name, data)))
    await sio.connect(url, socketio_path="/socket.io", transports=["polling"])
    await sio.emit("session_request", {"session_id": session_id})
    await asyncio.wait_for(confirmed.wait(), 10)
    for name, data in events:
        await sio.emit(name, data)
        await asyncio.sleep(0.02)  # one polling request carries at most 16 packets
    deadline = time.monotonic() + wait
    while time.monotonic() < deadline and len(received) < expect:
        await asyncio.sleep(0.05)
    await asyncio.sleep(0.3)
    await sio.disconnect()
    return received


def widget(
    url: str,
    events: list[tuple[str, Any]],
    wait: float = 30,
    session_id: str | None = None,
    expect: int | None = None,
) -> list[tuple[str, Any]]:
    """Send Socket.IO events as the widget does; the `bot_uttered` and `error` events back
    (waiting for `expect` of them, by default one per event sent, or `wait` seconds)."""
    return run_apart(_widget(url, events, wait, session_id, expect or len(events)))


def run_apart(coroutine: Coroutine[Any, Any, T]) -> T:
    """Run a coroutine to its end in a thread of its own: the browser tests' Playwright keeps
    an event loop running in the test thread, and asyncio.run cannot start one inside it."""
    with concurrent.futures.ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(asyncio.run, coroutine).result()


class Outage:
    """PostgreSQL refuses every connection to one database (new ones and the open ones)."""

    def __init__(self, admin_url: str, database: str) -> None:
        self.admin = create_engine(admin_url, future=True, isolation_level="AUTOCOMMIT")
        self.database = database

    def _allow(self, allowed: bool) -> None:
        with self.admin.connect() as connection:
            flag = "true" if allowed else "false"
            connection.execute(text(f'ALTER DATABASE "{self.database}" ALLOW_CONNECTIONS {flag}'))
            if not allowed:
                end = "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = :d"
                connection.execute(text(end), {"d": self.database})

    def begin(self) -> None:
        self._allow(False)

    def end(self) -> None:
        self._allow(True)


def serving_pid(port: int) -> int | None:
    """The process listening on this port."""
    out = subprocess.run(
        ["ss", "-ltnpH", f"sport = :{port}"], capture_output=True, text=True, check=False
    ).stdout
    for part in out.split("pid=")[1:]:
        return int(part.split(",")[0])
    return None


def wait_until(check: Any, timeout: float, interval: float = 0.1) -> float | None:
    """Seconds until check() was true, or None after the timeout."""
    started = time.monotonic()
    while time.monotonic() - started < timeout:
        try:
            if check():
                return time.monotonic() - started
        except (requests.RequestException, OSError):
            pass
        time.sleep(interval)
    return None


def answers(url: str) -> bool:
    return requests.get(url, timeout=1).status_code == 200


def log_lines(path: Path, marker: str) -> list[str]:
    return [line for line in path.read_text(errors="replace").splitlines() if marker in line]
