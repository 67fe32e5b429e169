"""A staff member's own account: change the password, choose the console's language."""

from __future__ import annotations

from babel import Locale
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

from bot.console import sessions
from bot.console.i18n import LANGUAGES
from bot.console.staff.accounts import AccountError, change_own_password, choose_language
from bot.console.web import page, set_cookie, translator_of, user_of
from bot.store.db import session_scope

bp = Blueprint("account")


def account_page(
    request: Request, status: int = 200, error: AccountError | None = None, changed: bool = False
) -> HTTPResponse:
    """The page with the password form and the choice of language (each language in its own
    name, so that anyone finds theirs)."""
    names = [
        (code, (Locale.parse(code).get_display_name(code) or code).capitalize())
        for code in LANGUAGES
    ]
    return page(
        request,
        "account.html",
        status=status,
        error=error.text(translator_of(request)) if error else None,
        changed=changed,
        languages=names,
        chosen=user_of(request).language or "",
    )


@bp.get("/account")
async def account(request: Request) -> HTTPResponse:
    return account_page(request)


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
        return account_page(request, status=400, error=error)
    # Other sessions of this account end (their stamp no longer matches); this one goes on.
    renewed = sessions.new_session(user.email, stamp)
    request.ctx.session = renewed
    result = account_page(request, changed=True)
    set_cookie(
        result, sessions.COOKIE, sessions.encode(renewed, request.app.ctx.settings.secret), request
    )
    return result


@bp.post("/account/language")
async def language(request: Request) -> HTTPResponse:
    try:
        with session_scope() as db:
            choose_language(db, user_of(request).email, request.form.get("language", ""))
    except AccountError as error:
        return account_page(request, status=400, error=error)
    return response.redirect("/account")  # the next page is in the chosen language
