"""Starts the real action server and Rasa server on free ports against temporary databases."""

from __future__ import annotations

import os
import secrets
import signal
import socket
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from datetime import datetime
from pathlib import Path
from typing import Any

import requests
from sqlalchemy import create_engine, text

from bot.settings import ROOT, Settings
from bot.store.db import engine_for, session_scope
from bot.store.linking import issue_code
from bot.store.repository import CaseRepository

STARTUP_SECONDS = 240
TODAY = "2026-12-01"  # the demo cases' dates are written for this day


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def model_path() -> str:
    given = os.environ.get("MODEL_PATH")
    if given:
        return given
    models = sorted((ROOT / "models").glob("*.tar.gz"), key=lambda p: p.stat().st_mtime)
    if not models:
        raise RuntimeError("no trained model: run 'make model' (or set MODEL_PATH)")
    return str(models[-1])


@dataclass
class Stack:
    workdir: Path
    tracker_store_url: str
    database_url: str = ""
    api_token: str = ""  # enables Rasa's HTTP API (benchmarks only; off in every real set-up)
    extra_env: dict[str, str] = field(default_factory=dict)
    startup_seconds: dict[str, float] = field(default_factory=dict)
    env: dict[str, str] = field(default_factory=dict)
    rasa_port: int = 0
    action_port: int = 0
    processes: dict[str, subprocess.Popen] = field(default_factory=dict)  # type: ignore[type-arg]

    def __post_init__(self) -> None:
        self.rasa_port, self.action_port = free_port(), free_port()
        self.env = {
            **os.environ,
            "DATABASE_URL": self.database_url or f"sqlite:///{self.workdir / 'cases.db'}",
            "TRACKER_STORE_URL": self.tracker_store_url,
            "ACTION_SERVER_TOKEN": secrets.token_urlsafe(24),
            "RELAY_TOKEN": secrets.token_urlsafe(24),
            "PUSH_TOKEN": secrets.token_urlsafe(24),
            "WEB_ALLOWED_ORIGINS": "same-origin",
            "LINK_CODE_SECRET": secrets.token_urlsafe(24),
            "ACTION_SERVER_URL": f"http://127.0.0.1:{self.action_port}",
            "RASA_URL": f"http://127.0.0.1:{self.rasa_port}",  # the console's and worker's pushes
            "RASA_TELEMETRY_ENABLED": "false",
            "DEFAULT_LANGUAGE": "nl",
            "LOG_LEVEL": "WARNING",
            "LOCK_STORE_TYPE": "bot.rasa_ext.lock_store.InMemoryLockStore",
            "LOCK_STORE_HOST": "127.0.0.1",
            "LOCK_STORE_PORT": "6379",
            "WEGWIJS_TODAY": TODAY,
            # Every e2e test talks from 127.0.0.1: no limits but those a test asks for.
            "RATE_LIMIT_SENDER": "100000/100000",
            "RATE_LIMIT_ADDRESS": "100000/100000",
            "RATE_LIMIT_IN_FLIGHT": "100000",
            **self.extra_env,
        }

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.rasa_port}"

    def cli(self, *args: str) -> str:
        result = subprocess.run(
            [sys.executable, "-m", "bot", *args],
            env=self.env,
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=True,
        )
        return result.stdout

    def start_actions(self) -> None:
        log = (self.workdir / "actions.log").open("ab")
        self.processes["actions"] = subprocess.Popen(
            [sys.executable, "-m", "actions.server", "--port", str(self.action_port)],
            env=self.env,
            cwd=ROOT,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        self._wait(f"http://127.0.0.1:{self.action_port}/health", "actions")

    def stop_actions(self) -> None:
        self._stop("actions")

    def start(self) -> None:
        self.cli("db", "migrate")
        self.cli("demo", "load")
        self.start_actions()
        self.start_rasa()

    def stop_rasa(self, name: str = "rasa") -> None:
        self._stop(name)

    def start_rasa(self, name: str = "rasa", port: int | None = None) -> None:
        """A Rasa server, on the stack's port unless told (a second one serves the same
        conversations from the same databases: several servers behind a load balancer)."""
        port = port or self.rasa_port
        log = (self.workdir / f"{name}.log").open("ab")
        self.processes[name] = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "bot.rasa_server",
                "run",
                "--model",
                model_path(),
                "--endpoints",
                "endpoints.yml",
                "--credentials",
                "credentials.yml",
                "--port",
                str(port),
                "--interface",
                "127.0.0.1",
                *(["--enable-api", "--auth-token", self.api_token] if self.api_token else []),
            ],
            env=self.env,
            cwd=ROOT,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        self._wait(f"http://127.0.0.1:{port}/webhooks/rest/", name)

    def _wait(self, url: str, name: str) -> None:
        started = time.monotonic()
        deadline = started + STARTUP_SECONDS
        while time.monotonic() < deadline:
            if self.processes[name].poll() is not None:
                raise RuntimeError(f"{name} exited; see {self.workdir / (name + '.log')}")
            try:
                if requests.get(url, timeout=2).status_code == 200:
                    self.startup_seconds[name] = time.monotonic() - started
                    return
            except requests.RequestException:
                pass
            time.sleep(0.5)
        raise RuntimeError(f"{name} did not start within {STARTUP_SECONDS} s")

    def _stop(self, name: str) -> None:
        process = self.processes.pop(name, None)
        if process and process.poll() is None:
            process.send_signal(signal.SIGTERM)
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()

    def stop(self) -> None:
        for name in list(self.processes):
            self._stop(name)

    def link_code(self, case_ref: str) -> str:
        """A fresh code, issued in-process against the stack's own case store and secret."""
        settings = replace(Settings.from_env(), link_code_secret=self.env["LINK_CODE_SECRET"])
        with session_scope(engine_for(self.env["DATABASE_URL"])) as session:
            return issue_code(CaseRepository(session), case_ref, settings, datetime.utcnow())

    def link(self, sender: str, case_ref: str, language: str | None = None) -> str:
        return self.text(sender, self.link_code(case_ref), language)

    def say(self, sender: str, text: str, language: str | None = None) -> list[dict[str, Any]]:
        body: dict[str, Any] = {"sender": sender, "message": text}
        if language:
            body["metadata"] = {"language": language}
        reply = requests.post(f"{self.url}/webhooks/rest/webhook", json=body, timeout=60)
        reply.raise_for_status()
        return list(reply.json())

    def text(self, sender: str, text: str, language: str | None = None) -> str:
        return "\n".join(m.get("text", "") for m in self.say(sender, text, language))


