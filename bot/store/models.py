"""Tables of the case store (SQLAlchemy 1.4 in 2.0 style)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import (
    Column,
    Date,
    DateTime,
    ForeignKey,
    Integer,
    MetaData,
    String,
    Text,
)
from sqlalchemy.orm import declarative_base, relationship

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

# Typed as Any: SQLAlchemy 1.4 has no typed declarative base without its mypy plugin.
Base: Any = declarative_base(metadata=MetaData(naming_convention=NAMING_CONVENTION))


class CaseRow(Base):
    __tablename__ = "cases"

    id = Column(Integer, primary_key=True)
    case_ref = Column(String(64), nullable=False, unique=True)
    full_name = Column(String(200), nullable=False)
    language = Column(String(8))
    category = Column(String(16), nullable=False)
    obligation_start = Column(Date, nullable=False)
    pip_date = Column(Date)
    term_end = Column(Date)
    route = Column(String(16))
    step = Column(Integer)
    consultant_name = Column(String(200))
    consultant_phone = Column(String(64))
    consultant_email = Column(String(200))
    intake_first = Column(Date)
    intake_second = Column(Date)
    learnability_test = Column(Date)
    pvt_status = Column(String(16), nullable=False, default="not_started")
    pvt_date = Column(Date)
    map_status = Column(String(16), nullable=False, default="not_started")
    map_date = Column(Date)
    borrowed_cents = Column(Integer)  # euro cents: exact on every database
    updated_at = Column(DateTime, nullable=False, default=datetime.utcnow)

    exams = relationship(
        "ExamRow", cascade="all, delete-orphan", order_by="ExamRow.id", lazy="selectin"
    )


class ExamRow(Base):
    __tablename__ = "exams"

    id = Column(Integer, primary_key=True)
    case_id = Column(
        Integer, ForeignKey("cases.id", ondelete="CASCADE"), nullable=False, index=True
    )
    part = Column(String(16), nullable=False)
    status = Column(String(16), nullable=False)
    date = Column(Date)


class ChannelLink(Base):
    """Which conversation (Rasa sender id, namespaced per channel) belongs to which case."""

    __tablename__ = "channel_links"

    sender_id = Column(String(255), primary_key=True)
    case_id = Column(
        Integer, ForeignKey("cases.id", ondelete="CASCADE"), nullable=False, index=True
    )
    linked_at = Column(DateTime, nullable=False, default=datetime.utcnow)


class LinkCode(Base):
    """A one-time code, stored as an HMAC of the code; never the code itself."""

    __tablename__ = "link_codes"

    id = Column(Integer, primary_key=True)
    case_id = Column(
        Integer, ForeignKey("cases.id", ondelete="CASCADE"), nullable=False, index=True
    )
    code_hash = Column(String(64), nullable=False, unique=True)
    created_at = Column(DateTime, nullable=False, default=datetime.utcnow)
    expires_at = Column(DateTime, nullable=False)
    used_at = Column(DateTime)
    used_by = Column(String(255), index=True)


class LinkFailure(Base):
    """A wrong code sent by a sender; counted for the brute-force lockout."""

    __tablename__ = "link_failures"

    id = Column(Integer, primary_key=True)
    sender_id = Column(String(255), nullable=False, index=True)
    attempted_at = Column(DateTime, nullable=False, default=datetime.utcnow)


class HandoffRequest(Base):
    """A migrant asked for a person; a staff member takes it and answers in the same chat.

    One request per conversation is not closed (`open_key` is the sender id until it is
    closed, and unique): asking again adds to it. Status: open (waiting), taken, closed.
    """

    __tablename__ = "handoff_requests"

    id = Column(Integer, primary_key=True)
    sender_id = Column(String(255), nullable=False, index=True)
    case_id = Column(Integer, ForeignKey("cases.id", ondelete="SET NULL"))
    language = Column(String(8), nullable=False)
    question = Column(Text, nullable=False, default="")
    created_at = Column(DateTime, nullable=False, default=datetime.utcnow)
    status = Column(String(16), nullable=False, default="open", index=True)
    assigned_to = Column(String(200))
    open_key = Column(String(255), unique=True)  # the sender id while not closed, else NULL
    team = Column(String(16), nullable=False, default="general")  # consultant | general
    requests = Column(Integer, nullable=False, default=1)  # times the person asked
    last_request_at = Column(DateTime, nullable=False, default=datetime.utcnow)
    taken_at = Column(DateTime)
    closed_at = Column(DateTime)


class StaffUser(Base):
    """A consultant, reviewer or admin of the staff console (password: an Argon2id hash)."""

    __tablename__ = "staff_users"

    id = Column(Integer, primary_key=True)
    email = Column(String(200), nullable=False, unique=True)
    name = Column(String(200), nullable=False, default="")
    role = Column(String(16), nullable=False)
    password_hash = Column(String(300), nullable=False)
    failed_logins = Column(Integer, nullable=False, default=0)
    locked_until = Column(DateTime)
    created_at = Column(DateTime, nullable=False, default=datetime.utcnow)
    language = Column(String(8))  # the console's language for this user; NULL: CONSOLE_LANGUAGE


class AuditEntry(Base):
    """Who looked at or exported what, and when (transcripts, exports, link codes)."""

    __tablename__ = "audit_log"

    id = Column(Integer, primary_key=True)
    at = Column(DateTime, nullable=False, default=datetime.utcnow, index=True)
    user_email = Column(String(200), nullable=False)
    action = Column(String(40), nullable=False)
    target = Column(String(255), nullable=False, default="", index=True)


class ConversationReview(Base):
    """A reviewer's mark on a conversation (Rasa's tracker store stays the conversation log)."""

    __tablename__ = "conversation_reviews"

    sender_id = Column(String(255), primary_key=True)
    reviewed_at = Column(DateTime)
    reviewed_by = Column(String(200))


class ConversationTag(Base):
    """A short label staff put on a conversation ("wrong date", "for training"), to filter on."""

    __tablename__ = "conversation_tags"

    sender_id = Column(String(255), primary_key=True)
    tag = Column(String(40), primary_key=True, index=True)
    added_by = Column(String(200), nullable=False)
    added_at = Column(DateTime, nullable=False, default=datetime.utcnow)


class ConversationNote(Base):
    """A note a consultant or reviewer wrote about a conversation."""

    __tablename__ = "conversation_notes"

    id = Column(Integer, primary_key=True)
    sender_id = Column(String(255), nullable=False, index=True)
    author = Column(String(200), nullable=False)
    text = Column(Text, nullable=False)
    at = Column(DateTime, nullable=False, default=datetime.utcnow)


# The conversation index: figures per conversation derived from Rasa's `events` table by
# bot.console.index, so that the console's list and statistics stay quick with tens of thousands
# of conversations. It holds no message text: the tracker store remains the conversation log.


class SignalCounts:
    """User messages, and how many were not understood, asked for a person or gave a thumb."""

    messages = Column(Integer, nullable=False, default=0)
    fallbacks = Column(Integer, nullable=False, default=0)
    handoffs = Column(Integer, nullable=False, default=0)
    thumbs_up = Column(Integer, nullable=False, default=0)
    thumbs_down = Column(Integer, nullable=False, default=0)


class ConversationSummary(SignalCounts, Base):
    """One row per conversation (sender)."""

    __tablename__ = "conversation_summaries"

    sender_id = Column(String(255), primary_key=True)
    channel = Column(String(16), nullable=False, index=True)
    started = Column(DateTime, nullable=False)
    last = Column(DateTime, nullable=False, index=True)
    language = Column(String(8), nullable=False, default="")


class ConversationActivity(SignalCounts, Base):
    """User messages and signals of one conversation on one day (local time) in one language."""

    __tablename__ = "conversation_activity"

    sender_id = Column(String(255), primary_key=True)
    day = Column(Date, primary_key=True, index=True)
    language = Column(String(8), primary_key=True)
    channel = Column(String(16), nullable=False)


class ConversationIntent(Base):
    """How often an intent was recognised in one conversation on one day."""

    __tablename__ = "conversation_intents"

    sender_id = Column(String(255), primary_key=True)
    day = Column(Date, primary_key=True, index=True)
    intent = Column(String(64), primary_key=True, index=True)
    count = Column(Integer, nullable=False, default=0)


class IndexState(Base):
    """Progress markers of background work, e.g. the last tracker event id that was indexed."""

    __tablename__ = "index_state"

    name = Column(String(40), primary_key=True)
    value = Column(Integer, nullable=False, default=0)


class MessageFlag(Base):
    """A user message a reviewer marked "should have been intent X", for the next training round."""

    __tablename__ = "message_flags"

    id = Column(Integer, primary_key=True)
    sender_id = Column(String(255), nullable=False, index=True)
    text = Column(Text, nullable=False)
    language = Column(String(8), nullable=False)
    intent = Column(String(64), nullable=False)
    flagged_by = Column(String(200), nullable=False)
    at = Column(DateTime, nullable=False, default=datetime.utcnow)


class PrivacyPurge(Base):
    """One run of the retention purge (bot.store.retention): when, and how much went. No sender
    ids: the record shows that deletion happens, not whose."""

    __tablename__ = "privacy_purges"

    id = Column(Integer, primary_key=True)
    started_at = Column(DateTime, nullable=False, default=datetime.utcnow, index=True)
    finished_at = Column(DateTime)  # NULL: interrupted (the next run finishes the work)
    conversations = Column(Integer, nullable=False, default=0)
    rows = Column(Integer, nullable=False, default=0)
    audit_entries = Column(Integer, nullable=False, default=0)


# Every table that holds rows about one conversation (by sender id) for the staff console.
CONVERSATION_TABLES = (
    ConversationSummary,
    ConversationActivity,
    ConversationIntent,
    ConversationTag,
    ConversationNote,
    ConversationReview,
    MessageFlag,
)
