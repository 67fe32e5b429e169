"""Typed arguments for catalog messages, so the renderer never guesses a value's kind.

Answers pass values, never formatted text. Each kind is a small JSON object (it travels from the
action server to Rasa), tagged with its kind, and the renderer formats it for the reader:

    Date(day)            {"$date": "2027-06-11"}       a long date in the reader's locale
    Money(amount)        {"$eur": "4250.00"}           an amount in euros
    Number(n)            {"$number": 800}              a number with the locale's separators
    Label(key)           {"$label": "label_step_3"}    another catalog message
    Labels(keys)         {"$labels": [...]}            a bulleted list of catalog messages
    Items(template, [{...}])  {"$items": ...}          a bulleted list, each item rendered from
                                                       its own template with its own arguments
    LanguageName(code)   {"$language": "so"}           a language's name in the reader's language
Plain strings (names, phone numbers) are shown as given; `count` chooses the plural form.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date
from decimal import Decimal
from typing import Any

DATE, MONEY, NUMBER, LABEL, LABELS, ITEMS = (
    "$date",
    "$eur",
    "$number",
    "$label",
    "$labels",
    "$items",
)
LANGUAGE = "$language"
KINDS = (DATE, MONEY, NUMBER, LABEL, LABELS, ITEMS, LANGUAGE)


def Date(day: date) -> dict[str, str]:
    return {DATE: day.isoformat()}


def Money(amount: Decimal | int | str) -> dict[str, str]:
    return {MONEY: str(amount)}


def Number(value: int | Decimal) -> dict[str, Any]:
    return {NUMBER: str(value) if isinstance(value, Decimal) else value}


def Label(key: str) -> dict[str, str]:
    return {LABEL: key}


def Labels(keys: Iterable[str]) -> dict[str, list[str]]:
    return {LABELS: list(keys)}


def Items(template: str, items: Iterable[Mapping[str, Any]]) -> dict[str, Any]:
    return {ITEMS: {"template": template, "items": [dict(item) for item in items]}}


def LanguageName(code: str) -> dict[str, str]:
    return {LANGUAGE: code}


def kind_of(value: Any) -> str | None:
    """The tag of a typed value, or None for a plain value."""
    if isinstance(value, dict) and len(value) == 1:
        (tag,) = value
        return tag if tag in KINDS else None
    return None


def optional_date(day: date | None) -> dict[str, str] | None:
    return Date(day) if day else None
