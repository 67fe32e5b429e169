"""Tables of the push path and the reminders (bot.push, bot.reminders).

Rows about one conversation (the Telegram outbox, unreachable senders, reminder choices) are
deleted by bot.store.forget; a case's reminder history stays with the case.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import (
    Boolean,
    Column,
    Date,
    DateTime,
    ForeignKey,
    Integer,
    String,
    Text,
    UniqueConstraint,
)

from bot.store.models import Base


class PushOutbox(Base):
    """A pushed message the Telegram relay still has to deliver (the tracker already has it)."""

    __tablename__ = "push_outbox"

    id = Column(Integer, primary_key=True)
    push_id = Column(String(120), nullable=False, unique=True)  # one delivery per push
    sender_id = Column(String(255), nullable=False, index=True)
    text = Column(Text, nullable=False)
    buttons = Column(Text, nullable=False, default="[]")  # JSON: [{"title", "payload"}]
    created_at = Column(DateTime, nullable=False, default=datetime.utcnow)
    status = Column(String(16), nullable=False, default="pending", index=True)
    attempts = Column(Integer, nullable=False, default=0)
    next_try_at = Column(DateTime, nullable=False, default=datetime.utcnow)
    sent_at = Column(DateTime)
    error = Column(String(200))


class UnreachableSender(Base):
    """A conversation the channel cannot deliver to (a Telegram user who blocked the bot)."""

    __tablename__ = "unreachable_senders"

    sender_id = Column(String(255), primary_key=True)
    since = Column(DateTime, nullable=False, default=datetime.utcnow)
    reason = Column(String(200), nullable=False, default="")


class ReminderOptIn(Base):
    """A conversation's choice about reminders (off until the person says yes)."""

    __tablename__ = "reminder_optins"

    sender_id = Column(String(255), primary_key=True)
    enabled = Column(Boolean, nullable=False, default=False)
    asked_at = Column(DateTime)  # when the assistant asked (once, after linking)
    changed_at = Column(DateTime, nullable=False, default=datetime.utcnow)


class Reminder(Base):
    """One reminder of a case: at most one per case, kind and date (the date it is about)."""

    __tablename__ = "reminders"
    __table_args__ = (
        UniqueConstraint("case_id", "kind", "due", name="uq_reminders_case_kind_due"),
    )

    id = Column(Integer, primary_key=True)
    case_id = Column(
        Integer, ForeignKey("cases.id", ondelete="CASCADE"), nullable=False, index=True
    )
    kind = Column(String(24), nullable=False)
    due = Column(Date, nullable=False)  # the term end, exam or appointment date
    send_on = Column(Date, nullable=False)  # the first day it may go out
    last_day = Column(Date, nullable=False)  # after this day it is no use any more
    status = Column(String(16), nullable=False, default="pending", index=True)
    created_at = Column(DateTime, nullable=False, default=datetime.utcnow)
    claimed_at = Column(DateTime)
    claimed_by = Column(String(64))
    sent_at = Column(DateTime)
    channels = Column(String(64), nullable=False, default="")  # where it went: "tg", "tg,web"
    note = Column(String(200), nullable=False, default="")


class ReminderDay(Base):
    """The day a case got a reminder: the primary key allows one per case per day."""

    __tablename__ = "reminder_days"

    case_id = Column(Integer, ForeignKey("cases.id", ondelete="CASCADE"), primary_key=True)
    day = Column(Date, primary_key=True)
    reminder_id = Column(
        Integer, ForeignKey("reminders.id", ondelete="CASCADE"), nullable=False, index=True
    )
