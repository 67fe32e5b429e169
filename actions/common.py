"""What every action needs: the sender's case, today, and sending replies."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable, Iterable
from datetime import date
from typing import TypeVar

from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher
from sqlalchemy.exc import SQLAlchemyError

from bot.answers.base import Reply
from bot.cases.domain import Case
from bot.store.db import session_scope
from bot.store.repository import CaseRepository

logger = logging.getLogger(__name__)
T = TypeVar("T")
SERVICE_UNAVAILABLE = Reply("utter_service_unavailable")


class StoreUnavailable(RuntimeError):
    """The case store could not be reached; the user gets an apology, the log the cause."""


async def in_store(work: Callable[[CaseRepository], T]) -> T:
    """Run repository work in a worker thread, in one transaction."""

    def run() -> T:
        with session_scope() as session:
            return work(CaseRepository(session))

    try:
        return await asyncio.to_thread(run)
    except SQLAlchemyError as error:
        logger.error("case store unavailable: %s", error)
        raise StoreUnavailable from error


async def sender_case(tracker: Tracker) -> Case | None:
    return await in_store(lambda repo: repo.case_for_sender(tracker.sender_id))


def today() -> date:
    return date.today()


def send(dispatcher: CollectingDispatcher, replies: Iterable[Reply]) -> None:
    for reply in replies:
        dispatcher.utter_message(response=reply.key, **reply.args)


def latest_text(tracker: Tracker) -> str:
    return str(tracker.latest_message.get("text") or "")


def previous_user_text(tracker: Tracker, skip_intents: tuple[str, ...]) -> str:
    """The last thing the user asked before this message (for hand-off requests)."""
    seen_latest = False
    for event in reversed(tracker.events):
        if event.get("event") != "user":
            continue
        if not seen_latest:
            seen_latest = True
            continue
        intent = (event.get("parse_data") or {}).get("intent", {}).get("name")
        if intent not in skip_intents and event.get("text"):
            return str(event["text"])
    return ""
