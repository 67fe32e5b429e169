"""Conversations as the console shows them, read from Rasa's SQL tracker store (`events`)."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Engine

PAGE_SIZE = 50
metadata = sa.MetaData()
# Rasa's own table (rasa/core/tracker_store.py, SQLTrackerStore.SQLEvent); the console only reads.
events = sa.Table(
    "events",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("sender_id", sa.String(255)),
    sa.Column("type_name", sa.String(255)),
    sa.Column("timestamp", sa.Float),
    sa.Column("intent_name", sa.String(255)),
    sa.Column("action_name", sa.String(255)),
    sa.Column("data", sa.Text),
)


@dataclass(frozen=True)
class Filters:
    channel: str = ""  # rest | tg | web
    since: datetime | None = None
    until: datetime | None = None
    intent: str = ""
    fallback: bool = False
    handoff: bool = False
    thumbs_down: bool = False
    search: str = ""
    only: frozenset[str] | None = None  # restrict to these senders (linked, a caseload, ...)
    without: frozenset[str] = field(default_factory=frozenset)  # e.g. already reviewed
    page: int = 1


@dataclass(frozen=True)
class Summary:
    sender_id: str
    started: datetime
    last: datetime
    messages: int
    fallback: bool
    handoff: bool
    thumbs_down: bool


def _flag(condition: Any) -> Any:
    return sa.func.max(sa.case((condition, 1), else_=0))


def list_conversations(engine: Engine, filters: Filters) -> tuple[list[Summary], int]:
    """One page of conversations, newest activity first, and the total that match."""
    e = events.c
    query = sa.select(
        e.sender_id,
        sa.func.min(e.timestamp).label("started"),
        sa.func.max(e.timestamp).label("last"),
        sa.func.sum(sa.case((e.type_name == "user", 1), else_=0)).label("messages"),
        _flag(e.intent_name == "nlu_fallback").label("fallback"),
        _flag(e.action_name == "action_handoff").label("handoff"),
        _flag(e.intent_name == "feedback_bad").label("thumbs_down"),
    ).group_by(e.sender_id)
    if filters.channel:
        query = query.where(e.sender_id.like(f"{filters.channel}:%"))
    if filters.only is not None:
        query = query.where(e.sender_id.in_(sorted(filters.only)))
    if filters.without:
        query = query.where(e.sender_id.not_in(sorted(filters.without)))
    if filters.search:
        matching = sa.select(e.sender_id).where(
            e.type_name == "user", e.data.contains(filters.search)
        )
        query = query.where(e.sender_id.in_(matching))
    having = []
    if filters.intent:
        having.append(_flag(e.intent_name == filters.intent) == 1)
    for wanted, column in (
        (filters.fallback, "fallback"),
        (filters.handoff, "handoff"),
        (filters.thumbs_down, "thumbs_down"),
    ):
        if wanted:
            having.append(sa.literal_column(column) == 1)
    if filters.since:
        having.append(sa.func.max(e.timestamp) >= filters.since.timestamp())
    if filters.until:
        having.append(sa.func.min(e.timestamp) <= filters.until.timestamp())
    if having:
        query = query.having(sa.and_(*having))
    with engine.connect() as connection:
        total = connection.execute(
            sa.select(sa.func.count()).select_from(query.subquery())
        ).scalar_one()
        rows = connection.execute(
            query.order_by(sa.desc("last"))
            .limit(PAGE_SIZE)
            .offset((max(filters.page, 1) - 1) * PAGE_SIZE)
        ).all()
    summaries = [
        Summary(
            r.sender_id,
            datetime.fromtimestamp(r.started),
            datetime.fromtimestamp(r.last),
            int(r.messages or 0),
            bool(r.fallback),
            bool(r.handoff),
            bool(r.thumbs_down),
        )
        for r in rows
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
        at = datetime.fromtimestamp(float(data.get("timestamp") or 0))
        if row.type_name == "bot":
            turns.append(Turn("bot", str(data.get("text") or ""), at))
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
