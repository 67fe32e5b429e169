"""Dates, money and numbers for the reader's locale, and bidi isolation for right-to-left text."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from babel import Locale, UnknownLocaleError
from babel.dates import format_date
from babel.numbers import format_currency, format_decimal

from bot.i18n.languages import Language

FSI, PDI = "\u2068", "\u2069"  # first-strong isolate ... pop directional isolate


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


def language_name(code: str, language: Language) -> str:
    """The name of a language (any code Babel knows) in the reader's language."""
    try:
        name = Locale.parse(language.locale).languages.get(code)
    except (ValueError, UnknownLocaleError):
        name = None
    return str(name) if name else code
