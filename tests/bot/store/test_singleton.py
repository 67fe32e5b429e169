"""One indexer, reminder round and purge at a time, however many processes run them."""

from __future__ import annotations

import threading

import pytest
import sqlalchemy as sa

from bot.store.singleton import JOBS, alone, lock_key


@pytest.mark.postgres
def test_a_second_process_skips_while_the_first_holds_the_job(postgres_url: str) -> None:
    one, two = sa.create_engine(postgres_url), sa.create_engine(postgres_url)  # two processes
    with (
        alone(one, "reminders") as first,
        alone(two, "reminders") as second,
        alone(two, "console-index") as other_job,
    ):
        assert first and not second and other_job
    with alone(two, "reminders") as after:
        assert after  # released when the holder finished


@pytest.mark.postgres
def test_the_job_is_free_again_when_its_holder_dies(postgres_url: str) -> None:
    """A process that dies closes its connection; PostgreSQL then drops its advisory locks."""
    holder = sa.create_engine(postgres_url)
    inside, leave = threading.Event(), threading.Event()

    def hold() -> None:
        with alone(holder, "console-index") as mine:
            assert mine
            inside.set()
            leave.wait(10)

    thread = threading.Thread(target=hold)
    thread.start()
    inside.wait(10)
    other = sa.create_engine(postgres_url)
    with alone(other, "console-index") as mine:
        assert not mine
    with other.connect() as connection:  # the holder's connection ends, as when it is killed
        connection.execute(
            sa.text(
                "select pg_terminate_backend(pid) from pg_locks "
                "where locktype = 'advisory' and pid <> pg_backend_pid() and database = "
                "(select oid from pg_database where datname = current_database())"
            )
        )
    leave.set()
    thread.join(10)
    with alone(other, "console-index") as mine:
        assert mine


def test_sqlite_needs_no_lock_and_every_job_has_its_own_key() -> None:
    with alone(sa.create_engine("sqlite://"), "reminders") as mine:
        assert mine
    assert len({lock_key(job) for job in JOBS}) == len(JOBS)
    with pytest.raises(ValueError, match="unknown job"), alone(sa.create_engine("sqlite://"), "x"):
        pass


@pytest.mark.postgres
async def test_a_second_reminder_worker_skips_its_round_while_one_runs(postgres_url: str) -> None:
    from bot.reminders.worker import Worker

    second = Worker(pusher=None, engine=sa.create_engine(postgres_url))  # type: ignore[arg-type]
    with alone(sa.create_engine(postgres_url), "reminders") as first:
        assert first
        assert await second.run_alone() is None  # skipped: no round, nothing sent
