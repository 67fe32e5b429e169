"""Conversations: the filtered list, transcripts, review marks, tags, notes and flagged messages."""

from __future__ import annotations

import asyncio
import logging
from dataclasses import replace
from datetime import date, datetime, timedelta
from typing import Any
from urllib.parse import quote, unquote

from sanic import Blueprint, Sanic, response
from sanic.request import Request
from sanic.response import HTTPResponse

from bot.console import conversations, index, remarks
from bot.console.i18n import N_
from bot.console.permissions import Action, Role, StaffUser, masked_for, may, sees_conversation
from bot.console.staff.audit import audit
from bot.console.staff.flags import flag_message
from bot.console.staff.reviews import mark_reviewed
from bot.console.web import forbidden, page, requires, translator_of, user_of
from bot.i18n.languages import languages
from bot.privacy import mask
from bot.store.db import get_engine, session_scope
from bot.store.models import CaseRow, ChannelLink, ConversationSummary
from bot.store.singleton import alone

bp = Blueprint("conversations")
log = logging.getLogger(__name__)
CHANNELS = {"": N_("all"), "rest": "REST", "tg": "Telegram", "web": N_("Website")}
PAGE_PATIENCE_SECONDS = 3.0


def _catch_up_alone(tracker: Any) -> None:
    """Index new conversations, unless another console process is doing it right now (then the
    pages show what it has indexed so far)."""
    with alone(get_engine(), "console-index") as mine:
        if mine:
            index.catch_up(tracker, session_scope)


async def update_index(app: Sanic, patience: float | None = PAGE_PATIENCE_SECONDS) -> bool:
    """Bring the conversation index up to date; False when it could not be (yet).

    A page waits at most `patience` seconds for a round that is already running (e.g. the
    first catch-up over a large tracker store), then shows what is indexed; None waits."""
    lock: asyncio.Lock = app.ctx.index_lock
    waited = 0.0
    while lock.locked():  # polled: wait_for(lock.acquire()) can leak the lock on Python 3.10
        if patience is not None and waited >= patience:
            return False
        await asyncio.sleep(0.05)
        waited += 0.05
    async with lock:
        try:
            await asyncio.to_thread(_catch_up_alone, app.ctx.tracker)
        except Exception as error:  # the tracker store may not exist yet or be down
            if str(error) != app.ctx.index_error:  # say it once, not every round
                log.warning("could not update the conversation index: %s", error)
            app.ctx.index_error = str(error)
            return False
    app.ctx.index_error = ""
    return True


def _day(value: str) -> date | None:
    try:
        return date.fromisoformat(value)
    except ValueError:
        return None


def searchable(words: str, user: StaffUser) -> str:
    """A reviewer may not search for the personal data that is masked for them: a hit would tell
    them which conversation holds it."""
    return "" if masked_for(user) and mask(words) != words else words


def filters_from(request: Request, user: StaffUser) -> conversations.Filters:
    args = request.args
    linked = {"yes": True, "no": False}.get(args.get("linked", ""))
    own = user.role is Role.CONSULTANT
    return conversations.Filters(
        channel=args.get("channel", "") if args.get("channel", "") in CHANNELS else "",
        since=_day(args.get("since", "")),
        until=_day(args.get("until", "")),
        language=args.get("language", "") if args.get("language", "") in languages() else "",
        # a consultant's list is linked conversations anyway (their caseload); the integration
        # team's is the conversations of people who are not linked
        linked=False if user.role is Role.GENERAL else linked,
        intent=args.get("intent", "")[:64],
        fallback=args.get("fallback") == "1",
        handoff=args.get("handoff") == "1",
        thumbs_down=args.get("thumbs_down") == "1",
        unreviewed=args.get("unreviewed") == "1",
        tag=remarks.clean_tag(args.get("tag", "")) or "",
        search=searchable(args.get("q", "").strip()[:200], user),
        consultant=user.email if own else None,
        page=int(args.get("page", "1")) if args.get("page", "1").isdigit() else 1,
    )


@bp.get("/conversations")
@requires(Action.READ_CONVERSATIONS)
async def conversation_list(request: Request) -> HTTPResponse:
    user = user_of(request)
    fresh = await update_index(request.app)
    filters = filters_from(request, user)
    with session_scope() as db:
        items, total = conversations.list_conversations(request.app.ctx.tracker, db, filters)
        tags = remarks.all_tags(db)
    query = [(k, v) for k, v in request.query_args if k != "page"]
    _ = translator_of(request)
    return page(
        request,
        "conversations.html",
        items=items,
        total=total,
        filters=filters,
        args=request.args,
        query="&".join(f"{quote(k)}={quote(v)}" for k, v in query),
        page_size=conversations.PAGE_SIZE,
        channels={channel: _(name) for channel, name in CHANNELS.items()},
        languages=languages(),
        intents=request.app.ctx.intents,
        tags=tags,
        fresh=fresh,
        masked=masked_for(user),
        search_refused=bool(request.args.get("q", "").strip()) and not filters.search,
        retention=retention(request.app),
    )


