"""Which language a message is written in, offline, from the project's own examples.

A character n-gram model is trained with the NLU model (bot.rasa_ext.language_detector): the
training examples of `nlu/<code>/` are language `<code>` (Arabic, Persian and Tigrinya also in
Latin letters), and `bot/i18n/langid/<code>.txt` holds messages in languages the assistant does
not speak yet, so that those are recognised too. The script narrows the choice first (Ge'ez
letters are Tigrinya, Cyrillic is never a supported language); official Dutch terms, codes and
numbers are left out, because people write them in every language. A message too short for the
model may still give its language away by its words ("obrigada", "ne rozumiyu":
bot.i18n.signatures); "hi" and "hello" are only a guess at English.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from bot.i18n.language_model import (
    LanguageModel,
)
from bot.i18n.signatures import signature_language
from bot.i18n.words import Script, script_of, script_of_letter, words_of

STRONG_WORDS = 3
STRONG_CONFIDENCE = 0.8
WEAK_CONFIDENCE = 0.45
GIBBERISH_BELOW = 0.5  # familiarity under which a message is not language at all

# Arabic typed in Latin letters writes some sounds as digits: "3likom", "ch7al", "ta3ban".
ARABIZI = re.compile(r"[a-z]+[2356789][a-z]+|[2356789][a-z]{3,}|[a-z]{3,}[2356789]", re.IGNORECASE)
ARABIZI_CONFIDENCE = 0.9
MIXED_MIN_LETTERS = 4
MIXED_CONFIDENCE = 0.7
OUR_SCRIPTS = frozenset({Script.LATIN, Script.ARABIC, Script.ETHIOPIC})
MIXED_ETHIOPIC_WORDS = 2  # Ge'ez words that make a mixed message Tigrinya (or Amharic)
LINGUA_FRANCA = frozenset({"hi", "hii", "hello", "helo", "hey", "heyy"})
GUESS_CONFIDENCE = 0.4  # below WEAK_CONFIDENCE: only fills a conversation without a language


@dataclass(frozen=True)
class Detection:
    """The language a message is written in, and how sure that is."""

    language: str
    confidence: float
    words: int
    supported: bool
    certain: bool = False  # the script alone says it (Cyrillic: unsupported; Ge'ez: Tigrinya)
    guess: bool = False  # said in many languages ("hi"): only for a conversation without one

    @property
    def strong(self) -> bool:
        """Clearly this language: enough words and a confident model (or an unmistakable script)."""
        return self.words >= STRONG_WORDS and self.confidence >= STRONG_CONFIDENCE


def identify(model: LanguageModel | None, text: str, supported: Iterable[str]) -> Detection | None:
    """The language of a message, or None when it says nothing about language."""
    if not isinstance(text, str) or text.startswith("/"):
        return None
    words = words_of(text)
    ethiopic = [w for w in words if script_of(w) is Script.ETHIOPIC]
    if len(ethiopic) >= MIXED_ETHIOPIC_WORDS:  # "hoi ik spreek beetje nederlands. ትግርኛ ይሓይሸኒ"
        words = ethiopic
    joined = " ".join(words).lower()
    script = script_of(joined)
    if script is None:
        return None
    codes = frozenset(supported)
    named = _block_language(joined) if script in (Script.OTHER, Script.HAN) else None
    if script is Script.OTHER or (script is Script.HAN and named == "ja"):
        language = named  # Greek, Thai, Korean…: the script names it
        return (
            Detection(language, 1.0, len(words), supported=False, certain=True)
            if language
            else None
        )
    if script is Script.ETHIOPIC:
        letters = sum(script_of_letter(c) is Script.ETHIOPIC for c in joined if c.isalpha())
        if letters < 2:
            return None
        amharic = _clearly_amharic(model, joined, len(words))
        if amharic is not None:
            return amharic
        if "ti" not in codes:
            return None
        # nobody writes Ge'ez letters by accident: two words of it are Tigrinya, whatever else
        return Detection("ti", 1.0, len(words), supported=True, certain=len(words) >= 2)
    if script is Script.LATIN and "en" in codes and set(joined.split()) <= LINGUA_FRANCA:
        # "hi", "hello": said in every language; English is the best guess for a first message,
        # too weak to change a conversation's language (bot.i18n.conversation)
        return Detection("en", GUESS_CONFIDENCE, len(words), supported=True, guess=True)
    if script is Script.LATIN:
        signed = signature_language(words)  # "obrigada", "parli italiano?", "ne rozumiyu"
        if signed is not None and signed not in codes:
            return Detection(signed, 1.0, len(words), supported=False, certain=True)
    if model is None:
        return None
    probabilities = model.probabilities(joined, script)
    if not probabilities:
        return None
    best = max(probabilities, key=lambda code: probabilities[code])
    confidence = probabilities[best]
    mixed = _under_the_mixed_in_words(model, words, best, script, codes)
    if mixed is not None:
        best, confidence = mixed
    if script is Script.LATIN and "ar" in codes and any(ARABIZI.fullmatch(w) for w in words):
        best, confidence = "ar", max(confidence if best == "ar" else 0.0, ARABIZI_CONFIDENCE)
    # a script none of ours is written in (Cyrillic, Devanagari, Chinese, Tamil): whichever
    # language it is, it is one the assistant does not speak
    certain = script not in OUR_SCRIPTS
    if confidence < WEAK_CONFIDENCE and not certain:
        return None
    return Detection(best, confidence, len(words), supported=best in codes, certain=certain)


# Scripts that (nearly) one language writes, for languages without samples: the notice then
# comes in that language when it has one (locales/<code>/), else in English and Dutch.
SCRIPT_BLOCKS = (
    (0x0370, 0x03FF, "el"),
    (0x0530, 0x058F, "hy"),
    (0x0590, 0x05FF, "he"),
    (0x0980, 0x09FF, "bn"),
    (0x0A00, 0x0A7F, "pa"),
    (0x0A80, 0x0AFF, "gu"),
    (0x0C00, 0x0C7F, "te"),
    (0x0C80, 0x0CFF, "kn"),
    (0x0D00, 0x0D7F, "ml"),
    (0x0D80, 0x0DFF, "si"),
    (0x0E00, 0x0E7F, "th"),
    (0x0E80, 0x0EFF, "lo"),
    (0x1000, 0x109F, "my"),
    (0x10A0, 0x10FF, "ka"),
    (0x1100, 0x11FF, "ko"),
    (0x1780, 0x17FF, "km"),
    (0x3040, 0x30FF, "ja"),
    (0xAC00, 0xD7AF, "ko"),
)


def _block_language(text: str) -> str | None:
    """The language whose script most letters of the text are in, by Unicode block."""
    counts: dict[str, int] = {}
    for char in text:
        code = ord(char)
        for first, last, language in SCRIPT_BLOCKS:
            if first <= code <= last:
                counts[language] = counts.get(language, 0) + 1
                break
    return max(counts, key=lambda c: counts[c]) if counts else None


def _clearly_amharic(model: LanguageModel | None, joined: str, words: int) -> Detection | None:
    """Amharic shares the Ge'ez script with Tigrinya: only a message of a few words that the
    model clearly reads as Amharic is Amharic ("እሺ" alone stays Tigrinya)."""
    if model is None or words < STRONG_WORDS:
        return None
    amharic = model.probabilities(joined, Script.ETHIOPIC).get("am", 0.0)
    if amharic < STRONG_CONFIDENCE:
        return None
    return Detection("am", amharic, words, supported=False)


def _under_the_mixed_in_words(
    model: LanguageModel, words: list[str], best: str, script: Script, codes: frozenset[str]
) -> tuple[str, float] | None:
    """A message that reads as Dutch or English only because of Dutch or English words mixed
    in: the other words decide, when they clearly are another supported language."""
    vocabulary = model.vocabularies.get(best)
    if not vocabulary:
        return None
    rest = [w for w in words if w.lower() not in vocabulary]
    if len(rest) == len(words) or sum(len(w) for w in rest) < MIXED_MIN_LETTERS:
        return None
    if len(rest) < len(words) / 2:  # a name or a place in a Dutch or English sentence
        return None
    probabilities = model.probabilities(" ".join(rest).lower(), script)
    other = max(probabilities, key=lambda code: probabilities[code])
    if other != best and other in codes and probabilities[other] >= MIXED_CONFIDENCE:
        return other, probabilities[other]
    return None


def as_entity_attributes(detection: Detection) -> dict[str, Any]:
    return {
        "confidence_entity": round(detection.confidence, 3),
        "words": detection.words,
        "strong": detection.strong,
        "certain": detection.certain,
        "guess": detection.guess,
    }
