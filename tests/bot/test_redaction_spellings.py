"""Every common spelling of a BSN or IBAN is replaced before Rasa sees the text."""

from __future__ import annotations

import pytest

from bot.privacy import redact

# (how a person may write it, what Rasa gets)
SPELLINGS = [
    ("111222333", "[BSN]"),
    ("111 222 333", "[BSN]"),
    ("111.222.333", "[BSN]"),
    ("111-222-333", "[BSN]"),
    ("111/222/333", "[BSN]"),
    ("111 - 222 - 333", "[BSN]"),
    ("1112.22.333", "[BSN]"),  # as on a Dutch passport
    ("1112 22 333", "[BSN]"),
    ("111\u00a0222\u00a0333", "[BSN]"),  # no-break spaces
    ("111–222–333", "[BSN]"),  # en dashes
    ("١١١٢٢٢٣٣٣", "[BSN]"),  # Arabic-Indic digits
    ("١١١ ٢٢٢ ٣٣٣", "[BSN]"),
    ("١١١-٢٢٢-٣٣٣", "[BSN]"),
    ("۱۱۱۲۲۲۳۳۳", "[BSN]"),  # Persian digits
    ("۱۱۱.۲۲۲.۳۳۳", "[BSN]"),
    ("۱۱۱/۲۲۲/۳۳۳", "[BSN]"),
    ("12345678", "12345678"),  # 8 digits failing the 11-check stay
    ("NL91ABNA0417164300", "[IBAN]"),
    ("NL91 ABNA 0417 1643 00", "[IBAN]"),
    ("nl91 abna 0417 1643 00", "[IBAN]"),
    ("NL91-ABNA-0417-1643-00", "[IBAN]"),
    ("NL91.ABNA.0417.1643.00", "[IBAN]"),
    ("NL91/ABNA/0417/1643/00", "[IBAN]"),
    ("NL91 - ABNA - 0417 - 1643 - 00", "[IBAN]"),
    ("NL٩١ABNA٠٤١٧١٦٤٣٠٠", "[IBAN]"),
    ("NL۹۱ ABNA ۰۴۱۷ ۱۶۴۳ ۰۰", "[IBAN]"),
    ("NL74 INGB 0705 0034 18", "[IBAN]"),  # DUO's account
    ("DE89 3704 0044 0532 0130 00", "[IBAN]"),
]
# Numbers that are no BSN or IBAN stay as they are.
OTHERS = [
    "123456789",  # fails the 11-check
    "1.234.567.890",
    "06-12345678",
    "deadline 2027-06-11, 12-03-2026",
    "€ 4.250,00",
    "NL75 INGB 0705 0034 18",  # fails mod-97
    "111-222.333",  # mixed separators: not one number
    "UHLKE-28MDJ",
]


@pytest.mark.parametrize(("spelling", "expected"), SPELLINGS)
def test_each_spelling_is_replaced(spelling: str, expected: str) -> None:
    assert redact(spelling) == expected
    sentence = "mijn nummer is {}, klopt dat?"
    assert redact(sentence.format(spelling)) == sentence.format(expected)


@pytest.mark.parametrize("text", OTHERS)
def test_other_numbers_stay(text: str) -> None:
    assert redact(text) == text


def test_several_in_one_message() -> None:
    text = "bsn ١١١٢٢٢٣٣٣ en iban NL91-ABNA-0417-1643-00 en nog NL91ABNA0417164300 graag"
    assert redact(text) == "bsn [BSN] en iban [IBAN] en nog [IBAN] graag"
