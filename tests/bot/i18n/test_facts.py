"""Every number a catalog states is a fact of bot/facts.py or the municipality profile.

A number typed into a translation ("€ 1.200", "8 weeks") that is not a sourced fact would reach
people as if it were one; docs/facts.md holds the sources of the allowed values.
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any

import pytest
from babel.messages.pofile import read_po

from bot.facts import FACTS, municipality_profile
from bot.i18n.languages import load_languages
from bot.settings import ROOT

PLACEHOLDER = re.compile(r"%\(\w+\)s")
LIST_NUMBER = re.compile(r"^\W*\d+\.\s", re.MULTILINE)  # "1. Brede intake" numbers a list
NUMBER = re.compile(r"(?<![\w\-])\d+(?:[.,]\d+)?(?!\w)")
LANGUAGES = sorted(load_languages(ROOT / "locales"))


def _numbers_in(value: Any) -> set[str]:
    if isinstance(value, dict) and len(value) == 1:
        (value,) = value.values()
    text = str(value)
    found = set(re.findall(r"\d+(?:\.\d+)?", text))
    for number in list(found):
        found |= {number.replace(".", ","), str(Decimal(number).normalize())}
        whole = number.split(".")[0]
        if len(whole) > 3:  # 10000 is also written 10.000 or 10,000
            grouped = f"{int(whole):,}"
            found |= {grouped, grouped.replace(",", ".")}
    return found


def allowed_numbers() -> set[str]:
    allowed: set[str] = set()
    for value in [*FACTS.values(), *municipality_profile().values()]:
        allowed |= _numbers_in(value)
    return allowed


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_number_in_a_catalog_is_a_sourced_fact(language: str) -> None:
    path = ROOT / "locales" / language / "LC_MESSAGES" / "messages.po"
    with path.open("rb") as handle:
        catalog = read_po(handle, locale=language)
    allowed = allowed_numbers()
    unknown = []
    for message in catalog:
        if not message.id:  # the header
            continue
        texts = message.string if isinstance(message.string, tuple | list) else [message.string]
        for text in texts:
            for number in NUMBER.findall(LIST_NUMBER.sub(" ", PLACEHOLDER.sub(" ", text or ""))):
                if number not in allowed:
                    unknown.append((message.id, number))
    assert unknown == [], "\n".join(f"{key}: {number}" for key, number in unknown)
