"""The fault suite, part two: `make run`'s processes under the supervisor (bot.supervisor with the
Procfile), each killed with SIGKILL during a conversation, must be back within 10 s while the
others keep running, and the conversation goes on."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from bot.settings import ROOT
from tests.e2e.faults_support import answers, log_lines, record, serving_pid, wait_until
from tests.e2e.stack import Stack, free_port, model_path

BACK_WITHIN = 10.0
STARTED = re.compile(r"^\S+ (\S+)\s+\| started \(pid (\d+)\)")


class Supervised:
    def __init__(self, stack: Stack, log: Path, process: subprocess.Popen) -> None:  # type: ignore[type-arg]
        self.stack, self.log, self.process = stack, log, process

    def pids(self) -> dict[str, int]:
        """The latest pid the supervisor started for each program."""
        found: dict[str, int] = {}
        for line in self.log.read_text(errors="replace").splitlines():
            match = STARTED.match(line)
            if match:
                found[match.group(1)] = int(match.group(2))
        return found

    def url(self, name: str) -> str:
        env = self.stack.env
        return {
            "actions": f"{env['ACTION_SERVER_URL']}/health",
            "rasa": f"{self.stack.url}/webhooks/rest/",
            "console": f"http://127.0.0.1:{env['CONSOLE_PORT']}/health",
        }[name]


@pytest.fixture(scope="module")
def supervised(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Supervised]:
    workdir = tmp_path_factory.mktemp("supervised")
    stack = Stack(workdir, f"sqlite:///{workdir / 'tracker.db'}")
    port = free_port()
    stack.env.update(
        RASA_PORT=str(stack.rasa_port),
        RASA_URL=stack.url,
        ACTION_SERVER_PORT=str(stack.action_port),
        CONSOLE_PORT=str(port),
        CONSOLE_SECRET=uuid.uuid4().hex,
        MODEL_PATH=model_path(),
        TELEGRAM_BOT_TOKEN="",
    )
    stack.cli("db", "migrate")
    stack.cli("demo", "load")
    log = workdir / "supervisor.log"
    process = subprocess.Popen(
        [sys.executable, "-m", "bot.supervisor", "Procfile", "--once", "ready"],
        env=stack.env,
        cwd=ROOT,
        stdout=log.open("ab"),
        stderr=subprocess.STDOUT,
    )
    running = Supervised(stack, log, process)
    try:
        standing_by = lambda: log_lines(log, "standing by")  # noqa: E731
        assert wait_until(standing_by, 400, 1.0) is not None, "no warm standby Rasa server"
        for name in ("actions", "rasa", "console"):
            assert wait_until(lambda name=name: answers(running.url(name)), 60), name
        yield running
    finally:
        process.send_signal(signal.SIGTERM)
        process.wait(timeout=30)


def test_each_killed_process_is_back_within_10_s_and_the_conversation_goes_on(
    supervised: Supervised,
) -> None:
    stack, sender = supervised.stack, uuid.uuid4().hex
    assert "Samuel" in stack.link(sender, "DEMO-0007", language="en")
    measured = []
    for name in ("actions", "rasa", "console", "telegram"):
        before = supervised.pids()
        pid = serving_pid(stack.rasa_port) if name == "rasa" else before[name]
        assert pid
        os.kill(pid, signal.SIGKILL)
        killed = time.monotonic()
        if name == "telegram":
            back = wait_until(lambda pid=pid: supervised.pids()["telegram"] != pid, 30)
        else:
            back = wait_until(lambda name=name: answers(supervised.url(name)), 30)
        assert back is not None and back < BACK_WITHIN, (name, back)
        assert "16 January 2028" in stack.text(sender, "when is my deadline?"), name
        others = {k: v for k, v in supervised.pids().items() if k not in (name, "ready")}
        if name == "rasa":
            others.pop("rasa-standby", None)
        assert others == {k: before[k] for k in others}, name  # nobody else was restarted
        assert supervised.process.poll() is None
        measured.append(f"{name} {back:.1f} s (answer after {time.monotonic() - killed:.1f} s)")
    record(
        "kill -9 of each process under `make run` during a conversation",
        "back within 10 s, others untouched, the conversation continues",
        "; ".join(measured),
    )


def test_the_environment_wins_over_dotenv(tmp_path: Path) -> None:
    script = tmp_path / "Procfile"
    script.write_text("show: echo value=$RASA_PORT\n", encoding="utf-8")
    env = {**os.environ, "RASA_PORT": "7777"}
    out = subprocess.run(
        [sys.executable, "-m", "bot.supervisor", str(script), "--once", "show"],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=30,
    ).stdout
    assert "value=7777" in out and "finished (exit code 0)" in out
