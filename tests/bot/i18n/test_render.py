from datetime import date
from decimal import Decimal

import pytest

from bot.i18n.formatting import FSI, PDI, money
from bot.i18n.languages import resolve
from bot.i18n.render import RLM, UnknownResponse, render, render_notice
from bot.i18n.values import Date, Items, LanguageName, Money


def test_dates_and_plurals_in_english_and_dutch() -> None:
    en = render("utter_deadline", "en", {"end": Date(date(2027, 6, 11)), "count": 1}).text
    assert "11 June 2027" in en and "1 day from today" in en
    nl = render("utter_deadline", "nl", {"end": Date(date(2027, 6, 11)), "count": 195}).text
    assert "11 juni 2027" in nl and "195 dagen" in nl


def test_money_follows_the_locale() -> None:
    assert money(Decimal("4250"), resolve("nl")) == "€\u00a04.250,00"
    assert money(Decimal("4250"), resolve("en")) == "€4,250.00"
    nl = render("utter_loan_borrowed", "nl", {"borrowed_eur": Money("4250.00")}).text
    assert "€\u00a04.250,00" in nl


def test_facts_and_the_municipality_profile_fill_every_message() -> None:
    text = render("utter_contact_general", "en").text
    assert "0255 567200" in text and "050 599 96 00" in text


def test_labels_lists_and_items_are_rendered_in_the_language() -> None:
    text = render(
        "utter_exams_status_2021",
        "en",
        {
            "exam_items": Items(
                "label_exam_todo",
                [
                    {
                        "template": "label_exam_passed",
                        "part": "lezen",
                        "date": Date(date(2025, 11, 4)),
                    },
                    {"part": "KNM"},
                ],
            )
        },
    ).text
    assert "• lezen: passed on 4 November 2025" in text and "• KNM: still to do" in text


def test_buttons_carry_titles_in_the_language_and_safe_payloads() -> None:
    reply = render("utter_fallback_rephrase", "nl", {"button_intents": ["ask_deadline"]})
    assert reply.buttons == [
        {"title": render("utter_help", "nl").buttons[1]["title"], "payload": "/ask_deadline"}
    ]
    menu = render("utter_language_menu", "en").buttons
    assert {"title": "Nederlands", "payload": '/choose_language{"language": "nl"}'} in menu


def test_right_to_left_text_isolates_latin_values_and_starts_each_line_rtl() -> None:
    text = render("utter_contact_general", "fa").text
    assert f"{FSI}050 599 96 00{PDI}" in text
    assert all(line.startswith(RLM) for line in text.split("\n") if line)


def test_unknown_language_falls_back_to_the_default() -> None:
    assert (
        render("utter_language_changed", "xx").text == render("utter_language_changed", "nl").text
    )


def test_unknown_response_is_an_error() -> None:
    with pytest.raises(UnknownResponse):
        render("utter_does_not_exist", "en")


def test_a_language_name_in_the_readers_language() -> None:
    text = render("utter_language_unsupported_named", "nl", {"language_name": LanguageName("so")})
    assert "Somalisch" in text.text
    assert render(
        "utter_language_unsupported_named", "en", {"language_name": LanguageName("so")}
    ).buttons


def test_the_notice_for_a_language_not_spoken_is_in_that_language() -> None:
    ukrainian = render_notice("uk")
    assert ukrainian.language == "uk" and "0255 567200" in ukrainian.text
    assert any(b["title"] == "العربية" for b in ukrainian.buttons)
    other = render_notice("gu")  # no notice of its own: English and Dutch
    assert "Sorry" in other.text and other.language == "en"
