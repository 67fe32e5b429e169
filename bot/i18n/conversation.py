"""The conversation's language: the one place that decides it.

- `language_of(slots)`: the language to answer in now (NLG, actions, channels, the relay, push
  messages): the conversation's language, else the channel's hint, else the default.
- `next_language(...)`: whether this message changes the conversation's language. An explicit
  choice always does. A conversation without a language takes the first signal (what the person
  writes, else the linked case's language, else the channel's). After that only a message that
  is clearly in another supported language counts, and only when the person keeps writing it
  (two such messages in a row, one long one, or two words in a script only it uses, Ge'ez):
  greetings, thanks, names, codes, numbers, "ok", Dutch official terms and short mixed messages
  never flip it. A language that came from the case or the channel is only a guess: the
  person's first message in another language wins.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from bot.i18n.languages import Language, match, resolve

LONG_MESSAGE_WORDS = 8
SURE_FIRST_CONFIDENCE = 0.95


@dataclass(frozen=True)
class Signals:
    """What one message says about language (from the LanguageDetector's entities)."""

    detected: str | None = None  # a supported language the text is written in
    strong: bool = False  # clearly that language (enough words, a confident model)
    certain: bool = False  # the script alone says it (two words in Ge'ez letters: Tigrinya)
    guess: bool = False  # said in many languages ("hi"): fills only a conversation without one
    confidence: float = 0.0
    words: int = 0
    unsupported: str | None = None  # written in a language the assistant does not speak
    unsupported_sure: bool = False
    unsupported_confidence: float = 0.0
    hint: str | None = None  # the channel's language
    gibberish: bool = False  # letters that form no language at all

    @classmethod
    def from_entities(cls, entities: list[dict[str, Any]]) -> Signals:
        found: dict[str, Any] = {}
        for entity in entities:
            name = entity.get("entity")
            if name == "detected_language":
                found.update(
                    detected=entity.get("value"),
                    strong=bool(entity.get("strong")),
                    certain=bool(entity.get("certain")),
                    guess=bool(entity.get("guess")),
                    confidence=float(entity.get("confidence_entity") or 0),
                    words=int(entity.get("words") or 0),
                )
            elif name == "unsupported_language":
                found.update(
                    unsupported=entity.get("value"),
                    unsupported_sure=bool(entity.get("strong") or entity.get("certain")),
                    unsupported_confidence=float(entity.get("confidence_entity") or 0),
                    words=int(entity.get("words") or 0),
                )
            elif name == "language_hint":
                found["hint"] = entity.get("value")
            elif name == "gibberish":
                found["gibberish"] = True
        return cls(**found)


@dataclass(frozen=True)
class LanguageState:
    language: str | None  # the conversation's language (None: not known yet)
    candidate: str | None  # another language the last message was clearly written in
    source: str | None = None  # where it came from: TEXT, CHOICE, CASE, CHANNEL or GUESS


TEXT, CHOICE, CASE, CHANNEL, GUESS = "text", "choice", "case", "channel", "guess"


def next_language(
    state: LanguageState,
    signals: Signals,
    chosen: str | None = None,
    case_language: str | None = None,
) -> LanguageState:
    """The conversation's language after this message."""
    if match(chosen) is not None:
        return LanguageState(resolve(chosen).code, None, CHOICE)
    detected = match(signals.detected)
    if state.language is None:
        # "selam" may be Turkish or Tigrinya: a guess; "iyi akşamlar" is Turkish
        sure = signals.strong or signals.confidence >= SURE_FIRST_CONFIDENCE
        case, hint = match(case_language), match(signals.hint)
        if detected is not None and (sure or case is None or signals.guess):
            return LanguageState(detected.code, None, TEXT if sure else GUESS)
        if case is not None:  # a code alone, "slm": the linked case knows better than a guess
            return LanguageState(case.code, None, CASE)
        return LanguageState(hint.code, None, CHANNEL) if hint else state
    if detected is None:
        case = match(case_language)
        if state.source == GUESS and case is not None:  # "slm", then a code: the case knows
            return LanguageState(case.code, None, CASE)
        return state
    if signals.guess:  # "hi": a guess for a conversation without a language only
        return state
    if detected.code == state.language:
        return LanguageState(state.language, None, state.source if state.source == CHOICE else TEXT)
    if state.source in (CASE, CHANNEL, GUESS):  # the person's own writing beats a guess
        return LanguageState(detected.code, None, TEXT)
    if not signals.strong and not signals.certain:
        return state
    if state.candidate == detected.code or signals.words >= LONG_MESSAGE_WORDS or signals.certain:
        return LanguageState(detected.code, None, TEXT)
    return LanguageState(state.language, detected.code, state.source)


def language_of(slots: Mapping[str, Any]) -> Language:
    """The language to answer in: the conversation's, else the channel's hint, else the default."""
    language, hint = slots.get("language"), slots.get("language_hint")
    return match(language if isinstance(language, str) else None) or resolve(
        hint if isinstance(hint, str) else None
    )
