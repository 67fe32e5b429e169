"""The staff console (`python -m bot.console`): server-rendered pages on Sanic, Rasa's own web
framework (already installed with Rasa, so no second stack to keep up to date), with Jinja2.

Every page needs a login; forms carry a CSRF token; roles decide what a user may open.
"""

from __future__ import annotations

import argparse
import os
import secrets
from dataclasses import replace
from datetime import datetime
from pathlib import Path
from typing import Any

import segno
import yaml
from jinja2 import Environment, FileSystemLoader, select_autoescape
from sanic import Sanic, response
from sanic.request import Request
from sanic.response import HTTPResponse
from sqlalchemy import func

from bot.cases.domain import Case
from bot.cases.rules import current_step, law_for, still_to_do, term_for
from bot.console import conversations, nlu_export, sessions, staff
from bot.console.masking import mask
from bot.console.permissions import Action, StaffUser, masked_for, may, sees_case, sees_conversation
from bot.i18n.languages import languages
from bot.settings import ROOT, get_settings, load_dotenv
from bot.store.db import engine_for, get_engine, session_scope
from bot.store.linking import issue_code
from bot.store.models import CaseRow, ChannelLink
from bot.store.repository import CaseRepository

TEMPLATES = Path(__file__).resolve().parent / "templates"
LOGIN_CSRF = "wegwijs_login_csrf"


