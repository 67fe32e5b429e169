"""Input channels with sender namespaces, sanitised text and a guaranteed reply.

- Every sender id is prefixed with the channel's namespace ("rest:"), so a client of one channel
  can never act as a user of another (the Telegram relay writes "tg:", the widget "web:").
- The text is sanitised (bot.rasa_ext.sanitize) so `/intent{...}` cannot set entities.
- `respond` is the one way every channel hands a message to Rasa: when the conversation produced
  no message at all (an action crashed, the action server or a database is down), the person
  still gets a short apology in the conversation's language (not while a staff member is in the
  chat: then the staff member answers); when the person confirmed "forget me", the conversation
  is deleted after its last reply.
"""

from __future__ import annotations

import asyncio
import inspect
import logging
from collections.abc import Awaitable, Callable
from typing import Any

from rasa.core.channels.channel import CollectingOutputChannel, InputChannel, UserMessage
from sanic import Blueprint, Sanic, response
from sanic.request import Request
from sanic.response import HTTPResponse

from bot.i18n import languages as language_config
from bot.i18n.conversation import language_of
from bot.i18n.render import render
from bot.rasa_ext.sanitize import sanitize
from bot.security import bearer_matches
from bot.store.db import session_scope
from bot.store.forget import forget_in_case_store

logger = logging.getLogger(__name__)
APOLOGY_KEY = "utter_service_unavailable"
MAX_MESSAGE_LENGTH = 2000
MAX_SENDER_LENGTH = 200
TAGS = ("language", "topic", "dutch")  # "dutch": the official Dutch text of a reply


def namespaced(namespace: str, sender: object) -> str | None:
    if not isinstance(sender, str | int) or isinstance(sender, bool):
        return None
    given = str(sender).strip()
    if not given or len(given) > MAX_SENDER_LENGTH:
        return None
    return f"{namespace}:{given}"


def tracker_store(app: Sanic | None) -> Any:
    """The configured tracker store of the Rasa server (unwrapped), or None."""
    agent = getattr(getattr(app, "ctx", None), "agent", None)
    store = getattr(agent, "tracker_store", None)
    return getattr(store, "_tracker_store", store)


async def _tracker(app: Sanic | None, sender_id: str) -> Any:
    store = tracker_store(app)
    if store is None:
        return None
    tracker = store.retrieve(sender_id)
    return await tracker if inspect.isawaitable(tracker) else tracker


async def conversation_slots(app: Sanic | None, sender_id: str) -> dict[str, Any]:
    """The conversation's slots (empty when unknown or when the store itself is down)."""
    try:
        tracker = await _tracker(app, sender_id)
    except Exception:  # the tracker store may be what is down
        logger.exception("could not read the conversation of %s", sender_id)
        return {}
    return dict(tracker.current_slot_values()) if tracker is not None else {}


async def forget_conversation(app: Sanic | None, sender_id: str) -> None:
    """Delete everything kept about a conversation: its rows in the case store (bot.store.forget)
    and its events in the tracker store, including this server's cached copy."""

    def in_case_store() -> None:
        with session_scope() as session:
            forget_in_case_store(session, sender_id)

    await asyncio.to_thread(in_case_store)
    store = tracker_store(app)
    if store is not None and hasattr(store, "delete"):
        await store.delete(sender_id)


async def respond(
    app: Sanic | None,
    on_new_message: Callable[[UserMessage], Awaitable[Any]],
    message: UserMessage,
    sent: Callable[[], int],
) -> None:
    """Run the message through Rasa; apologise if nothing was said; forget when confirmed."""
    sender_id = message.sender_id or ""
    try:
        await on_new_message(message)
    except Exception:
        logger.exception("handling a message of %s failed", sender_id)
    slots = await conversation_slots(app, sender_id)
    if not sent() and not slots.get("with_staff"):
        channel_language = (message.metadata or {}).get("language")
        language = language_of(
            {"language": slots.get("language"), "language_hint": channel_language}
        )
        await message.output_channel.send_text_message(
            sender_id, render(APOLOGY_KEY, language.code).text
        )
    elif slots.get("forget_now"):
        try:
            await forget_conversation(app, sender_id)
        except Exception:
            logger.exception("could not forget the conversation of %s", sender_id)


class TaggedOutput(CollectingOutputChannel):
    """Collects the replies with the language each is written in and the topic it answers
    (`metadata`), so a client knows how to show a reply and the Telegram relay can apologise in
    the conversation's language when Rasa is away."""

    async def send_response(self, recipient_id: str, message: dict[str, Any]) -> None:
        before = len(self.messages)
        await super().send_response(recipient_id, message)
        tags = {k: message[k] for k in TAGS if isinstance(message.get(k), str)}
        for collected in self.messages[before:]:
            if tags:
                collected["metadata"] = tags


class NamespacedInput(InputChannel):
    """A JSON webhook `POST /webhooks/<name>/webhook` that creates senders in one namespace."""

    namespace = ""
    sender_field = "sender"

    def authorized(self, request: Request) -> bool:
        return True

    def metadata_from(self, body: dict[str, Any]) -> dict[str, Any]:
        metadata = body.get("metadata")
        allowed = {}
        if isinstance(metadata, dict):
            allowed = {k: v for k, v in metadata.items() if k == "language" and isinstance(v, str)}
        return {**allowed, "channel": self.namespace}

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        hook = Blueprint(f"{self.name()}_webhook", __name__)

        @hook.route("/", methods=["GET"])
        async def health(_: Request) -> HTTPResponse:
            return response.json({"status": "ok"})

        @hook.route("/webhook", methods=["POST"])
        async def receive(request: Request) -> HTTPResponse:
            if not self.authorized(request):
                return response.json({"error": "unauthorized"}, status=401)
            body = request.json if isinstance(request.json, dict) else {}
            sender_id = namespaced(self.namespace, body.get(self.sender_field))
            text = body.get("message")
            if sender_id is None or not isinstance(text, str):
                fields = f"'{self.sender_field}' and 'message'"
                return response.json({"error": f"send JSON with {fields}"}, status=400)
            supported = frozenset(language_config.languages())
            output = TaggedOutput()
            message = UserMessage(
                sanitize(text[:MAX_MESSAGE_LENGTH], supported),
                output,
                sender_id,
                input_channel=self.name(),
                metadata=self.metadata_from(body),
            )
            await respond(request.app, on_new_message, message, lambda: len(output.messages))
            return response.json(output.messages)

        return hook


class NamespacedRestInput(NamespacedInput):
    """Rasa's REST channel contract (`POST /webhooks/rest/webhook`, senders "rest:…")."""

    namespace = "rest"

    @classmethod
    def name(cls) -> str:
        return "rest"


class TelegramRelayInput(NamespacedInput):
    """The Telegram relay's way in (`/webhooks/telegram_relay/…`, senders "tg:<chat id>").

    Only the relay can post here: every request carries `Authorization: Bearer $RELAY_TOKEN`.
    """

    namespace = "tg"
    sender_field = "chat_id"

    def __init__(self, token: str | None = None) -> None:
        if not token:
            raise ValueError("TelegramRelayInput needs a token (RELAY_TOKEN)")
        self.token = token

    @classmethod
    def name(cls) -> str:
        return "telegram_relay"

    @classmethod
    def from_credentials(cls, credentials: dict[str, Any] | None) -> InputChannel:
        return cls((credentials or {}).get("token"))

    def authorized(self, request: Request) -> bool:
        return bearer_matches(request.headers.get("authorization", ""), self.token)
