"""The push channel: the one authenticated internal way to put a message into a conversation.

`POST /webhooks/push/webhook` with `Authorization: Bearer $PUSH_TOKEN`, used by the staff
console (hand-off replies) and the reminder worker; Rasa's own HTTP API stays closed. Under the
conversation's lock (the lock store every message takes) it
1. refuses a conversation that does not exist (any more: "forget me") with 410, and one whose
   person cannot be reached (a Telegram user who blocked the bot) with 409 (a staff member
   joining or leaving is still recorded, so the assistant knows whether to answer);
2. renders each message from the catalogs in the conversation's language (bot.i18n);
3. logs them in the tracker as bot events, with `with_staff` set or cleared when a staff member
   joins or leaves the chat, so the tracker stays the only conversation log;
4. hands them to the conversation's channel: Telegram through the relay's outbox
   (bot.push.outbox, delivered with the relay's rate limiter), the widget live over Socket.IO
   (and from the tracker's history when it is opened next).
A push id the conversation already holds is not logged or emitted again (a retry after a crash);
its Telegram message is queued at most once.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import Any

from rasa.core.channels.channel import InputChannel, UserMessage
from rasa.shared.core.events import BotUttered, Event, SlotSet, UserUttered
from sanic import Blueprint, Sanic, response
from sanic.request import Request
from sanic.response import HTTPResponse

from bot.i18n.conversation import language_of
from bot.i18n.render import Rendered, render
from bot.push import outbox
from bot.push.messages import PUSH_KEYS, InvalidPush, PushRequest, parse_request
from bot.rasa_ext.channels import tracker_store
from bot.security import bearer_matches
from bot.store.db import session_scope

logger = logging.getLogger(__name__)
WITH_STAFF = "with_staff"
BOT_EVENT = "bot_uttered"


@dataclass
class PushResult:
    status: str  # queued (Telegram) | emitted (widget) | logged | duplicate | gone | unreachable
    http_status: int = 200
    language: str = ""
    texts: list[str] = field(default_factory=list)
    with_staff: str = ""  # the team in the chat after this push ("" when the assistant answers)

    def as_json(self) -> dict[str, Any]:
        return {"status": self.status, "language": self.language, "texts": self.texts}


def already_pushed(events: list[Event], push_id: str) -> bool:
    return any(
        isinstance(e, BotUttered) and (e.metadata or {}).get("push_id") == push_id for e in events
    )


def last_user_time(events: list[Event]) -> datetime | None:
    stamps = [e.timestamp for e in events if isinstance(e, UserUttered)]
    return (
        datetime.fromtimestamp(max(stamps), timezone.utc).replace(tzinfo=None) if stamps else None
    )


def push_events(push: PushRequest, rendered: list[Rendered], with_staff: str) -> list[Event]:
    """The tracker events of a push: the staff slot (when it changes), then one bot event each,
    tagged with the team in the chat after it (`with_staff`; "" when the assistant answers), so
    the widget knows who wrote a reply and when the assistant is quiet, live and after a reload."""
    events: list[Event] = []
    if push.with_staff is not None:
        events.append(SlotSet(WITH_STAFF, push.with_staff or None))
    for message, text in zip(push.messages, rendered, strict=True):
        metadata = {
            "language": text.language,
            "topic": PUSH_KEYS[message.key],
            "utter_action": message.key,
            "push_id": push.push_id,
            WITH_STAFF: with_staff,
            **({"author": push.author} if push.author else {}),
        }
        events.append(BotUttered(text.text, {"buttons": text.buttons or None}, metadata))
    return events


def _reachable(sender_id: str, last_message: datetime | None) -> bool:
    """Not marked unreachable, or the person wrote after the mark (so they unblocked the bot)."""
    with session_scope() as session:
        since = outbox.unreachable_since(session, sender_id)
        if since is None:
            return True
        if last_message is not None and last_message > since:
            outbox.reachable_again(session, sender_id)
            return True
        return False


async def log_push(app: Sanic, push: PushRequest) -> tuple[PushResult, list[Rendered]]:
    """Steps 1-3, under the conversation's lock."""
    agent = app.ctx.agent
    store = tracker_store(app)
    async with agent.lock_store.lock(push.sender_id):
        tracker = await store.retrieve(push.sender_id)
        events = list(tracker.events) if tracker is not None else []
        if not any(isinstance(e, UserUttered) for e in events):
            return PushResult("gone", 410), []
        if not await asyncio.to_thread(_reachable, push.sender_id, last_user_time(events)):
            if push.with_staff is not None:  # nothing reaches the person, but who answers does
                tracker.update(SlotSet(WITH_STAFF, push.with_staff or None))
                await store.save(tracker)
            return PushResult("unreachable", 409), []
        language = language_of(tracker.current_slot_values()).code
        rendered = [render(m.key, language, m.args) for m in push.messages]
        held = push.with_staff if push.with_staff is not None else tracker.get_slot(WITH_STAFF)
        result = PushResult("logged", 200, language, [r.text for r in rendered], str(held or ""))
        if already_pushed(events, push.push_id):
            result.status = "duplicate"
            return result, rendered
        for event in push_events(push, rendered, result.with_staff):
            tracker.update(event)
        await store.save(tracker)
    return result, rendered


