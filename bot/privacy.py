"""Personal data in what people type: BSN (11-check), IBAN (mod-97), V-number, phone, e-mail.

- `redact`: before a message is stored or understood, BSN and IBAN numbers (checksums make them
  certain) are replaced by a label; the assistant never needs them and the log keeps none.
- `mask`: reviewers in the staff console read transcripts with all five kinds masked.
"""

from __future__ import annotations

import re

EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
IBAN = re.compile(r"\b[A-Z]{2}\d{2}(?:[ ]?[A-Z0-9]{4}){2,7}(?:[ ]?[A-Z0-9]{1,3})?\b", re.IGNORECASE)
# Not part of a longer number ("1.234.567.890"), but a full stop that ends a sentence is fine.
BSN = re.compile(r"(?<!\d)(?<!\d\.)\d{3}[. ]?\d{3}[. ]?\d{3}(?!\d|\.\d)|(?<!\d)\d{8,9}(?!\d)")
V_NUMBER = re.compile(r"(?<!\d)\d{10}(?!\d)")
PHONE = re.compile(r"(?:(?<![\w+])\+\d{1,3}|(?<![\w])0)(?:[\s-]?\d){8,11}(?!\d)")
LABELS = {
    "email": "[e-mailadres]",
    "iban": "[IBAN]",
    "bsn": "[BSN]",
    "v_number": "[V-nummer]",
    "phone": "[telefoonnummer]",
}


def valid_bsn(candidate: str) -> bool:
    """The 11-check (elfproef): 9 digits, weights 9..2 and -1, sum divisible by 11, not zero."""
    digits = [int(c) for c in candidate if c.isdigit()]
    if len(digits) == 8:
        digits = [0, *digits]
    if len(digits) != 9 or not any(digits):
        return False
    total = sum(d * w for d, w in zip(digits[:8], range(9, 1, -1), strict=True)) - digits[8]
    return total % 11 == 0


def valid_iban(candidate: str) -> bool:
    compact = candidate.replace(" ", "").upper()
    if not 15 <= len(compact) <= 34:
        return False
    rearranged = compact[4:] + compact[:4]
    number = "".join(str(int(c, 36)) for c in rearranged)
    return int(number) % 97 == 1


def mask(text: str) -> str:
    """The text with personal data replaced by labels; other numbers (dates, amounts) stay."""
    text = redact(EMAIL.sub(LABELS["email"], text))
    text = PHONE.sub(LABELS["phone"], text)
    return V_NUMBER.sub(LABELS["v_number"], text)


REDACTED = (LABELS["bsn"], LABELS["iban"])


def redact(text: str) -> str:
    """The message with BSN and IBAN numbers replaced by "[BSN]" and "[IBAN]"."""
    text = IBAN.sub(lambda m: LABELS["iban"] if valid_iban(m.group()) else m.group(), text)
    return BSN.sub(lambda m: LABELS["bsn"] if valid_bsn(m.group()) else m.group(), text)


def shares_personal_data(text: str) -> bool:
    """Whether a (redacted) message held a BSN or IBAN."""
    return any(label in text for label in REDACTED)
