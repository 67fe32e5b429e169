"""The staff console (`python -m bot.console`): server-rendered pages on Sanic, Rasa's own web
framework (already installed with Rasa, so no second stack to keep up to date), with Jinja2.

Every page needs a login; forms carry a CSRF token; roles decide what a user may open. The pages
themselves live in `bot.console.routes`, one blueprint per area.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import secrets
from datetime import datetime, timezone
from pathlib import Path

import yaml
from jinja2 import Environment, FileSystemLoader, select_autoescape
from sanic import Sanic, response
from sanic.request import Request
from sanic.response import HTTPResponse

from bot.console import login_guard, sessions, staff, visible
from bot.console.conversations import LOCAL
from bot.console.routes import (
    account,
    admin,
    cases,
    conversations,
    export,
    handoffs,
    statistics,
)
from bot.console.web import page, set_cookie
from bot.settings import ROOT, load_dotenv
from bot.store.db import engine_for, get_engine, session_scope

TEMPLATES = Path(__file__).resolve().parent / "templates"
LOGIN_CSRF = "wegwijs_login_csrf"
PUBLIC = ("/login", "/health", "/favicon.ico")
INDEX_INTERVAL_SECONDS = 5.0


def build_console(secret: str, tracker_url: str) -> Sanic:
    app = Sanic("wegwijs_console")
    app.ctx.pages = Environment(
        loader=FileSystemLoader(TEMPLATES),
        autoescape=select_autoescape(default=True),
        finalize=visible.finalize,  # control and bidi characters shown, never raw
    )
    app.ctx.pages.filters["urlencode"] = visible.urlencode
    app.ctx.tracker = engine_for(tracker_url)
    domain = yaml.safe_load((ROOT / "domain.yml").read_text(encoding="utf-8"))
    app.ctx.intents = sorted(str(intent) for intent in domain["intents"])
    app.ctx.pages.filters["local"] = local_time
    app.ctx.secret = secret
    for module in (account, admin, cases, conversations, export, handoffs, statistics):
        app.blueprint(module.bp)

    @app.before_server_start
    async def start_indexing(running: Sanic, _: asyncio.AbstractEventLoop) -> None:
        running.ctx.hashing = asyncio.Semaphore(login_guard.HASHING_AT_ONCE)
        running.ctx.failed_logins = login_guard.address_failures()
        running.ctx.index_lock = asyncio.Lock()
        running.ctx.index_error = ""
        running.add_task(keep_indexing(running))

    @app.middleware("request")
    async def require_login(request: Request) -> HTTPResponse | None:
        request.ctx.user = request.ctx.session = None
        if request.path in PUBLIC:
            return None
        session = sessions.decode(request.cookies.get(sessions.COOKIE), secret)
        user = None
        if session:
            with session_scope() as db:
                user = staff.session_user(db, session.email, session.stamp)
        if session is None or user is None:
            return response.redirect("/login")
        if request.method == "POST" and request.form.get("csrf") != session.csrf:
            return response.text("The form expired; go back and try again.", status=403)
        request.ctx.user, request.ctx.session = user, session
        return None

    @app.get("/health")
    async def health(_: Request) -> HTTPResponse:
        return response.json({"status": "ok"})

    @app.get("/login")
    async def login_form(request: Request) -> HTTPResponse:
        # Keep an existing token: a second tab or a favicon request must not void the first form.
        token = request.cookies.get(LOGIN_CSRF) or secrets.token_urlsafe(24)
        result = page(request, "login.html", csrf=token, error=None)
        set_cookie(result, LOGIN_CSRF, token, request)
        return result

    @app.post("/login")
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
        email, password = request.form.get("email", ""), request.form.get("password", "")
        known = login_guard.is_known_device(
            request.cookies.get(login_guard.DEVICE_COOKIE), secret, email
        )
        async with request.app.ctx.hashing:  # scrypt off the event loop, a few at a time
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

    @app.post("/logout")
    async def logout(request: Request) -> HTTPResponse:
        result = response.redirect("/login")
        set_cookie(result, sessions.COOKIE, "", request)
        result.cookies[sessions.COOKIE]["max-age"] = 0
        return result

    @app.get("/")
    async def home(_: Request) -> HTTPResponse:
        return response.redirect("/conversations")

    return app


def attempt_login(email: str, password: str, known_device: bool) -> staff.LoginResult:
    with session_scope() as db:
        return staff.log_in(db, email, password, datetime.utcnow(), known_device)


def local_time(moment: datetime, pattern: str = "%Y-%m-%d %H:%M") -> str:
    """A stored UTC time (naive) or an aware time, as the clock in the Netherlands shows it."""
    aware = moment if moment.tzinfo else moment.replace(tzinfo=timezone.utc)
    return aware.astimezone(LOCAL).strftime(pattern)


async def keep_indexing(app: Sanic) -> None:
    """Index new conversations in the background, so that pages rarely wait for it."""
    while True:
        await conversations.update_index(app, patience=None)
        await asyncio.sleep(INDEX_INTERVAL_SECONDS)


def main() -> int:
    parser = argparse.ArgumentParser(description="Wegwijs staff console")
    parser.add_argument("--host", default=os.environ.get("CONSOLE_HOST", "127.0.0.1"))
    parser.add_argument("--port", type=int, default=int(os.environ.get("CONSOLE_PORT", "8080")))
    args = parser.parse_args()
    load_dotenv(Path(__file__).resolve().parents[2] / ".env")
    secret = os.environ.get("CONSOLE_SECRET", "")
    if not secret:
        raise SystemExit("CONSOLE_SECRET is not set (run: python -m bot env init)")
    get_engine()  # fail early when the case store is unreachable
    app = build_console(secret, os.environ.get("TRACKER_STORE_URL", "sqlite:///var/tracker.db"))
    app.run(host=args.host, port=args.port, workers=1, access_log=False)
    return 0
