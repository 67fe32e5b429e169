"""`make bench`: what a migrant waits for and what one machine carries, against Rasa's own floor.

Starts the default stack (SQLite) with Rasa's HTTP API enabled for /model/parse only, then:
1. floor: /model/parse latency and throughput at concurrency 1 and 8;
2. end to end through the REST channel: a seeded mix of linked users asking personal and general
   questions in all languages, at 1, 8 and 32 concurrent users; a user's second message sent right
   after the first;
3. session length: latency at turn 5 versus turn 100;
4. cost: `rasa train` time and peak memory, start-up time and peak memory per process.
Writes var/results/bench.json and prints a table with the budget of issue 8.
"""

from __future__ import annotations

import asyncio
import json
import os
import random
import secrets
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from collections.abc import Awaitable, Callable, Iterable
from pathlib import Path
from typing import Any

import aiohttp
import yaml

from bot.settings import ROOT
from tests.e2e.stack import Stack, model_path

SEED = 7
LANGUAGES = ("nl", "en", "ar", "tr", "ti", "fa")
PERSONAL = (
    "ask_deadline",
    "ask_step",
    "ask_next_step",
    "ask_appointment",
    "ask_exams",
    "ask_loan",
    "ask_law",
)
GENERAL = (
    "ask_pvt",
    "ask_map",
    "ask_route",
    "ask_cost",
    "ask_extension",
    "ask_exemption",
    "help",
    "greet",
)
DEMO_CASES = tuple(f"DEMO-000{i}" for i in range(1, 8))
OUT = ROOT / "var" / "results" / "bench.json"
# REST end to end at 8 users on the same bench before the cost per message was cut (2026-11-28)
BEFORE_8_USERS_PER_S = 70.0


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    index = min(len(ordered) - 1, max(0, round(q / 100 * (len(ordered) - 1))))
    return ordered[index]


def summary(latencies: list[float], seconds: float) -> dict[str, float]:
    return {
        "n": len(latencies),
        "p50_ms": percentile(latencies, 50) * 1000,
        "p95_ms": percentile(latencies, 95) * 1000,
        "p99_ms": percentile(latencies, 99) * 1000,
        "throughput_per_s": len(latencies) / seconds if seconds else 0.0,
    }


class MemoryWatch:
    """Peak resident memory of processes (with their children), sampled from /proc."""

    def __init__(self, pids: dict[str, int]) -> None:
        self.pids, self.peak_mb = pids, dict.fromkeys(pids, 0.0)
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    @staticmethod
    def rss_mb(pid: int) -> float:
        total = 0
        for proc in [pid, *children(pid)]:
            try:
                for line in Path(f"/proc/{proc}/status").read_text().splitlines():
                    if line.startswith("VmRSS:"):
                        total += int(line.split()[1])
            except OSError:
                continue
        return total / 1024

    def _run(self) -> None:
        while not self._stop.wait(0.2):
            for name, pid in self.pids.items():
                self.peak_mb[name] = max(self.peak_mb[name], self.rss_mb(pid))

    def __enter__(self) -> MemoryWatch:
        self._thread.start()
        return self

    def __exit__(self, *_: object) -> None:
        self._stop.set()
        self._thread.join()


def children(pid: int) -> list[int]:
    found: list[int] = []
    for task in Path(f"/proc/{pid}/task").glob("*"):
        try:
            kids = [int(k) for k in (task / "children").read_text().split()]
        except OSError:
            continue
        for kid in kids:
            found += [kid, *children(kid)]
    return found


def questions() -> dict[tuple[str, str], list[str]]:
    """Training examples per (language, intent): realistic phrasings in every language."""
    found: dict[tuple[str, str], list[str]] = {}
    for language in LANGUAGES:
        for path in sorted((ROOT / "nlu" / language).glob("*.yml")):
            for block in yaml.safe_load(path.read_text(encoding="utf-8"))["nlu"]:
                intent = block.get("intent")
                if intent in PERSONAL or intent in GENERAL:
                    lines = [
                        x.strip()[2:]
                        for x in block["examples"].splitlines()
                        if x.strip().startswith("- ")
                    ]
                    found[(language, intent)] = lines
    return found


async def timed(call: Awaitable[Any]) -> float:
    started = time.perf_counter()
    await call
    return time.perf_counter() - started


async def post(
    session: aiohttp.ClientSession,
    url: str,
    body: dict[str, Any],
    headers: dict[str, str] | None = None,
) -> Any:
    async with session.post(url, json=body, headers=headers) as response:
        response.raise_for_status()
        return await response.json()


async def run_concurrently(
    jobs: Iterable[Callable[[], Awaitable[list[float]]]],
) -> tuple[list[float], float]:
    started = time.perf_counter()
    results = await asyncio.gather(*(job() for job in jobs))
    return [x for r in results for x in r], time.perf_counter() - started