def retention(app: Sanic) -> timedelta:
    """How long after the last message the nightly purge deletes a conversation."""
    return timedelta(days=app.ctx.settings.core.retention_days)


def may_open(user: StaffUser, sender_id: str) -> bool:
    with session_scope() as db:
        link = db.get(ChannelLink, sender_id)
        case = db.get(CaseRow, link.case_id) if link else None
        return sees_conversation(
            user, case.consultant_email if case else None, linked=link is not None
        )


@bp.get("/conversations/<sender_id:path>")
@requires(Action.READ_CONVERSATIONS)
async def conversation(request: Request, sender_id: str) -> HTTPResponse:
    sender_id = unquote(sender_id)  # links quote it; Sanic passes path parts as they came
    user = user_of(request)
    if not may_open(user, sender_id):
        return forbidden(request)
    with session_scope() as db:
        audit(db, user.email, "view_transcript", sender_id)
        tags = remarks.tags_of(db, sender_id)
        notes = remarks.notes_of(db, sender_id)
        summary = db.get(ConversationSummary, sender_id)
    turns = conversations.transcript(request.app.ctx.tracker, sender_id)
    if masked_for(user):
        turns = [replace(turn, text=mask(turn.text)) for turn in turns]
        notes = [replace(note, text=mask(note.text)) for note in notes]
    return page(
        request,
        "transcript.html",
        sender_id=sender_id,
        turns=turns,
        tags=tags,
        notes=notes,
        masked=masked_for(user),
        intents=request.app.ctx.intents,
        may_review=may(user, Action.REVIEW_CONVERSATIONS),
        deleted_on=summary.last + retention(request.app) if summary else None,
    )


def back_to(sender_id: str) -> HTTPResponse:
    return response.redirect(f"/conversations/{quote(sender_id, safe=':')}")


@bp.post("/conversations/<sender_id:path>/reviewed")
@requires(Action.REVIEW_CONVERSATIONS)
async def reviewed(request: Request, sender_id: str) -> HTTPResponse:
    sender_id = unquote(sender_id)  # links quote it; Sanic passes path parts as they came
    user = user_of(request)
    with session_scope() as db:
        mark_reviewed(db, sender_id, user.email, datetime.utcnow())
        audit(db, user.email, "mark_reviewed", sender_id)
    return back_to(sender_id)


@bp.post("/conversations/<sender_id:path>/tags")
@requires(Action.READ_CONVERSATIONS)
async def tag(request: Request, sender_id: str) -> HTTPResponse:
    sender_id = unquote(sender_id)  # links quote it; Sanic passes path parts as they came
    user = user_of(request)
    if not may_open(user, sender_id):
        return forbidden(request)
    form = request.form
    with session_scope() as db:
        if form.get("remove"):
            remarks.remove_tag(db, sender_id, form.get("remove", ""))
            audit(db, user.email, "remove_tag", sender_id)
        elif remarks.add_tag(db, sender_id, form.get("tag", ""), user.email) is None:
            _ = translator_of(request)
            reason = _("A tag is 1 to 40 letters, digits, spaces or hyphens.")
            return response.text(reason, status=400)
        else:
            audit(db, user.email, "add_tag", sender_id)
    return back_to(sender_id)


@bp.post("/conversations/<sender_id:path>/notes")
@requires(Action.READ_CONVERSATIONS)
async def note(request: Request, sender_id: str) -> HTTPResponse:
    sender_id = unquote(sender_id)  # links quote it; Sanic passes path parts as they came
    user = user_of(request)
    if not may_open(user, sender_id):
        return forbidden(request)
    with session_scope() as db:
        if not remarks.add_note(db, sender_id, request.form.get("note", ""), user.email):
            _ = translator_of(request)
            reason = _("A note is 1 to %(length)s characters long.", length=remarks.NOTE_LENGTH)
            return response.text(reason, status=400)
        audit(db, user.email, "add_note", sender_id)
    return back_to(sender_id)


@bp.post("/conversations/<sender_id:path>/flag")
@requires(Action.REVIEW_CONVERSATIONS)
async def flag(request: Request, sender_id: str) -> HTTPResponse:
    sender_id = unquote(sender_id)  # links quote it; Sanic passes path parts as they came
    user, form = user_of(request), request.form
    intent, language = form.get("intent", ""), form.get("language", "")
    if intent not in request.app.ctx.intents or language not in languages():
        return forbidden(request)
    with session_scope() as db:
        flag_message(db, sender_id, form.get("text", "")[:2000], language, intent, user.email)
        audit(db, user.email, "flag_message", sender_id)
    return back_to(sender_id)
