"""What the action needs from the stores: the sender's case, in a worker thread, in one
transaction; and today's date."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from datetime import date
from typing import TypeVar

from sqlalchemy.exc import SQLAlchemyError

from bot.cases.domain import Case
from bot.clock import today as clock_today
from bot.store.db import session_scope
from bot.store.repository import CaseRepository

logger = logging.getLogger(__name__)
T = TypeVar("T")


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


async def sender_case(sender_id: str) -> Case | None:
    return await in_store(lambda repo: repo.case_for_sender(sender_id))


def today() -> date:
    return clock_today()
