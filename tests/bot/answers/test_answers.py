"""The answers per case variant: the right fact for each situation, renderable in every language."""

from __future__ import annotations

import json
from datetime import date

import pytest

from bot.answers import conversation, exams, money, obligation, process, routes, status
from bot.answers.base import NOT_LINKED, NOT_LINKED_SHORT, Question, Reply
from bot.answers.contacts import contact, handoff
from bot.cli import DEMO_FILE
from bot.i18n.languages import languages
from bot.i18n.render import render
from tests.bot.answers.sweep import TODAY, demo, every_reply
from tests.bot.cases.factories import make_case

DEMO = demo()


def keys(replies: list[Reply]) -> list[str]:
    return [reply.key for reply in replies]


def ask(topic: str, **details: object) -> Question:
    return Question(topic, **details)  # type: ignore[arg-type]


@pytest.mark.parametrize("language", sorted(languages()))
def test_every_answer_renders_in_every_language(language: str) -> None:
    for reply in every_reply():
        assert render(reply.key, language, reply.args).text.strip(), reply.key


def test_deadline_from_duo_estimate_not_started_and_passed() -> None:
    duo = status.deadline(ask("deadline"), DEMO["DEMO-0001"], TODAY)[0]
    assert duo.key == "utter_deadline" and duo.args["end"] == {"$date": "2027-06-11"}
    assert duo.args["count"] == 192
    estimate = status.deadline(ask("deadline"), DEMO["DEMO-0003"], TODAY)[0]
    assert estimate.key == "utter_deadline_estimate"
    assert estimate.args["end"] == {"$date": "2028-05-21"}
    assert keys(status.deadline(ask("deadline"), DEMO["DEMO-0005"], TODAY)) == [
        "utter_deadline_not_started"
    ]
    passed = status.deadline(ask("deadline"), DEMO["DEMO-0002"], TODAY)
    assert keys(passed) == ["utter_deadline_passed", "utter_deadline_passed_next"]
    assert passed[0].args["count"] == 71
    assert keys(status.deadline(ask("deadline"), None, TODAY)) == [
        "utter_deadline_general",
        "utter_not_linked",
    ]
    simple = status.deadline(ask("deadline", simple=True), DEMO["DEMO-0001"], TODAY)
    assert keys(simple) == ["utter_simple_deadline_date"]


def test_what_is_left_never_offers_a_completed_part_and_gives_dates() -> None:
    replies = status.next_step(ask("next_step"), DEMO["DEMO-0002"], TODAY)  # PVT, MAP done
    todo = next(r for r in replies if r.key == "utter_todo_with_exams")
    templates = [item["template"] for item in todo.args["todo_labels"]["$items"]["items"]]
    assert templates == ["label_todo_exams"]
    assert todo.args["exam_parts"] == "schrijven, spreken"
    assert "utter_todo_term_passed" in keys(replies)  # the term ended on 2026-09-21
    assert "utter_exams_planned" in keys(replies)
    samuel = status.next_step(ask("next_step"), DEMO["DEMO-0007"], TODAY)
    items = samuel[-1].args["todo_labels"]["$items"]["items"]
    assert items[0] == {"template": "label_todo_pvt_planned", "date": {"$date": "2027-03-02"}}
    assert items[1] == {"template": "label_todo_map"}


def test_appointments_from_today_and_for_the_part_asked() -> None:
    reply = status.appointment(ask("appointment"), DEMO["DEMO-0002"], TODAY)[0]
    assert reply.args["appointment_items"]["$items"]["items"] == [
        {
            "what_label": {"$label": "label_appointment_exam_spreken"},
            "date": {"$date": "2026-12-15"},
        }
    ]
    speaking = status.appointment(ask("appointment", exam_part="spreken"), DEMO["DEMO-0002"], TODAY)
    assert keys(speaking) == ["utter_appointments"]
    reading = status.appointment(ask("appointment", exam_part="lezen"), DEMO["DEMO-0002"], TODAY)
    assert keys(reading) == ["utter_appointment_none_exam"]


@pytest.mark.parametrize(
    ("case_ref", "key"),
    [
        ("DEMO-0001", "utter_route_z"),
        ("DEMO-0006", "utter_route_onderwijs"),
        ("DEMO-0003", "utter_route_b1"),
        ("DEMO-0004", "utter_route_wi2013"),
    ],
)
def test_own_route_per_case(case_ref: str, key: str) -> None:
    assert routes.route(ask("route"), DEMO[case_ref], TODAY)[0].key == key


def test_the_route_asked_wins_over_the_own_route() -> None:
    replies = routes.route(ask("route", route="z"), DEMO["DEMO-0003"], TODAY)  # on the B1-route
    assert keys(replies) == ["utter_route_about_z", "utter_route_yours_is"]
    assert replies[1].args["route_label"] == {"$label": "label_route_b1"}
    hours = routes.route(ask("route", route="z", aspect="hours"), None, TODAY)
    assert keys(hours) == ["utter_route_hours_z"]
    assert "800" in render(hours[0].key, "ar").text


