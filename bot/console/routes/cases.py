"""Cases: search, import (the CLI's importer), the case page with what the rules make of it,
and one-time link codes."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import segno
from sanic import Blueprint
from sanic.request import Request
from sanic.response import HTTPResponse
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from bot.cases.domain import Case
from bot.cases.importer import CaseCheck, NotUtf8, ParseResult, decode, kind_of, parse_text
from bot.cases.rules import current_step, law_for, still_to_do, term_for
from bot.console.i18n import N_, Refusal
from bot.console.permissions import Action, Role, StaffUser, sees_case
from bot.console.staff.audit import audit
from bot.console.web import allowed, forbidden, page, requires, translator_of, user_of
from bot.reminders.store import History
from bot.reminders.store import history as reminder_history
from bot.store.case_import import Imported, save_cases
from bot.store.db import session_scope
from bot.store.linking import issue_code
from bot.store.models import CaseRow
from bot.store.repository import CaseRepository

bp = Blueprint("cases")
MAX_MB = 5  # a municipality's export of thousands of cases fits easily
MAX_UPLOAD = MAX_MB * 1024 * 1024


def case_facts(case: Case) -> dict[str, Any]:
    """What the rules make of a case, as the assistant would answer it."""
    return {
        "law": law_for(case.obligation_start).value,
        "step": current_step(case),
        "term": term_for(case),
        "todo": [item.value for item in still_to_do(case)],
    }


def case_allowed(user: StaffUser, row: CaseRow | None) -> bool:
    """The case exists and is in this user's caseload (all cases for an admin)."""
    return row is not None and sees_case(user, row.consultant_email)


@bp.get("/cases")
@requires(Action.VIEW_CASES)
async def case_search(request: Request) -> HTTPResponse:
    user = user_of(request)
    words = request.args.get("q", "").strip()[:100]
    with session_scope() as db:
        query = db.query(CaseRow).order_by(CaseRow.case_ref)
        if words:
            like = f"%{words.lower()}%"
            query = query.filter(
                func.lower(CaseRow.case_ref).like(like) | func.lower(CaseRow.full_name).like(like)
            )
        if user.role is not Role.ADMIN:  # the caseload is part of the query, not a filter after it
            query = query.filter(func.lower(CaseRow.consultant_email) == user.email.lower())
        rows = list(query.limit(100))
        items = [
            (r.case_ref, r.full_name, r.category, r.route or "", r.consultant_name or "")
            for r in rows
        ]
    may_import = allowed(request, Action.IMPORT_CASES)
    return page(request, "cases.html", items=items, q=words, may_import=may_import)


# --- import ----------------------------------------------------------------------------------
class UploadRefused(Refusal):
    """An upload that cannot be read at all; the status is the HTTP status of the page."""

    def __init__(self, message: str, status: int = 400, **values: object) -> None:
        super().__init__(message, **values)
        self.status = status


@dataclass(frozen=True)
class Upload:
    name: str
    kind: str
    text: str


def file_name(sent: str | None) -> str:
    """The uploaded file's own name (no client-side folders), short enough for the audit log."""
    name = re.split(r"[\\/]", sent or "")[-1].strip()
    return name[:200]


def read_upload(name: str, data: bytes) -> Upload:
    """The uploaded file as text, checked the way `python -m bot cases import` checks a file."""
    if not name:
        raise UploadRefused("First choose a file (.json or .csv).")
    kind = kind_of(name)
    if kind is None:
        raise UploadRefused(
            "'%(name)s' is not a .json or .csv file. Export the cases as JSON or CSV.", name=name
        )
    if len(data) > MAX_UPLOAD:
        raise UploadRefused(
            "'%(name)s' is larger than %(mb)s MB. Split the file and import the parts one by one.",
            status=413,
            name=name,
            mb=MAX_MB,
        )
    try:
        return Upload(name, kind, decode(data))
    except NotUtf8 as error:
        raise UploadRefused(
            "'%(name)s' is not UTF-8 text (first error on line %(line)s). Save the file as UTF-8"
            " (in Excel: CSV UTF-8) and try again.",
            name=name,
            line=error.line,
        ) from None


def caseload_problems(
    user: StaffUser, case: Case, owners: Mapping[str, str | None]
) -> list[tuple[str, str]]:
    """Why this user may not import this case, as (field, reason); empty when they may.

    Admins import anything. A consultant imports only cases of their own caseload: the file
    must name them as consultant, and an existing case must already be theirs (no taking over
    a colleague's case by importing it under one's own name).
    """
    problems = []
    if not sees_case(user, case.consultant.email):
        named = case.consultant.email or "geen"
        problems.append(
            (
                "consultant.email",
                f"consulent '{named}' is niet jouw e-mailadres ({user.email}); "
                "je mag alleen dossiers van je eigen caseload importeren",
            )
        )
    if case.case_ref in owners and not sees_case(user, owners[case.case_ref]):
        problems.append(
            ("case_ref", f"dossier '{case.case_ref}' bestaat al en hoort bij een andere consulent")
        )
    return problems


