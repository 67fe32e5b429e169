"""The website widget's channel: Rasa's socket.io channel, fixed and hardened.

- Session persistence works: python-socketio 5's `enter_room` is a coroutine, and stock Rasa
  3.6.21 does not await it, so every reply was lost (RasaHQ/rasa issue 13027).
- Senders are "web:<session id>" (the id is random, kept in the browser), so the widget cannot
  act as a user of another channel; text is sanitised like every channel's.
- Allowed origins come from configuration (stock Rasa accepts every origin).
- Delivery the widget can rely on: each message carries an id; the server acknowledges it as
  soon as it has it (the widget shows "sent") and handles an id it has seen once only, so the
  widget can send again after a lost connection without the question being answered twice.
- Every reply is one `bot_uttered` event with its language, topic and official Dutch text
  (bot.web.output); a returning browser gets its whole conversation back, in pages
  (`history`, `history_request`; bot.web.history); after a confirmed "forget me" the server
  deletes the conversation and tells the browser (`forgotten`) to start a new one.
- The same blueprint serves the widget, its strings, the privacy text and a demo page
  (bot.web.pages).
- Every message gets a reply, also when the action server is down, and also when the message is
  refused (bot.rasa_ext.web_guard: malformed, too long, too many).
"""

from __future__ import annotations

import asyncio
import logging
import re
import uuid
from collections import OrderedDict
from collections.abc import Awaitable, Callable
from typing import Any

from rasa.core.channels.channel import UserMessage
from rasa.core.channels.socketio import SocketBlueprint, SocketIOInput
from sanic import Sanic, response
from sanic.request import Request
from sanic.response import HTTPResponse
from socketio import AsyncServer

from bot.i18n import languages as language_config
from bot.rasa_ext import socketio_redis, web_guard, web_reminders
from bot.rasa_ext.channels import respond, tracker_store
from bot.rasa_ext.sanitize import sanitize
from bot.web import history
from bot.web.output import WebOutput
from bot.web.pages import add_routes

logger = logging.getLogger(__name__)
SAME_ORIGIN = "same-origin"
SESSION_ID = web_guard.SESSION_ID
MESSAGE_ID = re.compile(r"^[0-9a-zA-Z_-]{8,64}$")
SEEN_MESSAGES = 20_000  # message ids remembered to drop a message sent twice
FORGOTTEN_EVENT = "forgotten"


def session_id_of(data: Any) -> str | None:
    given = data.get("session_id") if isinstance(data, dict) else None
    return given if isinstance(given, str) and SESSION_ID.match(given) else None


def message_id_of(data: dict[str, Any]) -> str | None:
    given = data.get("id")
    return given if isinstance(given, str) and MESSAGE_ID.match(given) else None


def cursor_of(data: Any) -> int | None:
    given = data.get("before") if isinstance(data, dict) else None
    return given if isinstance(given, int) and not isinstance(given, bool) and given > 0 else None


