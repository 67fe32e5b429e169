"""One at a time across processes: `alone(engine, name)` holds a PostgreSQL advisory lock.

The console's conversation indexer and the reminder worker's round must not run twice at once
however many console and worker processes run (the nightly purge has its own lock, with a file
lock for SQLite: bot.store.retention). Each takes the advisory lock
named for its job on the case store's database; whoever does not get it skips this round (the
holder does the work). The lock belongs to a database connection, so it is released when the
holder finishes, and also when its process dies. SQLite (one machine, the default set-up) needs
no lock: `alone` always yields True.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from contextlib import contextmanager

import sqlalchemy as sa
from sqlalchemy.engine import Engine

JOBS = ("console-index", "reminders")  # every name in use


def lock_key(name: str) -> int:
    """A stable signed 64-bit key for a job's name."""
    return int.from_bytes(hashlib.sha256(name.encode()).digest()[:8], "big", signed=True)


@contextmanager
def alone(engine: Engine, name: str) -> Iterator[bool]:
    """True inside when this process holds the job's lock; False when another process does."""
    if name not in JOBS:
        raise ValueError(f"unknown job {name!r}: add it to JOBS")
    if engine.url.get_backend_name() != "postgresql":
        yield True
        return
    key = lock_key(name)
    with engine.connect() as connection:
        held = bool(
            connection.execute(sa.text("select pg_try_advisory_lock(:k)"), {"k": key}).scalar()
        )
        try:
            yield held
        finally:
            if held:
                connection.execute(sa.text("select pg_advisory_unlock(:k)"), {"k": key})
