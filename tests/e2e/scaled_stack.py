"""The scaled set-up for tests and the bench: two Rasa servers and two action servers behind
Debian's nginx (the layout of `make run-scaled`), PostgreSQL stores in fresh databases, the Redis
lock store and Socket.IO through Redis."""

from __future__ import annotations

import contextlib
import json
import re
import shutil
import signal
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import redis
import requests
from sqlalchemy import create_engine, text

from bot.scaled import Layout, nginx_conf, prepare
from tests.e2e.stack import ROOT, Stack, free_port, fresh_databases

NGINX = shutil.which("nginx") or "/usr/sbin/nginx"


@dataclass
class Scaled:
    stack: Stack
    layout: Layout
    processes: dict[str, subprocess.Popen[bytes]]

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.layout.public_port}"

    def say(self, sender: str, message: str, language: str = "en") -> list[dict[str, Any]]:
        body = {"sender": sender, "message": message, "metadata": {"language": language}}
        reply = requests.post(f"{self.url}/webhooks/rest/webhook", json=body, timeout=90)
        reply.raise_for_status()
        return list(reply.json())

    def handled(self, port: int, channel: str = "rest") -> float:
        """Messages of a channel the Rasa server on `port` handled (its own /metrics)."""
        exported = requests.get(f"http://127.0.0.1:{port}/metrics", timeout=10).text
        counts = re.findall(
            rf'^wegwijs_messages_total\{{channel="{channel}",[^}}]*\}} (\S+)$', exported, re.M
        )
        return sum(float(count) for count in counts)

    def stored_events(self, sender: str) -> list[tuple[str, str, float]]:
        """(type, text, timestamp) of a conversation's user and bot events, in stored order."""
        engine = create_engine(self.stack.tracker_store_url, future=True)
        with engine.connect() as connection:
            rows = connection.execute(
                text(
                    "select type_name, data, timestamp from events where sender_id = :s "
                    "and type_name in ('user', 'bot') order by id"
                ),
                {"s": sender},
            ).all()
        engine.dispose()
        return [(kind, json.loads(data).get("text") or "", float(at)) for kind, data, at in rows]


@contextmanager
def scaled_stack(
    postgres_server: str, workdir: Path, api_token: str = "", redis_port: int = 6379
) -> Iterator[Scaled]:
    """The running set-up in fresh databases of `postgres_server` (dropped afterwards), with the
    Redis on `redis_port` of 127.0.0.1."""
    with fresh_databases(postgres_server, "wegwijs_e2e_scaled") as (cases_url, tracker_url):
        yield from _started(workdir, cases_url, tracker_url, api_token, redis_port)


def _started(
    workdir: Path, cases_url: str, tracker_url: str, api_token: str, redis_port: int
) -> Iterator[Scaled]:
    stack = Stack(
        workdir,
        tracker_url,
        database_url=cases_url,
        api_token=api_token,
        extra_env={
            "LOCK_STORE_TYPE": "bot.rasa_ext.lock_store.RedisLockStore",
            "LOCK_STORE_PORT": str(redis_port),
            "REDIS_URL": f"redis://127.0.0.1:{redis_port}/9",
        },
    )
    layout = Layout(
        public_port=free_port(),
        actions_port=free_port(),
        rasa_ports=(stack.rasa_port, free_port()),
        action_ports=(stack.action_port, free_port()),
    )
    stack.env["ACTION_SERVER_URL"] = f"http://127.0.0.1:{layout.actions_port}"
    stack.env["RASA_URL"] = f"http://127.0.0.1:{layout.public_port}"
    prepare(workdir)
    conf = workdir / "nginx.conf"
    conf.write_text(nginx_conf(layout, workdir))
    processes: dict[str, subprocess.Popen[bytes]] = {}
    try:
        log = (workdir / "nginx.log").open("ab")
        processes["nginx"] = subprocess.Popen(
            [NGINX, "-p", str(workdir), "-c", str(conf)], stdout=log, stderr=subprocess.STDOUT
        )
        stack.cli("db", "migrate")
        stack.cli("demo", "load")
        stack.start_actions()
        second = (workdir / "actions2.log").open("ab")
        stack.processes["actions2"] = subprocess.Popen(
            [sys.executable, "-m", "actions.server", "--port", str(layout.action_ports[1])],
            env=stack.env,
            cwd=ROOT,
            stdout=second,
            stderr=subprocess.STDOUT,
        )
        stack.start_rasa("rasa", layout.rasa_ports[0])
        stack.start_rasa("rasa2", layout.rasa_ports[1])
        yield Scaled(stack, layout, processes)
    finally:
        stack.stop()
        for process in processes.values():
            process.send_signal(signal.SIGQUIT)
            process.wait(10)
        with contextlib.suppress(redis.RedisError):  # the tests' Redis database only
            redis.Redis(port=redis_port, db=9).flushdb()
