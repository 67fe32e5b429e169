"""`make run-scaled`: the multi-server set-up on this machine (`python -m bot.scaled`).

Two Rasa servers and two action servers behind Debian's nginx, PostgreSQL for the case store and
the tracker store, Redis for the lock store and the widget's Socket.IO messages; plus the
console, the relay and the workers, all under the supervisor. Each server runs the Procfile's own
command, with its port in front. nginx keeps each widget connection on one Rasa server
(`ip_hash` for /socket.io/) and spreads everything else (`least_conn`); a server that is down
is skipped. The same layout as deploy/nginx.conf, without TLS, on 127.0.0.1.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import sqlalchemy as sa

from bot.settings import ROOT, env, load_dotenv, process_environment
from bot.supervisor import read_procfile

DEFAULT_POSTGRES = "postgresql://postgres@127.0.0.1:5432"
DATABASES = ("wegwijs_scaled", "wegwijs_scaled_tracker")


@dataclass(frozen=True)
class Layout:
    """Where everything listens."""

    public_port: int = 8000  # nginx: the widget, REST and the relay's and workers' pushes
    actions_port: int = 8055  # nginx: Rasa's calls to the action servers
    rasa_ports: tuple[int, ...] = (5015, 5016)
    action_ports: tuple[int, ...] = (5065, 5066)


def nginx_conf(layout: Layout, workdir: Path) -> str:
    """nginx's configuration for the local set-up (its files under `workdir`)."""

    def servers(ports: tuple[int, ...]) -> str:
        return "\n".join(
            f"    server 127.0.0.1:{port} max_fails=1 fail_timeout=10s;" for port in ports
        )

    temp = workdir / "nginx"
    return f"""# Written by `python -m bot.scaled` (make run-scaled); see deploy/nginx.conf.
daemon off;
pid {workdir / "nginx.pid"};
error_log stderr warn;
worker_processes 2;
events {{ worker_connections 1024; }}
http {{
  access_log off;
  # Requests (Rasa's tracker to the action servers) and answers stay in memory: nginx's workers
  # may run as another user that cannot write under the work folder.
  client_max_body_size 8m;
  client_body_buffer_size 8m;
  proxy_max_temp_file_size 0;
  client_body_temp_path {temp}/body;
  proxy_temp_path {temp}/proxy;
  fastcgi_temp_path {temp}/fastcgi;
  uwsgi_temp_path {temp}/uwsgi;
  scgi_temp_path {temp}/scgi;
  upstream rasa_sticky {{
    ip_hash;
{servers(layout.rasa_ports)}
  }}
  upstream rasa_any {{
    least_conn;
{servers(layout.rasa_ports)}
  }}
  upstream actions {{
    least_conn;
{servers(layout.action_ports)}
  }}
  map $http_upgrade $connection_upgrade {{
    default upgrade;
    ''      close;
  }}
  proxy_set_header Host $host;
  proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
  proxy_next_upstream error timeout http_502 http_503;
  proxy_read_timeout 90s;
  server {{
    listen 127.0.0.1:{layout.public_port};
    location /socket.io/ {{
      proxy_pass http://rasa_sticky;
      proxy_http_version 1.1;
      proxy_set_header Upgrade $http_upgrade;
      proxy_set_header Connection $connection_upgrade;
      proxy_read_timeout 3600s;
    }}
    location / {{ proxy_pass http://rasa_any; }}
  }}
  server {{
    listen 127.0.0.1:{layout.actions_port};
    location / {{ proxy_pass http://actions; }}
  }}
}}
"""


def procfile(layout: Layout, workdir: Path, base: str) -> str:
    """The Procfile's processes, each Rasa and action server as often as the layout says."""
    commands = {program.name: program.command for program in read_procfile(base)}
    lines = [f"nginx: nginx -p {workdir} -c {workdir / 'nginx.conf'}"]
    for number, port in enumerate(layout.rasa_ports, 1):
        lines.append(f"rasa{number}: export RASA_PORT={port}; {commands['rasa']}")
    for number, port in enumerate(layout.action_ports, 1):
        lines.append(f"actions{number}: export ACTION_SERVER_PORT={port}; {commands['actions']}")
    for name in ("telegram", "console", "reminders", "privacy", "ready"):
        lines.append(f"{name}: {commands[name]}")
    return "\n".join(lines) + "\n"


def environment(layout: Layout, postgres: str) -> dict[str, str]:
    return {
        "DATABASE_URL": f"{postgres}/{DATABASES[0]}",
        "TRACKER_STORE_URL": f"{postgres}/{DATABASES[1]}",
        "LOCK_STORE_TYPE": "bot.rasa_ext.lock_store.RedisLockStore",
        "ACTION_SERVER_URL": f"http://127.0.0.1:{layout.actions_port}",
        "RASA_URL": f"http://127.0.0.1:{layout.public_port}",
    }


def prepare(workdir: Path) -> None:
    """nginx's temporary folders (its workers may run as another user when started as root)."""
    for folder in ("body", "proxy", "fastcgi", "uwsgi", "scgi"):
        path = workdir / "nginx" / folder
        path.mkdir(parents=True, exist_ok=True)
        path.chmod(0o777)


def create_databases(postgres: str) -> None:
    admin = sa.create_engine(f"{postgres}/postgres", isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        existing = set(connection.execute(sa.text("select datname from pg_database")).scalars())
        for name in DATABASES:
            if name not in existing:
                connection.execute(sa.text(f'CREATE DATABASE "{name}"'))
    admin.dispose()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--postgres", default=env("SCALED_POSTGRES", DEFAULT_POSTGRES))
    args = parser.parse_args(argv)
    load_dotenv(ROOT / ".env")  # the environment wins
    layout = Layout()
    workdir = ROOT / "var" / "scaled"
    prepare(workdir)
    (workdir / "nginx.conf").write_text(nginx_conf(layout, workdir), encoding="utf-8")
    base = (ROOT / "Procfile").read_text(encoding="utf-8")
    (workdir / "Procfile").write_text(procfile(layout, workdir, base), encoding="utf-8")
    create_databases(args.postgres)
    child_env = {**process_environment(), **environment(layout, args.postgres)}
    for command in (["db", "migrate"], ["demo", "load"]):
        subprocess.run([sys.executable, "-m", "bot", *command], env=child_env, cwd=ROOT, check=True)
    code = (
        subprocess.run(
            [sys.executable, "-m", "bot", "cases", "link-code", "DEMO-0007"],
            env=child_env,
            cwd=ROOT,
            check=True,
            capture_output=True,
            text=True,
        )
        .stdout.strip()
        .splitlines()[-1]
    )
    child_env["DEMO_CODE_FILE"] = str(workdir / "demo-link-code.txt")
    Path(child_env["DEMO_CODE_FILE"]).write_text(code + "\n", encoding="utf-8")
    print(
        f"\n  Scaled set-up: nginx on http://127.0.0.1:{layout.public_port} in front of Rasa on "
        f"{', '.join(map(str, layout.rasa_ports))} and actions on "
        f"{', '.join(map(str, layout.action_ports))}.\n"
        f"  Widget: http://127.0.0.1:{layout.public_port}/webhooks/web/demo   "
        f"REST: POST http://127.0.0.1:{layout.public_port}/webhooks/rest/webhook\n",
        flush=True,
    )
    supervisor = [sys.executable, "-m", "bot.supervisor", str(workdir / "Procfile")]
    os.execve(sys.executable, [*supervisor, "--once", "ready"], child_env)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
