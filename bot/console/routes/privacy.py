"""Privacy requests (admins): find a person by case reference or sender, download everything
kept about them as JSON (AVG art. 15), erase it with a receipt in the audit log (art. 17).

The work is done by bot.store.access, which uses the one forget flow (bot.store.forget).
"""

from __future__ import annotations

import asyncio
import json
from datetime import timedelta
from typing import Any
from urllib.parse import urlencode

from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

from bot.console.permissions import Action
from bot.console.staff.audit import audit
from bot.console.web import page, requires, translator_of, user_of
from bot.store.access import Person, UnknownCase, erase, export, find_person, record_export
from bot.store.db import get_engine, session_scope
from bot.store.forget import fingerprint

bp = Blueprint("privacy")


def asked(source: Any) -> dict[str, str]:
    """The case reference or sender id a form or link asks about (one of them)."""
    case_ref = str(source.get("case_ref", "")).strip()[:64]
    sender = "" if case_ref else str(source.get("sender", "")).strip()[:255]
    return {"case_ref": case_ref, "sender": sender}


def _find(request: Request, wanted: dict[str, str]) -> tuple[Person | None, str | None]:
    """The person, or why not (in the staff member's language)."""
    _ = translator_of(request)
    try:
        return find_person(get_engine(), wanted["case_ref"], wanted["sender"]), None
    except UnknownCase:
        return None, _("There is no case with reference %(ref)s.", ref=wanted["case_ref"])


def overview(request: Request, person: Person) -> list[dict[str, Any]]:
    """Per conversation: how many events and rows are kept, and when the purge deletes it."""
    data = export(person, get_engine(), request.app.ctx.tracker)
    days = request.app.ctx.settings.core.retention_days
    found = []
    for conversation in data["conversations"]:
        stamps = [e.get("timestamp") for e in conversation["events"] if e.get("event") == "user"]
        rows = sum(len(r) for r in conversation["tables"].values())
        last = max((s for s in stamps if isinstance(s, int | float)), default=None)
        found.append(
            {
                "sender_id": conversation["sender_id"],
                "events": len(conversation["events"]),
                "rows": rows,
                "deleted_on": None if last is None else last + timedelta(days=days).total_seconds(),
            }
        )
    return found


def privacy_page(
    request: Request, wanted: dict[str, str], status: int = 200, **values: Any
) -> HTTPResponse:
    person, error = (None, None)
    if wanted["case_ref"] or wanted["sender"]:
        person, error = _find(request, wanted)
    conversations = overview(request, person) if person else []
    if person is not None:
        with session_scope() as db:
            audit(db, user_of(request).email, "privacy_lookup", person.describe()[:255])
    result = page(
        request,
        "privacy.html",
        status=404 if error else status,
        wanted=wanted,
        query=urlencode(wanted),
        person=person,
        conversations=conversations,
        error=error,
        **values,
    )
    result.headers["Cache-Control"] = "no-store"
    return result


@bp.get("/admin/privacy")
@requires(Action.HANDLE_PRIVACY_REQUESTS)
async def privacy_requests(request: Request) -> HTTPResponse:
    return privacy_page(request, asked(request.args))


@bp.get("/admin/privacy/export")
@requires(Action.HANDLE_PRIVACY_REQUESTS)
async def download(request: Request) -> HTTPResponse:
    wanted = asked(request.args)
    person = _find(request, wanted)[0]
    if person is None:  # the page says why
        return privacy_page(request, wanted)
    data = await asyncio.to_thread(export, person, get_engine(), request.app.ctx.tracker)
    record_export(get_engine(), person, user_of(request).email)
    name = person.case_ref if not person.found_by_sender else fingerprint(person.senders[0])
    safe = "".join(c if c.isalnum() or c in "-_" else "-" for c in str(name))
    return response.text(
        json.dumps(data, ensure_ascii=False, indent=2),
        content_type="application/json; charset=utf-8",
        headers={
            "Content-Disposition": f'attachment; filename="wegwijs-{safe}.json"',
            "Cache-Control": "no-store",
        },
    )


@bp.post("/admin/privacy/erase")
@requires(Action.HANDLE_PRIVACY_REQUESTS)
async def erase_request(request: Request) -> HTTPResponse:
    wanted, _ = asked(request.form), translator_of(request)
    person = _find(request, wanted)[0]
    if person is None:  # the page says why
        return privacy_page(request, wanted)
    if request.form.get("confirm") != "yes":
        refusal = _("Tick the box to confirm that this person asked for erasure.")
        return privacy_page(request, wanted, status=400, refusal=refusal)
    actor = user_of(request).email
    receipt = await asyncio.to_thread(erase, person, get_engine(), request.app.ctx.tracker, actor)
    done = _(
        "Erased: %(count)s conversation(s), %(rows)s row(s). The receipt is in the audit log.",
        count=receipt.conversations,
        rows=receipt.rows,
    )
    return privacy_page(request, wanted, done=done)
