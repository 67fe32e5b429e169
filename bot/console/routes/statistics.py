"""Statistics with charts: use per day and channel, weak languages, top intents, thumbs, linking."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from functools import partial

from babel import Locale
from sanic import Blueprint
from sanic.request import Request
from sanic.response import HTTPResponse

from bot.console import charts, statistics
from bot.console.conversations import LOCAL
from bot.console.i18n import N_, Translator, translator
from bot.console.permissions import Action
from bot.console.routes.conversations import CHANNELS, update_index
from bot.console.web import page, requires, translator_of
from bot.store.db import session_scope

bp = Blueprint("statistics")
DEFAULT_DAYS = 30
MAX_DAYS = 366
CHANNEL_NAMES = {**{k: v for k, v in CHANNELS.items() if k}, "other": N_("other")}


def language_name(code: str, _: Translator | None = None) -> str:
    """A language's name in the staff member's language, by default the console's (Dutch);
    "" is a message in a language that was not recognised."""
    _ = _ or translator()
    return Locale(_.language).languages.get(code, code) if code else _("unknown")


def period(since: str, until: str, today: date) -> tuple[date, date]:
    """The chosen period; by default the last 30 days, at most a year, never reversed."""
    try:
        end = date.fromisoformat(until) if until else today
    except ValueError:
        end = today
    try:
        start = date.fromisoformat(since) if since else end - timedelta(days=DEFAULT_DAYS - 1)
    except ValueError:
        start = end - timedelta(days=DEFAULT_DAYS - 1)
    if start > end:
        start, end = end, start
    return max(start, end - timedelta(days=MAX_DAYS - 1)), end


def draw(figures: statistics.Statistics, _: Translator) -> dict[str, str]:
    days = [day.strftime("%d-%m") for day, _counts in figures.per_day]
    series = [
        charts.Series(name, [counts.get(channel, 0) for _day, counts in figures.per_day])
        for channel, name in channel_names(_).items()
        if channel != "other" or any(counts.get("other") for _day, counts in figures.per_day)
    ]
    names = [(language_name(f.language, _), f) for f in figures.languages]
    return {
        "per_day": charts.stacked_columns(_("Conversations per day per channel"), days, series),
        "fallbacks": charts.bars(
            _("Messages not understood, per language"),
            [(n, f.fallback_share) for n, f in names],
            True,
        ),
        "handoffs": charts.bars(
            _("Conversations with a request for a person, per language"),
            [(n, f.handoff_share) for n, f in names],
            True,
        ),
        "intents": charts.bars(_("Most recognised questions (intents)"), figures.top_intents),
        "thumbs": charts.bars(
            _("Thumbs up and down"),
            [(_("thumbs up"), figures.thumbs_up), (_("thumbs down"), figures.thumbs_down)],
        ),
        "linked": charts.bars(
            _("Linked to a case or not"),
            [(_("linked"), figures.linked), (_("not linked"), figures.unlinked)],
        ),
    }


def channel_names(_: Translator) -> dict[str, str]:
    return {channel: _(name) for channel, name in CHANNEL_NAMES.items()}


@bp.get("/statistics")
@requires(Action.VIEW_STATISTICS)
async def statistics_page(request: Request) -> HTTPResponse:
    fresh = await update_index(request.app)
    since, until = period(
        request.args.get("since", ""), request.args.get("until", ""), datetime.now(LOCAL).date()
    )
    with session_scope() as db:
        figures = statistics.collect(db, since, until, tuple(CHANNEL_NAMES))
    _ = translator_of(request)
    return page(
        request,
        "statistics.html",
        figures=figures,
        charts=draw(figures, _),
        channel_names=channel_names(_),
        language_name=partial(language_name, _=_),
        fresh=fresh,
    )
