"""The staff console (`python -m bot.console`): server-rendered pages on Sanic, Rasa's own web
framework (already installed with Rasa, so no second stack to keep up to date), with Jinja2.

Every page needs a login; forms carry a CSRF token; roles decide what a user may open. The pages
themselves live in `bot.console.routes`, one blueprint per area.
"""

from __future__ import annotations

import argparse
import asyncio
from datetime import datetime, timezone
from pathlib import Path

import yaml
from jinja2 import Environment, FileSystemLoader, select_autoescape
from sanic import Sanic, response
from sanic.request import Request
from sanic.response import HTTPResponse

from bot import health, logs
from bot.console import login_guard, sessions, visible
from bot.console.conversations import LOCAL
from bot.console.i18n import LANGUAGES
from bot.console.routes import (
    account,
    admin,
    cases,
    conversations,
    export,
    handoffs,
    login,
    privacy,
    statistics,
)
from bot.console.staff.accounts import session_user
from bot.console.web import translator_of
from bot.push.client import PushClient
from bot.settings import ROOT, ConsoleSettings, PushSettings
from bot.store.db import engine_for, get_engine, session_scope

TEMPLATES = Path(__file__).resolve().parent / "templates"
INDEX_INTERVAL_SECONDS = 5.0
ROUTES = (login, account, admin, cases, conversations, export, handoffs, privacy, statistics)


def build_console(settings: ConsoleSettings, push: PushSettings | None = None) -> Sanic:
    push = push or PushSettings.from_env()
    app = Sanic("wegwijs_console")
    app.ctx.settings = settings
    app.ctx.push = PushClient(push.rasa_url, push.token)  # staff replies reach the chat
    app.ctx.sign_with_name = push.sign_with_name
    app.ctx.pages = pages()
    app.ctx.tracker = engine_for(settings.tracker_store_url)
    domain = yaml.safe_load((ROOT / "domain.yml").read_text(encoding="utf-8"))
    app.ctx.intents = sorted(str(intent) for intent in domain["intents"])
    for module in ROUTES:
        app.blueprint(module.bp)
    app.register_listener(start_indexing, "before_server_start")
    app.register_middleware(require_login, "request")
    health.add_routes(
        app,
        {
            "case_store": health.database(get_engine),
            "tracker_store": health.database(lambda: app.ctx.tracker),
        },
    )
    return app


def pages() -> Environment:
    """The console's templates; each page gets the staff member's translator as `_`."""
    environment = Environment(
        loader=FileSystemLoader(TEMPLATES),
        autoescape=select_autoescape(default=True),
        finalize=visible.finalize,  # control and bidi characters shown, never raw
    )
    environment.filters["local"] = local_time
    environment.filters["urlencode"] = visible.urlencode
    environment.filters["unix_day"] = unix_day
    return environment


async def start_indexing(app: Sanic, _: asyncio.AbstractEventLoop) -> None:
    app.ctx.hashing = asyncio.Semaphore(login_guard.HASHING_AT_ONCE)
    app.ctx.failed_logins = login_guard.address_failures()
    app.ctx.index_lock = asyncio.Lock()
    app.ctx.index_error = ""
    app.add_task(keep_indexing(app))


async def require_login(request: Request) -> HTTPResponse | None:
    """Every page but the public ones needs a valid session; every form its CSRF token."""
    request.ctx.user = request.ctx.session = None
    if request.path in login.PUBLIC:
        return None
    session = sessions.decode(request.cookies.get(sessions.COOKIE), request.app.ctx.settings.secret)
    user = None
    if session:
        with session_scope() as db:
            user = session_user(db, session.email, session.stamp)
    if session is None or user is None:
        return response.redirect("/login")
    if request.method == "POST" and request.form.get("csrf") != session.csrf:
        _ = translator_of(request)
        return response.text(_("The form has expired; go back and try again."), status=403)
    request.ctx.user, request.ctx.session = user, session
    return None


def local_time(moment: datetime, pattern: str = "%Y-%m-%d %H:%M") -> str:
    """A stored UTC time (naive) or an aware time, as the clock in the Netherlands shows it."""
    aware = moment if moment.tzinfo else moment.replace(tzinfo=timezone.utc)
    return aware.astimezone(LOCAL).strftime(pattern)


def unix_day(timestamp: float) -> str:
    """A Unix time as the day in the Netherlands (the deletion date of a conversation)."""
    return local_time(datetime.fromtimestamp(timestamp, timezone.utc), "%Y-%m-%d")


async def keep_indexing(app: Sanic) -> None:
    """Index new conversations in the background, so that pages rarely wait for it."""
    while True:
        await conversations.update_index(app, patience=None)
        await asyncio.sleep(INDEX_INTERVAL_SECONDS)


def main() -> int:
    settings = ConsoleSettings.from_env()
    parser = argparse.ArgumentParser(description="Wegwijs staff console")
    parser.add_argument("--host", default=settings.host)
    parser.add_argument("--port", type=int, default=settings.port)
    args = parser.parse_args()
    if not settings.secret:
        raise SystemExit("CONSOLE_SECRET is not set (run: python -m bot env init)")
    if settings.language not in LANGUAGES:
        raise SystemExit(f"CONSOLE_LANGUAGE must be one of: {', '.join(LANGUAGES)}")
    logs.configure()
    get_engine()  # fail early when the case store is unreachable
    app = build_console(settings)
    app.run(host=args.host, port=args.port, workers=1, access_log=False)
    return 0
