"""The scaled set-up: case store and tracker store on PostgreSQL, Redis as lock store."""

from __future__ import annotations

import socket
import time
import uuid
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from tests.e2e.stack import Stack, postgres_stack


def redis_available() -> bool:
    try:
        with socket.create_connection(("127.0.0.1", 6379), timeout=1):
            return True
    except OSError:
        return False


@pytest.fixture(scope="module")
def pg_stack(postgres_server: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Stack]:
    if not redis_available():
        pytest.skip("Redis is not reachable on 127.0.0.1:6379")
    redis_lock = {"LOCK_STORE_TYPE": "bot.rasa_ext.lock_store.RedisLockStore"}
    workdir: Path = tmp_path_factory.mktemp("pg_stack")
    with postgres_stack(postgres_server, workdir, "wegwijs_e2e", redis_lock) as running:
        yield running


def test_conversation_is_logged_in_postgres(pg_stack: Stack) -> None:
    sender = uuid.uuid4().hex
    assert "Samuel" in pg_stack.link(sender, "DEMO-0007", language="en")
    assert "16 January 2028" in pg_stack.text(sender, "when is my deadline?")
    engine = create_engine(pg_stack.tracker_store_url, future=True)
    with engine.connect() as connection:
        count = connection.execute(
            text("select count(*) from events where sender_id = :s and type_name = 'user'"),
            {"s": f"rest:{sender}"},
        ).scalar_one()
    engine.dispose()
    assert count == 2


def test_two_messages_of_one_person_are_answered_in_order(pg_stack: Stack) -> None:
    sender = uuid.uuid4().hex
    pg_stack.link(sender, "DEMO-0001", language="en")
    with ThreadPoolExecutor(max_workers=2) as pool:
        first = pool.submit(pg_stack.text, sender, "when is my deadline?")
        time.sleep(0.01)
        second = pool.submit(pg_stack.text, sender, "which leerroute do I follow?")
        deadline, route = first.result(timeout=60), second.result(timeout=60)
    assert "11 June 2027" in deadline and "Z-route" in route


def test_the_rasa_server_is_ready_with_its_model_database_and_redis(pg_stack: Stack) -> None:
    import requests

    ready = requests.get(f"{pg_stack.url}/readyz", timeout=10)
    assert ready.status_code == 200
    assert ready.json()["checks"] == {"model": "ok", "tracker_store": "ok", "lock_store": "ok"}
    exported = requests.get(f"{pg_stack.url}/metrics", timeout=10).text
    assert 'wegwijs_messages_total{channel="rest",language="en"}' in exported
