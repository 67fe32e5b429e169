"""Today's date for the answers: the real one, or a fixed day for tests and demonstrations
(`WEGWIJS_TODAY=2026-12-01`), so that "your exam is in 14 days" can be checked."""

from __future__ import annotations

from datetime import date

from bot.settings import get_settings


def today() -> date:
    fixed = get_settings().today
    return fixed if fixed is not None else date.today()
