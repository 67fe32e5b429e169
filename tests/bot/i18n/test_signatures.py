"""The words that give away a language the assistant does not speak are no words of its own."""

from __future__ import annotations

import re

from bot.i18n.signatures import fold, signature_language, signatures
from bot.settings import ROOT


def test_no_signature_word_is_a_word_of_a_supported_language() -> None:
    seen: set[str] = set()
    for path in (ROOT / "nlu").glob("*/*.yml"):
        if path.parent.name != "common":
            seen.update(fold(w) for w in re.findall(r"[^\W\d_]+", path.read_text("utf-8")))
    clashes = {code: sorted(set(words) & seen) for code, words in signatures().items()}
    assert {code: words for code, words in clashes.items() if words} == {}


def test_half_of_the_words_must_give_the_language_away() -> None:
    assert signature_language(["obrigada"]) == "pt"
    assert signature_language(["obrigada", "for", "the", "help", "today"]) is None
    assert signature_language([]) is None
