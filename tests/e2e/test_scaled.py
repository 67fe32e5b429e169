"""The scaled set-up through nginx (`make run-scaled`'s layout): two Rasa servers and two action
servers behind Debian's nginx, PostgreSQL stores and the Redis lock store. A person's burst of
messages is split over both servers: every message answered once, stored once, in order; the
widget works through nginx; with one Rasa server down everything goes to the other."""

from __future__ import annotations

import asyncio
import itertools
import uuid
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest
import socketio

from bot.i18n.render import render
from tests.e2e.faults_support import run_apart
from tests.e2e.scaled_stack import NGINX, Scaled, scaled_stack
from tests.e2e.stack import free_port
from tests.e2e.test_postgres import redis_available
from tests.e2e.test_telegram import reply_after, start_relay, stop
from tests.telegram.botapi import BotApiDouble

pytestmark = pytest.mark.e2e
BURST = [
    "when is my deadline?",
    "which leerroute do I follow?",
    "what is the knm exam?",
    "how much can I borrow from DUO?",
    "who is my consultant?",
    "what happens if I miss the deadline?",
    "where do I take the exam?",
    "what is the PVT?",
    "can I get an exemption?",
    "thank you",
]


@pytest.fixture(scope="module")
def scaled(postgres_server: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Scaled]:
    if not redis_available():
        pytest.skip("Redis is not reachable on 127.0.0.1:6379")
    if not Path(NGINX).exists():
        pytest.fail(
            "nginx is not installed: run 'make nginx' (apt-get install nginx-light) as root"
        )
    with scaled_stack(postgres_server, tmp_path_factory.mktemp("scaled")) as running:
        yield running


def test_a_burst_from_one_person_split_over_both_servers_is_answered_stored_once_in_order(
    scaled: Scaled,
) -> None:
    sender = uuid.uuid4().hex
    assert "Samuel" in "\n".join(m.get("text", "") for m in scaled.say(sender, scaled_code(scaled)))
    before = [scaled.handled(port) for port in scaled.layout.rasa_ports]
    with ThreadPoolExecutor(max_workers=len(BURST)) as pool:
        replies = list(pool.map(lambda message: scaled.say(sender, message), BURST))
    assert all(reply and reply[0].get("text") for reply in replies)
    after = [scaled.handled(port) for port in scaled.layout.rasa_ports]
    assert all(b > a for a, b in zip(before, after, strict=True)), "one server took everything"
    assert sum(after) - sum(before) == len(BURST)
    events = scaled.stored_events(f"rest:{sender}")
    users = [message for kind, message, _ in events if kind == "user"]
    assert sorted(users[1:]) == sorted(BURST)  # each stored once, nothing lost
    # One at a time: a message handled while another was (a double lock) would be stored after
    # it with earlier times; in order, every event is at or after the one stored before it.
    for (_, _, earlier), (_, _, later) in itertools.pairwise(events):
        assert later >= earlier, f"two messages of one person were handled at once: {events}"
    assert not any(apologised(reply) for reply in replies)


def apologised(reply: list[dict[str, Any]]) -> bool:
    apology = render("utter_service_unavailable", "en").text
    return any(apology in message.get("text", "") for message in reply)


def scaled_code(scaled: Scaled) -> str:
    return scaled.stack.link_code("DEMO-0007")


def test_telegram_through_nginx_links_answers_and_stores_a_burst_once(
    scaled: Scaled, tmp_path_factory: pytest.TempPathFactory
) -> None:
    double = BotApiDouble()
    double.start()
    relay = start_relay(
        scaled.stack,
        double,
        tmp_path_factory.mktemp("relay"),
        "relay",
        RASA_URL=scaled.url,
        TELEGRAM_HEALTH_PORT=str(free_port()),
    )
    try:
        chat = 7001
        double.say(chat, f"/start {scaled.stack.link_code('DEMO-0007')}", language="en")
        reply_after(double, chat, 0, "Samuel")
        before = len(double.sent(chat))
        for message in BURST[:6]:
            double.say(chat, message, language="en")
        double.wait_for(lambda _: len(double.sent(chat)) >= before + 6, timeout=120)
    finally:
        stop(relay)
    stored = scaled.stored_events(f"tg:{chat}")
    users = [message for kind, message, _ in stored if kind == "user"]
    assert sorted(users[1:]) == sorted(BURST[:6])
    for (_, _, earlier), (_, _, later) in itertools.pairwise(stored):
        assert later >= earlier


