"""Statistics with charts: use per day and channel, weak languages, top intents, thumbs, linking."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from babel import Locale
from sanic import Blueprint
from sanic.request import Request
from sanic.response import HTTPResponse

from bot.console import charts, statistics
from bot.console.conversations import LOCAL
from bot.console.permissions import Action
from bot.console.routes.conversations import CHANNELS, update_index
from bot.console.web import page, requires
from bot.store.db import session_scope

bp = Blueprint("statistics")
DEFAULT_DAYS = 30
MAX_DAYS = 366
CHANNEL_NAMES = {**{k: v for k, v in CHANNELS.items() if k}, "other": "anders"}


def language_name(code: str) -> str:
    """A language's name in Dutch, the console's language ("" when none was recognised)."""
    return Locale("nl").languages.get(code, code) if code else "onbekend"


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


def draw(figures: statistics.Statistics) -> dict[str, str]:
    days = [day.strftime("%d-%m") for day, _ in figures.per_day]
    series = [
        charts.Series(
            CHANNEL_NAMES[channel], [counts.get(channel, 0) for _, counts in figures.per_day]
        )
        for channel in CHANNEL_NAMES
        if channel != "other" or any(counts.get("other") for _, counts in figures.per_day)
    ]
    names = [(language_name(f.language), f) for f in figures.languages]
    return {
        "per_day": charts.stacked_columns("Gesprekken per dag per kanaal", days, series),
        "fallbacks": charts.bars(
            "Niet begrepen berichten per taal", [(n, f.fallback_share) for n, f in names], True
        ),
        "handoffs": charts.bars(
            "Gesprekken met een vraag om een mens, per taal",
            [(n, f.handoff_share) for n, f in names],
            True,
        ),
        "intents": charts.bars("Meest herkende vragen (intents)", figures.top_intents),
        "thumbs": charts.bars(
            "Duim omhoog en omlaag",
            [("duim omhoog", figures.thumbs_up), ("duim omlaag", figures.thumbs_down)],
        ),
        "linked": charts.bars(
            "Gekoppeld aan een dossier of niet",
            [("gekoppeld", figures.linked), ("niet gekoppeld", figures.unlinked)],
        ),
    }


@bp.get("/statistics")
@requires(Action.VIEW_STATISTICS)
async def statistics_page(request: Request) -> HTTPResponse:
    fresh = await update_index(request.app)
    since, until = period(
        request.args.get("since", ""), request.args.get("until", ""), datetime.now(LOCAL).date()
    )
    with session_scope() as db:
        figures = statistics.collect(db, since, until, tuple(CHANNEL_NAMES))
    return page(
        request,
        "statistics.html",
        figures=figures,
        charts=draw(figures),
        channel_names=CHANNEL_NAMES,
        language_name=language_name,
        fresh=fresh,
    )
