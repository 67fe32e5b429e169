"""The widget's reminder toggle: whether this conversation is linked and has reminders on.

The widget asks with a `reminders_state` event (its session id) and gets `{"linked", "on"}`
back; it changes the choice by sending `/reminders_on` or `/reminders_off` as a message, so the
choice is made (and logged) in the conversation like any other. Only a browser that holds the
session (it joined the conversation's room) is answered.
"""

from __future__ import annotations

import asyncio
import logging
import re
from collections.abc import Callable
from typing import Any

from socketio import AsyncServer
from sqlalchemy.exc import SQLAlchemyError

from bot.reminders.store import is_on
from bot.store.db import session_scope
from bot.store.models import ChannelLink

logger = logging.getLogger(__name__)
EVENT = "reminders_state"
SESSION_ID = re.compile(r"^[0-9a-f]{32}$")


def reminder_state(sender_id: str) -> dict[str, bool]:
    with session_scope() as session:
        linked = session.get(ChannelLink, sender_id) is not None
        return {"linked": linked, "on": linked and is_on(session, sender_id)}


def register(sio: AsyncServer, sender_of: Callable[[str], str]) -> None:
    """Answer `reminders_state` requests on the widget's Socket.IO server."""

    @sio.on(EVENT)
    async def state(sid: str, data: Any) -> None:
        session_id = data.get("session_id") if isinstance(data, dict) else None
        if not isinstance(session_id, str) or not SESSION_ID.match(session_id):
            return
        sender_id = sender_of(session_id)
        if sender_id not in sio.rooms(sid):
            return
        try:
            found = await asyncio.to_thread(reminder_state, sender_id)
        except SQLAlchemyError as error:
            logger.error("reminder state unavailable: %s", error)
            return
        await sio.emit(EVENT, found, to=sid)
