"""Personal data in what people type: BSN (11-check), IBAN (mod-97), V-number, phone, e-mail.

- `redact`: before a message is stored or understood, BSN and IBAN numbers (checksums make them
  certain) are replaced by a label, and so are V-numbers and document numbers (bot.id_numbers);
  the assistant never needs them and the log keeps none. Every common spelling counts: grouped
  with spaces, dots, dashes or slashes (one kind per number), in any case, and with Arabic-Indic
  or Persian digits.
- `mask`: reviewers in the staff console read transcripts with all five kinds masked.
"""

from __future__ import annotations

import re
import unicodedata

from bot.id_numbers import LABELS as ID_LABELS
from bot.id_numbers import redact_id_numbers

EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
# Between the digits of a number: a space (also no-break), or a dot, dash or slash with optional
# spaces around it; Arabic writers also use the Arabic comma and decimal/thousands separators.
_SEP = r"(?:[ \u00a0]?[.\-/\u2010-\u2015\u060c\u066b\u066c][ \u00a0]?|[ \u00a0\u202f])"
# \d is any decimal digit: 0-9, Arabic-Indic and Persian (Extended Arabic-Indic) digits.
# A BSN: nine digits, grouped or not; not part of a longer number ("1.234.567.890"), but a full
# stop that ends a sentence is fine. Eight digits (a BSN without its leading 0) only unbroken.
_PUNCT = r"[.\-/\u2010-\u2015\u060c\u066b\u066c]"
BSN = re.compile(
    rf"(?<!\d)(?<!\d{_PUNCT})\d(?:{_SEP}?\d){{8}}(?!\d)(?!{_PUNCT}\d)|(?<!\d)\d{{8}}(?!\d)"
)
# Eight or nine digits that the person calls a BSN are one, also when a typo breaks the check.
BSN_AFTER_KEYWORD = re.compile(
    rf"(?i)(\b(?:bsn|burgerservicenummer|sofi[ -]?nummer|citizen service number)\b\D{{0,20}}?)"
    rf"(?<!\d)(\d(?:{_SEP}?\d){{7,8}})(?!\d)"
)
# An IBAN: country, check digits, then 11-30 letters or digits, grouped or not. The candidate is
# cut to the longest prefix that passes mod-97, so words after it are not taken along.
IBAN = re.compile(rf"(?<![^\W_])[A-Za-z]{{2}}{_SEP}?\d{_SEP}?\d(?:{_SEP}?[A-Za-z0-9\d]){{11,30}}")
_SEPARATOR_CHARS = re.compile(_SEP)
V_NUMBER = re.compile(r"(?<!\d)\d{10}(?!\d)")
PHONE = re.compile(r"(?:(?<![\w+])\+\d{1,3}|(?<![\w])0)(?:[\s-]?\d){8,11}(?!\d)")
LABELS = {
    "email": "[e-mailadres]",
    "iban": "[IBAN]",
    "bsn": "[BSN]",
    "v_number": "[V-nummer]",
    "phone": "[telefoonnummer]",
}


def _ascii(text: str) -> str:
    """Digits of any script as 0-9; everything else unchanged."""
    return "".join(
        str(unicodedata.decimal(c)) if unicodedata.decimal(c, None) is not None else c for c in text
    )


def _one_kind_of_separator(candidate: str) -> bool:
    kinds = {found.strip() or " " for found in _SEPARATOR_CHARS.findall(candidate)}
    return len(kinds) <= 1


def valid_bsn(candidate: str) -> bool:
    """The 11-check (elfproef): 9 digits, weights 9..2 and -1, sum divisible by 11, not zero."""
    digits = [int(c) for c in _ascii(candidate) if c.isdigit()]
    if len(digits) == 8:
        digits = [0, *digits]
    if len(digits) != 9 or not any(digits):
        return False
    total = sum(d * w for d, w in zip(digits[:8], range(9, 1, -1), strict=True)) - digits[8]
    return total % 11 == 0


def valid_iban(candidate: str) -> bool:
    compact = "".join(c for c in _ascii(candidate) if c.isalnum()).upper()
    if not 15 <= len(compact) <= 34:
        return False
    rearranged = compact[4:] + compact[:4]
    try:
        number = "".join(str(int(c, 36)) for c in rearranged)
    except ValueError:  # a letter outside A-Z
        return False
    return int(number) % 97 == 1


def mask(text: str) -> str:
    """The text with personal data replaced by labels; other numbers (dates, amounts) stay."""
    text = redact(EMAIL.sub(LABELS["email"], text))
    text = PHONE.sub(LABELS["phone"], text)
    return V_NUMBER.sub(LABELS["v_number"], text)


REDACTED = (LABELS["bsn"], LABELS["iban"], *ID_LABELS)


def _longest_iban(candidate: str, after: str = "") -> int:
    """The length of the longest start of `candidate` that is an IBAN, or 0. An IBAN ends where
    a word ends, and its account part is mostly digits: words that happen to pass mod-97 ("az
    2022 inja astam wa hanuz emtehan schri|jven": one start in 97 does) are not one."""
    ends = [m.end() for m in re.finditer(r"[A-Za-z0-9]|\d", candidate)]
    for end in reversed(ends[14:]):  # at least 15 characters
        following = candidate[end:] + after
        if following[:1].isalnum() or candidate[end - 1].isspace():
            continue
        if valid_iban(candidate[:end]) and _mostly_digits(candidate[:end]):
            return end if _one_kind_of_separator(candidate[:end]) else 0
    return 0


def _mostly_digits(iban: str) -> bool:
    account = [c for c in _ascii(iban) if c.isalnum()][4:]
    return sum(c.isdigit() for c in account) * 2 >= len(account)


def _redact_ibans(text: str) -> str:
    position = 0
    while found := IBAN.search(text, position):
        length = _longest_iban(found.group(), text[found.end() : found.end() + 1])
        if length:
            text = text[: found.start()] + LABELS["iban"] + text[found.start() + length :]
            position = found.start() + len(LABELS["iban"])
        else:
            position = found.start() + 1
    return text


def _bsn_label(found: re.Match[str]) -> str:
    number = found.group()
    return LABELS["bsn"] if valid_bsn(number) and _one_kind_of_separator(number) else number


def redact(text: str) -> str:
    """The message with BSN, IBAN, V-numbers and document numbers replaced by labels."""
    named = BSN_AFTER_KEYWORD.sub(lambda m: m.group(1) + LABELS["bsn"], _redact_ibans(text))
    return redact_id_numbers(BSN.sub(_bsn_label, named))


def shares_personal_data(text: str) -> bool:
    """Whether a (redacted) message held a BSN, IBAN, V-number or document number."""
    return any(label in text for label in REDACTED)
