"""The Reminders step (on, off, or whether they are on) and the one offer after linking."""

from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from actions.common import StoreUnavailable, in_store
from bot.answers.base import Reply
from bot.dialogue import steps
from bot.reminders import store
from bot.reminders.rules import SCHEDULE_ARGS
from bot.store.models import CaseRow, ChannelLink
from bot.store.repository import to_case

if TYPE_CHECKING:
    from actions.steps import Situation

CHOICE_BUTTONS = ["reminders_on", "reminders_off"]


def _reply(key: str, **args: Any) -> Reply:
    return Reply(key, {**SCHEDULE_ARGS, **args})


def _set(repo: Any, sender_id: str, on: bool, today: date) -> None:
    session = repo.session
    store.choose(session, sender_id, on, datetime.utcnow())
    link = session.get(ChannelLink, sender_id)
    row = session.get(CaseRow, link.case_id) if link else None
    if on and row is not None:  # appointments already in the case are not "new" ones
        store.plan_case(session, row.id, to_case(row), today, baseline=True)


async def reminders(step: steps.Reminders, situation: Situation) -> Reply:
    """Reminders are about the person's own dates: only for a linked conversation."""
    if situation.case is None:
        return _reply("utter_reminders_not_linked")
    sender = situation.sender_id
    try:
        if step.on is None:
            on = await in_store(lambda repo: store.is_on(repo.session, sender))
            key = "utter_reminders_status_on" if on else "utter_reminders_status_off"
            return _reply(key, button_intents=CHOICE_BUTTONS)
        chosen = step.on
        await in_store(lambda repo: _set(repo, sender, chosen, situation.today))
    except StoreUnavailable:
        return Reply("utter_service_unavailable")
    return _reply("utter_reminders_on" if step.on else "utter_reminders_off")


async def offer_once(situation: Situation) -> Reply | None:
    """Right after linking, once per conversation: would the person like reminders?"""
    sender = situation.sender_id
    try:
        first = await in_store(
            lambda repo: store.offer_once(repo.session, sender, datetime.utcnow())
        )
    except StoreUnavailable:
        return None
    return _reply("utter_reminders_offer", button_intents=CHOICE_BUTTONS) if first else None
