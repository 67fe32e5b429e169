"""The console's catalogs (domain `console`) are complete, current and used by every page."""

from __future__ import annotations

import re

import pytest
from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po

from bot.console.app import pages
from bot.console.i18n import DOMAIN, LANGUAGES, template, translator
from bot.console.staff.accounts import AccountError
from bot.settings import ROOT

LOCALES = ROOT / "locales"
PLACEHOLDER = re.compile(r"%\((\w+)\)s")


def catalog(language: str | None = None) -> Catalog:
    """The template (no language) or the catalog of a language."""
    folder = LOCALES if language is None else LOCALES / language / "LC_MESSAGES"
    with (folder / f"{DOMAIN}.{'pot' if language is None else 'po'}").open("rb") as handle:
        return read_po(handle, locale=language)


def ids(found: Catalog) -> set[object]:
    return {message.id for message in found if message.id}


def texts(value: object) -> list[str]:
    return list(value) if isinstance(value, tuple | list) else [str(value)]


def test_the_template_holds_exactly_the_texts_in_the_code() -> None:
    assert ids(template()) == ids(catalog()), "run: make catalogs"


@pytest.mark.parametrize("language", LANGUAGES)
def test_each_catalog_is_complete_and_keeps_the_placeholders(language: str) -> None:
    found = catalog(language)
    assert ids(found) == ids(catalog()) and not found.fuzzy
    for message in found:
        if not message.id:
            continue
        assert not message.fuzzy, message.id
        assert all(text.strip() for text in texts(message.string)), f"{language}: {message.id}"
        expected = set(PLACEHOLDER.findall(" ".join(texts(message.id))))
        for text in texts(message.string):
            assert set(PLACEHOLDER.findall(text)) == expected, f"{language}: {message.id}"
    assert not list(found.check())


def test_the_login_page_in_dutch_and_in_english() -> None:
    login = pages().get_template("login.html")
    for language, button in (("nl", "Inloggen"), ("en", "Log in")):
        _ = translator(language)
        html = login.render(_=_.html, ngettext=_.html_plural, language=language, csrf="x")
        assert f'<html lang="{language}">' in html and f">{button}</button>" in html


def test_refusals_are_told_in_the_staff_members_language() -> None:
    refusal = AccountError("There is no user with the email address %(address)s.", address="a@b.nl")
    assert str(refusal) == "Er is geen gebruiker met het e-mailadres a@b.nl."
    assert refusal.text(translator("en")) == "There is no user with the email address a@b.nl."
