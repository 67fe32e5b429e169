"""Forgetting a conversation: the one place that knows every row a conversation leaves.

Used by every way in: "forget me" typed in any language, Telegram's /forget, the widget's
button, the console's erasure on request and the nightly retention purge. The case itself stays:
it belongs to the municipality's own system. The tracker store's events are deleted by the Rasa
process (bot.rasa_ext.respond.forget_conversation), which also drops its cached copy.
"""

from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy.orm import Session

from bot.store.models import (
    CONVERSATION_TABLES,
    ChannelLink,
    HandoffRequest,
    LinkCode,
    LinkFailure,
)
from bot.store.push_models import PushOutbox, ReminderOptIn, UnreachableSender

# The push path's rows of a conversation: messages waiting for the relay, an unreachable mark
# and the choice about reminders. A case's reminder history (bot.store.push_models.Reminder)
# names no conversation and stays with the case.
PUSH_TABLES = (PushOutbox, UnreachableSender, ReminderOptIn)


def forget_in_case_store(session: Session, sender_id: str) -> bool:
    """Delete the link to the case, hand-offs, failed codes, the push path's and the console's
    rows of a conversation; a used link code no longer names it. True when the chat was linked."""
    linked = session.execute(sa.delete(ChannelLink).where(ChannelLink.sender_id == sender_id))
    for table in (HandoffRequest, LinkFailure, *PUSH_TABLES, *CONVERSATION_TABLES):
        session.execute(sa.delete(table).where(table.sender_id == sender_id))
    session.execute(sa.update(LinkCode).where(LinkCode.used_by == sender_id).values(used_by=None))
    return bool(linked.rowcount)
