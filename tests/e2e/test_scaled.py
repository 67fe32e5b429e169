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
from tests.e2e.scaled_stack import NGINX, Scaled, scaled_stack
from tests.e2e.test_postgres import redis_available

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


def test_the_widget_works_through_nginx(scaled: Scaled) -> None:
    async def chat() -> dict[str, Any]:
        client = socketio.AsyncClient()
        confirmed: asyncio.Future[str] = asyncio.get_running_loop().create_future()
        answered: asyncio.Queue[dict[str, Any]] = asyncio.Queue()
        client.on("session_confirm", lambda sid: confirmed.done() or confirmed.set_result(sid))
        client.on("bot_uttered", answered.put_nowait)
        await client.connect(scaled.url, socketio_path="/socket.io", transports=["polling"])
        session_id = uuid.uuid4().hex
        try:
            await client.emit("session_request", {"session_id": session_id})
            await asyncio.wait_for(confirmed, 20)
            await client.emit(
                "user_uttered",
                {"message": "hello", "session_id": session_id, "customData": {"language": "en"}},
            )
            return await asyncio.wait_for(answered.get(), 60)
        finally:
            await client.eio.disconnect(abort=True)

    reply = asyncio.run(chat())
    assert reply.get("text")


def test_with_one_rasa_server_down_nginx_sends_everything_to_the_other(scaled: Scaled) -> None:
    scaled.stack.stop_rasa("rasa2")
    sender = uuid.uuid4().hex
    with ThreadPoolExecutor(max_workers=4) as pool:
        replies = list(pool.map(lambda m: scaled.say(sender, m), BURST[:4]))
    assert all(reply and reply[0].get("text") for reply in replies)
    assert not any(apologised(reply) for reply in replies)
    users = [
        message for kind, message, _ in scaled.stored_events(f"rest:{sender}") if kind == "user"
    ]
    assert sorted(users) == sorted(BURST[:4])