class SeenMessages:
    """The ids of the latest messages, so one sent again (after a lost acknowledgement) is
    answered once."""

    def __init__(self, size: int = SEEN_MESSAGES) -> None:
        self.size = size
        self.ids: OrderedDict[str, None] = OrderedDict()

    def first_time(self, key: str) -> bool:
        if key in self.ids:
            return False
        self.ids[key] = None
        while len(self.ids) > self.size:
            self.ids.popitem(last=False)
        return True


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
        self.seen = SeenMessages()
        self.answering: set[asyncio.Task[None]] = set()

    def sender(self, session_id: str) -> str:
        return f"{self.namespace_prefix}:{session_id}"

    def user_message(
        self, checked: web_guard.WidgetMessage, message_id: str | None, sio: AsyncServer
    ) -> tuple[UserMessage, WebOutput]:
        output = WebOutput(sio)
        supported = frozenset(language_config.languages())
        language = {"language": checked.language} if checked.language else {}
        message = UserMessage(
            sanitize(checked.text, supported),
            output,
            self.sender(checked.session_id),
            input_channel=self.name(),
            message_id=message_id,
            metadata={"channel": "web", **language},
        )
        return message, output

    async def answer(
        self,
        app: Sanic | None,
        on_new_message: Callable[[UserMessage], Awaitable[Any]],
        message: UserMessage,
        output: WebOutput,
        address: str,
    ) -> None:
        try:
            if await respond(app, on_new_message, message, lambda: output.sent):
                await output.sio.emit(FORGOTTEN_EVENT, {}, room=message.sender_id)
        finally:
            web_guard.message_limits().release(address)

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> SocketBlueprint:
        sio = AsyncServer(
            async_mode="sanic",
            client_manager=socketio_redis.client_manager(),  # several servers: through Redis
            cors_allowed_origins=self.allowed_origins,
            max_http_buffer_size=web_guard.MAX_PACKET_BYTES,
        )
        hook = SocketBlueprint(sio, self.socketio_path, "web_webhook", __name__)
        self.sio = sio
        state: dict[str, Sanic] = {}

        @hook.listener("before_server_start")
        async def remember_app(app: Sanic, _loop: Any) -> None:
            state["app"] = app

        @hook.route("/", methods=["GET"])
        async def health(_: Request) -> HTTPResponse:
            return response.json({"status": "ok"})

        add_routes(hook)

        @sio.on("session_request")
        async def session_request(sid: str, data: Any) -> None:
            given = session_id_of(data)
            session_id = given or uuid.uuid4().hex
            await sio.enter_room(sid, self.sender(session_id))  # the awaited fix (rasa#13027)
            if given:  # the history first: the widget sends what it kept after the confirmation
                store = tracker_store(state.get("app"))
                await sio.emit("history", await self.history(store, session_id, None), room=sid)
            await sio.emit("session_confirm", session_id, room=sid)

        @sio.on("history_request")
        async def history_request(_: str, data: Any) -> dict[str, Any]:
            session_id = session_id_of(data)
            if session_id is None:
                return {"items": [], "before": None}
            store = tracker_store(state.get("app"))
            return await self.history(store, session_id, cursor_of(data))

        @sio.on(self.user_message_evt)
        async def handle_message(sid: str, data: Any) -> dict[str, Any]:
            return await self.receive(sio, sid, data, state.get("app"), on_new_message)

        web_reminders.register(sio, self.sender)  # the widget's reminder toggle
        return hook

    async def receive(
        self,
        sio: AsyncServer,
        sid: str,
        data: Any,
        app: Sanic | None,
        on_new_message: Callable[[UserMessage], Awaitable[Any]],
    ) -> dict[str, Any]:
        """A `user_uttered` event: checked, limited, acknowledged at once (the answer follows
        as `bot_uttered` events); the acknowledgement says when and why it was refused."""
        checked = web_guard.check(data, self.metadata_key)
        message_id = message_id_of(data) if isinstance(data, dict) else None
        if isinstance(checked, web_guard.Refusal):
            await web_guard.refuse(sio, sid, self.bot_message_evt, checked)
            return {"ok": True, "id": message_id, "refused": checked.reason}
        sender_id = self.sender(checked.session_id)
        if sender_id not in sio.rooms(sid):
            await sio.enter_room(sid, sender_id)
        if message_id and not self.seen.first_time(f"{sender_id} {message_id}"):
            return {"ok": True, "id": message_id}  # sent again: it is being answered
        limits, address = web_guard.message_limits(), web_guard.client_address(sio, sid)
        wait = limits.admit(sender_id, address)
        if wait:
            slow = web_guard.slow_down(checked, wait)
            await web_guard.refuse(sio, sid, self.bot_message_evt, slow, sender_id)
            return {"ok": True, "id": message_id, "refused": slow.reason}
        message, output = self.user_message(checked, message_id, sio)
        task = asyncio.create_task(self.answer(app, on_new_message, message, output, address))
        self.answering.add(task)
        task.add_done_callback(self.answering.discard)
        return {"ok": True, "id": message_id}

    async def history(self, store: Any, session_id: str, before: int | None) -> dict[str, Any]:
        try:
            return await history.page(store, self.sender(session_id), before)
        except Exception:
            logger.exception("could not load the history of web:%s", session_id[:8])
            return {"items": [], "before": None}
