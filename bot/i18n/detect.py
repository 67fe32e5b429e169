"""Which supported language a message is written in, offline; None when it is not clear.

Short or language-neutral messages ("ok", "B1", a code, a number, "PVT?") return None, so the
conversation keeps its language. Ethiopic script means Tigrinya. Other languages are told apart
by lingua, restricted to the supported ones.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache
from typing import Any

MIN_LETTERS = 8
MIN_WORDS = 2
MIN_CONFIDENCE = 0.7
_ETHIOPIC = re.compile(r"[\u1200-\u137F]")
_ARABIC_SCRIPT = re.compile(r"[\u0600-\u06FF\u0750-\u077F\uFB50-\uFDFF\uFE70-\uFEFF]")
_WORD = re.compile(r"[^\W\d_]{2,}", re.UNICODE)
# Dutch official terms appear in messages in every language; they say nothing about it.
NEUTRAL_PHRASES = re.compile(
    r"module arbeidsmarkt en participatie|persoonlijk plan inburgering en participatie"
    r"|wet inburgering|mijn inburgering|brede intake|vooraankondiging termijnoverschrijding"
    r"|verzoek verlagen maandbedrag|(het )?juridisch loket|blik op werk",
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
        "a2",
        "b2",
        "z-route",
        "b1-route",
        "onderwijsroute",
        "leerroute",
        "leerroutes",
        "inburgering",
        "inburgeringsexamen",
        "inburgeringstermijn",
        "inburgeringsplicht",
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
        "hoorzitting",
        "wegwijs",
    ]
)
PERSIAN_LETTERS = re.compile(r"[پچژگ]")
ARABIC_LETTERS = re.compile(r"[ةى]")


def lingua_codes(codes: Iterable[str]) -> tuple[str, ...]:
    """The codes lingua knows (Tigrinya it does not: Ge'ez script identifies it instead)."""
    return _known_to_lingua(tuple(sorted(set(codes))))


@lru_cache(maxsize=8)
def _known_to_lingua(codes: tuple[str, ...]) -> tuple[str, ...]:
    from lingua import IsoCode639_1

    known = []
    for code in codes:
        try:
            IsoCode639_1.from_str(code)
        except ValueError:
            continue
        known.append(code)
    return tuple(known)


@lru_cache(maxsize=4)
def _detector(codes: tuple[str, ...]) -> Any:
    from lingua import IsoCode639_1, LanguageDetectorBuilder

    iso = [IsoCode639_1.from_str(code) for code in codes]
    return (
        LanguageDetectorBuilder.from_iso_codes_639_1(*iso).with_preloaded_language_models().build()
    )


def warm_up(codes: Iterable[str]) -> None:
    """Load the models at start-up instead of on the first message."""
    usable = lingua_codes(codes)
    if len(usable) >= 2:
        _detector(usable)


def detect(text: str, codes: Iterable[str], lenient: bool = False) -> str | None:
    """The language of `text`; `lenient` (no language known yet) also judges single words."""
    min_words, min_letters, min_confidence = (
        (1, 3, 0.3) if lenient else (MIN_WORDS, MIN_LETTERS, MIN_CONFIDENCE)
    )
    supported = tuple(sorted(set(codes)))
    text = NEUTRAL_PHRASES.sub(" ", text)
    words = [w for w in _WORD.findall(text) if w.lower() not in NEUTRAL_TERMS]
    letters = sum(len(w) for w in words)
    if _ETHIOPIC.search(text):
        return "ti" if "ti" in supported and len(_ETHIOPIC.findall(text)) >= 2 else None
    if len(words) < min_words or (len(words) < MIN_WORDS and letters < min_letters):
        return None
    usable = lingua_codes(supported)
    if _ARABIC_SCRIPT.search(text):
        usable = tuple(code for code in usable if code in ("ar", "fa"))
        if len(usable) == 1:
            return usable[0]
        if PERSIAN_LETTERS.search(text):  # letters Arabic does not have
            return "fa"
        if ARABIC_LETTERS.search(text):  # ta marbuta, alif maqsura: (almost) only Arabic
            return "ar"
    if len(usable) < 2:
        return usable[0] if usable and letters >= min_letters else None
    detector = _detector(usable)
    values = detector.compute_language_confidence_values(" ".join(words))
    if not values:
        return None
    best = values[0]
    if best.value < min_confidence:
        return None
    code = best.language.iso_code_639_1.name.lower()
    return code if code in supported else None


def language_signals(
    text: str, channel_language: str | None, supported: tuple[str, ...]
) -> tuple[str | None, str | None]:
    """(the language the text is clearly in, a hint for when no language is known yet).

    Buttons and link codes say nothing about language. The hint is the channel's language
    (e.g. Telegram's language_code) when supported, else a guess from a short text.
    """
    from bot.cases.codes import find_code
    from bot.i18n.languages import match

    judged = not text.startswith("/") and find_code(text) is None
    detected = detect(text, supported) if judged else None
    channel = match(channel_language)
    if channel is not None and channel.code in supported:
        return detected, channel.code
    return detected, (detect(text, supported, lenient=True) if judged and not detected else None)
