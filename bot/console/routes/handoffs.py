"""The hand-off queue: requests from migrants to talk to a person."""

from __future__ import annotations

from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

from bot.console.permissions import Action, Role
from bot.console.staff.audit import audit
from bot.console.staff.handoffs import handoffs, update_handoff
from bot.console.web import forbidden, page, requires, user_of
from bot.store.db import session_scope

bp = Blueprint("handoffs")


@bp.get("/handoffs")
@requires(Action.HANDLE_HANDOFFS)
async def handoff_queue(request: Request) -> HTTPResponse:
    user = user_of(request)
    with session_scope() as db:
        items = handoffs(db, None if user.role is Role.ADMIN else user.email)
    return page(request, "handoffs.html", items=items)


@bp.post("/handoffs/<handoff_id:int>")
@requires(Action.HANDLE_HANDOFFS)
async def handoff_update(request: Request, handoff_id: int) -> HTTPResponse:
    user = user_of(request)
    own = None if user.role is Role.ADMIN else user.email
    handled = request.form.get("handled") == "1"
    with session_scope() as db:
        if not update_handoff(db, handoff_id, user.email, handled, own):
            return forbidden(request)
        audit(db, user.email, "handoff", str(handoff_id))
    return response.redirect("/handoffs")
