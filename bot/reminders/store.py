"""Reminders in the case store: each person's choice, the planned reminders of each case, and
claiming one to send so that it goes out once, also with several workers.

- A reminder is a row with a unique key (case, kind, date): planning inserts only what is new.
- Claiming takes the case's due rows FOR UPDATE SKIP LOCKED (PostgreSQL; SQLite has one writer
  at a time), moves the chosen row from pending to sending with a conditional UPDATE, and adds
  the (case, day) row whose primary key allows one reminder per person per day.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timezone

import sqlalchemy as sa
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from bot.cases.domain import Case
from bot.reminders.rules import (
    NEW_KINDS,
    Kind,
    Planned,
    first,
    local_day,
    planned,
    still_planned,
)
from bot.store.models import CaseRow, ChannelLink
from bot.store.push_models import Reminder, ReminderDay, ReminderOptIn
from bot.store.repository import to_case

PENDING, SENDING, SENT = "pending", "sending", "sent"
SKIPPED, OUTDATED, FAILED = "skipped", "outdated", "failed"


# --- the person's choice -----------------------------------------------------------------------
def offer_once(session: Session, sender_id: str, now: datetime) -> bool:
    """True the first time: the assistant asks about reminders once per conversation."""
    if session.get(ReminderOptIn, sender_id) is not None:
        return False
    session.add(ReminderOptIn(sender_id=sender_id, enabled=False, asked_at=now, changed_at=now))
    return True


def choose(session: Session, sender_id: str, enabled: bool, now: datetime) -> None:
    row = session.get(ReminderOptIn, sender_id)
    if row is None:
        session.add(ReminderOptIn(sender_id=sender_id, enabled=enabled, changed_at=now))
    else:
        row.enabled, row.changed_at = enabled, now


def is_on(session: Session, sender_id: str) -> bool:
    row = session.get(ReminderOptIn, sender_id)
    return bool(row and row.enabled)


def receivers(session: Session, case_id: int) -> list[str]:
    """The case's conversations that want reminders."""
    query = (
        sa.select(ReminderOptIn.sender_id)
        .join(ChannelLink, ChannelLink.sender_id == ReminderOptIn.sender_id)
        .where(ChannelLink.case_id == case_id, ReminderOptIn.enabled.is_(True))
        .order_by(ReminderOptIn.sender_id)
    )
    return list(session.execute(query).scalars())


def opted_in_cases(session: Session) -> list[int]:
    query = (
        sa.select(ChannelLink.case_id)
        .join(ReminderOptIn, ReminderOptIn.sender_id == ChannelLink.sender_id)
        .where(ReminderOptIn.enabled.is_(True))
        .distinct()
    )
    return list(session.execute(query).scalars())


# --- planning ------------------------------------------------------------------------------
def plan_case(
    session: Session, case_id: int, case: Case, today: date, baseline: bool = False
) -> int:
    """Insert the reminders the case calls for that are not stored yet; returns how many.

    `baseline` (when the person turns reminders on): appointments already in the case are not
    "new", so their new-appointment reminders are stored as skipped."""
    wanted = planned(case, today)
    have = set(
        session.execute(
            sa.select(Reminder.kind, Reminder.due).where(Reminder.case_id == case_id)
        ).all()
    )
    added = 0
    for item in wanted:
        if (item.kind.value, item.due) in have:
            continue
        known = baseline and item.kind in NEW_KINDS
        if _insert(session, case_id, item, SKIPPED if known else PENDING):
            added += 1
    return added


def _insert(session: Session, case_id: int, item: Planned, status: str) -> bool:
    note = "known when reminders were turned on" if status == SKIPPED else ""
    try:
        with session.begin_nested():
            session.add(
                Reminder(
                    case_id=case_id,
                    kind=item.kind.value,
                    due=item.due,
                    send_on=item.send_on,
                    last_day=item.last_day,
                    status=status,
                    note=note,
                )
            )
    except IntegrityError:  # another worker planned it at the same moment
        return False
    return True


def expire(session: Session, today: date) -> int:
    """Pending reminders whose last useful day has passed are never sent."""
    result = session.execute(
        sa.update(Reminder)
        .where(Reminder.status == PENDING, Reminder.last_day < today)
        .values(status=SKIPPED, note="too late: its day passed before it could be sent")
    )
    return int(result.rowcount or 0)


def cases_with_due(session: Session, today: date) -> list[int]:
    query = (
        sa.select(Reminder.case_id)
        .where(Reminder.status == PENDING, Reminder.send_on <= today, Reminder.last_day >= today)
        .distinct()
        .order_by(Reminder.case_id)
    )
    return list(session.execute(query).scalars())


