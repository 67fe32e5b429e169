"""Input channels with sender namespaces, sanitised text and a guaranteed reply.

- Every sender id is prefixed with the channel's namespace ("rest:"), so a client of one channel
  can never act as a user of another (the Telegram relay writes "tg:", the widget "web:").
- The text is sanitised (bot.rasa_ext.sanitize) so `/intent{...}` cannot set entities.
- When the conversation produced no message at all (an action crashed, the action server or a
  database is down), the user still gets a short apology in the conversation's language.
"""

from __future__ import annotations

import inspect
import logging
from collections.abc import Awaitable, Callable
from typing import Any

from rasa.core.channels.channel import CollectingOutputChannel, InputChannel, UserMessage
from sanic import Blueprint, Sanic, response
from sanic.request import Request
from sanic.response import HTTPResponse

from bot.i18n import languages as language_config
from bot.i18n.render import render
from bot.rasa_ext import speedups
from bot.rasa_ext.sanitize import sanitize
from bot.security import bearer_matches

logger = logging.getLogger(__name__)
APOLOGY_KEY = "utter_service_unavailable"
MAX_MESSAGE_LENGTH = 2000


def namespaced(namespace: str, sender: object) -> str | None:
    if not isinstance(sender, str | int) or not str(sender).strip():
        return None
    return f"{namespace}:{str(sender).strip()[:200]}"


async def tracker_language(app: Any, sender_id: str) -> str | None:
    """The language of a conversation, read from the tracker store (None when unknown)."""
    agent = getattr(getattr(app, "ctx", None), "agent", None)
    store = getattr(agent, "tracker_store", None)
    if store is None:
        return None
    try:
        tracker = store.retrieve(sender_id)
        if inspect.isawaitable(tracker):
            tracker = await tracker
        if tracker is None:
            return None
        slots = (tracker.get_slot("language"), tracker.get_slot("language_hint"))
        return language_config.conversation_language(*slots).code if any(slots) else None
    except Exception:  # the tracker store itself may be what is down
        logger.exception("could not read the conversation language of %s", sender_id)
        return None


async def handle_with_guaranteed_reply(
    request: Request,
    on_new_message: Callable[[UserMessage], Awaitable[Any]],
    message: UserMessage,
) -> None:
    """Run the message through Rasa; if nothing was said, apologise in the user's language."""
    collector = message.output_channel
    assert isinstance(collector, CollectingOutputChannel)
    try:
        await on_new_message(message)
    except Exception:
        logger.exception("handling a message of %s failed", message.sender_id)
    if not collector.messages:
        language = await tracker_language(request.app, message.sender_id or "")
        language = language or (message.metadata or {}).get("language")
        await collector.send_text_message(
            message.sender_id or "", render(APOLOGY_KEY, language).text
        )


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

    def add_routes(self, hook: Blueprint) -> None:
        """Channel-specific routes besides /webhook."""

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        speedups.install()  # the Rasa server is starting its channels
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
            message = UserMessage(
                sanitize(text[:MAX_MESSAGE_LENGTH], supported),
                CollectingOutputChannel(),
                sender_id,
                input_channel=self.name(),
                metadata=self.metadata_from(body),
            )
            await handle_with_guaranteed_reply(request, on_new_message, message)
            return response.json(message.output_channel.messages)

        self.add_routes(hook)
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
    `/forget` unlinks the chat from its case and deletes its conversation.
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

    def add_routes(self, hook: Blueprint) -> None:
        @hook.route("/forget", methods=["POST"])
        async def forget(request: Request) -> HTTPResponse:
            if not self.authorized(request):
                return response.json({"error": "unauthorized"}, status=401)
            sender_id = namespaced(self.namespace, (request.json or {}).get(self.sender_field))
            if sender_id is None:
                return response.json({"error": "send JSON with 'chat_id'"}, status=400)
            await forget_conversation(request.app, sender_id)
            return response.json({"forgotten": sender_id})


async def forget_conversation(app: Sanic | None, sender_id: str) -> None:
    """Unlink the sender from its case and delete its conversation from the tracker store."""
    import asyncio

    from bot.store.db import session_scope
    from bot.store.repository import CaseRepository

    def unlink() -> None:
        from bot.console import index

        with session_scope() as session:
            CaseRepository(session).unlink_sender(sender_id)
            index.forget(session, sender_id)  # the console's index, tags, notes and flags

    await asyncio.to_thread(unlink)
    store = getattr(getattr(getattr(app, "ctx", None), "agent", None), "tracker_store", None)
    store = getattr(store, "_tracker_store", store)  # Rasa may wrap the configured store
    delete = getattr(store, "delete", None)
    if delete is not None:
        await delete(sender_id)
