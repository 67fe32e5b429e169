"""The words of a message that tell its language, and the script it is written in.

Official Dutch terms, link codes and numbers appear in messages in every language, so they are
left out; a word of Latin-letter Arabic keeps its digits ("3likom").
"""

from __future__ import annotations

import re
import unicodedata
from enum import Enum

from bot.cases.codes import find_code

# Dutch official terms appear in messages in every language; they say nothing about it.
NEUTRAL_PHRASES = re.compile(
    r"module arbeidsmarkt en participatie|persoonlijk plan inburgering en participatie"
    r"|plan inburgering en participatie|wet inburgering|mijn inburgering|brede intake"
    r"|vooraankondiging termijnoverschrijding|verzoek verlagen maandbedrag|(het )?juridisch loket"
    r"|blik op werk|z[- ]?route|b1[- ]?route|sociaal wijkteam",
    re.IGNORECASE,
)
NEUTRAL_TERMS = frozenset(
    [
        "pvt",
        "map",
        "knm",
        "duo",
        "pip",
        "ona",
        "ind",
        "b1",
        "a1",
        "a2",
        "b2",
        "onderwijsroute",
        "leerroute",
        "leerroutes",
        "inburgering",
        "inburgeringsexamen",
        "inburgeringstermijn",
        "inburgeringsplicht",
        "inburgeringsdiploma",
        "participatieverklaring",
        "participatieverklaringstraject",
        "leerbaarheidstoets",
        "digid",
        "boete",
        "lening",
        "ontheffing",
        "vrijstelling",
        "verlenging",
        "bezwaar",
        "gemeente",
        "klantmanager",
        "consulent",
        "afschalen",
        "lezen",
        "luisteren",
        "schrijven",
        "spreken",
        "staatsexamen",
        "nt2",
        "uitkering",
        "toeslag",
        "toeslagen",
        "kinderopvangtoeslag",
        "hoorzitting",
        "wegwijs",
        "argonaut",
        "mbo",
        "hbo",
        "cito",
        "code",  # "code man ine …": said in every language
        "ok",
        "oke",
        "okay",
        "okey",
    ]
)
# A letter, or a Devanagari vowel sign or virama (not "letters" to Python, but inside words).
_LETTER = (
    r"(?:[^\W\d_]|[\u0900-\u0903\u093a-\u094f\u0951-\u0957\u0962\u0963]"
    r"|[\u0b82\u0bbe-\u0bcd\u0bd7])"  # and the Tamil vowel signs and virama ("தேர்வு")
)
_WORD = re.compile(
    rf"{_LETTER}+(?:\d+{_LETTER}*)*|\d+{_LETTER}+", re.UNICODE
)  # keeps "3likom" and "नमस्ते"


class Script(str, Enum):
    ETHIOPIC = "ethiopic"
    ARABIC = "arabic"
    DEVANAGARI = "devanagari"
    CYRILLIC = "cyrillic"
    HAN = "han"  # Chinese characters (and Japanese kana)
    TAMIL = "tamil"
    LATIN = "latin"
    OTHER = "other"


def script_of_letter(char: str) -> Script:
    code = ord(char)
    if 0x1200 <= code <= 0x139F or 0x2D80 <= code <= 0x2DDF:
        return Script.ETHIOPIC
    if 0x0600 <= code <= 0x06FF or 0x0750 <= code <= 0x077F or 0xFB50 <= code <= 0xFEFF:
        return Script.ARABIC
    if 0x0400 <= code <= 0x052F:
        return Script.CYRILLIC
    if 0x0900 <= code <= 0x097F or 0xA8E0 <= code <= 0xA8FF:
        return Script.DEVANAGARI
    if 0x4E00 <= code <= 0x9FFF or 0x3400 <= code <= 0x4DBF or 0x3040 <= code <= 0x30FF:
        return Script.HAN
    if 0x0B80 <= code <= 0x0BFF:
        return Script.TAMIL
    if char.isascii() or unicodedata.name(char, "").startswith("LATIN"):
        return Script.LATIN
    return Script.OTHER


def script_of(text: str) -> Script | None:
    """The script most letters of the text are written in (None without letters)."""
    counts: dict[Script, int] = {}
    for char in text:
        if char.isalpha():
            script = script_of_letter(char)
            counts[script] = counts.get(script, 0) + 1
    return max(counts, key=lambda s: counts[s]) if counts else None


def words_of(text: str) -> list[str]:
    """The words that tell a language: no codes, numbers or official Dutch terms."""
    code = find_code(text)
    if code is not None:
        text = re.sub(rf"{code[:5]}[\s-]?{code[5:]}", " ", text, flags=re.IGNORECASE)
    text = NEUTRAL_PHRASES.sub(" ", text)
    return [w for w in _WORD.findall(text) if w.lower() not in NEUTRAL_TERMS and len(w) > 1]


def normalise(text: str) -> str:
    return " ".join(words_of(text)).lower()
