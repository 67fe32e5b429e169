"""Demo cases × questions × languages through the whole stack: the right fact and language.

Each question is asked by a new, linked sender who chose the language from the menu and then
writes in it. Questions are taken from the training data (this test checks answers, not NLU
accuracy, which `make evaluate` measures on held-out data).
"""

from __future__ import annotations

import uuid
from datetime import date
from decimal import Decimal
from functools import cache

import pytest
import yaml

from bot.i18n.formatting import day, money
from bot.i18n.languages import load_languages, resolve
from bot.settings import ROOT
from tests.e2e.stack import Stack

LANGUAGES = sorted(load_languages(ROOT / "locales"))
ETHIOPIC = range(0x1200, 0x1380)


def on(when: str):  # type: ignore[no-untyped-def]
    return lambda lang: day(date.fromisoformat(when), resolve(lang))


def euros(amount: str):  # type: ignore[no-untyped-def]
    return lambda lang: money(Decimal(amount), resolve(lang))


def text(value: str):  # type: ignore[no-untyped-def]
    return lambda _lang: value


MATRIX = [
    ("DEMO-0007", "ask_deadline", [on("2028-01-16")], []),
    ("DEMO-0003", "ask_deadline", [on("2028-05-21")], []),
    ("DEMO-0002", "ask_deadline", [on("2026-09-21")], []),
    ("DEMO-0001", "ask_route", [text("Z-route")], []),
    ("DEMO-0006", "ask_route", [text("onderwijsroute")], []),
    ("DEMO-0003", "ask_loan", [euros("4250")], []),
    ("DEMO-0004", "ask_loan", [text("050 599 96 00")], [euros("7800")]),
    ("DEMO-0003", "ask_contact", [text("Mirjam de Vries"), text("m.devries@example.org")], []),
    ("DEMO-0004", "ask_law", [text("2013"), on("2021-06-01")], []),
    ("DEMO-0002", "ask_exams", [text("schrijven"), on("2026-12-15")], []),
    ("DEMO-0006", "ask_pvt", [on("2026-12-08")], []),
    ("DEMO-0005", "ask_appointment", [on("2026-12-03")], []),
    ("DEMO-0001", "ask_map", [on("2027-01-12")], []),
    ("DEMO-0003", "ask_cost", [euros("50")], []),
]


@cache
def question(language: str, intent: str) -> str:
    """The longest of the first training examples: long enough to show its language."""
    for path in sorted((ROOT / "nlu" / language).glob("*.yml")):
        for block in yaml.safe_load(path.read_text(encoding="utf-8"))["nlu"]:
            if block.get("intent") == intent:
                lines = [
                    line[2:].strip()
                    for line in block["examples"].splitlines()
                    if line.strip().startswith("- ")
                ]
                return max(lines[:8], key=len)
    raise LookupError(f"{language}: no training data for {intent}")


def written_in(replies: list[dict], language: str) -> bool:
    """Every reply says it is in the language, and its letters are in the language's script."""
    text = "\n".join(r.get("text", "") for r in replies)
    if {(r.get("metadata") or {}).get("language") for r in replies} != {language}:
        return False
    letters = [c for c in text if c.isalpha()]
    ethiopic = sum(ord(c) in ETHIOPIC for c in letters)
    arabic = sum(0x0600 <= ord(c) <= 0x06FF for c in letters)
    if language == "ti":
        return ethiopic > len(letters) / 3
    if language in ("ar", "fa"):
        return arabic > len(letters) / 3
    return ethiopic == 0 and arabic == 0


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize(
    ("case_ref", "intent", "expected", "absent"), MATRIX, ids=[f"{c}-{i}" for c, i, _, _ in MATRIX]
)
def test_fact_and_language(
    stack: Stack, language: str, case_ref: str, intent: str, expected: list, absent: list
) -> None:
    sender = uuid.uuid4().hex
    stack.link(sender, case_ref)
    stack.say(sender, f'/choose_language{{"language": "{language}"}}')
    replies = stack.say(sender, question(language, intent))
    reply = "\n".join(r.get("text", "") for r in replies)
    for fact in expected:
        assert fact(language) in reply, (
            f"{language} {case_ref} {intent}: {fact(language)!r} not in {reply!r}"
        )
    for fact in absent:
        assert fact(language) not in reply
    assert written_in(replies, language), f"reply not in {language}: {reply!r}"
