"""By when a request for a person is answered: office time of the municipality profile."""

from __future__ import annotations

from datetime import datetime, time

from bot.handoff.office import LOCAL, OfficeHours, office_hours, promised

HOURS = OfficeHours(frozenset(range(5)), time(9), time(17), answer_hours=8)


def local(*args: int) -> datetime:
    return datetime(*args, tzinfo=LOCAL)


def test_asked_during_office_hours_the_answer_comes_a_working_day_later() -> None:
    assert HOURS.answer_by(local(2026, 12, 1, 13, 0)) == local(2026, 12, 2, 13, 0)  # Tue → Wed


def test_asked_in_the_weekend_the_clock_starts_on_monday() -> None:
    assert HOURS.answer_by(local(2026, 12, 5, 11, 0)) == local(2026, 12, 7, 17, 0)  # Sat → Mon
    assert not HOURS.is_open(local(2026, 12, 5, 11, 0))


def test_a_short_promise_within_the_same_day() -> None:
    quick = OfficeHours(answer_hours=2)
    assert quick.answer_by(local(2026, 12, 1, 8, 0)) == local(2026, 12, 1, 11, 0)
    assert quick.answer_by(local(2026, 12, 4, 16, 30)) == local(2026, 12, 7, 10, 30)  # Fri → Mon


def test_the_profile_gives_the_hours() -> None:
    hours = office_hours()
    assert hours.days == frozenset(range(5)) and hours.opens == time(9)
    assert hours.closes == time(17) and hours.answer_hours == 8


def test_the_promise_is_a_full_hour() -> None:
    assert promised(HOURS, local(2026, 12, 1, 13, 5)) == local(2026, 12, 2, 14, 0)
    assert promised(HOURS, local(2026, 12, 1, 13, 0)) == local(2026, 12, 2, 13, 0)
