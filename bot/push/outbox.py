"""The Telegram outbox in the case store: pushed messages the relay still has to deliver.

The push channel (in the Rasa process) adds a row per message, once per push id; the relay
(bot.telegram.outbox) claims due rows, sends them through python-telegram-bot and marks them.
A row is claimed by one conditional UPDATE, so two relays never send the same row. A row left
"sending" by a relay that stopped mid-send is not sent again (it may have arrived): it is marked
failed. A chat that blocked the bot is marked unreachable and its messages are not retried.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime, timedelta

import sqlalchemy as sa
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from bot.store.push_models import PushOutbox, UnreachableSender

MAX_ATTEMPTS = 5
STALE_SENDING = timedelta(minutes=5)
PENDING, SENDING, SENT, FAILED, UNREACHABLE = "pending", "sending", "sent", "failed", "unreachable"


@dataclass(frozen=True)
class Outgoing:
    id: int
    sender_id: str
    text: str
    buttons: list[dict[str, str]]
    attempts: int  # including this one


def add(
    session: Session, push_id: str, sender_id: str, text: str, buttons: list[dict[str, str]]
) -> bool:
    """Queue a message for the relay; False when this push id is queued already."""
    try:
        with session.begin_nested():
            session.add(
                PushOutbox(
                    push_id=push_id, sender_id=sender_id, text=text, buttons=json.dumps(buttons)
                )
            )
    except IntegrityError:
        return False
    return True


def claim(session: Session, now: datetime, prefix: str = "tg:", limit: int = 20) -> list[Outgoing]:
    """Due messages of one channel, each claimed by this caller alone (pending → sending)."""
    session.execute(
        sa.update(PushOutbox)
        .where(PushOutbox.status == SENDING, PushOutbox.next_try_at < now - STALE_SENDING)
        .values(status=FAILED, error="interrupted while sending; it may have arrived")
    )
    due = session.execute(
        sa.select(PushOutbox)
        .where(
            PushOutbox.status == PENDING,
            PushOutbox.next_try_at <= now,
            PushOutbox.sender_id.startswith(prefix, autoescape=True),
        )
        .order_by(PushOutbox.id)
        .limit(limit)
        .with_for_update(skip_locked=True)
    ).scalars()
    claimed = []
    for row in list(due):
        attempt = row.attempts + 1
        won = session.execute(
            sa.update(PushOutbox)
            .where(PushOutbox.id == row.id, PushOutbox.status == PENDING)
            .values(status=SENDING, attempts=attempt, next_try_at=now)
        )
        if won.rowcount:
            claimed.append(
                Outgoing(row.id, row.sender_id, row.text, json.loads(row.buttons), attempt)
            )
    return claimed


def mark_sent(session: Session, row_id: int, now: datetime) -> None:
    session.execute(
        sa.update(PushOutbox).where(PushOutbox.id == row_id).values(status=SENT, sent_at=now)
    )


def mark_unreachable(session: Session, row_id: int, sender_id: str, reason: str) -> None:
    """The chat cannot get messages (blocked the bot): this one and the chat are marked."""
    session.execute(
        sa.update(PushOutbox)
        .where(PushOutbox.id == row_id)
        .values(status=UNREACHABLE, error=reason[:200])
    )
    if session.get(UnreachableSender, sender_id) is None:
        session.add(UnreachableSender(sender_id=sender_id, reason=reason[:200]))


def retry_later(session: Session, row_id: int, attempts: int, now: datetime, error: str) -> None:
    """Try again after a pause that grows; after MAX_ATTEMPTS the message has failed."""
    values: dict[str, object] = {"error": error[:200]}
    if attempts >= MAX_ATTEMPTS:
        values["status"] = FAILED
    else:
        values["status"] = PENDING
        values["next_try_at"] = now + timedelta(seconds=5 * 3 ** max(attempts - 1, 0))
    session.execute(sa.update(PushOutbox).where(PushOutbox.id == row_id).values(**values))


def unreachable_since(session: Session, sender_id: str) -> datetime | None:
    row = session.get(UnreachableSender, sender_id)
    return row.since if row else None


def reachable_again(session: Session, sender_id: str) -> None:
    """The person wrote after the mark (they unblocked the bot): deliver again."""
    session.execute(sa.delete(UnreachableSender).where(UnreachableSender.sender_id == sender_id))


def statuses(session: Session, push_ids: list[str]) -> dict[str, str]:
    """The delivery status of pushed messages by push id (for the console)."""
    if not push_ids:
        return {}
    rows = session.execute(
        sa.select(PushOutbox.push_id, PushOutbox.status).where(PushOutbox.push_id.in_(push_ids))
    )
    return {push_id: status for push_id, status in rows}
