"""Flagged messages: "this should have been intent X", collected for the NLU export."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.console.nlu_export import Flag
from bot.store.models import MessageFlag


def flag_message(
    session: Session, sender_id: str, text: str, language: str, intent: str, email: str
) -> None:
    session.add(
        MessageFlag(
            sender_id=sender_id, text=text, language=language, intent=intent, flagged_by=email
        )
    )


def flags(session: Session) -> list[Flag]:
    rows = session.execute(select(MessageFlag).order_by(MessageFlag.id)).scalars()
    return [Flag(row.language, row.text, row.intent) for row in rows]
