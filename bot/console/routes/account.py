"""A staff member's own account: change the password."""

from __future__ import annotations

from sanic import Blueprint
from sanic.request import Request
from sanic.response import HTTPResponse

from bot.console import sessions
from bot.console.staff.accounts import AccountError, change_own_password
from bot.console.web import page, set_cookie, translator_of, user_of
from bot.store.db import session_scope

bp = Blueprint("account")


@bp.get("/account")
async def account(request: Request) -> HTTPResponse:
    return page(request, "account.html", error=None, changed=False)


@bp.post("/account/password")
async def change_password(request: Request) -> HTTPResponse:
    user, form = user_of(request), request.form
    try:
        with session_scope() as db:
            stamp = change_own_password(
                db,
                user.email,
                form.get("current", ""),
                form.get("new", ""),
                form.get("repeat", ""),
            )
    except AccountError as error:
        error_text = error.text(translator_of(request))
        return page(request, "account.html", status=400, error=error_text, changed=False)
    # Other sessions of this account end (their stamp no longer matches); this one goes on.
    renewed = sessions.new_session(user.email, stamp)
    request.ctx.session = renewed
    result = page(request, "account.html", error=None, changed=True)
    set_cookie(
        result, sessions.COOKIE, sessions.encode(renewed, request.app.ctx.settings.secret), request
    )
    return result
