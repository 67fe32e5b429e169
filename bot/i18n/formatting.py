"""Dates, money and numbers for the reader's locale, and bidi isolation for right-to-left text."""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal

from babel.dates import format_date
from babel.numbers import format_currency, format_decimal

from bot.i18n.languages import Language

FSI, PDI = "\u2068", "\u2069"  # first-strong isolate ... pop directional isolate
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def isolate(text: str, language: Language) -> str:
    """Keep a Latin name, phone number, date or amount readable inside right-to-left text."""
    return f"{FSI}{text}{PDI}" if language.rtl else text


def money(amount: Decimal | float | int | str, language: Language) -> str:
    return format_currency(
        Decimal(str(amount)), "EUR", locale=language.locale, numbering_system="latn"
    )


def day(value: date | str, language: Language) -> str:
    when = date.fromisoformat(value) if isinstance(value, str) else value
    return format_date(when, "long", locale=language.locale)


def number(value: int | float | Decimal, language: Language) -> str:
    return format_decimal(value, locale=language.locale, numbering_system="latn")


def format_value(name: str, value: object, language: Language) -> str:
    """Format one argument by its kind: ISO date, *_eur amount, number, or text as given."""
    if name.endswith("_eur") and value is not None:
        text = money(str(value), language)
    elif isinstance(value, str) and _ISO_DATE.match(value):
        text = day(value, language)
    elif isinstance(value, bool):
        text = str(value)
    elif isinstance(value, int | float | Decimal):
        text = number(value, language)
    else:
        text = str(value)
    return isolate(text, language)
