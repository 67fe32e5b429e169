"""Review marks: a reviewer has read a conversation (the list can hide reviewed ones)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.orm import Session

from bot.store.models import ConversationReview


def mark_reviewed(session: Session, sender_id: str, email: str, now: datetime) -> None:
    review = session.get(ConversationReview, sender_id) or ConversationReview(sender_id=sender_id)
    review.reviewed_at, review.reviewed_by = now, email
    session.add(review)
