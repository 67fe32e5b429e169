"""The website widget's channel: Rasa's socket.io channel, fixed and hardened.

- Session persistence works: python-socketio 5's `enter_room` is a coroutine, and stock Rasa
  3.6.21 does not await it, so every reply was lost (RasaHQ/rasa issue 13027).
- Senders are "web:<session id>" (the id is random, kept in the browser), so the widget cannot
  act as a user of another channel; text is sanitised like every channel's.
- Allowed origins come from configuration (stock Rasa accepts every origin).
- A returning browser gets its conversation back (`history` event) and every message gets a
  reply, also when the action server is down.
- The same blueprint serves the widget (`/webhooks/web/widget.js`), its strings per language
  (`/webhooks/web/strings/<lang>`) and a demo page (`/webhooks/web/demo`).
"""

from __future__ import annotations

import logging
import re
import uuid
from pathlib import Path
from typing import Any

from rasa.core.channels.channel import UserMessage
from rasa.core.channels.socketio import SocketBlueprint, SocketIOInput, SocketIOOutput
from rasa.shared.core.events import BotUttered, UserUttered
from sanic import Sanic, response
from sanic.request import Request
from sanic.response import HTTPResponse
from socketio import AsyncServer

from bot.i18n import languages as language_config
from bot.i18n.render import lookup
from bot.rasa_ext import web_reminders
from bot.rasa_ext.channels import MAX_MESSAGE_LENGTH, respond, tracker_store
from bot.rasa_ext.sanitize import sanitize

logger = logging.getLogger(__name__)
STATIC = Path(__file__).resolve().parent.parent / "web" / "static"
SAME_ORIGIN = "same-origin"
SESSION_ID = re.compile(r"^[0-9a-f]{32}$")
WIDGET_KEYS = (
    "widget_title",
    "widget_open",
    "widget_close",
    "widget_input_label",
    "widget_placeholder",
    "widget_send",
    "widget_language",
    "widget_forget",
    "widget_forget_done",
    "widget_reminders_on",
    "widget_reminders_off",
    "widget_connecting",
    "widget_reconnecting",
    "widget_typing",
    "widget_you",
    "widget_assistant",
)


class CountingOutput(SocketIOOutput):
    """Socket.io output that knows whether anything was sent."""

    def __init__(self, sio: AsyncServer, event: str) -> None:
        super().__init__(sio, event)
        self.sent = 0

    async def _send_message(self, socket_id: str, response: Any) -> None:
        self.sent += 1
        await super()._send_message(socket_id, response)


def history_of(events: list[Any]) -> list[dict[str, Any]]:
    """What the person saw: their messages (not button payloads) and the replies."""
    items: list[dict[str, Any]] = []
    for event in events:
        if isinstance(event, UserUttered) and event.text and not event.text.startswith("/"):
            items.append({"from": "user", "text": event.text, "timestamp": event.timestamp})
        elif isinstance(event, BotUttered) and event.text:
            buttons = (event.data or {}).get("buttons") or []
            items.append(
                {
                    "from": "bot",
                    "text": event.text,
                    "timestamp": event.timestamp,
                    "buttons": buttons,
                }
            )
    return items


class WebWidgetInput(SocketIOInput):
    namespace_prefix = "web"

    @classmethod
    def name(cls) -> str:
        return "web"

    @classmethod
    def from_credentials(cls, credentials: dict[str, Any] | None) -> WebWidgetInput:
        credentials = credentials or {}
        origins = [o.strip() for o in str(credentials.get("allowed_origins") or "").split(",")]
        return cls([o for o in origins if o and o != SAME_ORIGIN])

    def __init__(self, allowed_origins: list[str]) -> None:
        super().__init__(session_persistence=True, socketio_path="/socket.io")
        # None: only pages served by this server (same origin); otherwise exactly these origins.
        self.allowed_origins: list[str] | None = allowed_origins or None

    def sender(self, session_id: str) -> str:
        return f"{self.namespace_prefix}:{session_id}"

    def blueprint(self, on_new_message: Any) -> SocketBlueprint:
        sio = AsyncServer(async_mode="sanic", cors_allowed_origins=self.allowed_origins)
        hook = SocketBlueprint(sio, self.socketio_path, "web_webhook", __name__)
        self.sio = sio
        state: dict[str, Sanic] = {}

        @hook.listener("before_server_start")
        async def remember_app(app: Sanic, _loop: Any) -> None:
            state["app"] = app

        @hook.route("/", methods=["GET"])
        async def health(_: Request) -> HTTPResponse:
            return response.json({"status": "ok"})

        @hook.route("/widget.js", methods=["GET"])
        async def widget(_: Request) -> HTTPResponse:
            return await response.file(STATIC / "widget.js", mime_type="text/javascript")

        @hook.route("/demo", methods=["GET"])
        async def demo(_: Request) -> HTTPResponse:
            return await response.file(STATIC / "demo.html", mime_type="text/html")

        @hook.route("/strings/<code>", methods=["GET"])
        async def strings(_: Request, code: str) -> HTTPResponse:
            language = language_config.resolve(code)
            return response.json(
                {
                    "language": language.code,
                    "dir": language.dir,
                    "strings": {key: lookup(key, language) for key in WIDGET_KEYS},
                    "languages": [
                        {"code": lang.code, "name": lang.name, "dir": lang.dir}
                        for lang in language_config.languages().values()
                    ],
                }
            )

        @sio.on("session_request")
        async def session_request(sid: str, data: Any) -> None:
            given = (data or {}).get("session_id") if isinstance(data, dict) else None
            session_id = (
                given if isinstance(given, str) and SESSION_ID.match(given) else uuid.uuid4().hex
            )
            await sio.enter_room(sid, self.sender(session_id))  # the awaited fix (rasa#13027)
            await sio.emit("session_confirm", session_id, room=sid)
            if session_id == given:
                await sio.emit(
                    "history",
                    await self.history(state.get("app"), self.sender(session_id)),
                    room=sid,
                )

        @sio.on(self.user_message_evt)
        async def handle_message(sid: str, data: Any) -> None:
            if not isinstance(data, dict) or not isinstance(data.get("message"), str):
                return
            session_id = data.get("session_id")
            if not isinstance(session_id, str) or not SESSION_ID.match(session_id):
                return
            sender_id = self.sender(session_id)
            if sender_id not in sio.rooms(sid):
                await sio.enter_room(sid, sender_id)
            metadata = data.get(self.metadata_key)
            given = metadata.get("language") if isinstance(metadata, dict) else None
            language = given if isinstance(given, str) else None
            output = CountingOutput(sio, self.bot_message_evt)
            supported = frozenset(language_config.languages())
            message = UserMessage(
                sanitize(data["message"][:MAX_MESSAGE_LENGTH], supported),
                output,
                sender_id,
                input_channel=self.name(),
                metadata={"channel": "web", **({"language": language} if language else {})},
            )
            await respond(state.get("app"), on_new_message, message, lambda: output.sent)

        web_reminders.register(sio, self.sender)  # the widget's reminder toggle
        return hook

    async def history(self, app: Sanic | None, sender_id: str) -> list[dict[str, Any]]:
        store = tracker_store(app)
        if store is None:
            return []
        try:
            tracker = await store.retrieve(sender_id)
        except Exception:
            logger.exception("could not load the history of %s", sender_id)
            return []
        return history_of(list(tracker.events)) if tracker else []
