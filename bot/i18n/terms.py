"""Find the names that change an answer (the Z-route, the speaking exam, Turkish nationals).

The words come from the lookup tables of the training data, one table per value, named
`<entity>:<value>` (nlu/<lang>/terms.yml). Matching ignores case, accents and the usual
spelling variants (Turkish dotless i, Arabic alef forms), lets a space or hyphen be left out
("zroute"), and lets Arabic and Tigrinya prefixes and Tigrinya suffixes stick to a word ("الPVT",
"بالخطوة", "ንKNM").
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache

_ARABIC_FORMS = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ى": "ي", "ـ": None, "ك": "ك"})
_CAPITALS = str.maketrans({"İ": "i"})  # Turkish; lower() would make it two characters
_LATIN_FORMS = str.maketrans({"ı": "i", "ß": "ss"})
# Before a word: the start, a non-letter, or an Arabic or Ge'ez letter (a prefix like و, ب,
# ال, ብ, ን). After it: the end, a non-letter, or a Ge'ez letter (a suffix like ፈተና-ይ).
_BEFORE = r"(?<![^\W\u0600-\u06FF\u1200-\u137F])"
_AFTER = r"(?![^\W\u1200-\u137F])"


def fold(text: str) -> str:
    """Lower case without accents; Arabic letter forms unified. Keeps the text's length."""
    lowered = text.translate(_CAPITALS).lower().translate(_LATIN_FORMS).translate(_ARABIC_FORMS)
    result = "".join([_base(char) for char in lowered])
    return result if len(result) == len(text) else text.lower()


@lru_cache(maxsize=4096)
def _base(char: str) -> str:
    """The letter without its accent ("é" → "e"), once per letter."""
    decomposed = unicodedata.normalize("NFD", char)
    base = "".join(c for c in decomposed if not unicodedata.combining(c)) or char
    return base[0] if len(base) == 1 else char


def pattern_for(term: str) -> str:
    words = [re.escape(w) for w in re.split(r"[\s\-]+", fold(term).strip()) if w]
    return _BEFORE + r"[\s\-]?".join(words) + _AFTER


def _starts(words: Iterable[str]) -> tuple[str, ...]:
    """What a message must contain for one of the words to match: the start of each word's
    first part (a substring test is far cheaper than running the pattern)."""
    firsts = {re.split(r"[\s\-]+", fold(w).strip())[0][:3] for w in words if w.strip()}
    return tuple(sorted(firsts - {""}))


@dataclass(frozen=True)
class Found:
    entity: str
    value: str
    start: int
    end: int


class TermFinder:
    def __init__(self, tables: Mapping[str, Iterable[str]]) -> None:
        """`tables`: lookup name `entity:value` → the words for it."""
        self.patterns: list[tuple[str, str, re.Pattern[str], tuple[str, ...]]] = []
        for name, words in sorted(tables.items()):
            if ":" not in name:
                continue
            entity, value = name.split(":", 1)
            alternatives = sorted(
                {pattern_for(w) for w in words if w.strip()}, key=len, reverse=True
            )
            if alternatives:
                pattern = re.compile("|".join(alternatives))
                self.patterns.append((entity, value, pattern, _starts(words)))

    def find(self, text: str) -> list[Found]:
        folded = fold(text)
        found = [
            Found(entity, value, match.start(), match.end())
            for entity, value, pattern, starts in self.patterns
            if any(start in folded for start in starts)  # most names are not in a message
            for match in pattern.finditer(folded)
        ]
        found.sort(key=lambda f: (f.start, -(f.end - f.start)))
        kept: list[Found] = []
        for item in found:  # the longest name wins where two overlap; a tie keeps both
            last = kept[-1] if kept else None
            if last is None or item.start >= last.end:
                kept.append(item)
            elif (item.start, item.end) == (last.start, last.end) and item.entity != last.entity:
                kept.append(item)  # "Turks": the language and the people
            elif item.end - item.start > last.end - last.start:
                kept[-1] = item
        return kept