# --- claiming and sending ------------------------------------------------------------------
@dataclass(frozen=True)
class Claimed:
    id: int
    case_id: int
    kind: Kind
    due: date
    case: Case


def claim(
    session: Session, case_id: int, today: date, worker: str, now: datetime
) -> Claimed | None:
    """Take today's reminder of one case for this worker, or None (none due, another worker
    has the case, or the case had its reminder today). Reminders whose date the case no longer
    has are marked outdated on the way."""
    rows = list(
        session.execute(
            sa.select(Reminder)
            .where(
                Reminder.case_id == case_id,
                Reminder.status == PENDING,
                Reminder.send_on <= today,
                Reminder.last_day >= today,
            )
            .with_for_update(skip_locked=True)
        ).scalars()
    )
    case_row = session.get(CaseRow, case_id)
    if not rows or case_row is None:
        return None
    case = to_case(case_row)
    valid = []
    for row in rows:
        if still_planned(case, Kind(row.kind), row.due, today):
            valid.append(row)
        else:
            row.status, row.note = OUTDATED, "the date changed in the case store"
    if not valid:
        return None
    chosen_kind = first([Kind(row.kind) for row in valid])
    chosen = next(row for row in valid if row.kind == chosen_kind.value)
    won = session.execute(
        sa.update(Reminder)
        .where(Reminder.id == chosen.id, Reminder.status == PENDING)
        .values(status=SENDING, claimed_at=now, claimed_by=worker[:64])
    )
    if not won.rowcount:
        return None  # another worker took it
    try:
        with session.begin_nested():
            session.add(ReminderDay(case_id=case_id, day=today, reminder_id=chosen.id))
    except IntegrityError:  # this person had a reminder today: this one waits
        chosen.status, chosen.claimed_at, chosen.claimed_by = PENDING, None, None
        return None
    return Claimed(chosen.id, case_id, chosen_kind, chosen.due, case)


def stale_sending(session: Session, before: datetime, today: date) -> list[Claimed]:
    """Reminders a worker claimed today and did not finish (it stopped mid-run), to be sent
    again with the same push id. One claimed on an earlier day waits for today's turn."""
    rows = session.execute(
        sa.select(Reminder, CaseRow)
        .join(CaseRow, CaseRow.id == Reminder.case_id)
        .where(Reminder.status == SENDING, Reminder.claimed_at < before)
        .with_for_update(skip_locked=True, of=Reminder)
    ).all()
    again = []
    for reminder, case_row in rows:
        if local_day(reminder.claimed_at.replace(tzinfo=timezone.utc)) == today:
            again.append(
                Claimed(
                    reminder.id,
                    reminder.case_id,
                    Kind(reminder.kind),
                    reminder.due,
                    to_case(case_row),
                )
            )
        else:
            reminder.status, reminder.claimed_at, reminder.claimed_by = PENDING, None, None
    return again


def finish(session: Session, reminder_id: int, channels: Iterable[str], now: datetime) -> None:
    """Record where it went; no channel at all means it failed (nobody could be reached)."""
    reached = sorted(set(channels))
    values: dict[str, object] = {"status": SENT, "sent_at": now, "channels": ",".join(reached)}
    if not reached:
        values = {"status": FAILED, "note": "no conversation could be reached"}
    session.execute(sa.update(Reminder).where(Reminder.id == reminder_id).values(**values))


def release(session: Session, reminder_id: int, case_id: int, day: date, why: str) -> None:
    """Give a claimed reminder back (the assistant could not be reached): tried again later."""
    session.execute(
        sa.update(Reminder)
        .where(Reminder.id == reminder_id)
        .values(status=PENDING, claimed_at=None, claimed_by=None, note=why[:200])
    )
    session.execute(
        sa.delete(ReminderDay).where(ReminderDay.case_id == case_id, ReminderDay.day == day)
    )


# --- the case page -------------------------------------------------------------------------
@dataclass(frozen=True)
class History:
    kind: str
    due: date
    status: str
    sent_at: datetime | None
    channels: str
    note: str


def history(session: Session, case_id: int) -> list[History]:
    """The case's reminders, newest first: which went out, when and where, and which did not."""
    rows = session.execute(
        sa.select(Reminder)
        .where(Reminder.case_id == case_id)
        .order_by(Reminder.send_on.desc(), Reminder.id.desc())
    ).scalars()
    return [History(r.kind, r.due, r.status, r.sent_at, r.channels, r.note) for r in rows]
