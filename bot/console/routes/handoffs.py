"""The hand-off queue: requests from migrants to talk to a person."""

from __future__ import annotations

from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

from bot.console import staff
from bot.console.permissions import Action, Role
from bot.console.web import allowed, forbidden, page, user_of
from bot.store.db import session_scope

bp = Blueprint("handoffs")


@bp.get("/handoffs")
async def handoff_queue(request: Request) -> HTTPResponse:
    user = user_of(request)
    if not allowed(request, Action.HANDLE_HANDOFFS):
        return forbidden(request)
    with session_scope() as db:
        items = staff.handoffs(db, None if user.role is Role.ADMIN else user.email)
    return page(request, "handoffs.html", items=items)


@bp.post("/handoffs/<handoff_id:int>")
async def handoff_update(request: Request, handoff_id: int) -> HTTPResponse:
    user = user_of(request)
    if not allowed(request, Action.HANDLE_HANDOFFS):
        return forbidden(request)
    own = None if user.role is Role.ADMIN else user.email
    handled = request.form.get("handled") == "1"
    with session_scope() as db:
        if not staff.update_handoff(db, handoff_id, user.email, handled, own):
            return forbidden(request)
        staff.audit(db, user.email, "handoff", str(handoff_id))
    return response.redirect("/handoffs")