def test_pvt_and_map_status_and_follow_ups() -> None:
    assert keys(routes.pvt(ask("pvt"), DEMO["DEMO-0006"], TODAY)) == [
        "utter_pvt_about",
        "utter_pvt_status_scheduled",
    ]
    assert keys(routes.pvt(ask("pvt", aspect="when"), DEMO["DEMO-0006"], TODAY)) == [
        "utter_pvt_status_scheduled"
    ]
    assert keys(routes.pvt(ask("pvt", aspect="hours"), None, TODAY)) == ["utter_pvt_hours"]
    assert keys(routes.pvt(ask("pvt", aspect="who_pays"), DEMO["DEMO-0004"], TODAY)) == [
        "utter_pvt_cost"  # an asylum status holder: free also under the 2013 law
    ]
    assert keys(routes.map_module(ask("map"), DEMO["DEMO-0006"], TODAY)) == [
        "utter_map_not_required"
    ]
    assert keys(routes.pvt(ask("pvt"), None, TODAY)) == ["utter_pvt_about", NOT_LINKED_SHORT.key]


def test_exams_passed_failed_planned_and_todo() -> None:
    items = exams.exams(ask("exams"), DEMO["DEMO-0002"], TODAY)[0].args["exam_items"]["$items"]
    by_part = {item["part"]: item["template"] for item in items["items"]}
    assert by_part == {
        "lezen": "label_exam_passed",
        "luisteren": "label_exam_passed",
        "schrijven": "label_exam_failed",
        "spreken": "label_exam_planned",
        "KNM": "label_exam_passed",
    }
    wi2013 = exams.exams(ask("exams"), DEMO["DEMO-0004"], TODAY)[0]
    assert wi2013.key == "utter_exams_status_2013"
    assert len(wi2013.args["exam_items"]["$items"]["items"]) == 6


def test_a_z_route_case_with_a_planned_knm_exam_is_shown_it() -> None:
    replies = exams.exams(ask("exams"), DEMO["DEMO-0001"], TODAY)
    assert keys(replies) == ["utter_exams_z_with_exams"]
    (item,) = replies[0].args["exam_items"]["$items"]["items"]
    assert item["part"] == "KNM" and item["date"] == {"$date": "2027-02-16"}


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
    assert keys(money.cost(ask("cost"), case, TODAY)) == [expected]


def test_no_amount_owed_is_ever_stated_to_a_wi2013_asylum_status_holder() -> None:
    omar = DEMO["DEMO-0004"]
    for aspect in (None, "how_much", "when", "duration"):
        for answer in (money.loan, money.loan_repay, money.fine):
            for reply in answer(ask("loan", aspect=aspect), omar, TODAY):
                assert reply.key in ("utter_loan_asylum_2013", "utter_fine_asylum_2013")
                assert not any("eur" in name for name in reply.args)


def test_loan_for_family_migrants_shows_the_recorded_amount() -> None:
    replies = money.loan(ask("loan"), DEMO["DEMO-0003"], TODAY)
    assert keys(replies) == ["utter_loan_rules", "utter_loan_borrowed", "utter_loan_interest"]
    assert "€\u00a04.250,00" in render(replies[1].key, "nl", replies[1].args).text
    assert keys(money.loan(ask("loan", aspect="how_much"), DEMO["DEMO-0003"], TODAY)) == [
        "utter_loan_borrowed"
    ]


def test_who_must_corrects_the_myth_about_turkish_nationals() -> None:
    replies = obligation.who_must(ask("who_must", group="turkish"), None, TODAY)
    assert keys(replies) == ["utter_who_must_turkish"]
    text = render(replies[0].key, "en").text
    assert "1 January 2022" in text and "1 May 2020" in text
    assert keys(obligation.who_must(ask("who_must", group="ukrainian"), None, TODAY)) == [
        "utter_who_must_ukrainian"
    ]


def test_rescheduling_an_exam_is_not_rescheduling_at_the_municipality() -> None:
    assert keys(process.reschedule(ask("reschedule", subject="exam"), None, TODAY)) == [
        "utter_reschedule_exam"
    ]
    assert keys(process.reschedule(ask("reschedule", exam_part="spreken"), None, TODAY)) == [
        "utter_reschedule"
    ]
    text = render("utter_reschedule", "en").text
    assert "250" in text and "0255 567200" in text


def test_feelings_name_who_can_help_and_never_send_to_112_for_a_cold_house() -> None:
    housing = conversation.support(ask("support", subject="housing"), DEMO["DEMO-0003"], TODAY)
    assert keys(housing) == ["utter_support_housing", "utter_support_consultant"]
    assert "112" not in render("utter_support_housing", "en").text


def test_contacts_and_handoff() -> None:
    first = contact(ask("contact"), DEMO["DEMO-0003"], TODAY)[0]
    text = render(first.key, "en", first.args).text
    assert "Mirjam de Vries" in text and "m.devries@example.org" in text
    assert handoff(None).key == "utter_handoff_municipality"
    assert "0255 567200" in render(handoff(None).key, "en").text


def test_personal_topics_tell_an_unlinked_person_how_to_link() -> None:
    assert NOT_LINKED in status.step(ask("step"), None, TODAY)
    assert NOT_LINKED_SHORT in exams.exams(ask("exams"), None, TODAY)


def test_demo_file_is_valid_json() -> None:
    assert len(json.loads(DEMO_FILE.read_text())["cases"]) == len(DEMO) == 7