async def floor(
    session: aiohttp.ClientSession,
    stack: Stack,
    texts: list[str],
    concurrency: int,
    per_worker: int,
) -> dict[str, float]:
    url = f"{stack.url}/model/parse?token={stack.api_token}"

    def worker(offset: int) -> Callable[[], Awaitable[list[float]]]:
        async def run() -> list[float]:
            return [
                await timed(post(session, url, {"text": texts[(offset + i) % len(texts)]}))
                for i in range(per_worker)
            ]

        return run

    latencies, seconds = await run_concurrently(worker(i * 97) for i in range(concurrency))
    return summary(latencies, seconds)


async def rest_mix(
    session: aiohttp.ClientSession,
    stack: Stack,
    users: list[tuple[str, str]],
    mix: list[list[str]],
    concurrency: int,
) -> dict[str, float]:
    url = f"{stack.url}/webhooks/rest/webhook"

    def worker(index: int) -> Callable[[], Awaitable[list[float]]]:
        sender, _language = users[index]

        async def run() -> list[float]:
            return [
                await timed(post(session, url, {"sender": sender, "message": text}))
                for text in mix[index]
            ]

        return run

    latencies, seconds = await run_concurrently(worker(i) for i in range(concurrency))
    return summary(latencies, seconds)


async def back_to_back(
    session: aiohttp.ClientSession,
    stack: Stack,
    users: list[tuple[str, str]],
    rng: random.Random,
    q: dict,
) -> dict[str, float]:
    """Two messages of one user at once: the second waits for the first (conversation lock)."""
    url = f"{stack.url}/webhooks/rest/webhook"
    seconds_latencies: list[float] = []
    begin = time.perf_counter()
    for sender, language in users[:20]:
        first = rng.choice(q[(language, "ask_deadline")])
        second = rng.choice(q[(language, "ask_step")])
        started = time.perf_counter()
        one = asyncio.create_task(post(session, url, {"sender": sender, "message": first}))
        await asyncio.sleep(0.005)
        await post(session, url, {"sender": sender, "message": second})
        seconds_latencies.append(time.perf_counter() - started)
        await one
    return summary(seconds_latencies, time.perf_counter() - begin)


async def session_length(
    session: aiohttp.ClientSession, stack: Stack, q: dict, rng: random.Random
) -> dict[str, float]:
    url = f"{stack.url}/webhooks/rest/webhook"
    at5: list[float] = []
    at100: list[float] = []
    for _ in range(5):
        sender = uuid.uuid4().hex
        await post(session, url, {"sender": sender, "message": stack.link_code("DEMO-0007")})
        for turn in range(1, 101):
            intent = rng.choice(PERSONAL + GENERAL)
            latency = await timed(
                post(session, url, {"sender": sender, "message": rng.choice(q[("en", intent)])})
            )
            if 3 <= turn <= 7:
                at5.append(latency)
            if 96 <= turn <= 100:
                at100.append(latency)
    return {
        "turn5_p50_ms": percentile(at5, 50) * 1000,
        "turn100_p50_ms": percentile(at100, 50) * 1000,
    }


def train_cost() -> dict[str, float]:
    with tempfile.TemporaryDirectory() as out:
        started = time.perf_counter()
        process = subprocess.Popen(
            [
                str(Path(sys.executable).parent / "rasa"),
                "train",
                "--force",
                "--out",
                out,
                "--data",
                "nlu",
                "stories",
            ],
            cwd=ROOT,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            env={**os.environ, "RASA_TELEMETRY_ENABLED": "false"},
        )
        with MemoryWatch({"train": process.pid}) as watch:
            process.wait()
        return {"seconds": time.perf_counter() - started, "peak_mb": watch.peak_mb["train"]}


