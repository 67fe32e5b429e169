"""`make bench`, the scaled part: the set-up of `make run-scaled` measured through nginx.

Two Rasa servers and two action servers behind Debian's nginx, PostgreSQL stores and the Redis
lock store, all on this machine (so on its cores: two servers share them). Measures the REST
channel at 8 and 32 concurrent users, then same-sender bursts (10 messages of one person at
once, split over both servers), and checks that every user message is stored exactly once and
that each person's messages were handled one at a time (stored times never go back).
Writes var/results/bench-scaled.json and prints a table.
"""

from __future__ import annotations

import asyncio
import itertools
import json
import os
import random
import sys
import tempfile
import time
import uuid
from pathlib import Path
from typing import Any

import aiohttp

from bot.settings import ROOT
from tests.bench.run import DEMO_CASES, GENERAL, LANGUAGES, PERSONAL, post, questions, summary
from tests.e2e.scaled_stack import Scaled, scaled_stack

SEED = 11
OUT = ROOT / "var" / "results" / "bench-scaled.json"
POSTGRES = os.environ.get("TEST_POSTGRES_URL", "postgresql://postgres@127.0.0.1:5432/postgres")


async def users_load(
    session: aiohttp.ClientSession, url: str, mix: list[tuple[str, list[str]]]
) -> tuple[dict[str, float], dict[str, list[str]]]:
    """Each user sends their messages one after the other; all users at once."""
    sent: dict[str, list[str]] = {}

    async def user(sender: str, texts: list[str]) -> list[float]:
        latencies = []
        for text in texts:
            started = time.perf_counter()
            await post(session, url, {"sender": sender, "message": text})
            latencies.append(time.perf_counter() - started)
            sent.setdefault(sender, []).append(text)
        return latencies

    started = time.perf_counter()
    results = await asyncio.gather(*(user(sender, texts) for sender, texts in mix))
    seconds = time.perf_counter() - started
    return summary([x for r in results for x in r], seconds), sent


async def bursts(
    session: aiohttp.ClientSession, url: str, senders: list[str], texts: list[str]
) -> tuple[dict[str, float], dict[str, list[str]]]:
    """Every sender sends all texts at once (a person tapping send ten times)."""

    async def one(sender: str, text: str) -> float:
        started = time.perf_counter()
        await post(session, url, {"sender": sender, "message": text})
        return time.perf_counter() - started

    started = time.perf_counter()
    latencies = await asyncio.gather(*(one(s, t) for s in senders for t in texts))
    seconds = time.perf_counter() - started
    return summary(list(latencies), seconds), {sender: list(texts) for sender in senders}


def stored_once_in_order(scaled: Scaled, sent: dict[str, list[str]]) -> dict[str, int]:
    """Per sender: the user messages stored equal those sent (once each), and stored times
    never go back (one message at a time)."""
    checked = {"senders": 0, "messages": 0, "missing_or_duplicated": 0, "out_of_order": 0}
    for sender, texts in sent.items():
        events = scaled.stored_events(f"rest:{sender}")
        users = [text for kind, text, _ in events if kind == "user"]
        checked["senders"] += 1
        checked["messages"] += len(texts)
        stored = list(users[-len(texts) :]) if texts else []
        if sorted(stored) != sorted(texts) or len(users) < len(texts):
            checked["missing_or_duplicated"] += 1
        if any(b[2] < a[2] for a, b in itertools.pairwise(events)):
            checked["out_of_order"] += 1
    return checked


async def measure(scaled: Scaled) -> dict[str, Any]:
    rng = random.Random(SEED)
    q = questions()
    url = f"{scaled.url}/webhooks/rest/webhook"
    timeout = aiohttp.ClientTimeout(total=180)
    async with aiohttp.ClientSession(
        timeout=timeout, connector=aiohttp.TCPConnector(limit=128)
    ) as session:
        users: list[tuple[str, str]] = []
        for _ in range(42):
            sender, language = uuid.uuid4().hex, rng.choice(LANGUAGES)
            code = scaled.stack.link_code(rng.choice(DEMO_CASES))
            await post(session, url, {"sender": sender, "message": code})
            choose = f'/choose_language{{"language": "{language}"}}'
            await post(session, url, {"sender": sender, "message": choose})
            users.append((sender, language))

        def mix_for(language: str, count: int) -> list[str]:
            return [
                rng.choice(q[(language, rng.choice(PERSONAL if rng.random() < 0.6 else GENERAL))])
                for _ in range(count)
            ]

        results: dict[str, Any] = {"rest": {}}
        sent_all: dict[str, list[str]] = {}
        for concurrency, per_user in ((8, 40), (32, 12)):
            mix = [(s, mix_for(lang, per_user)) for s, lang in users[:concurrency]]
            results["rest"][concurrency], sent = await users_load(session, url, mix)
            for sender, texts in sent.items():
                sent_all.setdefault(sender, []).extend(texts)
        burst_texts = [f"{text} ({n})" for n, text in enumerate(mix_for("en", 10))]
        results["bursts"], burst_sent = await bursts(
            session, url, [s for s, _ in users[32:42]], burst_texts
        )
        sent_all.update({s: sent_all.get(s, []) + t for s, t in burst_sent.items()})
    results["handled_per_server"] = [scaled.handled(port) for port in scaled.layout.rasa_ports]
    results["stored"] = stored_once_in_order(scaled, sent_all)
    return results


def report(r: dict[str, Any]) -> str:
    lines = [
        "Scaled set-up through nginx (2 Rasa + 2 action servers, PostgreSQL, Redis; one machine)",
        "| measurement | p50 ms | p95 ms | p99 ms | per s |",
        "|---|---|---|---|---|",
    ]
    rows = [(f"REST end to end, {c} users", v) for c, v in r["rest"].items()]
    rows.append(("bursts: 10 people × 10 messages at once", r["bursts"]))
    for name, v in rows:
        cells = [f"{v[k]:.0f}" for k in ("p50_ms", "p95_ms", "p99_ms")]
        lines.append(f"| {name} | {' | '.join(cells)} | {v['throughput_per_s']:.1f} |")
    stored = r["stored"]
    lines.append("")
    lines.append(
        f"Messages per server: {', '.join(f'{n:.0f}' for n in r['handled_per_server'])}. "
        f"Stored: {stored['messages']} messages of {stored['senders']} people; "
        f"missing or duplicated in {stored['missing_or_duplicated']} conversations, "
        f"out of order in {stored['out_of_order']}."
    )
    return "\n".join(lines)


def main() -> int:
    workdir = Path(tempfile.mkdtemp(prefix="wegwijs-bench-scaled-"))
    with scaled_stack(POSTGRES, workdir) as scaled:
        results = asyncio.run(measure(scaled))
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps(results, indent=2), encoding="utf-8")
    print(report(results))
    ok = results["stored"]["missing_or_duplicated"] == 0 and results["stored"]["out_of_order"] == 0
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
