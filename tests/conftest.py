"""Shared fixtures: settings from a temporary environment, databases (SQLite and PostgreSQL)."""

from __future__ import annotations

import os
import socket
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import Engine

from bot.settings import get_settings
from bot.store.db import engine_for, migrate

POSTGRES_ADMIN_URL = os.environ.get(
    "TEST_POSTGRES_URL", "postgresql://postgres@127.0.0.1:5432/postgres"
)


def postgres_available() -> bool:
    try:
        with socket.create_connection(("127.0.0.1", 5432), timeout=1):
            pass
        engine = create_engine(POSTGRES_ADMIN_URL, future=True)
        with engine.connect() as connection:
            connection.execute(text("select 1"))
        engine.dispose()
        return True
    except Exception:
        return False


@pytest.fixture(autouse=True)
def test_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Every test gets its own settings: a temporary SQLite case store and fixed secrets."""
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'cases.db'}")
    monkeypatch.setenv("LINK_CODE_SECRET", "test-link-secret")
    monkeypatch.setenv("ACTION_SERVER_TOKEN", "test-action-token")
    monkeypatch.setenv("DEFAULT_LANGUAGE", "nl")
    get_settings.cache_clear()
    yield
    get_settings.cache_clear()


@pytest.fixture
def sqlite_url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'cases.db'}"


@pytest.fixture(scope="session")
def postgres_server() -> str:
    if not postgres_available():
        pytest.skip("PostgreSQL is not reachable on 127.0.0.1:5432")
    return POSTGRES_ADMIN_URL


@pytest.fixture
def postgres_url(postgres_server: str) -> Iterator[str]:
    """A fresh, empty PostgreSQL database for one test, dropped afterwards."""
    name = f"wegwijs_test_{uuid.uuid4().hex[:10]}"
    admin = create_engine(postgres_server, future=True, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    url = postgres_server.rsplit("/", 1)[0] + f"/{name}"
    yield url
    engine_for.cache_clear()
    with admin.connect() as connection:
        connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


@pytest.fixture(params=["sqlite", "postgres"])
def store_url(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """The case store on SQLite, and again on PostgreSQL where it is reachable."""
    url = request.getfixturevalue("sqlite_url" if request.param == "sqlite" else "postgres_url")
    monkeypatch.setenv("DATABASE_URL", url)
    get_settings.cache_clear()
    migrate(url)
    return str(url)


@pytest.fixture
def store_engine(store_url: str) -> Engine:
    return engine_for(store_url)
