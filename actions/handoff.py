"""The Handoff step: store the request (one open request per conversation) and tell the person,
in their language, who will answer, where, and by when (office hours of the municipality)."""

from __future__ import annotations

from datetime import datetime, timezone
from typing import TYPE_CHECKING, Any

from actions.common import StoreUnavailable, in_store
from bot.answers.base import Reply
from bot.answers.contacts import handoff
from bot.cases.domain import Case
from bot.handoff.office import office_hours, promised
from bot.i18n.values import Date

if TYPE_CHECKING:
    from actions.steps import Situation

SERVICE_UNAVAILABLE = Reply("utter_service_unavailable")
PASSED_ON = {
    "consultant": "utter_handoff_passed_consultant",
    "general": "utter_handoff_passed_team",
}


def answer_by_args(requested_at: datetime) -> dict[str, Any]:
    """When the person gets an answer at the latest: a date and a clock time in the Netherlands."""
    when = promised(office_hours(), requested_at.replace(tzinfo=timezone.utc))
    return {"answer_day": Date(when.date()), "answer_time": when.strftime("%H:%M")}


async def hand_off(situation: Situation) -> list[Reply]:
    def store(repo: Any) -> tuple[str, datetime, bool, Case | None]:
        request = repo.add_handoff(situation.sender_id, situation.language, situation.question_text)
        first = request.requests == 1
        return request.team, request.created_at, first, repo.case_for_sender(situation.sender_id)

    try:
        team, created_at, first, case = await in_store(store)
    except StoreUnavailable:
        return [SERVICE_UNAVAILABLE, handoff(None)]
    key = PASSED_ON[team] if first else "utter_handoff_waiting"
    return [Reply(key, answer_by_args(created_at)), handoff(case)]
