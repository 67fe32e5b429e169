"""Logging in and out, the health check and the start page."""

from __future__ import annotations

import asyncio
import secrets
from datetime import datetime

from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

from bot.console import login_guard, sessions
from bot.console.staff.accounts import LoginResult, log_in
from bot.console.web import page, set_cookie
from bot.store.db import session_scope

bp = Blueprint("login")
LOGIN_CSRF = "wegwijs_login_csrf"
PUBLIC = (
    "/login",
    "/health",
    "/healthz",
    "/readyz",
    "/metrics",
    "/favicon.ico",
)  # the only paths open without a login


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
    address = str(request.remote_addr or request.ip or "")
    wait = request.app.ctx.failed_logins.wait(address)
    if wait:
        result = page(request, "login.html", status=429, csrf=token, error="throttled")
        result.headers["Retry-After"] = str(max(1, round(wait)))
        return result
    secret = request.app.ctx.settings.secret
    email, password = request.form.get("email", ""), request.form.get("password", "")
    known = login_guard.is_known_device(
        request.cookies.get(login_guard.DEVICE_COOKIE), secret, email
    )
    async with request.app.ctx.hashing:  # password hashing off the event loop, a few at a time
        attempt = await asyncio.to_thread(attempt_login, email, password, known)
    if attempt.user is None:
        request.app.ctx.failed_logins.take(address)
        error = "locked" if attempt.locked else "wrong"
        return page(request, "login.html", status=401, csrf=token, error=error)
    result = response.redirect("/conversations")
    session = sessions.new_session(attempt.user.email, attempt.stamp)
    set_cookie(result, sessions.COOKIE, sessions.encode(session, secret), request)
    device = login_guard.device_token(secret, attempt.user.email)
    set_cookie(result, login_guard.DEVICE_COOKIE, device, request)
    result.cookies[login_guard.DEVICE_COOKIE]["max-age"] = login_guard.DEVICE_SECONDS
    return result


def attempt_login(email: str, password: str, known_device: bool) -> LoginResult:
    with session_scope() as db:
        return log_in(db, email, password, datetime.utcnow(), known_device)


@bp.post("/logout")
async def logout(request: Request) -> HTTPResponse:
    result = response.redirect("/login")
    set_cookie(result, sessions.COOKIE, "", request)
    result.cookies[sessions.COOKIE]["max-age"] = 0
    return result


@bp.get("/")
async def home(_: Request) -> HTTPResponse:
    return response.redirect("/conversations")
