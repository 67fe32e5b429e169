"""Live hand-off: a staff member takes a request, writes in the person's chat and hands the
conversation back to the assistant. Every message reaches the person through the push path
(bot.push): signed with the role ("Your consultant", "The integration team of the
municipality"; with the staff member's name only when HANDOFF_SIGN_WITH_NAME=true), rendered in
the person's language, logged in the tracker.

Each function returns what happened, as a code the route turns into a message for staff.
"""

from __future__ import annotations

import uuid
from datetime import datetime

import sqlalchemy as sa

from bot.console.permissions import Role, StaffUser
from bot.console.staff import handoffs
from bot.i18n.values import Label
from bot.push.client import GONE, UNREACHABLE, PushClient
from bot.push.messages import PushMessage, PushRequest
from bot.store.db import session_scope
from bot.store.models import HandoffRequest
from bot.store.models import StaffUser as StaffRow

SIGNATURES = {"consultant": "label_staff_consultant", "general": "label_staff_team"}
# What happened, for the staff member (bot.console.routes.handoffs shows it in their language)
DONE, NOT_SENT, PERSON_GONE, PERSON_UNREACHABLE, ALREADY_CLOSED = (
    "done",
    "not_sent",
    "gone",
    "unreachable",
    "closed",
)


def team_of(user: StaffUser) -> str:
    """Who the person hears from: their consultant, or the municipality's integration team."""
    return "consultant" if user.role is Role.CONSULTANT else "general"


def _push_id(handoff_id: int, what: str) -> str:
    return f"handoff:{handoff_id}:{what}:{uuid.uuid4().hex}"


def _result(status: str) -> str:
    if status == GONE:
        return PERSON_GONE
    if status == UNREACHABLE:
        return PERSON_UNREACHABLE
    return DONE if status in ("queued", "emitted", "logged", "duplicate") else NOT_SENT


def _forget_request(handoff_id: int) -> None:
    """The conversation is gone ("forget me"): its request goes too."""
    with session_scope() as db:
        db.execute(sa.delete(HandoffRequest).where(HandoffRequest.id == handoff_id))


async def take(push: PushClient, user: StaffUser, item: handoffs.Handoff) -> str:
    """Take the request and tell the person that a person is now in the chat."""
    with session_scope() as db:
        if not handoffs.take(db, item.id, user.email, datetime.utcnow()):
            return ALREADY_CLOSED
    team = team_of(user)
    message = PushMessage("utter_handoff_joined", {"signature": Label(SIGNATURES[team])})
    request = PushRequest(item.sender_id, _push_id(item.id, "joined"), (message,), team, user.email)
    result = _result((await push.push(request)).status)
    if result == PERSON_GONE:
        _forget_request(item.id)
    elif result != DONE:  # the person was not told: the request waits again
        with session_scope() as db:
            db.execute(
                sa.update(HandoffRequest)
                .where(HandoffRequest.id == item.id)
                .values(status=handoffs.OPEN, assigned_to=None, taken_at=None)
            )
    return result


def _name(email: str) -> str:
    with session_scope() as db:
        name = db.execute(sa.select(StaffRow.name).where(StaffRow.email == email)).scalar()
    return str(name or "").strip()


async def reply(
    push: PushClient, user: StaffUser, item: handoffs.Handoff, text: str, with_name: bool
) -> str:
    """The staff member's words, in the person's chat."""
    if item.status == handoffs.CLOSED:
        return ALREADY_CLOSED
    args: dict[str, object] = {"signature": Label(SIGNATURES[team_of(user)]), "message": text}
    name = _name(user.email) if with_name else ""
    key = "utter_staff_reply_named" if name else "utter_staff_reply"
    if name:
        args["name"] = name
    request = PushRequest(
        item.sender_id,
        _push_id(item.id, "reply"),
        (PushMessage(key, args),),
        author=user.email,
    )
    result = _result((await push.push(request)).status)
    if result == PERSON_GONE:
        _forget_request(item.id)
    return result


async def close(push: PushClient, user: StaffUser, item: handoffs.Handoff) -> str:
    """Close the request: the assistant answers again, and says so."""
    with session_scope() as db:
        if not handoffs.close(db, item.id, datetime.utcnow()):
            return ALREADY_CLOSED
    message = PushMessage("utter_handoff_closed", {"signature": Label(SIGNATURES[team_of(user)])})
    request = PushRequest(item.sender_id, _push_id(item.id, "closed"), (message,), "", user.email)
    result = _result((await push.push(request)).status)
    if result == PERSON_GONE:
        _forget_request(item.id)
    elif result == NOT_SENT:  # the assistant did not take the conversation back: still open
        with session_scope() as db:
            db.execute(
                sa.update(HandoffRequest)
                .where(HandoffRequest.id == item.id)
                .values(status=handoffs.TAKEN, closed_at=None, open_key=item.sender_id)
            )
    return DONE if result in (DONE, PERSON_GONE) else result
