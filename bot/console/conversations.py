"""Conversations as the console shows them: the list from the conversation index (see
`bot.console.index`), transcripts and search from Rasa's SQL tracker store (`events`)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

import sqlalchemy as sa
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session

from bot.store.models import (
    CaseRow,
    ChannelLink,
    ConversationActivity,
    ConversationIntent,
    ConversationReview,
    ConversationSummary,
    ConversationTag,
)
from bot.store.tracker_events import events

PAGE_SIZE = 50
LOCAL = ZoneInfo("Europe/Amsterdam")  # the municipality's time, for days and clocks


@dataclass(frozen=True)
class Filters:
    channel: str = ""  # rest | tg | web
    since: date | None = None  # active on or after this day (local time)
    until: date | None = None  # active on or before this day
    language: str = ""
    linked: bool | None = None
    intent: str = ""
    fallback: bool = False
    handoff: bool = False
    thumbs_down: bool = False
    unreviewed: bool = False
    tag: str = ""
    search: str = ""
    consultant: str | None = None  # only this consultant's own caseload
    page: int = 1


@dataclass(frozen=True)
class Summary:
    sender_id: str
    channel: str
    started: datetime
    last: datetime
    messages: int
    language: str
    fallback: bool
    handoff: bool
    thumbs_down: bool
    case_ref: str | None
    reviewed: bool
    tags: tuple[str, ...] = ()


def search_senders(tracker: Engine, words: str, limit: int = 5000) -> list[str]:
    """Conversations with a user message containing these words (any case, any script).

    Rasa stores events as JSON with non-ASCII characters escaped, so both spellings are tried."""
    e = events.c
    text = sa.func.lower(e.data)
    plain, escaped = words.lower(), json.dumps(words.lower())[1:-1]
    matches = text.contains(plain, autoescape=True)
    if escaped != plain:
        matches = matches | text.contains(escaped, autoescape=True)
    query = sa.select(e.sender_id).where(e.type_name == "user", matches).distinct().limit(limit)
    with tracker.connect() as connection:
        return list(connection.execute(query).scalars())


def _within(table: Any, filters: Filters) -> list[Any]:
    conditions = []
    if filters.since:
        conditions.append(table.day >= filters.since)
    if filters.until:
        conditions.append(table.day <= filters.until)
    return conditions


def _senders(table: Any, *conditions: Any) -> Any:
    """Senders with rows matching the conditions: computed once, not once per conversation."""
    return sa.select(table.sender_id).where(*conditions).distinct()


def _query(filters: Filters, found: list[str] | None) -> Any:
    s, activity, review = ConversationSummary, ConversationActivity, ConversationReview
    query = (
        sa.select(s, CaseRow.case_ref, review.reviewed_at)
        .outerjoin(ChannelLink, ChannelLink.sender_id == s.sender_id)
        .outerjoin(CaseRow, CaseRow.id == ChannelLink.case_id)
        .outerjoin(review, review.sender_id == s.sender_id)
    )
    if filters.consultant is not None:
        query = query.where(sa.func.lower(CaseRow.consultant_email) == filters.consultant)
    if filters.channel:
        query = query.where(s.channel == filters.channel)
    if filters.since or filters.until or filters.language:
        conditions = _within(activity, filters)
        if filters.language:
            conditions.append(activity.language == filters.language)
        query = query.where(s.sender_id.in_(_senders(activity, *conditions)))
    if filters.intent:
        intent = ConversationIntent
        conditions = [*_within(intent, filters), intent.intent == filters.intent]
        query = query.where(s.sender_id.in_(_senders(intent, *conditions)))
    if filters.linked is not None:
        query = query.where(
            ChannelLink.sender_id.is_not(None)
            if filters.linked
            else ChannelLink.sender_id.is_(None)
        )
    for wanted, column in (
        (filters.fallback, s.fallbacks),
        (filters.handoff, s.handoffs),
        (filters.thumbs_down, s.thumbs_down),
    ):
        if wanted:
            query = query.where(column > 0)
    if filters.unreviewed:
        query = query.where(review.reviewed_at.is_(None))
    if filters.tag:
        query = query.where(
            s.sender_id.in_(_senders(ConversationTag, ConversationTag.tag == filters.tag))
        )
    if found is not None:
        query = query.where(s.sender_id.in_(found))
    return query


def list_conversations(tracker: Engine, db: Session, filters: Filters) -> tuple[list[Summary], int]:
    """One page of conversations, newest activity first, and the total that match."""
    found = search_senders(tracker, filters.search) if filters.search else None
    query = _query(filters, found)
    total = db.execute(sa.select(sa.func.count()).select_from(query.subquery())).scalar_one()
    rows = db.execute(
        query.order_by(ConversationSummary.last.desc(), ConversationSummary.sender_id)
        .limit(PAGE_SIZE)
        .offset((max(filters.page, 1) - 1) * PAGE_SIZE)
    ).all()
    senders = [row[0].sender_id for row in rows]
    tags: dict[str, list[str]] = {}
    for sender, tag in db.execute(
        sa.select(ConversationTag.sender_id, ConversationTag.tag)
        .where(ConversationTag.sender_id.in_(senders))
        .order_by(ConversationTag.tag)
    ):
        tags.setdefault(sender, []).append(tag)
    summaries = [
        Summary(
            row.sender_id,
            row.channel,
            row.started,
            row.last,
            row.messages,
            row.language,
            row.fallbacks > 0,
            row.handoffs > 0,
            row.thumbs_down > 0,
            case_ref,
            reviewed_at is not None,
            tuple(tags.get(row.sender_id, ())),
        )
        for row, case_ref, reviewed_at in rows
    ]
    return summaries, int(total)


@dataclass(frozen=True)
class Turn:
    speaker: str  # user | bot
    text: str
    at: datetime
    intent: str = ""
    confidence: float | None = None
    language: str = ""
    author: str = ""  # a staff member who wrote this in the chat (live hand-off)


def transcript(engine: Engine, sender_id: str) -> list[Turn]:
    e = events.c
    with engine.connect() as connection:
        rows = connection.execute(
            sa.select(e.type_name, e.data)
            .where(e.sender_id == sender_id, e.type_name.in_(("user", "bot")))
            .order_by(e.id)
        ).all()
    turns = []
    for row in rows:
        data = json.loads(row.data)
        at = datetime.fromtimestamp(float(data.get("timestamp") or 0), LOCAL)
        if row.type_name == "bot":
            author = str((data.get("metadata") or {}).get("author") or "")
            turns.append(Turn("bot", str(data.get("text") or ""), at, author=author))
            continue
        parsed = data.get("parse_data") or {}
        entities = {x.get("entity"): x.get("value") for x in parsed.get("entities") or []}
        intent = parsed.get("intent") or {}
        turns.append(
            Turn(
                "user",
                str(data.get("text") or ""),
                at,
                str(intent.get("name") or ""),
                intent.get("confidence"),
                str(entities.get("detected_language") or entities.get("language_hint") or ""),
            )
        )
    return turns
