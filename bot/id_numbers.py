"""V-numbers and document numbers in what people type, replaced before anything stores them.

Neither has a checksum a message can be held to, so the shapes are strict and a keyword widens
them:
- a V-number (vreemdelingennummer, the IND's number) is 10 digits. Unbroken and not starting
  with 0 (a Dutch phone number does), or any 10 digits, grouped or not, after "V-nummer",
  "V-number", "vreemdelingennummer" or a "V" written against it ("V1234567890").
- a document number (passport, identity card, residence document) is 9 letters and digits: a
  letter first, a digit last, at least three digits ("NPK2C3L48", "V123AL568"). A word followed
  by a year ("maart2027") is not one. After "paspoort", "passport", "documentnummer", "document
  number", "ID", "verblijfsdocument" or "residence permit", any 6-12 letters and digits with two
  digits or more.
Used by bot.privacy.redact, so every channel applies it before Rasa sees the text.
"""

from __future__ import annotations

import re

V_LABEL = "[V-nummer]"
DOCUMENT_LABEL = "[documentnummer]"
LABELS = (V_LABEL, DOCUMENT_LABEL)

_V_KEYWORD = r"(?:v[ .-]?(?:nummer|nr|number|no)\.?|vreemdelingennummer|alien number)"
_V_AFTER_KEYWORD = re.compile(
    rf"(?i)(\b{_V_KEYWORD}\s*[:#]?\s*)(\d(?:[ .-]?\d){{9}})(?!\d)",
)
_V_PREFIXED = re.compile(r"(?<![\w])[Vv][ -]?(\d{10})(?!\d)")
_V_BARE = re.compile(r"(?<![\d.,])[1-9]\d{9}(?![\d]|[.,]\d)")

_DOCUMENT_KEYWORD = (
    r"(?:paspoort(?:nummer)?|passport(?: number| no\.?)?|documentnummer|document number"
    r"|id[ -]?(?:kaart|card)?(?:nummer| number)?|verblijfs(?:document|pas|vergunning)(?:nummer)?"
    r"|residence (?:permit|card|document)(?: number)?)"
)
_DOCUMENT_AFTER_KEYWORD = re.compile(
    rf"(?i)(\b{_DOCUMENT_KEYWORD}\s*[:#]?\s*(?:is\s+)?)([A-Za-z0-9]{{6,12}})(?![A-Za-z0-9])"
)
_DOCUMENT = re.compile(r"(?<![A-Za-z0-9])[A-Za-z][A-Za-z0-9]{7}\d(?![A-Za-z0-9])")
_WORD_AND_NUMBER = re.compile(r"[a-z]{3,}\d+")


def _digits(text: str) -> int:
    return sum(c.isdigit() for c in text)


def _document(found: re.Match[str]) -> str:
    token = found.group()
    if _digits(token) < 3 or _WORD_AND_NUMBER.fullmatch(token):
        return token
    return DOCUMENT_LABEL


def _document_after_keyword(found: re.Match[str]) -> str:
    keyword, token = found.group(1), found.group(2)
    return keyword + (DOCUMENT_LABEL if _digits(token) >= 2 else token)


def redact_id_numbers(text: str) -> str:
    """The text with V-numbers and document numbers replaced by labels."""
    text = _V_AFTER_KEYWORD.sub(lambda m: m.group(1) + V_LABEL, text)
    text = _V_PREFIXED.sub(V_LABEL, text)
    text = _V_BARE.sub(V_LABEL, text)
    text = _DOCUMENT_AFTER_KEYWORD.sub(_document_after_keyword, text)
    return _DOCUMENT.sub(_document, text)
