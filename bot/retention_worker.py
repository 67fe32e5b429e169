"""The retention worker (`python -m bot privacy worker`, a Procfile process): the purge every night.

It runs the purge (bot.store.retention) once a day at PURGE_AT (local time, default 03:00), and
at start-up when a night was missed (the machine was off). Several workers may run: the purge's
own lock lets one work, and each sees from the case store that tonight's run is done.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from datetime import datetime, time, timedelta, timezone
from zoneinfo import ZoneInfo

from sqlalchemy.engine import Engine

from bot.store.retention import Policy, last_finished_purge, purge

logger = logging.getLogger(__name__)
LOCAL = ZoneInfo("Europe/Amsterdam")
CHECK_SECONDS = 300.0


def parse_time(text: str) -> time:
    """PURGE_AT as a time of day ("03:00"); anything else is refused with a clear message."""
    try:
        hours, minutes = (int(part) for part in text.strip().split(":"))
        return time(hours, minutes)
    except ValueError:
        raise ValueError(f"PURGE_AT must be HH:MM (for example 03:00), not {text!r}") from None


def last_scheduled(now_local: datetime, at: time) -> datetime:
    """The most recent moment the purge was due (today's PURGE_AT, or yesterday's)."""
    today = datetime.combine(now_local.date(), at, tzinfo=now_local.tzinfo)
    return today if today <= now_local else today - timedelta(days=1)


def due(last_finished_utc: datetime | None, now_utc: datetime, at: time) -> bool:
    """A purge is due when none finished since the most recent PURGE_AT."""
    if last_finished_utc is None:
        return True
    now_local = now_utc.replace(tzinfo=timezone.utc).astimezone(LOCAL)
    scheduled = last_scheduled(now_local, at).astimezone(timezone.utc).replace(tzinfo=None)
    return last_finished_utc < scheduled


def run_worker(
    case_store: Engine,
    tracker: Engine,
    policy: Policy,
    at: time,
    stop: threading.Event,
    clock: Callable[[], datetime] = datetime.utcnow,
) -> None:
    """Check every few minutes whether a purge is due; run it when it is; stop on `stop`."""
    logger.info(
        "retention worker: conversations %d days, audit log %d days, every night at %s",
        policy.conversation_days,
        policy.audit_days,
        at.strftime("%H:%M"),
    )
    while not stop.is_set():
        try:
            if due(last_finished_purge(case_store), clock(), at):
                purge(case_store, tracker, clock(), policy)
        except Exception:  # a database may be away: log it and try again at the next check
            logger.exception("retention purge failed; trying again in %d s", CHECK_SECONDS)
        stop.wait(CHECK_SECONDS)
