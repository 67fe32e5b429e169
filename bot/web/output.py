"""How the widget receives replies: one `bot_uttered` event per reply, with its metadata.

Stock Rasa's socket.io output cuts a reply into one event per paragraph and drops what Rasa
knows about it. Here each reply stays whole (the widget keeps the paragraphs) and carries
`metadata`: the language it is written in, its topic and, when it is not Dutch, the official
Dutch text with the same values.
"""

from __future__ import annotations

from typing import Any

from rasa.core.channels.channel import OutputChannel
from socketio import AsyncServer

from bot.rasa_ext.channels import TAGS

BOT_EVENT = "bot_uttered"


def reply_payload(message: dict[str, Any]) -> dict[str, Any] | None:
    """The widget's view of one reply (None when it has no text to show)."""
    text = message.get("text")
    if not isinstance(text, str) or not text.strip():
        return None
    buttons = message.get("buttons") or message.get("quick_replies") or []
    return {
        "text": text.strip(),
        "quick_replies": [
            {"title": str(b.get("title")), "payload": str(b.get("payload"))}
            for b in buttons
            if isinstance(b, dict) and b.get("payload")
        ],
        "metadata": {k: message[k] for k in TAGS if isinstance(message.get(k), str)},
        "timestamp": message.get("timestamp"),
    }


class WebOutput(OutputChannel):
    """Emits each reply to the conversation's room (every tab of that browser session)."""

    @classmethod
    def name(cls) -> str:
        return "web"

    def __init__(self, sio: AsyncServer) -> None:
        self.sio = sio
        self.sent = 0

    async def _emit(self, recipient_id: str, message: dict[str, Any]) -> None:
        payload = reply_payload(message)
        if payload is not None:
            self.sent += 1
            await self.sio.emit(BOT_EVENT, payload, room=recipient_id)

    async def send_response(self, recipient_id: str, message: dict[str, Any]) -> None:
        await self._emit(recipient_id, dict(message))

    async def send_text_message(self, recipient_id: str, text: str, **kwargs: Any) -> None:
        await self._emit(recipient_id, {**kwargs, "text": text})
