"""Two Rasa servers behind nginx when their Redis goes away and comes back: a message that cannot
get its conversation's lock is answered with the apology and never handled (so never twice at
once); once Redis is back, the conversation goes on where it was."""

from __future__ import annotations

import shutil
import subprocess
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from bot.i18n.render import render
from tests.e2e.scaled_stack import NGINX, Scaled, scaled_stack
from tests.e2e.stack import free_port

pytestmark = pytest.mark.e2e
REDIS_SERVER = shutil.which("redis-server") or "/usr/bin/redis-server"


class OwnRedis:
    """A Redis of this test only (the machine's own is never stopped)."""

    def __init__(self, port: int) -> None:
        self.port = port
        self.process: subprocess.Popen[bytes] | None = None

    def start(self) -> None:
        self.process = subprocess.Popen(
            [REDIS_SERVER, "--port", str(self.port), "--save", "", "--appendonly", "no"],
            stdout=subprocess.DEVNULL,
        )
        time.sleep(0.5)

    def stop(self) -> None:
        if self.process is not None:
            self.process.terminate()
            self.process.wait(10)
            self.process = None


@pytest.fixture(scope="module")
def outage(
    postgres_server: str, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[Scaled, OwnRedis]]:
    if not Path(REDIS_SERVER).exists() or not Path(NGINX).exists():
        pytest.fail("redis-server and nginx are needed: apt-get install redis-server nginx-light")
    redis = OwnRedis(free_port())
    redis.start()
    try:
        with scaled_stack(
            postgres_server, tmp_path_factory.mktemp("outage"), redis_port=redis.port
        ) as running:
            yield running, redis
    finally:
        redis.stop()


def test_without_redis_messages_get_the_apology_and_afterwards_the_conversation_goes_on(
    outage: tuple[Scaled, OwnRedis],
) -> None:
    scaled, redis = outage
    apology = render("utter_service_unavailable", "en").text
    sender = uuid.uuid4().hex
    assert "Samuel" in scaled.say(sender, scaled.stack.link_code("DEMO-0007"))[0]["text"]
    redis.stop()
    started = time.monotonic()
    during = [scaled.say(sender, "when is my deadline?") for _ in range(3)]
    assert all(reply and apology in reply[0]["text"] for reply in during)
    assert time.monotonic() - started < 30  # told at once, not after a hang
    users = [text for kind, text, _ in scaled.stored_events(f"rest:{sender}") if kind == "user"]
    assert users == [users[0]]  # only the link code: nothing handled without the lock
    redis.start()
    time.sleep(1)
    after = scaled.say(sender, "when is my deadline?")
    assert "16 January 2028" in after[0]["text"]
