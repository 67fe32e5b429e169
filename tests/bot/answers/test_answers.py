"""The answers per case variant: the right fact for each situation, renderable in every language."""

from __future__ import annotations

import json
from datetime import date

import pytest

from bot.answers import status, topics
from bot.answers.base import Reply
from bot.answers.registry import EXPLANATIONS, TOPICS
from bot.cases.importer import parse_text
from bot.cli import DEMO_FILE
from bot.i18n.languages import languages
from bot.i18n.render import render
from tests.bot.cases.factories import make_case

TODAY = date(2026, 11, 28)
DEMO = {case.case_ref: case for case in parse_text(DEMO_FILE.read_text(), "demo", "json").cases}


def keys(replies: list[Reply]) -> list[str]:
    return [reply.key for reply in replies]


@pytest.mark.parametrize("case_ref", [None, *DEMO])
@pytest.mark.parametrize("topic", sorted(TOPICS))
def test_every_answer_renders_in_every_language(topic: str, case_ref: str | None) -> None:
    case = DEMO.get(case_ref) if case_ref else None
    for reply in TOPICS[topic](case, TODAY):
        for language in languages():
            assert render(reply.key, language, reply.args).text.strip()


def test_explanations_exist_in_every_language() -> None:
    for key in EXPLANATIONS.values():
        for language in languages():
            assert render(key, language).text


def test_deadline_from_duo_estimate_not_started_and_passed() -> None:
    duo = status.deadline(DEMO["DEMO-0001"], TODAY)[0]
    assert (
        duo.key == "utter_deadline" and duo.args["end"] == "2027-06-11" and duo.args["count"] == 195
    )
    estimate = status.deadline(DEMO["DEMO-0003"], TODAY)[0]
    assert estimate.key == "utter_deadline_estimate" and estimate.args["end"] == "2028-05-21"
    assert keys(status.deadline(DEMO["DEMO-0005"], TODAY)) == ["utter_deadline_not_started"]
    passed = status.deadline(DEMO["DEMO-0002"], TODAY)
    assert keys(passed) == ["utter_deadline_passed", "utter_deadline_passed_next"]
    assert passed[0].args["end"] == "2026-09-21" and passed[0].args["count"] == 68
    wi2013 = status.deadline(DEMO["DEMO-0004"], TODAY)
    assert wi2013[0].args["end"] == "2024-06-01"
    assert keys(status.deadline(None, TODAY)) == ["utter_deadline_general", "utter_not_linked"]


def test_law_and_step() -> None:
    assert status.law(DEMO["DEMO-0004"], TODAY)[0].key == "utter_law_2013"
    assert status.law(DEMO["DEMO-0003"], TODAY)[0].args["obligation_start"] == "2025-02-01"
    step = status.step(DEMO["DEMO-0001"], TODAY)[0]
    assert step.args["step"] == 5 and step.args["step_label"] == "label_step_5"
    assert keys(status.step(DEMO["DEMO-0004"], TODAY)) == ["utter_step_wi2013"]


def test_next_step_lists_what_is_left() -> None:
    reply = status.next_step(DEMO["DEMO-0002"], TODAY)[0]
    assert reply.key == "utter_next_step_with_exams"
    assert reply.args["exam_parts"] == "schrijven, spreken"
    assert reply.args["todo_labels"] == ["label_todo_exams"]
    done = status.next_step(DEMO["DEMO-0007"], TODAY)[0]
    assert done.args["todo_labels"] == ["label_todo_pvt", "label_todo_map"]


def test_appointments_only_from_today() -> None:
    reply = status.appointment(DEMO["DEMO-0002"], TODAY)[0]
    assert reply.args["appointment_items"]["items"] == [
        {"what_label": "label_appointment_exam_spreken", "date": "2026-12-15"}
    ]
    assert keys(status.appointment(DEMO["DEMO-0004"], TODAY)) == ["utter_appointment_none"]


@pytest.mark.parametrize(
    ("case_ref", "key"),
    [
        ("DEMO-0001", "utter_route_z"),
        ("DEMO-0006", "utter_route_onderwijs"),
        ("DEMO-0003", "utter_route_b1"),
        ("DEMO-0004", "utter_route_wi2013"),
    ],
)
def test_route_per_case(case_ref: str, key: str) -> None:
    assert topics.route(DEMO[case_ref], TODAY)[0].key == key


