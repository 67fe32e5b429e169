"""`make run-scaled`: the nginx configuration and the processes it starts."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from bot.scaled import Layout, environment, nginx_conf, prepare, procfile
from bot.settings import ROOT
from bot.supervisor import read_procfile


def test_every_server_runs_the_procfiles_command_on_its_own_port(tmp_path: Path) -> None:
    """Each line runs (with `.venv/bin/python` a program that prints its arguments and
    environment) and passes its own port."""
    fake = tmp_path / ".venv" / "bin" / "python"
    fake.parent.mkdir(parents=True)
    fake.write_text('#!/bin/sh\necho "args: $* env: $RASA_PORT $ACTION_SERVER_PORT"\n')
    fake.chmod(0o755)
    base = (ROOT / "Procfile").read_text()
    commands = {p.name: p.command for p in read_procfile(base)}
    programs = {p.name: p.command for p in read_procfile(procfile(Layout(), tmp_path, base))}
    assert programs["rasa2"].endswith(commands["rasa"])

    def run(name: str) -> str:
        environment = {"PATH": os.environ["PATH"], "MODEL_PATH": "/m", "RASA_PORT": "5005"}
        finished = subprocess.run(
            ["bash", "-c", programs[name]],
            cwd=tmp_path,
            env=environment,
            capture_output=True,
            text=True,
            check=True,
        )
        return finished.stdout

    assert "--port 5015 " in run("rasa1") and "--port 5016 " in run("rasa2")
    assert run("actions2").strip().endswith(" 5066")
    assert {"nginx", "console", "telegram", "reminders", "privacy", "ready"} <= set(programs)
    env = environment(Layout(), "postgresql://postgres@127.0.0.1:5432")
    assert env["LOCK_STORE_TYPE"].endswith("RedisLockStore")
    assert env["ACTION_SERVER_URL"] == "http://127.0.0.1:8055"


def test_the_nginx_configuration_is_accepted_by_nginx(tmp_path: Path) -> None:
    nginx = shutil.which("nginx") or "/usr/sbin/nginx"
    if not Path(nginx).exists():
        pytest.fail(
            "nginx is not installed: run 'make nginx' (apt-get install nginx-light) as root"
        )
    prepare(tmp_path)
    conf = tmp_path / "nginx.conf"
    conf.write_text(nginx_conf(Layout(), tmp_path))
    checked = subprocess.run(
        [nginx, "-t", "-p", str(tmp_path), "-c", str(conf)], capture_output=True, text=True
    )
    assert checked.returncode == 0, checked.stderr
    assert "ip_hash;" in conf.read_text().split("upstream rasa_any")[0]
