"""`make bench` (second part): the staff console with tens of thousands of conversations.

Seeds a tracker store (Rasa's `events` table, SQLite) with realistic conversations in all six
languages over 90 days, a case store with linked cases, then measures:
1. the conversation index: the first catch-up over everything, and a later round with new messages;
2. the console over HTTP, logged in as an admin and as a consultant: the list without and with
   filters, free-text search, a transcript, and the statistics page, as percentiles.
Writes var/results/console-bench.json and prints a table.
"""

from __future__ import annotations

import json
import os
import random
import re
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path
from typing import Any

import requests
import yaml
from sqlalchemy import create_engine, func, insert, select

from bot.console import index
from bot.console.permissions import Role
from bot.console.staff.accounts import create_user
from bot.settings import ROOT
from bot.store.db import engine_for, migrate, session_scope
from bot.store.models import ChannelLink
from bot.store.repository import CaseRepository
from bot.store.tracker_events import events, metadata
from tests.bench.run import percentile
from tests.e2e.stack import free_port

SEED = 11
CONVERSATIONS = int(os.environ.get("BENCH_CONVERSATIONS", "20000"))
DAYS = 90
REPEATS = 15
PASSWORD = "bench password 1234"
OUT = ROOT / "var" / "results" / "console-bench.json"
CHANNELS = ("tg", "web", "tg", "web", "rest")


