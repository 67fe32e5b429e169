"""The widget's checks before Rasa: what the `user_uttered` event carries, and its rate limits.

Called by the widget channel (bot.rasa_ext.web_channel) for each incoming message. A message the
channel cannot take gets an `error` event with the reason (for the client) and a reply the
person can read, in the conversation's language; never silence.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from socketio import AsyncServer

from bot import metrics
from bot.i18n.render import render
from bot.rasa_ext.limits import message_limits
from bot.rasa_ext.respond import reply_language
from bot.rasa_ext.validation import MAX_MESSAGE_LENGTH, language_hint, message_problem

SESSION_ID = re.compile(r"^[0-9a-f]{32}$")
# The largest Socket.IO packet accepted (a bigger one closes the connection): large enough that
# a pasted 1 MB text still gets an answer (that it is too long).
MAX_PACKET_BYTES = 2_000_000
TOO_LONG_KEY = "utter_message_too_long"
SLOW_DOWN_KEY = "utter_slow_down"
APOLOGY_KEY = "utter_service_unavailable"


@dataclass(frozen=True)
class WidgetMessage:
    session_id: str
    text: str
    language: str | None


@dataclass(frozen=True)
class Refusal:
    reason: str  # English, for the client and the log
    reply_key: str  # what the person reads
    language: str | None


def check(data: Any, metadata_key: str) -> WidgetMessage | Refusal:
    """The message the event carries, or why it cannot be handled."""
    if not isinstance(data, dict):
        return Refusal("send an object with 'message' and 'session_id'", APOLOGY_KEY, None)
    language = language_hint(data.get(metadata_key))
    text, session_id = data.get("message"), data.get("session_id")
    if isinstance(text, str) and len(text) > MAX_MESSAGE_LENGTH:
        reason = f"the message is longer than {MAX_MESSAGE_LENGTH} characters"
        return Refusal(reason, TOO_LONG_KEY, language)
    problem = message_problem(text)
    if problem:
        return Refusal(problem, APOLOGY_KEY, language)
    if not isinstance(session_id, str) or not SESSION_ID.match(session_id):
        return Refusal("the session id must be 32 hexadecimal characters", APOLOGY_KEY, language)
    return WidgetMessage(session_id, str(text), language)


def client_address(sio: AsyncServer, sid: str) -> str:
    request = (sio.get_environ(sid) or {}).get("sanic.request")
    return str(getattr(request, "remote_addr", "") or getattr(request, "ip", "") or "")


async def refuse(
    sio: AsyncServer, sid: str, reply_event: str, refusal: Refusal, sender_id: str = ""
) -> None:
    """Tell the client why (`error`) and the person what to do (a reply)."""
    metrics.count("requests_refused", channel="web", status=refusal.reply_key)
    language = reply_language(sender_id, {"language": refusal.language})
    await sio.emit("error", {"error": refusal.reason}, room=sid)
    reply = {
        "text": render(refusal.reply_key, language).text,
        "quick_replies": [],
        "metadata": {"language": language, "topic": refusal.reply_key},
    }
    await sio.emit(reply_event, reply, room=sid)


def slow_down(message: WidgetMessage, wait: float) -> Refusal:
    reason = f"too many messages; try again in {max(1, round(wait))} s"
    return Refusal(reason, SLOW_DOWN_KEY, message.language)


__all__ = ["MAX_PACKET_BYTES", "SESSION_ID", "check", "client_address", "message_limits"]
