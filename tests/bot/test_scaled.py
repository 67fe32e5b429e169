"""`make run-scaled`: the nginx configuration and the processes it starts."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from bot.scaled import Layout, environment, nginx_conf, prepare, procfile
from bot.settings import ROOT
from bot.supervisor import read_procfile


def test_every_server_runs_the_procfiles_command_on_its_own_port(tmp_path: Path) -> None:
    base = (ROOT / "Procfile").read_text()
    commands = {p.name: p.command for p in read_procfile(base)}
    programs = {p.name: p.command for p in read_procfile(procfile(Layout(), tmp_path, base))}
    assert programs["rasa1"] == f"RASA_PORT=5015 {commands['rasa']}"
    assert programs["rasa2"] == f"RASA_PORT=5016 {commands['rasa']}"
    assert programs["actions2"] == f"ACTION_SERVER_PORT=5066 {commands['actions']}"
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
