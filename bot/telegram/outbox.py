"""Pushed messages to Telegram users: the relay delivers the outbox (bot.push.outbox).

Staff replies and reminders are logged in the conversation by the Rasa server's push channel,
which queues them here. Every second the relay claims what is due and sends it through the same
bot (so through its rate limiter, which also waits out a 429). A user who blocked the bot (or a
chat that no longer exists) is marked unreachable and not tried again; other failures are tried
a few times with growing pauses.
"""

from __future__ import annotations

import asyncio
import logging
from datetime import datetime

from telegram import Bot
from telegram.error import BadRequest, Forbidden, TelegramError

from bot.push import outbox
from bot.push.outbox import Outgoing
from bot.store.db import session_scope
from bot.telegram.replies import as_messages

logger = logging.getLogger(__name__)
INTERVAL_SECONDS = 1.0
GONE_CHAT = ("chat not found", "user is deactivated", "bot was blocked")


def _claim() -> list[Outgoing]:
    with session_scope() as session:
        return outbox.claim(session, datetime.utcnow())


def _record(item: Outgoing, error: TelegramError | None) -> None:
    with session_scope() as session:
        if error is None:
            outbox.mark_sent(session, item.id, datetime.utcnow())
        elif isinstance(error, Forbidden) or (
            isinstance(error, BadRequest) and any(g in str(error).lower() for g in GONE_CHAT)
        ):
            outbox.mark_unreachable(session, item.id, item.sender_id, str(error))
        else:
            outbox.retry_later(session, item.id, item.attempts, datetime.utcnow(), str(error))


async def send(bot: Bot, item: Outgoing) -> TelegramError | None:
    """One pushed message, as the relay sends Rasa's replies (split, with a keyboard)."""
    chat_id = int(item.sender_id.removeprefix("tg:"))
    reply = {"text": item.text, "buttons": item.buttons}
    try:
        for text, markup in as_messages([reply]):
            await bot.send_message(chat_id, text, reply_markup=markup)
    except TelegramError as error:
        return error
    return None


async def deliver_due(bot: Bot) -> int:
    """Deliver what is due now; the number of messages that arrived."""
    delivered = 0
    for item in await asyncio.to_thread(_claim):
        error = await send(bot, item)
        if error is not None:
            logger.warning("push %s to %s not delivered: %s", item.id, item.sender_id, error)
        await asyncio.to_thread(_record, item, error)
        delivered += error is None
    return delivered


async def keep_delivering(bot: Bot, interval: float = INTERVAL_SECONDS) -> None:
    while True:
        try:
            await deliver_due(bot)
        except Exception:  # the case store may be away for a moment: try again
            logger.exception("could not deliver pushed messages")
        await asyncio.sleep(interval)