async def measure(stack: Stack) -> dict[str, Any]:
    rng = random.Random(SEED)
    q = questions()
    texts = [t for lines in q.values() for t in lines]
    rng.shuffle(texts)
    users: list[tuple[str, str]] = []
    timeout = aiohttp.ClientTimeout(total=120)
    connector = aiohttp.TCPConnector(limit=64)
    async with aiohttp.ClientSession(timeout=timeout, connector=connector) as session:
        for _ in range(64):
            sender, language = uuid.uuid4().hex, rng.choice(LANGUAGES)
            await post(
                session,
                f"{stack.url}/webhooks/rest/webhook",
                {"sender": sender, "message": stack.link_code(rng.choice(DEMO_CASES))},
            )
            await post(
                session,
                f"{stack.url}/webhooks/rest/webhook",
                {"sender": sender, "message": f'/choose_language{{"language": "{language}"}}'},
            )
            users.append((sender, language))

        def mix_for(language: str, count: int) -> list[str]:
            return [
                rng.choice(q[(language, rng.choice(PERSONAL if rng.random() < 0.6 else GENERAL))])
                for _ in range(count)
            ]

        await floor(session, stack, texts, 1, 30)  # warm-up
        results: dict[str, Any] = {"floor": {}, "rest": {}}
        for concurrency in (1, 8):
            results["floor"][concurrency] = await floor(
                session, stack, texts, concurrency, max(200 // concurrency, 25)
            )
        for concurrency, per_user in ((1, 200), (8, 40), (32, 12)):
            mix = [mix_for(users[i][1], per_user) for i in range(concurrency)]
            results["rest"][concurrency] = await rest_mix(session, stack, users, mix, concurrency)
        results["second_message"] = await back_to_back(session, stack, users[32:], rng, q)
        results["session"] = await session_length(session, stack, q, rng)
    return results


def budget(r: dict[str, Any]) -> list[tuple[str, str, bool]]:
    f1, f8 = r["floor"][1], r["floor"][8]
    e1, e8 = r["rest"][1], r["rest"][8]
    checks = [
        (
            "e2e p50 ≤ 3× parse p50 (c=1)",
            f"{e1['p50_ms']:.0f} ms vs 3×{f1['p50_ms']:.0f} ms",
            e1["p50_ms"] <= 3 * f1["p50_ms"],
        ),
        ("e2e p95 ≤ 150 ms (8 users)", f"{e8['p95_ms']:.0f} ms", e8["p95_ms"] <= 150),
        (
            "throughput (8) ≥ 2× before",
            f"{e8['throughput_per_s']:.1f}/s vs 2×{BEFORE_8_USERS_PER_S}/s",
            e8["throughput_per_s"] >= 2 * BEFORE_8_USERS_PER_S,
        ),
        (
            "throughput ≥ ½ parse throughput (8)",
            f"{e8['throughput_per_s']:.1f}/s vs ½×{f8['throughput_per_s']:.1f}/s",
            e8["throughput_per_s"] >= f8["throughput_per_s"] / 2,
        ),
        (
            "turn 100 p50 ≤ 1.5× turn 5 p50",
            f"{r['session']['turn100_p50_ms']:.0f} vs {r['session']['turn5_p50_ms']:.0f} ms",
            r["session"]["turn100_p50_ms"] <= 1.5 * r["session"]["turn5_p50_ms"],
        ),
        (
            "second message p95 ≤ 1.5 s",
            f"{r['second_message']['p95_ms']:.0f} ms",
            r["second_message"]["p95_ms"] <= 1500,
        ),
        ("rasa train ≤ 10 min", f"{r['train']['seconds']:.0f} s", r["train"]["seconds"] <= 600),
        (
            "all processes ≤ 3 GB",
            f"{sum(r['peak_mb'].values()):.0f} MB",
            sum(r["peak_mb"].values()) <= 3072,
        ),
    ]
    return checks


def report(r: dict[str, Any]) -> str:
    lines = ["| measurement | p50 ms | p95 ms | p99 ms | per s |", "|---|---|---|---|---|"]
    rows = [(f"/model/parse, concurrency {c}", v) for c, v in r["floor"].items()]
    rows += [(f"REST end to end, {c} users", v) for c, v in r["rest"].items()]
    rows.append(("second message in a row", r["second_message"]))
    for name, v in rows:
        cells = [f"{v[k]:.0f}" for k in ("p50_ms", "p95_ms", "p99_ms")]
        lines.append(f"| {name} | {' | '.join(cells)} | {v['throughput_per_s']:.1f} |")
    lines.append("")
    session = r["session"]
    lines.append(
        f"Session: p50 at turn 5 {session['turn5_p50_ms']:.0f} ms, "
        f"at turn 100 {session['turn100_p50_ms']:.0f} ms."
    )
    lines.append(
        f"Cost: rasa train {r['train']['seconds']:.0f} s, "
        f"peak {r['train']['peak_mb']:.0f} MB; start-up "
        + ", ".join(f"{k} {v:.1f} s" for k, v in r["startup_seconds"].items())
        + "; peak memory "
        + ", ".join(f"{k} {v:.0f} MB" for k, v in r["peak_mb"].items())
        + "."
    )
    lines.append("")
    lines.append("| budget | measured | met |")
    lines.append("|---|---|---|")
    lines += [
        f"| {name} | {value} | {'yes' if ok else '**no**'} |" for name, value, ok in budget(r)
    ]
    return "\n".join(lines)


def main() -> int:
    workdir = Path(tempfile.mkdtemp(prefix="wegwijs-bench-"))
    stack = Stack(
        workdir, f"sqlite:///{workdir / 'tracker.db'}", api_token=secrets.token_urlsafe(16)
    )
    print(f"model {model_path()}; stack in {workdir}", flush=True)
    try:
        stack.start()
        pids = {name: process.pid for name, process in stack.processes.items()}
        with MemoryWatch(pids) as watch:
            results = asyncio.run(measure(stack))
        results["peak_mb"] = watch.peak_mb
        results["startup_seconds"] = stack.startup_seconds
    finally:
        stack.stop()
    results["train"] = train_cost()
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps(results, indent=2), encoding="utf-8")
    print(report(results))
    return 0


if __name__ == "__main__":
    sys.exit(main())
