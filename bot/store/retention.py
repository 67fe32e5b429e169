"""The retention purge: what is older than its period is deleted, by the code that serves
"forget me" (bot.store.forget).

- A conversation goes when the person's last message is older than RETENTION_DAYS (default 30):
  every row of it, one transaction per conversation. Hand-offs, notes, tags, flags and the
  console's index follow their conversation; the case stays.
- Audit log entries go after AUDIT_RETENTION_DAYS (default 365).
- Leftovers: rows of a conversation whose events are already gone (a forget interrupted between
  two databases, or rows from before this purge existed) go once they are older than the period;
  the console's index rows of a conversation without events go at once.
- One run at a time, also with several workers: a PostgreSQL advisory lock, or a file lock next
  to a SQLite case store. A run that is interrupted leaves every conversation whole or gone, and
  the next run finds what is left.
"""

from __future__ import annotations

import fcntl
import logging
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import sqlalchemy as sa
from sqlalchemy.engine import Engine

from bot.store.forget import CONVERSATION_ROWS, SenderRows, forget_conversation
from bot.store.models import AuditEntry, PrivacyPurge
from bot.store.tracker_events import has_events_table, senders_with_events, stale_senders

logger = logging.getLogger(__name__)
BATCH = 500
LOCK_KEY = 0x5745_4757_4950_5331  # "WEGWIPS1": the advisory lock of the purge (PostgreSQL)


@dataclass(frozen=True)
class Policy:
    conversation_days: int = 30
    audit_days: int = 365


@dataclass(frozen=True)
class Stale:
    """A conversation to delete; `last` is its last message (UTC), None for leftovers."""

    sender_id: str
    last: datetime | None


@dataclass
class PurgeReport:
    conversations: list[Stale] = field(default_factory=list)
    rows: int = 0
    audit_entries: int = 0
    ran: bool = True  # False: another purge was running, this one did nothing


def deleted_on(last_message: datetime, days: int) -> datetime:
    """When the purge deletes a conversation whose last message was at `last_message`."""
    return last_message + timedelta(days=days)


def _unix(moment: datetime) -> float:
    return moment.replace(tzinfo=timezone.utc).timestamp()


def _utc(timestamp: float) -> datetime:
    return datetime.fromtimestamp(timestamp, timezone.utc).replace(tzinfo=None)


def stale_conversations(tracker: Engine, cutoff: datetime, limit: int) -> list[Stale]:
    with tracker.connect() as connection:
        found = stale_senders(connection, _unix(cutoff), limit)
    return [Stale(sender, _utc(last)) for sender, last in found]


def _old(rows: SenderRows, cutoff: datetime) -> sa.ColumnElement[bool] | None:
    """Which rows count as old for a leftover; None: every row (the index's derived rows)."""
    if rows.derived or rows.age is None:
        return None
    column = rows.column(rows.age)
    limit: date | datetime = cutoff.date() if isinstance(column.type, sa.Date) else cutoff
    return sa.or_(column.is_(None), column < limit)


def leftovers(case_store: Engine, tracker: Engine, cutoff: datetime) -> list[str]:
    """Conversations with rows in the case store but no events in the tracker store."""
    with tracker.connect() as connection:
        if not has_events_table(connection):  # a tracker store Rasa never used: judge nothing
            return []
    candidates: set[str] = set()
    with case_store.connect() as connection:
        for rows in CONVERSATION_ROWS:
            sender = rows.column(rows.sender)
            query = sa.select(sender).where(sender.is_not(None)).distinct()
            old = _old(rows, cutoff)
            if old is not None:
                query = query.where(old)
            candidates |= set(connection.execute(query).scalars())
    ordered = sorted(candidates)
    alive: set[str] = set()
    with tracker.connect() as connection:
        for first in range(0, len(ordered), BATCH):
            alive |= senders_with_events(connection, ordered[first : first + BATCH])
    return [sender for sender in ordered if sender not in alive]


def old_audit_entries(case_store: Engine, cutoff: datetime) -> int:
    with case_store.connect() as connection:
        query = sa.select(sa.func.count(AuditEntry.id)).where(AuditEntry.at < cutoff)
        return int(connection.execute(query).scalar_one())