def build_console(secret: str, tracker_url: str) -> Sanic:
    app = Sanic("wegwijs_console")
    pages = Environment(
        loader=FileSystemLoader(TEMPLATES), autoescape=select_autoescape(default=True)
    )
    tracker = engine_for(tracker_url)
    domain = yaml.safe_load((ROOT / "domain.yml").read_text(encoding="utf-8"))
    intents = sorted(str(intent) for intent in domain["intents"])

    def page(name: str, request: Request, status: int = 200, **values: Any) -> HTTPResponse:
        html = pages.get_template(name).render(
            user=getattr(request.ctx, "user", None),
            session=getattr(request.ctx, "session", None),
            **values,
        )
        return response.html(html, status=status)

    def set_cookie(result: HTTPResponse, name: str, value: str, request: Request) -> None:
        result.cookies[name] = value
        result.cookies[name]["httponly"] = True
        result.cookies[name]["samesite"] = "Strict"
        result.cookies[name]["secure"] = (
            request.scheme == "https" or os.environ.get("CONSOLE_SECURE_COOKIES") == "true"
        )
        result.cookies[name]["path"] = "/"

    @app.middleware("request")
    async def require_login(request: Request) -> HTTPResponse | None:
        request.ctx.user = request.ctx.session = None
        if request.path in ("/login", "/health", "/favicon.ico"):
            return None
        session = sessions.decode(request.cookies.get(sessions.COOKIE), secret)
        user = None
        if session:
            with session_scope() as db:
                user = staff.find_user(db, session.email)
        if session is None or user is None:
            return response.redirect("/login")
        if request.method == "POST" and request.form.get("csrf") != session.csrf:
            return response.text("The form expired; go back and try again.", status=403)
        request.ctx.user, request.ctx.session = user, session
        return None

    def forbidden(request: Request) -> HTTPResponse:
        return page("forbidden.html", request, status=403)

    @app.get("/health")
    async def health(_: Request) -> HTTPResponse:
        return response.json({"status": "ok"})

    @app.get("/login")
    async def login_form(request: Request) -> HTTPResponse:
        # Keep an existing token: a second tab or a favicon request must not void the first form.
        token = request.cookies.get(LOGIN_CSRF) or secrets.token_urlsafe(24)
        result = page("login.html", request, csrf=token, error=None)
        set_cookie(result, LOGIN_CSRF, token, request)
        return result

    @app.post("/login")
    async def login(request: Request) -> HTTPResponse:
        token = request.cookies.get(LOGIN_CSRF)
        if not token or request.form.get("csrf") != token:
            return response.redirect("/login")
        with session_scope() as db:
            form = request.form
            attempt = staff.log_in(
                db, form.get("email", ""), form.get("password", ""), datetime.utcnow()
            )
        if attempt.user is None:
            error = "locked" if attempt.locked else "wrong"
            return page("login.html", request, status=401, csrf=token, error=error)
        result = response.redirect("/conversations")
        cookie = sessions.encode(sessions.new_session(attempt.user.email), secret)
        set_cookie(result, sessions.COOKIE, cookie, request)
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

    def visible_senders(user: StaffUser) -> frozenset[str] | None:
        """None: all conversations; else the senders of the consultant's own linked cases."""
        if may(user, Action.REVIEW_CONVERSATIONS) or user.role.value == "admin":
            return None
        with session_scope() as db:
            rows = (
                db.query(ChannelLink.sender_id)
                .join(CaseRow, CaseRow.id == ChannelLink.case_id)
                .filter(func.lower(CaseRow.consultant_email) == user.email)
            )
            return frozenset(sender for (sender,) in rows)

    @app.get("/conversations")
    async def conversation_list(request: Request) -> HTTPResponse:
        user: StaffUser = request.ctx.user
        if not may(user, Action.READ_CONVERSATIONS):
            return forbidden(request)
        args = request.args
        filters = conversations.Filters(
            channel=args.get("channel", "")
            if args.get("channel", "") in ("", "rest", "tg", "web")
            else "",
            intent=args.get("intent", "")[:64],
            fallback=args.get("fallback") == "1",
            handoff=args.get("handoff") == "1",
            thumbs_down=args.get("thumbs_down") == "1",
            search=args.get("q", "")[:200],
            page=int(args.get("page", "1")) if args.get("page", "1").isdigit() else 1,
            only=visible_senders(user),
        )
        if args.get("unreviewed") == "1":
            with session_scope() as db:
                filters = replace(filters, without=staff.reviewed_senders(db))
        items, total = conversations.list_conversations(tracker, filters)
        return page(
            "conversations.html",
            request,
            items=items,
            total=total,
            filters=filters,
            args=args,
            page_size=conversations.PAGE_SIZE,
        )

    @app.get("/conversations/<sender_id:path>")
    async def conversation(request: Request, sender_id: str) -> HTTPResponse:
        user: StaffUser = request.ctx.user
        with session_scope() as db:
            link = db.get(ChannelLink, sender_id)
            case = db.get(CaseRow, link.case_id) if link else None
            if not sees_conversation(
                user, case.consultant_email if case else None, linked=link is not None
            ):
                return forbidden(request)
            staff.audit(db, user.email, "view_transcript", sender_id)
        turns = conversations.transcript(tracker, sender_id)
        if masked_for(user):
            turns = [replace(turn, text=mask(turn.text)) for turn in turns]
        return page(
            "transcript.html",
            request,
            sender_id=sender_id,
            turns=turns,
            masked=masked_for(user),
            intents=intents,
            may_review=may(user, Action.REVIEW_CONVERSATIONS),
        )

    @app.post("/conversations/<sender_id:path>/reviewed")
    async def reviewed(request: Request, sender_id: str) -> HTTPResponse:
        user: StaffUser = request.ctx.user
        if not may(user, Action.REVIEW_CONVERSATIONS):
            return forbidden(request)
        with session_scope() as db:
            staff.mark_reviewed(db, sender_id, user.email, datetime.utcnow())
            staff.audit(db, user.email, "mark_reviewed", sender_id)
        return response.redirect(f"/conversations/{sender_id}")

    @app.post("/conversations/<sender_id:path>/flag")
    async def flag(request: Request, sender_id: str) -> HTTPResponse:
        user: StaffUser = request.ctx.user
        form = request.form
        intent, language = form.get("intent", ""), form.get("language", "")
        if (
            not may(user, Action.REVIEW_CONVERSATIONS)
            or intent not in intents
            or language not in languages()
        ):
            return forbidden(request)
        with session_scope() as db:
            staff.flag_message(
                db, sender_id, form.get("text", "")[:2000], language, intent, user.email
            )
            staff.audit(db, user.email, "flag_message", sender_id)
        return response.redirect(f"/conversations/{sender_id}")

    @app.get("/export")
    async def export_page(request: Request) -> HTTPResponse:
        user: StaffUser = request.ctx.user
        if not may(user, Action.EXPORT_NLU):
            return forbidden(request)
        with session_scope() as db:
            files = nlu_export.export(staff.flags(db))
            staff.audit(db, user.email, "export_nlu", ",".join(sorted(files)))
        return page("export.html", request, files=files)

    @app.get("/export/<filename>")
    async def export_file(request: Request, filename: str) -> HTTPResponse:
        language = filename.removesuffix(".yml")
        user: StaffUser = request.ctx.user
        if not may(user, Action.EXPORT_NLU):
            return forbidden(request)
        with session_scope() as db:
            files = nlu_export.export(staff.flags(db))
            staff.audit(db, user.email, "export_nlu", language)
        if language not in files:
            return response.text("no flagged messages in this language", status=404)
        headers = {"Content-Disposition": f'attachment; filename="flagged-{language}.yml"'}
        return response.text(
            files[language], content_type="text/yaml; charset=utf-8", headers=headers
        )

    @app.get("/handoffs")
    async def handoff_queue(request: Request) -> HTTPResponse:
        user: StaffUser = request.ctx.user
        if not may(user, Action.HANDLE_HANDOFFS):
            return forbidden(request)
        with session_scope() as db:
            items = staff.handoffs(db, None if user.role.value == "admin" else user.email)
        return page("handoffs.html", request, items=items)

    @app.post("/handoffs/<handoff_id:int>")
    async def handoff_update(request: Request, handoff_id: int) -> HTTPResponse:
        user: StaffUser = request.ctx.user
        if not may(user, Action.HANDLE_HANDOFFS):
            return forbidden(request)
        own = None if user.role.value == "admin" else user.email
        handled = request.form.get("handled") == "1"
        with session_scope() as db:
            if not staff.update_handoff(db, handoff_id, user.email, handled, own):
                return forbidden(request)
            staff.audit(db, user.email, "handoff", str(handoff_id))
        return response.redirect("/handoffs")

    def case_allowed(user: StaffUser, row: CaseRow | None) -> bool:
        return (
            row is not None
            and may(user, Action.VIEW_CASES)
            and sees_case(user, row.consultant_email)
        )

    @app.get("/cases")
    async def case_search(request: Request) -> HTTPResponse:
        user: StaffUser = request.ctx.user
        if not may(user, Action.VIEW_CASES):
            return forbidden(request)
        words = request.args.get("q", "").strip()[:100]
        with session_scope() as db:
            query = db.query(CaseRow).order_by(CaseRow.case_ref)
            if words:
                like = f"%{words.lower()}%"
                query = query.filter(
                    func.lower(CaseRow.case_ref).like(like)
                    | func.lower(CaseRow.full_name).like(like)
                )
            rows = [r for r in query.limit(500) if sees_case(user, r.consultant_email)][:100]
            items = [
                (r.case_ref, r.full_name, r.category, r.route or "", r.consultant_name or "")
                for r in rows
            ]
        return page("cases.html", request, items=items, q=words)

    @app.get("/cases/<case_ref>")
    async def case_view(request: Request, case_ref: str) -> HTTPResponse:
        user: StaffUser = request.ctx.user
        with session_scope() as db:
            row = db.query(CaseRow).filter(CaseRow.case_ref == case_ref).one_or_none()
            if not case_allowed(user, row):
                return forbidden(request)
            case = CaseRepository(db).get(case_ref)
            staff.audit(db, user.email, "view_case", case_ref)
        assert case is not None
        return page("case.html", request, case=case, facts=case_facts(case), code=None, qr=None)

    @app.post("/cases/<case_ref>/link-code")
    async def case_link_code(request: Request, case_ref: str) -> HTTPResponse:
        user: StaffUser = request.ctx.user
        with session_scope() as db:
            row = db.query(CaseRow).filter(CaseRow.case_ref == case_ref).one_or_none()
            if not case_allowed(user, row) or not may(user, Action.MAKE_LINK_CODES):
                return forbidden(request)
            code = issue_code(CaseRepository(db), case_ref, get_settings(), datetime.utcnow())
            case = CaseRepository(db).get(case_ref)
            staff.audit(db, user.email, "link_code", case_ref)
        assert case is not None
        bot_name = os.environ.get("TELEGRAM_BOT_USERNAME", "").strip().lstrip("@")
        link = f"https://t.me/{bot_name}?start={code}" if bot_name else None
        qr = segno.make(link or code).svg_inline(scale=5) if link or code else None
        return page(
            "case.html", request, case=case, facts=case_facts(case), code=code, link=link, qr=qr
        )

    @app.get("/admin/users")
    async def users(request: Request) -> HTTPResponse:
        if not may(request.ctx.user, Action.MANAGE_USERS):
            return forbidden(request)
        with session_scope() as db:
            return page("users.html", request, users=staff.all_users(db))

    return app


def case_facts(case: Case) -> dict[str, Any]:
    """What the rules make of a case, as the assistant would answer it."""
    term = term_for(case)
    return {
        "law": law_for(case.obligation_start).value,
        "step": current_step(case),
        "term": term,
        "todo": [item.value for item in still_to_do(case)],
    }


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