def test_pvt_and_map_status() -> None:
    assert keys(topics.pvt(DEMO["DEMO-0006"], TODAY)) == [
        "utter_pvt_about",
        "utter_pvt_status_scheduled",
    ]
    assert keys(topics.pvt(DEMO["DEMO-0004"], TODAY)) == [
        "utter_pvt_wi2013",
        "utter_pvt_status_completed",
    ]
    assert keys(topics.map_module(DEMO["DEMO-0006"], TODAY)) == ["utter_map_not_required"]
    assert keys(topics.map_module(DEMO["DEMO-0003"], TODAY))[1] == "utter_map_status_not_started"


def test_exams_passed_failed_planned_and_todo() -> None:
    items = topics.exams(DEMO["DEMO-0002"], TODAY)[0].args["exam_items"]["items"]
    by_part = {item["part"]: item["template"] for item in items}
    assert by_part == {
        "lezen": "label_exam_passed",
        "luisteren": "label_exam_passed",
        "schrijven": "label_exam_failed",
        "spreken": "label_exam_planned",
        "KNM": "label_exam_passed",
    }
    assert keys(topics.exams(DEMO["DEMO-0001"], TODAY)) == ["utter_exams_z"]
    wi2013 = topics.exams(DEMO["DEMO-0004"], TODAY)[0]
    assert wi2013.key == "utter_exams_status_2013" and len(wi2013.args["exam_items"]["items"]) == 6


@pytest.mark.parametrize(
    ("case", "expected"),
    [
        (make_case(category="asylum", pip_date=date(2024, 6, 1)), "utter_cost_asylum_2021"),
        (make_case(category="family", pip_date=date(2024, 6, 1)), "utter_cost_family_2021"),
        (make_case(category="other", pip_date=date(2024, 6, 1)), "utter_cost_family_2021"),
        (make_case(category="asylum", obligation_start=date(2020, 1, 1)), "utter_cost_wi2013"),
    ],
)
def test_cost_by_category_and_law(case, expected: str) -> None:  # type: ignore[no-untyped-def]
    assert keys(topics.cost(case, TODAY)) == [expected]


def test_loan_never_states_an_amount_for_wi2013_asylum_status_holders() -> None:
    replies = topics.loan(DEMO["DEMO-0004"], TODAY) + topics.loan_repay(DEMO["DEMO-0004"], TODAY)
    assert keys(replies) == ["utter_loan_asylum_2013", "utter_loan_asylum_2013"]
    assert all("borrowed_eur" not in reply.args for reply in replies)
    assert keys(topics.fine(DEMO["DEMO-0004"], TODAY)) == ["utter_fine_asylum_2013"]


def test_loan_for_family_migrants_shows_the_recorded_amount() -> None:
    replies = topics.loan(DEMO["DEMO-0003"], TODAY)
    assert keys(replies) == ["utter_loan_rules", "utter_loan_borrowed"]
    assert "€\u00a04.250,00" in render(replies[1].key, "nl", replies[1].args).text
    assert keys(topics.loan(DEMO["DEMO-0007"], TODAY)) == [
        "utter_loan_rules",
        "utter_loan_none_recorded",
    ]
    assert keys(topics.loan(DEMO["DEMO-0001"], TODAY)) == ["utter_loan_asylum_2021"]


def test_exam_failed_who_pays() -> None:
    assert (
        keys(topics.exam_failed(DEMO["DEMO-0002"], TODAY))[1]
        == "utter_exam_failed_paid_by_municipality"
    )
    assert keys(topics.exam_failed(DEMO["DEMO-0003"], TODAY))[1] == "utter_exam_failed_pay_yourself"
    assert keys(topics.exam_failed(None, TODAY))[1] == "utter_exam_failed_general"


def test_contacts_and_handoff() -> None:
    first = topics.contact(DEMO["DEMO-0003"], TODAY)[0]
    text = render(first.key, "en", first.args).text
    assert "Mirjam de Vries" in text and "m.devries@example.org" in text
    assert topics.handoff(None).key == "utter_handoff_municipality"
    assert "0255 567200" in render(topics.handoff(None).key, "en").text


def test_demo_file_is_valid_json() -> None:
    assert len(json.loads(DEMO_FILE.read_text())["cases"]) == len(DEMO) == 7