def _queue_for_relay(push: PushRequest, rendered: list[Rendered]) -> bool:
    with session_scope() as session:
        added = [
            outbox.add(session, f"{push.push_id}#{i}", push.sender_id, r.text, r.buttons)
            for i, r in enumerate(rendered)
        ]
    return any(added)


def web_server(app: Sanic) -> Any:
    """The widget channel's Socket.IO server in this Rasa process, if the widget is on."""
    for channel in getattr(app.ctx, "input_channels", None) or []:
        if channel.name() == "web" and getattr(channel, "sio", None) is not None:
            return channel.sio
    return None


async def _emit(
    app: Sanic, push: PushRequest, result: PushResult, rendered: list[Rendered]
) -> bool:
    sio = web_server(app)
    if sio is None:
        return False
    for message, text in zip(push.messages, rendered, strict=True):
        payload = {
            "text": text.text,
            "quick_replies": text.buttons,
            "metadata": {
                "language": text.language,
                "topic": PUSH_KEYS[message.key],
                WITH_STAFF: result.with_staff,
            },
            "timestamp": time.time(),
        }
        await sio.emit(BOT_EVENT, payload, room=push.sender_id)
    return True


async def deliver(
    app: Sanic, push: PushRequest, result: PushResult, rendered: list[Rendered]
) -> None:
    """Step 4: hand the messages to the conversation's channel."""
    channel = push.sender_id.split(":", 1)[0]
    if channel == "tg":
        queued = await asyncio.to_thread(_queue_for_relay, push, rendered)
        if queued:
            result.status = "queued"
    elif (
        channel == "web"
        and result.status != "duplicate"
        and await _emit(app, push, result, rendered)
    ):
        result.status = "emitted"


async def push_message(app: Sanic, push: PushRequest) -> PushResult:
    result, rendered = await log_push(app, push)
    if rendered:
        await deliver(app, push, result, rendered)
    return result


class PushInput(InputChannel):
    """`/webhooks/push/webhook`: internal pushes, only with the shared token (PUSH_TOKEN)."""

    def __init__(self, token: str | None = None) -> None:
        self.token = token or ""
        if not self.token:
            logger.error("PUSH_TOKEN is not set: staff replies and reminders cannot be delivered")

    @classmethod
    def name(cls) -> str:
        return "push"

    @classmethod
    def from_credentials(cls, credentials: dict[str, Any] | None) -> InputChannel:
        return cls((credentials or {}).get("token"))

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        hook = Blueprint("push_webhook", __name__)

        @hook.route("/", methods=["GET"])
        async def health(_: Request) -> HTTPResponse:
            return response.json({"status": "ok"})

        @hook.route("/webhook", methods=["POST"])
        async def receive(request: Request) -> HTTPResponse:
            if not bearer_matches(request.headers.get("authorization", ""), self.token):
                return response.json({"error": "unauthorized"}, status=401)
            try:
                push = parse_request(request.json)
            except InvalidPush as error:
                return response.json({"error": str(error)}, status=400)
            result = await push_message(request.app, push)
            return response.json(result.as_json(), status=result.http_status)

        return hook
