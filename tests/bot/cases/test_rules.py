from datetime import date

import pytest

from bot.cases.rules import (
    Law,
    TermSource,
    Todo,
    add_years,
    current_step,
    exam_parts_still_to_pass,
    law_for,
    map_required,
    still_to_do,
    term_for,
    time_left,
)
from tests.bot.cases.factories import make_case


@pytest.mark.parametrize(
    ("start", "law"),
    [
        (date(2021, 12, 31), Law.WI2013),
        (date(2022, 1, 1), Law.WI2021),
        (date(2013, 1, 1), Law.WI2013),
        (date(2026, 11, 28), Law.WI2021),
    ],
)
def test_the_obligation_start_decides_the_law(start: date, law: Law) -> None:
    assert law_for(start) is law


def test_add_years_moves_a_leap_day_to_28_february() -> None:
    assert add_years(date(2024, 2, 29), 3) == date(2027, 2, 28)
    assert add_years(date(2024, 2, 29), 4) == date(2028, 2, 29)
    assert add_years(date(2025, 6, 11), 3) == date(2028, 6, 11)


def test_duo_term_end_is_used_as_is() -> None:
    case = make_case(pip_date=date(2024, 6, 10), term_end=date(2027, 6, 11))
    term = term_for(case)
    assert (term.source, term.end, term.start) == (
        TermSource.DUO,
        date(2027, 6, 11),
        date(2024, 6, 11),
    )
    assert not term.is_estimate


def test_wi2021_term_starts_the_day_after_the_first_pip() -> None:
    term = term_for(make_case(pip_date=date(2024, 6, 10)))
    assert term.source is TermSource.ESTIMATE
    assert term.start == date(2024, 6, 11)
    assert term.end == date(2027, 6, 11)  # matches DUO's date in the import example


def test_pip_on_the_day_before_a_leap_day() -> None:
    term = term_for(make_case(obligation_start=date(2023, 9, 1), pip_date=date(2024, 2, 28)))
    assert term.start == date(2024, 2, 29)
    assert term.end == date(2027, 2, 28)


def test_wi2021_without_pip_has_not_started() -> None:
    term = term_for(make_case(obligation_start=date(2026, 9, 1)))
    assert term.source is TermSource.NOT_STARTED
    assert term.end is None


def test_wi2013_term_runs_from_the_obligation_start() -> None:
    term = term_for(make_case(obligation_start=date(2021, 12, 31)))
    assert (term.source, term.start, term.end) == (
        TermSource.ESTIMATE,
        date(2021, 12, 31),
        date(2024, 12, 31),
    )


def test_time_left_in_days() -> None:
    left = time_left(date(2027, 6, 11), date(2026, 11, 28))
    assert left.days == 195
    assert not left.overdue


def test_time_left_on_the_last_day_and_after() -> None:
    assert time_left(date(2027, 6, 11), date(2027, 6, 11)).days == 0
    late = time_left(date(2027, 6, 11), date(2027, 6, 20))
    assert late.overdue and late.days == -9


def test_z_route_needs_no_exam_but_a_final_conversation() -> None:
    case = make_case(
        pip_date=date(2024, 6, 10), route="z", pvt_status="completed", map_status="completed"
    )
    assert exam_parts_still_to_pass(case) == ()
    assert still_to_do(case) == (Todo.Z_FINAL,)


def test_onderwijsroute_has_no_map() -> None:
    case = make_case(pip_date=date(2024, 6, 10), route="onderwijs")
    assert not map_required(case)
    assert Todo.MAP not in still_to_do(case)


def test_exam_parts_still_to_pass_uses_the_last_result() -> None:
    case = make_case(
        pip_date=date(2024, 6, 10),
        route="b1",
        exams=[
            ("lezen", "failed", date(2025, 1, 1)),
            ("lezen", "passed", date(2025, 3, 1)),
            ("knm", "planned", None),
        ],
    )
    assert exam_parts_still_to_pass(case) == ("luisteren", "schrijven", "spreken", "knm")


def test_wi2013_needs_six_parts_and_no_map() -> None:
    case = make_case(obligation_start=date(2020, 5, 1), exams=[("ona", "passed", None)])
    assert exam_parts_still_to_pass(case) == ("lezen", "luisteren", "schrijven", "spreken", "knm")
    assert still_to_do(case) == (Todo.EXAMS, Todo.PVT)
    assert current_step(case) is None


def test_everything_done_means_step_7() -> None:
    case = make_case(
        pip_date=date(2024, 6, 10),
        route="b1",
        pvt_status="completed",
        map_status="completed",
        exams=[
            (part, "passed", None) for part in ("lezen", "luisteren", "schrijven", "spreken", "knm")
        ],
    )
    assert still_to_do(case) == ()
    assert current_step(case) == 7


@pytest.mark.parametrize(
    ("overrides", "step"),
    [
        ({"obligation_start": date(2026, 9, 1)}, 1),
        ({"obligation_start": date(2026, 9, 1), "intake_second": date(2026, 10, 1)}, 2),
        ({"pip_date": date(2024, 6, 10), "route": "b1"}, 3),
        ({"pip_date": date(2024, 6, 10), "route": "b1", "step": 6}, 6),
    ],
)
def test_current_step_stored_or_derived(overrides: dict, step: int) -> None:
    assert current_step(make_case(**overrides)) == step