class Widget:
    """A browser's widget: one Socket.IO connection through nginx (reconnecting on its own)."""

    def __init__(self, url: str) -> None:
        self.url = url
        self.session_id = uuid.uuid4().hex
        self.client = socketio.AsyncClient(reconnection_delay=0.5, reconnection_delay_max=1)
        self.confirmed: asyncio.Queue[str] = asyncio.Queue()
        self.answers: asyncio.Queue[dict[str, Any]] = asyncio.Queue()
        self.client.on("session_confirm", self.confirmed.put_nowait)
        self.client.on("bot_uttered", self.answers.put_nowait)
        self.client.on("connect", self.rejoin)

    async def rejoin(self) -> None:
        await self.client.emit("session_request", {"session_id": self.session_id})

    async def open(self) -> None:
        await self.client.connect(self.url, socketio_path="/socket.io", transports=["polling"])
        await asyncio.wait_for(self.confirmed.get(), 30)

    async def ask(self, message: str) -> dict[str, Any]:
        body = {"message": message, "session_id": self.session_id, "customData": {"language": "en"}}
        await self.client.emit("user_uttered", body)
        return await asyncio.wait_for(self.answers.get(), 60)


async def serving_server(scaled: Scaled, before: dict[int, float]) -> int:
    """The Rasa server whose count of widget messages went up (counted after the reply)."""
    for _ in range(100):
        for port, count in before.items():
            if scaled.handled(port, "web") > count:
                return port
        await asyncio.sleep(0.1)
    raise AssertionError("no Rasa server counted the widget's message")


def test_the_widget_works_through_nginx_and_moves_to_the_other_server_when_its_own_stops(
    scaled: Scaled,
) -> None:
    ports = scaled.layout.rasa_ports
    names = dict(zip(ports, ("rasa", "rasa2"), strict=True))

    async def chat() -> tuple[dict[str, Any], dict[str, Any]]:
        widget = Widget(scaled.url)
        await widget.open()
        try:
            before = {port: scaled.handled(port, "web") for port in ports}
            first = await widget.ask("hello")
            serving = await serving_server(scaled, before)
            await asyncio.to_thread(scaled.stack.stop_rasa, names[serving])
            await asyncio.wait_for(widget.confirmed.get(), 60)  # reconnected and rejoined
            second = await widget.ask("when is my deadline?")
            return first, second
        finally:
            await widget.client.eio.disconnect(abort=True)

    first, second = run_apart(chat())
    assert first.get("text") and second.get("text")


def test_with_one_rasa_server_down_nginx_sends_everything_to_the_other(scaled: Scaled) -> None:
    if {"rasa", "rasa2"} <= set(scaled.stack.processes):  # the widget's test stopped neither
        scaled.stack.stop_rasa("rasa2")
    assert len({"rasa", "rasa2"} & set(scaled.stack.processes)) == 1
    sender = uuid.uuid4().hex
    with ThreadPoolExecutor(max_workers=4) as pool:
        replies = list(pool.map(lambda m: scaled.say(sender, m), BURST[:4]))
    assert all(reply and reply[0].get("text") for reply in replies)
    assert not any(apologised(reply) for reply in replies)
    users = [
        message for kind, message, _ in scaled.stored_events(f"rest:{sender}") if kind == "user"
    ]
    assert sorted(users) == sorted(BURST[:4])
