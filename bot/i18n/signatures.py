"""Words that give away a language the assistant does not speak, typed in Latin letters.

The character model needs a few words to tell languages apart; people often write only one or
two: "obrigada", "asante", "spasibo", "parli italiano?", "ne rozumiyu". Such words, and each
language's own name, are listed per language in `bot/i18n/langid/signatures.yml`; none of them
is a word of the six supported languages as people type them (a test checks them against the
training examples). A message whose words are at least half such words of one language is
written in that language; a language's own name counts as three words next to another word of
its language ("urdu aati hai?"), as one word in a sentence of another ("can you speak Somali?").
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache
from pathlib import Path

import yaml

SIGNATURES_FILE = Path(__file__).parent / "langid" / "signatures.yml"
NAME_WEIGHT = 3


def fold(word: str) -> str:
    """Lower case without accents: "dziękuję" and "dziekuje" are one word."""
    decomposed = unicodedata.normalize("NFKD", word.lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c)).replace("ł", "l")


@lru_cache(maxsize=1)
def signatures() -> dict[str, dict[str, int]]:
    """Per language code: each signature word and its weight (a name weighs more)."""
    data = yaml.safe_load(SIGNATURES_FILE.read_text(encoding="utf-8")) or {}
    table: dict[str, dict[str, int]] = {}
    for code, entry in data.items():
        weights = {fold(w): 1 for w in entry.get("words") or ()}
        weights.update({fold(n): NAME_WEIGHT for n in entry.get("names") or ()})
        table[str(code)] = weights
    return table


def signature_language(words: list[str]) -> str | None:
    """The unsupported language whose signature words make up at least half of the message."""
    if not words:
        return None
    folded = [fold(w) for w in words]
    scores = {code: _score(folded, weights) for code, weights in signatures().items()}
    best = max(scores, key=lambda code: scores[code], default=None)
    if best is None or scores[best] == 0:
        return None
    runner_up = max((s for c, s in scores.items() if c != best), default=0)
    if scores[best] == runner_up:  # "nahi" is Hindi and Urdu alike: no name, no decision
        return None
    return best if scores[best] * 2 >= len(folded) else None


def _score(folded: list[str], weights: dict[str, int]) -> int:
    """The signature words' weight; a name weighs more only next to another word of its
    language ("tamil theriyatha?"), not in a sentence of another ("can you speak Somali?")."""
    found = [weights[w] for w in folded if w in weights]
    if all(weight == NAME_WEIGHT for weight in found):
        return len(found)
    return sum(found)
