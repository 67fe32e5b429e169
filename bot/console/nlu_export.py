"""Messages flagged "should have been intent X", exported as Rasa NLU YAML per language."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

import yaml

# Rasa reads [text](entity) and [text]{...} as entity annotations; flagged text must stay text.
_ANNOTATION_CHARS = re.compile(r"[\[\]{}()]")
_SPACE = re.compile(r"\s+")


@dataclass(frozen=True)
class Flag:
    language: str
    text: str
    intent: str


def clean(text: str) -> str:
    return _SPACE.sub(" ", _ANNOTATION_CHARS.sub(" ", text)).strip()


def export(flags: Iterable[Flag]) -> dict[str, str]:
    """{language: NLU YAML (version 3.1)} with one block per intent, examples deduplicated."""
    grouped: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    for flag in flags:
        text = clean(flag.text)
        examples = grouped[flag.language][flag.intent]
        if text and text not in examples:
            examples.append(text)
    files = {}
    for language, intents in sorted(grouped.items()):
        blocks = [
            {"intent": intent, "examples": "".join(f"- {text}\n" for text in texts)}
            for intent, texts in sorted(intents.items())
        ]
        files[language] = yaml.dump(
            {"version": "3.1", "nlu": blocks},
            Dumper=_LiteralDumper,
            allow_unicode=True,
            sort_keys=False,
        )
    return files


class _LiteralDumper(yaml.SafeDumper):
    """Writes the examples as a literal block, the way Rasa's own files look."""


def _literal(dumper: yaml.SafeDumper, value: str) -> yaml.Node:
    style = "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_LiteralDumper.add_representer(str, _literal)
