"""The guaranteed reply: `respond` is the one way every channel hands a message to Rasa.

- When the conversation produced no message at all (an action crashed or timed out, the action
  server is down), the person gets a short apology in the conversation's language.
- When the message could not be stored (the tracker store stayed down for longer than its retry
  bound), whatever Rasa said is withdrawn where it was not delivered yet, and the person gets the
  apology, so they know to send it again; the loss is counted (bot.metrics).
- The conversation's language is remembered per sender in this process, so the apology never
  falls back to another language because the store is down.
- When the person confirmed "forget me", the conversation is deleted after its last reply.
"""

from __future__ import annotations

import asyncio
import inspect
import logging
import time
from collections import OrderedDict
from collections.abc import Awaitable, Callable
from typing import Any

from rasa.core.channels.channel import CollectingOutputChannel, UserMessage
from rasa.core.lock_store import LockError
from sanic import Sanic

from bot import metrics
from bot.i18n.catalog import MissingCatalog
from bot.i18n.conversation import language_of
from bot.i18n.render import render
from bot.rasa_ext.tracker_store import TrackerStoreUnavailable
from bot.store.db import get_engine
from bot.store.forget import forget_conversation as forget_everywhere

logger = logging.getLogger(__name__)
APOLOGY_KEY = "utter_service_unavailable"
# When even the catalogs cannot be read (a broken installation), still say something.
LAST_RESORT = (
    "Sorry, something went wrong. Please try again later.\n"
    "Sorry, er ging iets mis. Probeer het later opnieuw."
)
REMEMBERED_SENDERS = 100_000


class LanguageMemory:
    """The last known language of each conversation, in this process (least recent dropped)."""

    def __init__(self, size: int = REMEMBERED_SENDERS) -> None:
        self.size = size
        self._languages: OrderedDict[str, str] = OrderedDict()

    def remember(self, sender_id: str, language: object) -> None:
        if isinstance(language, str) and language:
            self._languages[sender_id] = language
            self._languages.move_to_end(sender_id)
            while len(self._languages) > self.size:
                self._languages.popitem(last=False)

    def recall(self, sender_id: str) -> str | None:
        return self._languages.get(sender_id)

    def forget(self, sender_id: str) -> None:
        self._languages.pop(sender_id, None)


LANGUAGES = LanguageMemory()


def reply_language(sender_id: str, metadata: dict[str, Any] | None = None) -> str:
    """The language to apologise or refuse in: the conversation's as last known, else the
    channel's (metadata "language"), else the default."""
    hint = (metadata or {}).get("language")
    return language_of({"language": LANGUAGES.recall(sender_id), "language_hint": hint}).code


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
    """Delete everything kept about a conversation (bot.store.forget): its rows in the case
    store and its events in the tracker store; then drop this server's cached copy (the other
    servers notice on their next load)."""
    store = tracker_store(app)
    engine = getattr(store, "engine", None)
    await asyncio.to_thread(forget_everywhere, sender_id, get_engine(), engine)
    LANGUAGES.forget(sender_id)
    if hasattr(store, "forget"):
        store.forget(sender_id)
    elif engine is None and hasattr(store, "delete"):  # a tracker store without SQL
        await store.delete(sender_id)


async def _apologise(message: UserMessage, sender_id: str) -> None:
    language = reply_language(sender_id, message.metadata)
    try:
        text = render(APOLOGY_KEY, language).text
    except MissingCatalog:
        logger.exception("no catalog for the apology")
        text = LAST_RESORT
    await message.output_channel.send_text_message(sender_id, text, language=language)


async def respond(
    app: Sanic | None,
    on_new_message: Callable[[UserMessage], Awaitable[Any]],
    message: UserMessage,
    sent: Callable[[], int],
) -> bool:
    """Run the message through Rasa; apologise if nothing was said or nothing could be stored;
    forget when confirmed. True when the conversation was deleted (the channel may tell its
    client to start over)."""
    sender_id = message.sender_id or ""
    channel = message.input_channel or ""
    started = time.monotonic()
    try:
        return await _respond(app, on_new_message, message, sent, sender_id, channel)
    finally:
        metrics.observe("message_seconds", time.monotonic() - started, channel=channel)


async def _respond(
    app: Sanic | None,
    on_new_message: Callable[[UserMessage], Awaitable[Any]],
    message: UserMessage,
    sent: Callable[[], int],
    sender_id: str,
    channel: str,
) -> bool:
    try:
        await on_new_message(message)
    except LockError as error:  # Redis down, or the conversation's lock not had in time
        logger.error("no lock for the conversation of %s: %s", sender_id, error)
        metrics.count("lock_failures")
        metrics.count("apologies", channel=channel)
        await _apologise(message, sender_id)
        return False
    except TrackerStoreUnavailable as error:
        logger.error("the message of %s was not stored: %s", sender_id, error)
        if isinstance(message.output_channel, CollectingOutputChannel):
            message.output_channel.messages.clear()  # not delivered yet: only the apology goes
        metrics.count("messages_not_stored", channel=channel)
        await _apologise(message, sender_id)
        return False
    except Exception:
        logger.exception("handling a message of %s failed", sender_id)
    slots = await conversation_slots(app, sender_id)
    LANGUAGES.remember(sender_id, slots.get("language"))
    metrics.count("messages", channel=channel, language=reply_language(sender_id, message.metadata))
    if not sent() and not slots.get("with_staff"):  # a staff member answers instead
        metrics.count("apologies", channel=channel)
        await _apologise(message, sender_id)
    elif slots.get("forget_now"):
        try:
            await forget_conversation(app, sender_id)
        except Exception:
            logger.exception("could not forget the conversation of %s", sender_id)
            return False
        return True
    return False
