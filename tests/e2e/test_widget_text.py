"""The widget's text decisions (bot/web/static/widget/text.js) in Chromium, without a server."""

from __future__ import annotations

import pytest

from bot.web.pages import WIDGET

FSI, PDI, RLM = "\u2068", "\u2069", "\u200f"


@pytest.fixture(scope="module")
def text_page(browser):  # type: ignore[no-untyped-def]
    page = browser.new_page()
    page.set_content("<!doctype html><title>text</title>")
    page.add_script_tag(content=(WIDGET / "text.js").read_text(encoding="utf-8"))
    yield page
    page.close()


def links(page, text: str) -> list[tuple[str, str]]:  # type: ignore[no-untyped-def]
    pieces = page.evaluate("t => WegwijsText.pieces(t)", text)
    assert "".join(p["text"] for p in pieces) == text  # nothing lost, nothing added
    return [(p["text"], p["href"]) for p in pieces if p.get("href")]


def test_phone_numbers_and_addresses_become_links(text_page) -> None:  # type: ignore[no-untyped-def]
    found = links(
        text_page,
        "• telefoon: 0255 567200\n• e-mailadres: k.bakker@example.org\n"
        "• DUO: 050 599 96 00 of +31 6 12345678\n• informatie: www.inburgeren.nl.",
    )
    assert found == [
        ("0255 567200", "tel:0255567200"),
        ("k.bakker@example.org", "mailto:k.bakker@example.org"),
        ("050 599 96 00", "tel:0505999600"),
        ("+31 6 12345678", "tel:+31612345678"),
        ("www.inburgeren.nl", "https://www.inburgeren.nl"),
    ]


def test_dates_amounts_codes_and_short_numbers_are_not_links(text_page) -> None:  # type: ignore[no-untyped-def]
    plain = "op 01-02-2028, € 4.250,00, code ABCDE-FGHJK, bel 112, 16 januari 2028"
    assert links(text_page, plain) == []


def test_a_number_inside_right_to_left_text_is_found_inside_its_isolate(text_page) -> None:  # type: ignore[no-untyped-def]
    arabic = f"{RLM}اتصل بالبلدية: {FSI}0255 567200{PDI}."
    assert links(text_page, arabic) == [("0255 567200", "tel:0255567200")]


@pytest.mark.parametrize(
    ("text", "direction"),
    [
        ("متى ينتهي موعدي النهائي؟", "rtl"),
        ("مهلت من کی تمام می‌شود؟", "rtl"),
        (f"{FSI}Samuel{PDI} شكرا", "rtl"),  # an isolated Latin name does not decide
        ("PVT چیست؟", "rtl"),  # a Dutch term first does not turn a Persian question around
        ("Ik woon in ایران", "ltr"),
        ("ሰላም", "ltr"),
        ("2028", None),
    ],
)
def test_the_direction_of_what_a_person_typed(text_page, text: str, direction: str | None) -> None:  # type: ignore[no-untyped-def]
    assert text_page.evaluate("t => WegwijsText.direction(t)", text) == direction


def test_direction_marks_are_not_read_aloud(text_page) -> None:  # type: ignore[no-untyped-def]
    spoken = text_page.evaluate("t => WegwijsText.spoken(t)", f"{RLM}مرحبا {FSI}Samuel{PDI}")
    assert spoken == "مرحبا Samuel"
