"""Logging in and out, the health check and the start page."""

from __future__ import annotations

import secrets
from datetime import datetime

from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

from bot.console import sessions
from bot.console.staff.accounts import log_in
from bot.console.web import page, set_cookie
from bot.store.db import session_scope

bp = Blueprint("login")
LOGIN_CSRF = "wegwijs_login_csrf"
PUBLIC = ("/login", "/health", "/favicon.ico")  # the only paths open without a login


@bp.get("/health")
async def health(_: Request) -> HTTPResponse:
    return response.json({"status": "ok"})


@bp.get("/login")
async def login_form(request: Request) -> HTTPResponse:
    # Keep an existing token: a second tab or a favicon request must not void the first form.
    token = request.cookies.get(LOGIN_CSRF) or secrets.token_urlsafe(24)
    result = page(request, "login.html", csrf=token, error=None)
    set_cookie(result, LOGIN_CSRF, token, request)
    return result


@bp.post("/login")
async def login(request: Request) -> HTTPResponse:
    token = request.cookies.get(LOGIN_CSRF)
    if not token or request.form.get("csrf") != token:
        return response.redirect("/login")
    with session_scope() as db:
        form = request.form
        attempt = log_in(db, form.get("email", ""), form.get("password", ""), datetime.utcnow())
    if attempt.user is None:
        error = "locked" if attempt.locked else "wrong"
        return page(request, "login.html", status=401, csrf=token, error=error)
    result = response.redirect("/conversations")
    session = sessions.new_session(attempt.user.email, attempt.stamp)
    cookie = sessions.encode(session, request.app.ctx.settings.secret)
    set_cookie(result, sessions.COOKIE, cookie, request)
    return result


@bp.post("/logout")
async def logout(request: Request) -> HTTPResponse:
    result = response.redirect("/login")
    set_cookie(result, sessions.COOKIE, "", request)
    result.cookies[sessions.COOKIE]["max-age"] = 0
    return result


@bp.get("/")
async def home(_: Request) -> HTTPResponse:
    return response.redirect("/conversations")
