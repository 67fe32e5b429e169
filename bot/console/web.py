"""What every console page shares: rendering, the 403 page, cookies and the logged-in user."""

from __future__ import annotations

import functools
from collections.abc import Callable, Coroutine
from typing import Any

from sanic import response
from sanic.request import Request
from sanic.response import HTTPResponse

from bot.console.i18n import LANGUAGES, Translator, translator
from bot.console.permissions import Action, StaffUser, may
from bot.console.staff.handoffs import counts
from bot.store.db import session_scope


def translator_of(request: Request) -> Translator:
    """The staff member's language: their own choice, else the console's (CONSOLE_LANGUAGE)."""
    settings, user = request.app.ctx.settings, getattr(request.ctx, "user", None)
    chosen = user.language if user and user.language in LANGUAGES else settings.language
    return translator(chosen, settings.core.locales_dir)


def handoff_counts(user: StaffUser | None) -> dict[str, int] | None:
    """Requests waiting and this staff member's own, for the navigation."""
    if user is None or not may(user, Action.HANDLE_HANDOFFS):
        return None
    with session_scope() as db:
        return counts(db, user)


def page(request: Request, name: str, status: int = 200, **values: Any) -> HTTPResponse:
    _ = translator_of(request)
    user = getattr(request.ctx, "user", None)
    html = request.app.ctx.pages.get_template(name).render(
        user=user,
        handoff_counts=handoff_counts(user),
        session=getattr(request.ctx, "session", None),
        _=_.html,
        ngettext=_.html_plural,
        language=_.language,
        **values,
    )
    return response.html(html, status=status)


def forbidden(request: Request) -> HTTPResponse:
    return page(request, "forbidden.html", status=403)


def user_of(request: Request) -> StaffUser:
    user: StaffUser = request.ctx.user
    return user


def allowed(request: Request, action: Action) -> bool:
    return may(user_of(request), action)


Handler = Callable[..., Coroutine[Any, Any, HTTPResponse]]


def requires(action: Action) -> Callable[[Handler], Handler]:
    """A page for the roles that may do `action`; everyone else gets the 403 page."""

    def decorate(handler: Handler) -> Handler:
        @functools.wraps(handler)
        async def guarded(request: Request, *args: Any, **kwargs: Any) -> HTTPResponse:
            if not allowed(request, action):
                return forbidden(request)
            return await handler(request, *args, **kwargs)

        guarded.permission = action  # type: ignore[attr-defined]
        return guarded

    return decorate


def set_cookie(result: HTTPResponse, name: str, value: str, request: Request) -> None:
    result.cookies[name] = value
    result.cookies[name]["httponly"] = True
    result.cookies[name]["samesite"] = "Strict"
    result.cookies[name]["secure"] = (
        request.scheme == "https" or request.app.ctx.settings.secure_cookies
    )
    result.cookies[name]["path"] = "/"