def examples() -> dict[str, list[tuple[str, str]]]:
    """Held-out NLU examples per language as (intent, text)."""
    found: dict[str, list[tuple[str, str]]] = {}
    for path in sorted((ROOT / "tests" / "nlu").glob("*.yml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        found[path.stem] = [
            (block["intent"], line[2:].strip())
            for block in data["nlu"]
            for line in block["examples"].splitlines()
            if line.startswith("- ")
        ]
    return found


def event(sender: str, type_name: str, at: float, **fields: Any) -> dict[str, Any]:
    parse = fields.get("parse_data") or {}
    return {
        "sender_id": sender,
        "type_name": type_name,
        "timestamp": at,
        "intent_name": (parse.get("intent") or {}).get("name"),
        "action_name": fields.get("name") if type_name == "action" else None,
        "data": json.dumps({"event": type_name, "timestamp": at, **fields}),
    }


def conversation(
    rng: random.Random, sender: str, language: str, said: list[tuple[str, str]], start: float
) -> list[dict[str, Any]]:
    rows = [event(sender, "action", start, name="action_session_start")]
    rows.append(event(sender, "slot", start, name="language", value=language))
    at = start
    for _ in range(rng.randint(2, 7)):
        at += rng.uniform(5, 120)
        intent, text = rng.choice(said)
        if rng.random() < 0.06:
            intent = "nlu_fallback"
        entities = [{"entity": "detected_language", "value": language}]
        parse = {"intent": {"name": intent, "confidence": 0.8}, "entities": entities}
        rows.append(event(sender, "user", at, text=text, parse_data=parse))
        action = "action_handoff" if intent == "ask_human" else f"action_{intent}"
        rows.append(event(sender, "action", at + 0.02, name=action))
        rows.append(event(sender, "bot", at + 0.03, text="…", data={}))
        rows.append(event(sender, "action", at + 0.04, name="action_listen"))
    if rng.random() < 0.1:
        intent = rng.choice(("feedback_good", "feedback_bad"))
        parse = {"intent": {"name": intent, "confidence": 1.0}, "entities": []}
        rows.append(event(sender, "user", at + 30, text=f"/{intent}", parse_data=parse))
    return rows


def seed(tracker_url: str, store_url: str) -> dict[str, Any]:
    rng = random.Random(SEED)
    said = examples()
    languages = sorted(said)
    engine = create_engine(tracker_url, future=True)
    metadata.create_all(engine)
    now = time.time() - 3600
    senders: list[str] = []
    started = time.perf_counter()
    batch: list[dict[str, Any]] = []
    with engine.begin() as connection:
        for n in range(CONVERSATIONS):
            sender = f"{rng.choice(CHANNELS)}:{uuid.UUID(int=rng.getrandbits(128)).hex}"
            language = rng.choice(languages)
            start = now - rng.uniform(0, DAYS * 86400)
            batch += conversation(rng, sender, language, said[language], start)
            senders.append(sender)
            if len(batch) > 20000 or n == CONVERSATIONS - 1:
                connection.execute(insert(events), batch)
                batch = []
        total = connection.execute(select(func.count()).select_from(events)).scalar_one()
    migrate(store_url)
    subprocess.run(
        [sys.executable, "-m", "bot", "demo", "load"],
        env={**os.environ, "DATABASE_URL": store_url},
        cwd=ROOT,
        check=True,
        capture_output=True,
    )
    with session_scope(engine_for(store_url)) as db:
        case_ids = [CaseRepository(db).get_row(f"DEMO-000{i}").id for i in range(1, 8)]
        for sender in rng.sample(senders, len(senders) // 3):
            db.add(ChannelLink(sender_id=sender, case_id=rng.choice(case_ids)))
        create_user(db, "admin@bench.nl", PASSWORD, Role.ADMIN)
        create_user(db, "k.bakker@example.org", PASSWORD, Role.CONSULTANT)
    return {
        "conversations": CONVERSATIONS,
        "events": int(total),
        "seed_seconds": round(time.perf_counter() - started, 1),
        "senders": senders,
    }


def index_cost(tracker_url: str, store_url: str, senders: list[str]) -> dict[str, float]:
    tracker, store = create_engine(tracker_url, future=True), engine_for(store_url)
    started = time.perf_counter()
    index.catch_up(tracker, lambda: session_scope(store))
    first = time.perf_counter() - started
    rng = random.Random(SEED + 1)
    with tracker.begin() as connection:  # 50 conversations go on with a new message each
        rows = []
        for sender in rng.sample(senders, 50):
            parse = {"intent": {"name": "ask_deadline"}, "entities": []}
            rows.append(event(sender, "user", time.time() - 120, text="en nu?", parse_data=parse))
        connection.execute(insert(events), rows)
    started = time.perf_counter()
    index.catch_up(tracker, lambda: session_scope(store))
    later = time.perf_counter() - started
    started = time.perf_counter()
    index.catch_up(tracker, lambda: session_scope(store))
    idle = time.perf_counter() - started
    return {"first_catch_up_s": first, "fifty_new_s": later, "nothing_new_s": idle}


def log_in(url: str, email: str) -> requests.Session:
    http = requests.Session()
    form = http.get(f"{url}/login", timeout=30).text
    match = re.search(r'name="csrf" value="([^"]+)"', form)
    assert match, "no CSRF token on the login page"
    reply = http.post(
        f"{url}/login",
        data={"csrf": match.group(1), "email": email, "password": PASSWORD},
        timeout=30,
    )
    assert reply.ok and "Uitloggen" in reply.text, f"login failed for {email}"
    return http


def timed(http: requests.Session, url: str) -> dict[str, float]:
    latencies = []
    for _ in range(REPEATS):
        started = time.perf_counter()
        reply = http.get(url, timeout=60)
        latencies.append((time.perf_counter() - started) * 1000)
        assert reply.status_code == 200, f"{url}: {reply.status_code}"
    return {
        "p50_ms": percentile(latencies, 50),
        "p95_ms": percentile(latencies, 95),
        "max_ms": max(latencies),
    }


def pages(url: str, sender: str) -> dict[str, dict[str, float]]:
    admin, consultant = log_in(url, "admin@bench.nl"), log_in(url, "k.bakker@example.org")
    since = time.strftime("%Y-%m-%d", time.localtime(time.time() - 7 * 86400))
    checks = {
        "list, no filter": (admin, "/conversations"),
        "list, page 100": (admin, "/conversations?page=100"),
        "list, language ar + fallback": (admin, "/conversations?language=ar&fallback=1"),
        "list, last 7 days, not reviewed": (admin, f"/conversations?since={since}&unreviewed=1"),
        "list, intent + linked": (admin, "/conversations?intent=ask_deadline&linked=yes"),
        "list, consultant's caseload": (consultant, "/conversations"),
        "list, free-text search": (admin, "/conversations?q=%D9%85%D9%88%D8%B9%D8%AF"),
        "transcript": (admin, f"/conversations/{sender}"),
        "statistics, 30 days": (admin, "/statistics"),
        "statistics, 90 days": (admin, f"/statistics?since={time.strftime('%Y')}-01-01"),
    }
    return {name: timed(http, url + path) for name, (http, path) in checks.items()}


def rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def main() -> int:
    workdir = Path(tempfile.mkdtemp(prefix="wegwijs-console-bench-"))
    tracker_url = f"sqlite:///{workdir / 'tracker.db'}"
    store_url = f"sqlite:///{workdir / 'cases.db'}"
    print(f"seeding {CONVERSATIONS} conversations in {workdir}", flush=True)
    seeded = seed(tracker_url, store_url)
    senders = seeded.pop("senders")
    results: dict[str, Any] = {
        "seeded": seeded,
        "index": index_cost(tracker_url, store_url, senders),
    }
    port = free_port()
    env = {
        **os.environ,
        "DATABASE_URL": store_url,
        "TRACKER_STORE_URL": tracker_url,
        "CONSOLE_SECRET": uuid.uuid4().hex,
    }
    console = subprocess.Popen(
        [sys.executable, "-m", "bot.console", "--port", str(port)],
        env=env,
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        for _ in range(150):
            try:
                if requests.get(f"{url}/health", timeout=1).ok:
                    break
            except requests.RequestException:
                time.sleep(0.2)
        results["pages"] = pages(url, senders[0])
        results["console_rss_mb"] = rss_mb(console.pid)
    finally:
        console.terminate()
        console.wait(timeout=15)
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps(results, indent=2), encoding="utf-8")
    print(report(results))
    return 0


def report(r: dict[str, Any]) -> str:
    s, i = r["seeded"], r["index"]
    lines = [
        f"Console with {s['conversations']} conversations ({s['events']} events, {DAYS} days):",
        f"index: first catch-up {i['first_catch_up_s']:.1f} s, "
        f"a round with 50 new messages {i['fifty_new_s'] * 1000:.0f} ms, "
        f"nothing new {i['nothing_new_s'] * 1000:.0f} ms; "
        f"console RSS {r['console_rss_mb']:.0f} MB.",
        "",
        "| page | p50 ms | p95 ms | max ms |",
        "|---|---|---|---|",
    ]
    for name, v in r["pages"].items():
        lines.append(f"| {name} | {v['p50_ms']:.0f} | {v['p95_ms']:.0f} | {v['max_ms']:.0f} |")
    return "\n".join(lines)


if __name__ == "__main__":
    sys.exit(main())