@contextmanager
def one_purge_at_a_time(case_store: Engine) -> Iterator[bool]:
    """True while this process holds the purge lock; False when another purge runs."""
    if case_store.dialect.name == "postgresql":
        with case_store.connect() as connection:
            held = bool(
                connection.execute(
                    sa.text("SELECT pg_try_advisory_lock(:k)"), {"k": LOCK_KEY}
                ).scalar_one()
            )
            connection.commit()
            try:
                yield held
            finally:
                if held:
                    connection.execute(sa.text("SELECT pg_advisory_unlock(:k)"), {"k": LOCK_KEY})
                    connection.commit()
        return
    database = case_store.url.database
    folder = Path(database).parent if database else Path(tempfile.gettempdir())
    name = f"{Path(database).name if database else 'wegwijs'}.purge.lock"
    with (folder / name).open("a") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            yield False
            return
        try:
            yield True
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def plan_purge(case_store: Engine, tracker: Engine, now: datetime, policy: Policy) -> PurgeReport:
    """What a purge would delete now (for --dry-run): nothing is changed."""
    cutoff = now - timedelta(days=policy.conversation_days)
    report = PurgeReport(stale_conversations(tracker, cutoff, limit=1_000_000))
    report.conversations += [Stale(s, None) for s in leftovers(case_store, tracker, cutoff)]
    report.audit_entries = old_audit_entries(case_store, now - timedelta(days=policy.audit_days))
    return report


def _forget_all(
    case_store: Engine, tracker: Engine, report: PurgeReport, found: list[Stale]
) -> None:
    for stale in found:
        forgotten = forget_conversation(stale.sender_id, case_store, tracker)
        report.conversations.append(stale)
        report.rows += forgotten.total


def _run(case_store: Engine, tracker: Engine, now: datetime, policy: Policy) -> PurgeReport:
    cutoff = now - timedelta(days=policy.conversation_days)
    report = PurgeReport()
    while True:  # in batches, so that a large backlog needs no large memory
        batch = stale_conversations(tracker, cutoff, BATCH)
        _forget_all(case_store, tracker, report, batch)
        if len(batch) < BATCH:
            break
    _forget_all(
        case_store,
        tracker,
        report,
        [Stale(s, None) for s in leftovers(case_store, tracker, cutoff)],
    )
    with case_store.begin() as connection:
        old = AuditEntry.at < now - timedelta(days=policy.audit_days)
        report.audit_entries = int(connection.execute(sa.delete(AuditEntry).where(old)).rowcount)
    return report


def purge(case_store: Engine, tracker: Engine, now: datetime, policy: Policy) -> PurgeReport:
    """Delete what is older than its period; one run at a time. The run is recorded (when and
    how much, never whose)."""
    with one_purge_at_a_time(case_store) as held:
        if not held:
            logger.info("another retention purge is running; this one does nothing")
            return PurgeReport(ran=False)
        with case_store.begin() as connection:
            run_id = connection.execute(
                sa.insert(PrivacyPurge).values(
                    started_at=now, conversations=0, rows=0, audit_entries=0
                )
            ).inserted_primary_key[0]
        report = _run(case_store, tracker, now, policy)
        with case_store.begin() as connection:
            connection.execute(
                sa.update(PrivacyPurge)
                .where(PrivacyPurge.id == run_id)
                .values(
                    finished_at=datetime.utcnow(),
                    conversations=len(report.conversations),
                    rows=report.rows,
                    audit_entries=report.audit_entries,
                )
            )
    logger.info(
        "retention purge: %d conversation(s), %d row(s), %d audit entr(y/ies) deleted",
        len(report.conversations),
        report.rows,
        report.audit_entries,
    )
    return report


def last_finished_purge(case_store: Engine) -> datetime | None:
    with case_store.connect() as connection:
        query = sa.select(sa.func.max(PrivacyPurge.finished_at))
        found = connection.execute(query).scalar_one()
    return found if isinstance(found, datetime) else None