@contextmanager
def fresh_databases(postgres_server: str, prefix: str) -> Iterator[tuple[str, str]]:
    """Two new PostgreSQL databases (cases, tracker) on `postgres_server`, as URLs, dropped
    afterwards."""
    admin = create_engine(postgres_server, future=True, isolation_level="AUTOCOMMIT")
    names = [f"{prefix}_{kind}_{uuid.uuid4().hex[:8]}" for kind in ("cases", "tracker")]
    with admin.connect() as connection:
        for name in names:
            connection.execute(text(f'CREATE DATABASE "{name}"'))
    base = postgres_server.rsplit("/", 1)[0]
    try:
        yield f"{base}/{names[0]}", f"{base}/{names[1]}"
    finally:
        with admin.connect() as connection:
            for name in names:
                connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


@contextmanager
def postgres_stack(
    postgres_server: str, workdir: Path, prefix: str, extra_env: dict[str, str] | None = None
) -> Iterator[Stack]:
    """A started stack on two new PostgreSQL databases (cases, tracker), dropped afterwards."""
    with fresh_databases(postgres_server, prefix) as (cases_url, tracker_url):
        running = Stack(workdir, tracker_url, database_url=cases_url, extra_env=extra_env or {})
        try:
            running.start()
            yield running
        finally:
            running.stop()
