"""Every catalog is complete, careful with placeholders, and covers every response."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from actions.conversation import NOT_TOPICS
from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po

from bot.answers.base import FEEDBACK
from bot.i18n.buttons import STATIC
from bot.i18n.languages import SOURCE_LANGUAGE, load_languages
from bot.settings import ROOT

LOCALES = ROOT / "locales"
LANGUAGES = sorted(load_languages(LOCALES))
PLACEHOLDER = re.compile(r"%\((\w+)\)s")
# Entries that may read the same as English: official terms and pure placeholders.
SAME_AS_ENGLISH_ALLOWED = {
    "button_ask_pvt",
    "button_ask_map",
    "button_ask_route",
    "label_appointment_item",
    "label_appointment_pvt",
    "label_appointment_map",
}


def catalog(language: str) -> Catalog:
    with (LOCALES / language / "LC_MESSAGES" / "messages.po").open("rb") as handle:
        return read_po(handle, locale=language)


def texts(message) -> list[str]:  # type: ignore[no-untyped-def]
    return list(message.string) if isinstance(message.string, tuple | list) else [message.string]


@pytest.mark.parametrize("language", LANGUAGES)
def test_catalog_is_complete_and_not_fuzzy(language: str) -> None:
    source = {m.id for m in catalog(SOURCE_LANGUAGE) if m.id}
    found = catalog(language)
    assert {m.id for m in found if m.id} == source
    assert not found.fuzzy
    for message in found:
        if message.id:
            assert not message.fuzzy, message.id
            assert all(t.strip() for t in texts(message)), f"{language}: {message.id} is empty"


@pytest.mark.parametrize("language", LANGUAGES)
def test_placeholders_match_the_source(language: str) -> None:
    english = {m.id: m for m in catalog(SOURCE_LANGUAGE) if m.id}
    for message in catalog(language):
        if not message.id:
            continue
        expected = set(PLACEHOLDER.findall(" ".join(texts(english[message.id]))))
        for text in texts(message):
            assert set(PLACEHOLDER.findall(text)) == expected, f"{language}: {message.id}"
            assert "%" not in PLACEHOLDER.sub("", text).replace("%%", ""), (
                f"{language}: {message.id}"
            )
    assert not list(catalog(language).check())


@pytest.mark.parametrize("language", [code for code in LANGUAGES if code != SOURCE_LANGUAGE])
def test_nothing_is_left_in_english(language: str) -> None:
    english = {m.id: texts(m) for m in catalog(SOURCE_LANGUAGE) if m.id}
    same = [
        m.id
        for m in catalog(language)
        if m.id and texts(m) == english[m.id] and m.id not in SAME_AS_ENGLISH_ALLOWED
    ]
    assert same == []


def response_keys_used() -> set[str]:
    """Every response the assistant can send: domain utter_ actions, answers, buttons."""
    domain = yaml.safe_load((ROOT / "domain.yml").read_text())
    keys = {a for a in domain["actions"] if a.startswith("utter_")}
    sources = "\n".join(
        p.read_text()
        for p in [*Path(ROOT / "bot").rglob("*.py"), *Path(ROOT / "actions").rglob("*.py")]
    )
    keys |= set(
        re.findall(r'"((?:utter|label|widget|telegram_command|button)_[a-z0-9_]+)"', sources)
    )
    keys |= {f"button_{intent}" for intents in STATIC.values() for intent in intents}
    return keys - {"button_intents"}  # an argument name, not a catalog key


def test_every_response_used_in_code_has_an_english_entry() -> None:
    english = {m.id if isinstance(m.id, str) else m.id[0] for m in catalog(SOURCE_LANGUAGE) if m.id}
    # A prefix such as "utter_pvt_status" is completed in code (…_scheduled); see test_answers.
    missing = sorted(
        k
        for k in response_keys_used()
        if k not in english and not any(e.startswith(k + "_") for e in english)
    )
    assert missing == []


def test_every_intent_that_can_become_a_button_has_a_title() -> None:
    english = {m.id for m in catalog(SOURCE_LANGUAGE) if m.id}
    domain = yaml.safe_load((ROOT / "domain.yml").read_text())
    # Buttons are "did you mean" topics (every intent but NOT_TOPICS) and the feedback thumbs.
    can_be_buttons = [i for i in domain["intents"] if i not in NOT_TOPICS] + list(FEEDBACK)
    missing = [i for i in can_be_buttons if f"button_{i}" not in english]
    assert missing == []
