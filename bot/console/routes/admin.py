"""Admin pages: staff accounts, the effective settings (read-only) and the audit log.

Generated passwords are shown once, on the response to the POST that made them, and never stored
in plain text or put in a URL. Every change is written to the audit log by
`bot.console.staff.accounts`.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse
from sqlalchemy.orm import Session

from bot.console.config_view import configuration
from bot.console.i18n import N_
from bot.console.permissions import Action, Role
from bot.console.staff import accounts
from bot.console.staff.audit import AUDIT_LIMIT, audit, audit_actions, audit_log
from bot.console.web import page, requires, translator_of, user_of
from bot.i18n.languages import languages
from bot.store.db import session_scope

bp = Blueprint("admin")
ROLES = tuple(role.value for role in Role)
DONE = {  # ?done=<key> after a change: fixed texts, so no request text is echoed into the page
    "role": N_("The role has been changed."),
    "unlock": N_("The account has been unlocked."),
    "delete": N_("The user has been deleted."),
}


def users_page(
    request: Request,
    status: int = 200,
    error: accounts.AccountError | None = None,
    notice: str | None = None,
    password_for: tuple[str, str] | None = None,
) -> HTTPResponse:
    """The users page; `password_for` (e-mail, password) shows a new password this one time;
    `notice` is in the staff member's language already."""
    with session_scope() as db:
        listing = accounts.accounts(db, datetime.utcnow())
    result = page(
        request,
        "users.html",
        status=status,
        accounts=listing,
        roles=ROLES,
        error=error.text(translator_of(request)) if error else None,
        notice=notice,
        password_for=password_for,
    )
    result.headers["Cache-Control"] = "no-store"  # the page may hold a one-time password
    return result


@bp.get("/admin/users")
@requires(Action.MANAGE_USERS)
async def users(request: Request) -> HTTPResponse:
    done, _ = request.args.get("done", ""), translator_of(request)
    return users_page(request, notice=_(DONE[done]) if done in DONE else None)


@bp.post("/admin/users")
@requires(Action.MANAGE_USERS)
async def create(request: Request) -> HTTPResponse:
    form, actor = request.form, user_of(request).email
    try:
        with session_scope() as db:
            email = accounts.valid_email(form.get("email", ""))
            password = accounts.add_user(
                db, actor, email, form.get("name", ""), form.get("role", "")
            )
    except accounts.AccountError as error:
        return users_page(request, status=400, error=error)
    _ = translator_of(request)
    notice = _("%(email)s has been created.", email=email)
    return users_page(request, notice=notice, password_for=(email, password))


def change(request: Request, done: str, apply: Callable[[Session, str, str], None]) -> HTTPResponse:
    """One account change from a form with `email`; on success back to the list (POST/redirect)."""
    try:
        with session_scope() as db:
            apply(db, user_of(request).email, request.form.get("email", ""))
    except accounts.AccountError as error:
        return users_page(request, status=400, error=error)
    return response.redirect(f"/admin/users?done={done}")


@bp.post("/admin/users/role")
@requires(Action.MANAGE_USERS)
async def role(request: Request) -> HTTPResponse:
    chosen = request.form.get("role", "")
    return change(
        request, "role", lambda db, actor, email: accounts.change_role(db, actor, email, chosen)
    )


@bp.post("/admin/users/unlock")
@requires(Action.MANAGE_USERS)
async def unlock(request: Request) -> HTTPResponse:
    return change(request, "unlock", accounts.unlock)


@bp.post("/admin/users/delete")
@requires(Action.MANAGE_USERS)
async def delete(request: Request) -> HTTPResponse:
    return change(request, "delete", accounts.delete_user)


@bp.post("/admin/users/password")
@requires(Action.MANAGE_USERS)
async def password(request: Request) -> HTTPResponse:
    try:
        with session_scope() as db:
            email = accounts.valid_email(request.form.get("email", ""))
            new = accounts.reset_password(db, user_of(request).email, email)
    except accounts.AccountError as error:
        return users_page(request, status=400, error=error)
    _ = translator_of(request)
    notice = _("The password of %(email)s has been replaced.", email=email)
    return users_page(request, notice=notice, password_for=(email, new))


@bp.get("/admin/settings")
@requires(Action.MANAGE_SETTINGS)
async def settings(request: Request) -> HTTPResponse:
    enabled = {code: language.name for code, language in languages().items()}
    settings = request.app.ctx.settings
    sections = configuration(settings.environment, settings.core, enabled, translator_of(request))
    with session_scope() as db:
        audit(db, user_of(request).email, "view_settings")
    return page(request, "settings.html", sections=sections)


@bp.get("/admin/audit")
@requires(Action.MANAGE_USERS)
async def audit_page(request: Request) -> HTTPResponse:
    who, action = request.args.get("user", "")[:200], request.args.get("action", "")[:40]
    with session_scope() as db:
        audit(db, user_of(request).email, "view_audit", f"{who} {action}".strip())
        entries = audit_log(db, who, action)
        actions = audit_actions(db)
    return page(
        request,
        "audit.html",
        entries=entries,
        actions=actions,
        who=who,
        action=action,
        limit=AUDIT_LIMIT,
    )
