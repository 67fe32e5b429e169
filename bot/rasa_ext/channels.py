"""Input channels with sender namespaces, checked input, rate limits and a guaranteed reply.

- Every sender id is prefixed with the channel's namespace ("rest:"), so a client of one channel
  can never act as a user of another (the Telegram relay writes "tg:", the widget "web:").
- Every request is checked before Rasa sees it (bot.rasa_ext.validation): an oversized body, a
  field that is not a string, a sender id with characters no database stores or longer than
  200 characters gets 4xx with the reason; message text is cleaned (bot.rasa_ext.sanitize).
- Rate limits per sender and per client address (bot.rasa_ext.limits): 429 with Retry-After on
  REST; the relay gets a polite "slow down" reply in the conversation's language instead.
- `respond` (bot.rasa_ext.respond) is the one way every channel hands a message to Rasa (no
  apology while a staff member is in the chat: then the staff member answers); a confirmed
  "forget me" deletes the conversation through bot.store.forget, the one way to forget.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from typing import Any

from rasa.core.channels.channel import CollectingOutputChannel, InputChannel, UserMessage
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

from bot import metrics
from bot.i18n import languages as language_config
from bot.i18n.render import render
from bot.rasa_ext.limits import message_limits
from bot.rasa_ext.respond import reply_language, respond, tracker_store
from bot.rasa_ext.sanitize import sanitize
from bot.rasa_ext.validation import (
    MAX_BODY_BYTES,
    MAX_MESSAGE_LENGTH,
    language_hint,
    message_problem,
    sender_problem,
)
from bot.security import bearer_matches

logger = logging.getLogger(__name__)
SLOW_DOWN_KEY = "utter_slow_down"
TOO_LONG_KEY = "utter_message_too_long"
TARPIT_SECONDS = 1.0
# "dutch": the official Dutch text of a reply; "with_staff": on pushed messages, the team in the
# chat after it ("consultant", "general"; "" when the assistant answers again)
TAGS = ("language", "topic", "dutch", "with_staff")
__all__ = ["MAX_MESSAGE_LENGTH", "respond", "tracker_store"]  # also used by the widget channel


def refused(status: int, reason: str, channel: str, **headers: str) -> HTTPResponse:
    metrics.count("requests_refused", channel=channel, status=str(status))
    return response.json({"error": reason}, status=status, headers=headers or None)


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
        language = language_hint(body.get("metadata"))
        return {**({"language": language} if language else {}), "channel": self.namespace}

    def client_address(self, request: Request) -> str | None:
        """Whose requests count together (None: no limit per address)."""
        return str(request.remote_addr or request.ip or "")

    async def slow_down(
        self, sender_id: str, wait: float, metadata: dict[str, Any]
    ) -> HTTPResponse:
        """429 with Retry-After, sent after a pause of TARPIT_SECONDS: a client that
        keeps many requests open then cannot make this server answer thousands a second."""
        await asyncio.sleep(TARPIT_SECONDS)
        retry = {"Retry-After": str(max(1, round(wait)))}
        return refused(429, "too many messages; try again later", self.name(), **retry)

    def problem(self, request: Request) -> tuple[int, str] | None:
        """(status, reason) when the request cannot go to Rasa; None when it can."""
        if len(request.body or b"") > MAX_BODY_BYTES:
            return 413, f"the body is larger than {MAX_BODY_BYTES} bytes"
        try:
            body = request.json
        except Exception:  # Sanic's own message for malformed JSON
            return 400, "the body is not valid JSON"
        if not isinstance(body, dict):
            return 400, f"send a JSON object with '{self.sender_field}' and 'message'"
        text = body.get("message")
        if isinstance(text, str) and len(text) > MAX_MESSAGE_LENGTH:
            text = text[:MAX_MESSAGE_LENGTH]  # answered with TOO_LONG_KEY once the sender is known
        reason = message_problem(text) or sender_problem(body.get(self.sender_field))
        return (400, f"'{self.sender_field}' or 'message': {reason}") if reason else None

    def too_long(self, sender_id: str, metadata: dict[str, Any]) -> HTTPResponse:
        """A message longer than any channel sends (a pasted letter): the person is asked, in
        the conversation's language, to send the question in a shorter message."""
        metrics.count("requests_refused", channel=self.name(), status=TOO_LONG_KEY)
        language = reply_language(sender_id, metadata)
        reply = {
            "recipient_id": sender_id,
            "text": render(TOO_LONG_KEY, language).text,
            "metadata": {"language": language, "topic": TOO_LONG_KEY},
        }
        return response.json([reply])

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        hook = Blueprint(f"{self.name()}_webhook", __name__)

        @hook.route("/", methods=["GET"])
        async def health(_: Request) -> HTTPResponse:
            return response.json({"status": "ok"})

        @hook.route("/webhook", methods=["POST"])
        async def receive(request: Request) -> HTTPResponse:
            if not self.authorized(request):
                return response.json({"error": "unauthorized"}, status=401)
            problem = self.problem(request)
            if problem:
                return refused(*problem, channel=self.name())
            body = request.json
            sender_id = f"{self.namespace}:{body[self.sender_field]}"
            metadata = self.metadata_from(body)
            if len(body["message"]) > MAX_MESSAGE_LENGTH:
                return self.too_long(sender_id, metadata)
            limits, address = message_limits(), self.client_address(request)
            wait = limits.admit(sender_id, address)
            if wait:
                return await self.slow_down(sender_id, wait, metadata)
            try:
                return await self.handle(request, on_new_message, sender_id, body, metadata)
            finally:
                limits.release(address)

        return hook

    async def handle(
        self,
        request: Request,
        on_new_message: Callable[[UserMessage], Awaitable[Any]],
        sender_id: str,
        body: dict[str, Any],
        metadata: dict[str, Any],
    ) -> HTTPResponse:
        supported = frozenset(language_config.languages())
        output = TaggedOutput()
        message = UserMessage(
            sanitize(body["message"], supported),
            output,
            sender_id,
            input_channel=self.name(),
            metadata=metadata,
        )
        await respond(request.app, on_new_message, message, lambda: len(output.messages))
        return response.json(output.messages)


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

    def client_address(self, request: Request) -> str | None:
        return None  # every Telegram user comes through the one relay: limited per chat only

    async def slow_down(
        self, sender_id: str, wait: float, metadata: dict[str, Any]
    ) -> HTTPResponse:
        """A reply the relay posts like any other (a 429 would read as "Rasa is away")."""
        metrics.count("requests_refused", channel=self.name(), status="429")
        language = reply_language(sender_id, metadata)
        text = render(SLOW_DOWN_KEY, language).text
        return response.json([{"text": text, "metadata": {"language": language}}])
