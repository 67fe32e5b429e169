"""Which reminders a case calls for, when they may go out, and what they say."""

from __future__ import annotations

import re
from datetime import date, datetime, timezone

import pytest

from bot.i18n.render import render
from bot.reminders.rules import (
    MESSAGE_KEYS,
    Kind,
    first,
    in_window,
    message,
    months_until,
    planned,
    still_planned,
)
from tests.bot.cases.factories import make_case

TODAY = date(2026, 12, 1)
OPEN_CASE = make_case(
    pip_date=date(2024, 6, 1),
    term_end=date(2027, 6, 1),
    route="b1",
    pvt_status="scheduled",
    pvt_date=date(2027, 1, 12),
    exams=(("lezen", "planned", date(2027, 2, 3)), ("knm", "planned", date(2027, 2, 3))),
    borrowed_eur=4250,
)


def by_kind(case=OPEN_CASE):  # type: ignore[no-untyped-def]
    return {p.kind: p for p in planned(case, TODAY)}


def test_the_term_reminders_are_6_3_and_2_months_before_and_once_after() -> None:
    plan = by_kind()
    assert (plan[Kind.TERM_6M].send_on, plan[Kind.TERM_6M].last_day) == (
        date(2026, 12, 1),
        date(2027, 2, 28),  # until the 3-month one is due
    )
    assert plan[Kind.TERM_3M].send_on == date(2027, 3, 1)
    assert (plan[Kind.TERM_2M].send_on, plan[Kind.TERM_2M].last_day) == (
        date(2027, 4, 1),
        date(2027, 5, 31),
    )
    assert plan[Kind.TERM_OVER].send_on == date(2027, 6, 2)


def test_the_day_before_each_appointment_and_new_ones_from_today() -> None:
    plan = by_kind()
    assert plan[Kind.PVT].send_on == plan[Kind.PVT].last_day == date(2027, 1, 11)
    assert plan[Kind.EXAM].send_on == date(2027, 2, 2)  # two parts on one day: one reminder
    assert (plan[Kind.NEW_PVT].send_on, plan[Kind.NEW_PVT].last_day) == (TODAY, date(2027, 1, 10))
    assert len([p for p in planned(OPEN_CASE, TODAY) if p.kind is Kind.EXAM]) == 1


def test_no_term_reminders_without_duos_date_or_when_all_is_done() -> None:
    estimate = make_case(pip_date=date(2024, 6, 1))  # no term_end from DUO: only an estimate
    done = make_case(
        pip_date=date(2024, 6, 1),
        term_end=date(2027, 6, 1),
        route="b1",
        pvt_status="completed",
        map_status="completed",
        exams=[(p, "passed", None) for p in ("lezen", "luisteren", "schrijven", "spreken", "knm")],
    )
    for case in (estimate, done):
        assert not {Kind.TERM_6M, Kind.TERM_OVER} & set(by_kind(case))


def test_a_changed_date_is_no_longer_planned() -> None:
    moved = make_case(**{**OPEN_CASE.__dict__, "pvt_date": date(2027, 1, 19)})
    assert still_planned(OPEN_CASE, Kind.PVT, date(2027, 1, 12), TODAY)
    assert not still_planned(moved, Kind.PVT, date(2027, 1, 12), TODAY)
    assert still_planned(moved, Kind.NEW_PVT, date(2027, 1, 19), TODAY)


@pytest.mark.parametrize(
    ("utc", "inside"),
    [
        (datetime(2026, 12, 1, 7, 59), False),  # 08:59 in Amsterdam (winter, UTC+1)
        (datetime(2026, 12, 1, 8, 0), True),  # 09:00
        (datetime(2026, 12, 1, 18, 59), True),  # 19:59
        (datetime(2026, 12, 1, 19, 0), False),  # 20:00
        (datetime(2027, 7, 1, 7, 0), True),  # 09:00 in summer (UTC+2)
        (datetime(2027, 7, 1, 6, 59), False),
    ],
)
def test_only_between_nine_and_eight_amsterdam_time(utc: datetime, inside: bool) -> None:
    assert in_window(utc.replace(tzinfo=timezone.utc)) is inside


def test_the_day_before_goes_first() -> None:
    assert first([Kind.TERM_6M, Kind.NEW_PVT, Kind.PVT]) is Kind.PVT
    assert first([Kind.TERM_6M, Kind.NEW_EXAM]) is Kind.NEW_EXAM


def test_months_are_counted_from_the_day_it_goes_out() -> None:
    assert months_until(date(2027, 6, 1), date(2026, 12, 1)) == 6
    assert months_until(date(2027, 6, 1), date(2027, 2, 1)) == 4  # opted in late
    assert months_until(date(2027, 6, 1), date(2027, 5, 25)) == 1


AMOUNT_OR_BSN = re.compile(r"€|\bEUR\b|4[.,]?250|\b\d{9}\b")


@pytest.mark.parametrize("language", ["nl", "en", "ar", "tr", "ti", "fa"])
@pytest.mark.parametrize("kind", list(Kind))
def test_every_reminder_reads_in_every_language_without_amounts(language: str, kind: Kind) -> None:
    plan = by_kind()
    due = plan[kind].due if kind in plan else date(2027, 3, 3)
    key, args = message(OPEN_CASE, kind, due, TODAY)
    assert key == MESSAGE_KEYS[kind]
    text = render(key, language, args).text
    assert not AMOUNT_OR_BSN.search(text), text
    assert "%(" not in text and len(text) > 40
