"""`make run`'s supervisor: a stopped process comes back, the others keep running."""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys
from pathlib import Path

import pytest

from bot import supervisor
from bot.settings import ROOT
from bot.supervisor import Program, Supervisor, read_procfile, restart_delay, should_restart


def test_the_procfile_is_read_with_the_programs_that_may_finish() -> None:
    programs = read_procfile("# c\nweb: run web --port $P\n\nready: say hi\n", frozenset({"ready"}))
    assert programs == [Program("web", "run web --port $P"), Program("ready", "say hi", True)]


def test_restarts_wait_longer_only_for_a_process_that_keeps_failing() -> None:
    assert [restart_delay(n) for n in range(7)] == [0, 1, 2, 4, 8, 16, 30]
    assert should_restart(Program("web", "x"), 0) and should_restart(Program("web", "x"), -9)
    assert not should_restart(Program("ready", "x", True), 0)
    assert should_restart(Program("ready", "x", True), 1)


async def test_a_crashed_process_is_started_again_and_the_other_keeps_running(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(supervisor, "STABLE_SECONDS", 0.0)  # every run counts as a good one
    runs = tmp_path / "runs"
    crash = Program("crash", f"echo run >> {runs}; exit 3")
    steady = Program("steady", "sleep 30")
    running = Supervisor([crash, steady])
    task = asyncio.create_task(running.run())
    for _ in range(100):
        await asyncio.sleep(0.05)
        if runs.exists() and len(runs.read_text().splitlines()) >= 3:
            break
    assert len(runs.read_text().splitlines()) >= 3 and "steady" in running.running
    await running.stop()
    await asyncio.wait_for(task, 15)
    output = capsys.readouterr().out
    assert "crash      | stopped (exit code 3); starting again in 0 s" in output
    assert output.count("steady     | started") == 1


def test_the_environment_wins_over_env_file_in_every_process(tmp_path: Path) -> None:
    """`TELEGRAM_BOT_TOKEN=… make run` must not be overridden by .env (twelve-factor)."""
    env_file = tmp_path / ".env"
    env_file.write_text("FROM_BOTH=from-file\nONLY_IN_FILE=from-file\n")
    procfile = tmp_path / "Procfile"
    procfile.write_text('show: echo "seen $FROM_BOTH $ONLY_IN_FILE"\n')
    environment = {**os.environ, "FROM_BOTH": "from-environment"}
    environment.pop("ONLY_IN_FILE", None)
    finished = subprocess.run(
        [
            sys.executable,
            "-m",
            "bot.supervisor",
            str(procfile),
            "--once",
            "show",
            "--env-file",
            str(env_file),
        ],
        env=environment,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    assert "seen from-environment from-file" in finished.stdout


def test_make_run_passes_a_model_path_from_the_environment_on() -> None:
    makefile = (ROOT / "Makefile").read_text()
    assert "MODEL_PATH=$${MODEL_PATH:-$(MODEL)}" in makefile
