"""Traffic for the fault suite: people who keep talking while something breaks, and a flood."""

from __future__ import annotations

import asyncio
import multiprocessing
import random
import statistics
import string
import time
from concurrent.futures import Future, ProcessPoolExecutor, ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any

import aiohttp
import requests

from tests.e2e.faults_support import client, run_apart


def word() -> str:
    """A unique made-up word that marks one message in the tracker store."""
    return "".join(random.choice(string.ascii_lowercase) for _ in range(8))


@dataclass
class Sent:
    sender: str
    text: str
    seconds: float
    status: int
    replies: list[str] = field(default_factory=list)


def talk(url: str, sender: str, question: str, until: float, pause: float = 0.5) -> list[Sent]:
    """One person asking again and again (each message marked) until `until`."""
    sent: list[Sent] = []
    session = requests.Session()
    while time.monotonic() < until:
        text = f"{question} {word()}"
        started = time.monotonic()
        try:
            reply = session.post(url, json={"sender": sender, "message": text}, timeout=60)
            replies = [m.get("text", "") for m in reply.json()] if reply.ok else []
            status = reply.status_code
        except requests.RequestException:
            replies, status = [], 0
        sent.append(Sent(sender, text, time.monotonic() - started, status, replies))
        time.sleep(pause)
    return sent


def people_talking(url: str, people: dict[str, str], seconds: float) -> list[Sent]:
    """Several people (sender → question) talking at once for `seconds`."""
    until = time.monotonic() + seconds
    with ThreadPoolExecutor(max_workers=len(people)) as pool:
        runs = [pool.submit(talk, url, sender, q, until) for sender, q in people.items()]
        return [sent for run in runs for sent in run.result()]


def p95(values: list[float]) -> float:
    return statistics.quantiles(values, n=20)[-1] if len(values) > 1 else max(values, default=0)


async def _flood(url: str, address: str, in_flight: int, seconds: float) -> dict[str, int]:
    statuses: dict[str, int] = {}
    connector = aiohttp.TCPConnector(local_addr=(address, 0), limit=0)
    until = time.monotonic() + seconds
    async with aiohttp.ClientSession(connector=connector) as session:

        async def one_after_another(n: int) -> None:
            while time.monotonic() < until:
                body = {"sender": f"flood{n}", "message": "wanneer is mijn deadline?"}
                try:
                    async with session.post(url, json=body) as reply:
                        await reply.read()
                        key = str(reply.status)
                except aiohttp.ClientError:
                    key = "error"
                statuses[key] = statuses.get(key, 0) + 1

        await asyncio.gather(*(one_after_another(n) for n in range(in_flight)))
    return statuses


def _flood_in_this_process(url: str, address: str, in_flight: int, seconds: float) -> dict:
    return run_apart(_flood(url, address, in_flight, seconds))


def flood(url: str, address: str, in_flight: int, seconds: float) -> Future[dict[str, int]]:
    """`in_flight` requests at all times from one client address, in a process of its own (so
    the measuring threads here do not wait for its interpreter); counts per HTTP status."""
    pool = ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("spawn"))
    started = pool.submit(_flood_in_this_process, url, address, in_flight, seconds)
    pool.shutdown(wait=False)
    return started


def timed_people(url: str, addresses: list[str], messages: int) -> list[float]:
    """Each person (own address) sends `messages` messages one after another; the latencies."""

    def person(address: str) -> list[float]:
        session, sender, seconds = client(address), f"person-{word()}", []
        for _ in range(messages):
            started = time.monotonic()
            reply = session.post(url, json={"sender": sender, "message": "wat is de pvt?"})
            assert reply.status_code == 200, reply.text
            seconds.append(time.monotonic() - started)
            time.sleep(0.3)
        return seconds

    with ThreadPoolExecutor(max_workers=len(addresses)) as pool:
        return [s for run in pool.map(person, addresses) for s in run]


def summary(values: list[Any]) -> str:
    return ", ".join(f"{v:.2f}" for v in values)
