"""Figures for the statistics page, from the conversation index (see bot.console.index)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

import sqlalchemy as sa
from sqlalchemy.orm import Session

from bot.store.models import ChannelLink, ConversationActivity, ConversationIntent

TOP_INTENTS = 12


@dataclass(frozen=True)
class LanguageFigures:
    language: str  # "" when no language was recognised
    conversations: int
    messages: int
    fallbacks: int
    handoff_conversations: int

    @property
    def fallback_share(self) -> float:
        """Share of user messages the assistant did not understand."""
        return self.fallbacks / self.messages if self.messages else 0.0

    @property
    def handoff_share(self) -> float:
        """Share of conversations in which someone asked for a person."""
        return self.handoff_conversations / self.conversations if self.conversations else 0.0


@dataclass(frozen=True)
class Statistics:
    since: date
    until: date
    per_day: list[tuple[date, dict[str, int]]]  # conversations active that day, per channel
    languages: list[LanguageFigures]
    top_intents: list[tuple[str, int]]
    thumbs_up: int
    thumbs_down: int
    linked: int
    unlinked: int

    @property
    def conversations(self) -> int:
        return self.linked + self.unlinked

    @property
    def messages(self) -> int:
        return sum(figures.messages for figures in self.languages)


def days(since: date, until: date) -> list[date]:
    return [since + timedelta(days=n) for n in range((until - since).days + 1)]


def collect(db: Session, since: date, until: date, channels: tuple[str, ...]) -> Statistics:
    a = ConversationActivity
    in_range = (a.day >= since, a.day <= until)
    per_day: dict[date, dict[str, int]] = {
        day: dict.fromkeys(channels, 0) for day in days(since, until)
    }
    for day, channel, count in db.execute(
        sa.select(a.day, a.channel, sa.func.count(sa.distinct(a.sender_id)))
        .where(*in_range)
        .group_by(a.day, a.channel)
    ):
        per_day.setdefault(day, {})[channel] = int(count)
    return Statistics(
        since,
        until,
        sorted(per_day.items()),
        _languages(db, in_range),
        _top_intents(db, since, until),
        *_thumbs(db, in_range),
        *_linked(db, in_range),
    )


def _languages(db: Session, in_range: tuple[sa.ColumnElement[bool], ...]) -> list[LanguageFigures]:
    a = ConversationActivity
    per_conversation = (
        sa.select(
            a.language,
            a.sender_id,
            sa.func.sum(a.messages).label("messages"),
            sa.func.sum(a.fallbacks).label("fallbacks"),
            sa.func.sum(a.handoffs).label("handoffs"),
        )
        .where(*in_range)
        .group_by(a.language, a.sender_id)
        .subquery()
    )
    c = per_conversation.c
    rows = db.execute(
        sa.select(
            c.language,
            sa.func.count(),
            sa.func.sum(c.messages),
            sa.func.sum(c.fallbacks),
            sa.func.sum(sa.case((c.handoffs > 0, 1), else_=0)),
        ).group_by(c.language)
    )
    figures = [
        LanguageFigures(language, int(n), int(m or 0), int(f or 0), int(h or 0))
        for language, n, m, f, h in rows
    ]
    return sorted(figures, key=lambda item: (-item.messages, item.language))


def _top_intents(db: Session, since: date, until: date) -> list[tuple[str, int]]:
    i = ConversationIntent
    total = sa.func.sum(i.count)
    rows = db.execute(
        sa.select(i.intent, total)
        .where(i.day >= since, i.day <= until)
        .group_by(i.intent)
        .order_by(total.desc(), i.intent)
        .limit(TOP_INTENTS)
    )
    return [(intent, int(count)) for intent, count in rows]


def _thumbs(db: Session, in_range: tuple[sa.ColumnElement[bool], ...]) -> tuple[int, int]:
    a = ConversationActivity
    up, down = db.execute(
        sa.select(sa.func.sum(a.thumbs_up), sa.func.sum(a.thumbs_down)).where(*in_range)
    ).one()
    return int(up or 0), int(down or 0)


def _linked(db: Session, in_range: tuple[sa.ColumnElement[bool], ...]) -> tuple[int, int]:
    """Conversations active in the period that are linked to a case now, and those that are not."""
    a = ConversationActivity
    active = sa.select(a.sender_id).where(*in_range).distinct().subquery()
    linked, total = db.execute(
        sa.select(sa.func.count(ChannelLink.sender_id), sa.func.count()).select_from(
            active.outerjoin(ChannelLink, ChannelLink.sender_id == active.c.sender_id)
        )
    ).one()
    return int(linked or 0), int(total or 0) - int(linked or 0)
