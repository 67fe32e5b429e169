"""The hand-off queue and the live chat with the person: take, reply, hand back."""

from __future__ import annotations

from datetime import timezone
from urllib.parse import quote

from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

from bot.console import conversations
from bot.console.i18n import N_
from bot.console.permissions import Action, StaffUser
from bot.console.staff import handoffs, live
from bot.console.staff.audit import audit
from bot.console.web import forbidden, page, requires, translator_of, user_of
from bot.handoff.office import office_hours, promised
from bot.i18n.languages import languages
from bot.push.messages import MAX_TEXT
from bot.store.db import session_scope
from bot.store.models import HandoffRequest

bp = Blueprint("handoffs")
VIEW_NAMES = {
    "open": N_("Open"),
    "mine": N_("Mine"),
    "unassigned": N_("Waiting"),
    "closed": N_("Closed"),
}
CHANNEL_NAMES = {"": N_("all"), "tg": "Telegram", "web": N_("Website"), "rest": "REST"}
OUTCOMES = {
    live.DONE: "",
    live.NOT_SENT: N_("The assistant could not be reached, so nothing was sent. Try again."),
    live.PERSON_GONE: N_(
        'This person has deleted the conversation ("forget me"). Nothing was sent.'
    ),
    live.PERSON_UNREACHABLE: N_(
        "This person cannot be reached in this chat (they blocked the bot on Telegram)."
        " Nothing was sent; call or e-mail them instead."
    ),
    live.ALREADY_CLOSED: N_("This request is closed already."),
}


def queue_filters(request: Request) -> handoffs.QueueFilters:
    args = request.args
    view = args.get("view", "open")
    page_arg = args.get("page", "1")
    return handoffs.QueueFilters(
        view=view if view in handoffs.VIEWS else "open",
        language=args.get("language", "") if args.get("language", "") in languages() else "",
        channel=args.get("channel", "") if args.get("channel", "") in CHANNEL_NAMES else "",
        page=int(page_arg) if page_arg.isdigit() else 1,
    )


@bp.get("/handoffs")
@requires(Action.HANDLE_HANDOFFS)
async def handoff_queue(request: Request) -> HTTPResponse:
    user, filters = user_of(request), queue_filters(request)
    with session_scope() as db:
        items, total = handoffs.queue(db, user, filters)
    _ = translator_of(request)
    query = [(k, v) for k, v in request.query_args if k != "page"]
    return page(
        request,
        "handoffs.html",
        items=items,
        total=total,
        filters=filters,
        page_size=handoffs.PAGE_SIZE,
        query="&".join(f"{quote(k)}={quote(v)}" for k, v in query),
        views={view: _(name) for view, name in VIEW_NAMES.items()},
        channels={code: _(name) for code, name in CHANNEL_NAMES.items()},
        languages=languages(),
    )


def _item(user: StaffUser, handoff_id: int) -> tuple[handoffs.Handoff | None, bool]:
    """The request in this user's scope, and whether it exists at all (else: forgotten)."""
    with session_scope() as db:
        return handoffs.find(db, user, handoff_id), db.get(HandoffRequest, handoff_id) is not None


def turns_after(request: Request, sender_id: str, after: int) -> tuple[list[dict[str, str]], int]:
    """The conversation's messages from position `after` on (button payloads left out), and
    the position to ask from next time."""
    turns = conversations.transcript(request.app.ctx.tracker, sender_id)
    shown = [
        {
            "speaker": t.speaker,
            "author": t.author,
            "text": t.text,
            "at": t.at.strftime("%Y-%m-%d %H:%M"),
        }
        for t in turns[after:]
        if not (t.speaker == "user" and t.text.startswith("/"))
    ]
    return shown, len(turns)


def detail(
    request: Request, item: handoffs.Handoff, error: str = "", status: int = 200
) -> HTTPResponse:
    created = item.created_at.replace(tzinfo=timezone.utc)
    turns, seen = turns_after(request, item.sender_id, 0)
    return page(
        request,
        "handoff.html",
        status=status,
        item=item,
        turns=turns,
        seen=seen,
        answer_by=promised(office_hours(), created),
        mine=item.assigned_to == user_of(request).email,
        error=error,
        max_text=MAX_TEXT,
    )


@bp.get("/handoffs/<handoff_id:int>")
@requires(Action.HANDLE_HANDOFFS)
async def handoff_view(request: Request, handoff_id: int) -> HTTPResponse:
    item, exists = _item(user_of(request), handoff_id)
    if item is None:
        return gone(request) if not exists else forbidden(request)
    return detail(request, item)


@bp.get("/handoffs/<handoff_id:int>/messages")
@requires(Action.HANDLE_HANDOFFS)
async def handoff_messages(request: Request, handoff_id: int) -> HTTPResponse:
    """New messages of the conversation, for the live view (polled)."""
    item, exists = _item(user_of(request), handoff_id)
    if item is None:
        return response.json({"gone": not exists}, status=410 if not exists else 403)
    after = request.args.get("after", "0")
    turns, seen = turns_after(request, item.sender_id, int(after) if after.isdigit() else 0)
    return response.json({"turns": turns, "next": seen, "status": item.status})


def gone(request: Request) -> HTTPResponse:
    _ = translator_of(request)
    return page(request, "handoff_gone.html", status=410, message=_(OUTCOMES[live.PERSON_GONE]))


async def act(request: Request, handoff_id: int, what: str) -> HTTPResponse:
    user = user_of(request)
    item, exists = _item(user, handoff_id)
    if item is None:
        return gone(request) if not exists else forbidden(request)
    push = request.app.ctx.push
    if what == "take":
        outcome = await live.take(push, user, item)
    elif what == "close":
        outcome = await live.close(push, user, item)
    else:
        text = request.form.get("text", "").strip()
        if not text or len(text) > MAX_TEXT or item.assigned_to != user.email:
            return forbidden(request)
        outcome = await live.reply(push, user, item, text, request.app.ctx.sign_with_name)
    with session_scope() as db:
        audit(db, user.email, f"handoff_{what}", f"{handoff_id} {item.sender_id}: {outcome}")
    if outcome == live.PERSON_GONE:
        return gone(request)
    if outcome != live.DONE:
        item, _exists = _item(user, handoff_id)
        if item is None:
            return gone(request)
        return detail(request, item, translator_of(request)(OUTCOMES[outcome]), status=409)
    return response.redirect(f"/handoffs/{handoff_id}" if what != "close" else "/handoffs")


@bp.post("/handoffs/<handoff_id:int>/take")
@requires(Action.HANDLE_HANDOFFS)
async def handoff_take(request: Request, handoff_id: int) -> HTTPResponse:
    return await act(request, handoff_id, "take")


@bp.post("/handoffs/<handoff_id:int>/reply")
@requires(Action.HANDLE_HANDOFFS)
async def handoff_reply(request: Request, handoff_id: int) -> HTTPResponse:
    return await act(request, handoff_id, "reply")


@bp.post("/handoffs/<handoff_id:int>/close")
@requires(Action.HANDLE_HANDOFFS)
async def handoff_close(request: Request, handoff_id: int) -> HTTPResponse:
    return await act(request, handoff_id, "close")
