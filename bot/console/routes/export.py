"""Flagged user messages as Rasa NLU YAML, one file per language, for the next training round."""

from __future__ import annotations

from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

from bot.console import nlu_export
from bot.console.permissions import Action
from bot.console.staff.audit import audit
from bot.console.staff.flags import flags
from bot.console.web import page, requires, translator_of, user_of
from bot.store.db import session_scope

bp = Blueprint("export")


@bp.get("/export")
@requires(Action.EXPORT_NLU)
async def export_page(request: Request) -> HTTPResponse:
    with session_scope() as db:
        files = nlu_export.export(flags(db))
        audit(db, user_of(request).email, "export_nlu", ",".join(sorted(files)))
    return page(request, "export.html", files=files)


@bp.get("/export/<filename>")
@requires(Action.EXPORT_NLU)
async def export_file(request: Request, filename: str) -> HTTPResponse:
    language = filename.removesuffix(".yml")
    with session_scope() as db:
        files = nlu_export.export(flags(db))
        audit(db, user_of(request).email, "export_nlu", language)
    if language not in files:
        _ = translator_of(request)
        return response.text(_("There are no flagged messages in this language."), status=404)
    headers = {"Content-Disposition": f'attachment; filename="flagged-{language}.yml"'}
    return response.text(files[language], content_type="text/yaml; charset=utf-8", headers=headers)