def caseload_check(user: StaffUser, owners: Mapping[str, str | None]) -> CaseCheck | None:
    """The importer's extra check for this user; None for admins (no limits)."""
    if user.role is Role.ADMIN:
        return None
    return lambda case: caseload_problems(user, case, owners)


def case_owners(db: Session) -> dict[str, str | None]:
    """Every case's consultant e-mail by case_ref (one query; what a consultant may overwrite)."""
    rows = db.execute(select(CaseRow.case_ref, CaseRow.consultant_email))
    return {row.case_ref: row.consultant_email for row in rows}


def run_import(db: Session, user: StaffUser, upload: Upload) -> tuple[ParseResult, Imported | None]:
    """Parse and check the whole file; write it in the caller's transaction only if all is well."""
    owners = case_owners(db) if user.role is not Role.ADMIN else {}
    result = parse_text(upload.text, upload.name, upload.kind, caseload_check(user, owners))
    return result, None if result.problems else save_cases(db, result.cases)


@bp.get("/cases/import")
@requires(Action.IMPORT_CASES)
async def import_form(request: Request) -> HTTPResponse:
    return page(request, "import.html", max_mb=MAX_MB)


@bp.post("/cases/import")
@requires(Action.IMPORT_CASES)
async def import_upload(request: Request) -> HTTPResponse:
    user = user_of(request)
    sent = request.files.get("file") if request.files else None
    name = file_name(sent.name if sent else None)
    values: dict[str, Any] = {"filename": name, "max_mb": MAX_MB}
    with session_scope() as db:
        audit(db, user.email, "import_cases", name or "(geen bestand)")
        try:
            result, imported = run_import(db, user, read_upload(name, sent.body if sent else b""))
        except UploadRefused as refused:
            error = refused.text(translator_of(request))
            return page(request, "import.html", status=refused.status, error=error, **values)
    status = 200 if imported else 422
    return page(
        request, "import.html", status=status, problems=result.problems, imported=imported, **values
    )


REMINDER_KINDS = {
    "term_6m": N_("6 months before the end of the term"),
    "term_3m": N_("3 months before the end of the term"),
    "term_2m": N_("2 months before the end of the term"),
    "term_over": N_("after the end of the term"),
    "exam": N_("the day before an exam"),
    "pvt": N_("the day before the PVT"),
    "map": N_("the day before the MAP"),
    "new_exam": N_("new exam date"),
    "new_pvt": N_("new PVT date"),
    "new_map": N_("new MAP date"),
}
REMINDER_STATUSES = {
    "pending": N_("planned"),
    "sending": N_("being sent"),
    "sent": N_("sent"),
    "skipped": N_("not sent"),
    "outdated": N_("not sent: the date changed"),
    "failed": N_("failed"),
}


def case_page(
    request: Request, case: Case, reminders: list[History], **values: Any
) -> HTTPResponse:
    """The case page: the case, what the rules make of it, and its reminders."""
    _ = translator_of(request)
    return page(
        request,
        "case.html",
        case=case,
        facts=case_facts(case),
        reminders=reminders,
        reminder_kinds={kind: _(name) for kind, name in REMINDER_KINDS.items()},
        reminder_statuses={status: _(name) for status, name in REMINDER_STATUSES.items()},
        **values,
    )


@bp.get("/cases/<case_ref>")
@requires(Action.VIEW_CASES)
async def case_view(request: Request, case_ref: str) -> HTTPResponse:
    user = user_of(request)
    with session_scope() as db:
        row = db.query(CaseRow).filter(CaseRow.case_ref == case_ref).one_or_none()
        if not case_allowed(user, row):
            return forbidden(request)
        case = CaseRepository(db).get(case_ref)
        reminders = reminder_history(db, row.id)
        audit(db, user.email, "view_case", case_ref)
    assert case is not None
    return case_page(request, case, reminders, code=None, qr=None)


@bp.post("/cases/<case_ref>/link-code")
@requires(Action.MAKE_LINK_CODES)
async def case_link_code(request: Request, case_ref: str) -> HTTPResponse:
    user = user_of(request)
    with session_scope() as db:
        row = db.query(CaseRow).filter(CaseRow.case_ref == case_ref).one_or_none()
        if not case_allowed(user, row):
            return forbidden(request)
        settings = request.app.ctx.settings
        code = issue_code(CaseRepository(db), case_ref, settings.core, datetime.utcnow())
        case = CaseRepository(db).get(case_ref)
        reminders = reminder_history(db, row.id)
        audit(db, user.email, "link_code", case_ref)
    assert case is not None
    bot_name = settings.telegram_bot_username
    link = f"https://t.me/{bot_name}?start={code}" if bot_name else None
    qr = segno.make(link or code).svg_inline(scale=5)
    return case_page(request, case, reminders, code=code, link=link, qr=qr)
