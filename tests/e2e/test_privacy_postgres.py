"""Privacy on the scaled set-up: case store and tracker store on PostgreSQL, Redis as lock store,
two Rasa servers on the same databases. A conversation forgotten on one server is not served by
the other (its cached copy is dropped), and no row of it is left in any table."""

from __future__ import annotations

import queue
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import socketio

from tests.e2e.privacy_support import leftovers, link, say, shift_back
from tests.e2e.stack import Stack, free_port, postgres_stack
from tests.e2e.test_postgres import redis_available


@pytest.fixture(scope="module")
def two_servers(
    postgres_server: str, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[Stack, str]]:
    """The stack (server A) and the URL of a second Rasa server (B) on the same databases."""
    if not redis_available():
        pytest.skip("Redis is not reachable on 127.0.0.1:6379")
    workdir: Path = tmp_path_factory.mktemp("privacy_pg")
    redis_lock = {"LOCK_STORE_TYPE": "bot.rasa_ext.lock_store.RedisLockStore"}
    with postgres_stack(postgres_server, workdir, "wegwijs_privacy", redis_lock) as running:
        second = free_port()
        running.start_rasa("rasa2", second)
        yield running, f"http://127.0.0.1:{second}"


class Widget:
    """The widget's side of Rasa's socket.io channel (what widget.js sends and receives)."""

    def __init__(self, url: str, session: str) -> None:
        self.session, self.events = session, queue.Queue()  # type: ignore[var-annotated]
        self.client = socketio.Client()
        for name in ("session_confirm", "history", "bot_uttered", "forgotten"):
            self.client.on(name, lambda data, name=name: self.events.put((name, data)))
        self.client.connect(url, socketio_path="socket.io", transports=["polling"])
        self.client.emit("session_request", {"session_id": session})

    def wait(self, wanted: str, timeout: float = 60) -> Any:
        while True:
            name, data = self.events.get(timeout=timeout)
            if name == wanted:
                return data

    def say(self, message: str) -> str:
        """Every reply to the message (those that come within a second of the first)."""
        self.client.emit(
            "user_uttered",
            {"message": message, "session_id": self.session, "metadata": {"language": "en"}},
        )
        texts = [str(self.wait("bot_uttered").get("text", ""))]
        while True:
            try:
                name, data = self.events.get(timeout=1.0)
            except queue.Empty:
                return "\n".join(texts)
            if name == "bot_uttered":
                texts.append(str(data.get("text", "")))
            else:
                self.events.put((name, data))
                return "\n".join(texts)

    def close(self) -> None:
        self.client.disconnect()


def test_the_other_server_does_not_serve_a_forgotten_conversation(
    two_servers: tuple[Stack, str],
) -> None:
    stack, second = two_servers
    session = uuid.uuid4().hex
    on_a = Widget(stack.url, session)
    on_a.wait("session_confirm")
    assert "Samuel" in on_a.say(stack.link_code("DEMO-0007"))
    assert "2028" in on_a.say("when is my deadline?")
    on_b = Widget(second, session)  # the returning browser, sent to the other server
    assert [m["from"] for m in on_b.wait("history")["items"]].count("user") == 2
    assert "2028" in on_b.say("when is my deadline?")  # B now holds the conversation
    on_b.close()
    assert "Your consultant keeps it" in on_a.say("/forget_me")
    on_a.say("/affirm")
    on_a.wait("forgotten")
    on_a.close()
    assert leftovers(stack, session) == {}
    again = Widget(second, session)  # B again: its cached copy must not come back
    assert again.wait("history")["items"] == []
    assert "link code" in again.say("when is my deadline?")
    again.close()


def test_forget_typed_in_arabic_on_postgres(two_servers: tuple[Stack, str]) -> None:
    stack, _ = two_servers
    sender = uuid.uuid4().hex
    link(stack, sender, "DEMO-0007", "ar")
    say(stack, sender, "بدي احكي مع موظف", "ar")
    assert {"channel_links", "handoff_requests", "events"} <= set(leftovers(stack, sender))
    assert "ملفك في البلدية" in say(stack, sender, "امسح كل بياناتي عندكم")
    say(stack, sender, "نعم")
    assert leftovers(stack, sender) == {}


def test_purge_export_and_erase_on_postgres(two_servers: tuple[Stack, str]) -> None:
    import json

    stack, _ = two_servers
    old, new = uuid.uuid4().hex, uuid.uuid4().hex
    for sender in (old, new):
        link(stack, sender, "DEMO-0004", "en")
        say(stack, sender, "I want to talk to a person", "en")
    shift_back(stack, f"rest:{old}", 31)
    assert "deleted." in stack.cli("privacy", "purge")
    assert leftovers(stack, old) == {}
    data = json.loads(stack.cli("privacy", "export", "--case", "DEMO-0004", "--by", "a@x.nl"))
    assert [c["sender_id"] for c in data["conversations"]] == [f"rest:{new}"]
    assert len(data["conversations"][0]["events"]) == leftovers(stack, new)["events"]
    stack.cli("privacy", "erase", "--case", "DEMO-0004", "--by", "a@x.nl")
    assert leftovers(stack, new) == {}
