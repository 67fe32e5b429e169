"""Tags and notes staff put on conversations."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Session

from bot.store.models import ConversationNote, ConversationTag

TAG = re.compile(r"^[\w][\w \-]{0,39}$")
NOTE_LENGTH = 2000


@dataclass(frozen=True)
class Note:
    author: str
    at: datetime
    text: str


def clean_tag(raw: str) -> str | None:
    """A tag as stored (lower case, single spaces), or None when it is not a usable tag."""
    tag = " ".join(raw.split()).lower()
    return tag if TAG.match(tag) else None


def add_tag(db: Session, sender_id: str, raw: str, email: str) -> str | None:
    tag = clean_tag(raw)
    if tag is None:
        return None
    if db.get(ConversationTag, (sender_id, tag)) is None:
        db.add(ConversationTag(sender_id=sender_id, tag=tag, added_by=email))
    return tag


def remove_tag(db: Session, sender_id: str, tag: str) -> None:
    db.execute(
        sa.delete(ConversationTag).where(
            ConversationTag.sender_id == sender_id, ConversationTag.tag == tag
        )
    )


def tags_of(db: Session, sender_id: str) -> list[str]:
    query = (
        sa.select(ConversationTag.tag)
        .where(ConversationTag.sender_id == sender_id)
        .order_by(ConversationTag.tag)
    )
    return list(db.execute(query).scalars())


def all_tags(db: Session) -> list[str]:
    query = sa.select(ConversationTag.tag).distinct().order_by(ConversationTag.tag)
    return list(db.execute(query).scalars())


def add_note(db: Session, sender_id: str, text: str, email: str) -> bool:
    text = text.strip()
    if not text or len(text) > NOTE_LENGTH:
        return False
    db.add(ConversationNote(sender_id=sender_id, author=email, text=text))
    return True


def notes_of(db: Session, sender_id: str) -> list[Note]:
    query = (
        sa.select(ConversationNote)
        .where(ConversationNote.sender_id == sender_id)
        .order_by(ConversationNote.at, ConversationNote.id)
    )
    return [Note(row.author, row.at, row.text) for row in db.execute(query).scalars()]
