"""Every catalog is complete, careful with placeholders, and covers every response."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po

from actions import handoff, reminder_steps, steps
from actions.steps import FORGET_BUTTONS
from bot.answers import conversation
from bot.console.staff import live
from bot.dialogue import plan
from bot.dialogue import steps as step_types
from bot.dialogue.intents import BUTTON_INTENTS
from bot.i18n import buttons
from bot.i18n.buttons import STATIC, title_and_payload
from bot.i18n.languages import SOURCE_LANGUAGE, load_languages
from bot.push import messages as push_messages
from bot.rasa_ext import channels, respond, web_channel, web_guard
from bot.reminders import rules as reminder_rules
from bot.settings import ROOT
from bot.telegram import dutch, handlers
from bot.telegram.app import COMMANDS
from bot.web import pages, privacy_page
from bot.web.pages import WIDGET_KEYS
from tests.bot.answers.sweep import every_reply, keys_in

LOCALES = ROOT / "locales"
LANGUAGES = sorted(load_languages(LOCALES))
PLACEHOLDER = re.compile(r"%\((\w+)\)s")
# Entries that may read the same as English: official terms and pure placeholders.
SAME_AS_ENGLISH_ALLOWED = {
    "label_route_b1",
    "label_route_z",
    "button_ask_digid",
    "button_ask_intake",
    "button_ask_learnability",
    "button_ask_pvt",
    "button_ask_map",
    "button_ask_route",
    "label_appointment_item",
    "label_appointment_pvt",
    "label_appointment_map",
    "utter_staff_reply",  # the staff member's own words under the role's name
    "utter_staff_reply_named",
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
    """Every catalog key the assistant can send: what the answers give for every topic, case
    and way of asking (tests/bot/answers/sweep.py), the keys the action's steps and the
    channels name, their buttons, and the widget's and Telegram's own texts."""
    keys: set[str] = set()
    for reply in every_reply():
        keys.add(reply.key)
        for value in reply.args.values():
            keys |= keys_in(value)
        names = list(STATIC.get(reply.key, ())) + list(reply.args.get("button_intents") or [])
        keys |= {title_and_payload(name)[0] for name in names}
    literal = re.compile(
        r'"((?:utter|label|button|widget|telegram_(?:command|privacy)|privacy|dutch)_[a-z0-9_]+)"'
    )
    for module in (
        steps,
        plan,
        step_types,
        channels,
        web_channel,
        respond,
        web_guard,
        pages,
        buttons,
        handlers,
        dutch,
        conversation,
        handoff,  # hand-off and reminders
        reminder_steps,
        push_messages,
        reminder_rules,
        live,
        privacy_page,
    ):
        keys |= set(literal.findall(Path(module.__file__).read_text(encoding="utf-8")))
    keys |= {f"button_{intent}" for intent in BUTTON_INTENTS}
    keys |= {title_and_payload(name)[0] for name in FORGET_BUTTONS}
    keys |= {f"button_{intent}" for intent in reminder_steps.CHOICE_BUTTONS}
    keys |= set(WIDGET_KEYS) | {f"telegram_command_{c}" for c in COMMANDS}
    return keys - {"button_intents"}  # an argument name, not a catalog key


def test_every_key_the_code_can_send_has_an_english_entry() -> None:
    english = {m.id if isinstance(m.id, str) else m.id[0] for m in catalog(SOURCE_LANGUAGE) if m.id}
    assert sorted(response_keys_used() - english) == []


def test_every_english_entry_is_used() -> None:
    english = {m.id if isinstance(m.id, str) else m.id[0] for m in catalog(SOURCE_LANGUAGE) if m.id}
    assert sorted(english - response_keys_used()) == []
