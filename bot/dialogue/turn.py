"""What the NLU understood of one message, read from Rasa's parse data."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from bot.cases.codes import find_code, is_only_a_code
from bot.i18n.conversation import Signals

TERM_ENTITIES = ("route", "exam_part", "subject", "group", "language")


@dataclass(frozen=True)
class Terms:
    """Names in the message that change the answer (bot.rasa_ext.terms)."""

    route: str | None = None
    exam_part: str | None = None
    subject: str | None = None
    group: str | None = None
    languages: tuple[str, ...] = ()
    subjects: tuple[str, ...] = ()  # every subject named, in order ("PVT and MAP")

    @classmethod
    def from_entities(cls, entities: Sequence[Mapping[str, Any]]) -> Terms:
        found: dict[str, Any] = {}
        languages: list[str] = []
        subjects: list[str] = []
        for entity in entities:
            name, value = entity.get("entity"), entity.get("value")
            if not isinstance(value, str) or name not in TERM_ENTITIES:
                continue
            if name == "language":
                languages.append(value)
                continue
            if name == "subject":
                subjects.append(value)
            found.setdefault(str(name), value)
        return cls(
            **found,
            languages=tuple(dict.fromkeys(languages)),
            subjects=tuple(dict.fromkeys(subjects)),
        )

    def any(self) -> bool:
        return any((self.route, self.exam_part, self.subject, self.group))

    def names_a_topic(self) -> bool:
        """A route, exam part or subject: something a question is about."""
        return any((self.route, self.exam_part, self.subject))


@dataclass(frozen=True)
class Clause:
    """One question of a message that asks several (bot.rasa_ext.intent_classifier)."""

    intent: str
    confidence: float
    terms: Terms = field(default_factory=Terms)
    text: str = ""


@dataclass(frozen=True)
class Turn:
    text: str
    intent: str
    confidence: float = 1.0
    ranking: tuple[str, ...] = ()
    second_confidence: float = 0.0  # of the runner-up intent
    terms: Terms = field(default_factory=Terms)
    clauses: tuple[Clause, ...] = ()
    signals: Signals = field(default_factory=Signals)

    @property
    def code(self) -> str | None:
        return find_code(self.text) if not self.text.startswith("/") else None

    @property
    def is_button(self) -> bool:
        return self.text.startswith("/")


def _in_span(entity: Mapping[str, Any], start: int, end: int) -> bool:
    begin = entity.get("start")
    return isinstance(begin, int) and start <= begin < end


def from_parse_data(data: Mapping[str, Any]) -> Turn:
    """The Turn for Rasa's parse data of the latest message (tracker.latest_message)."""
    intent = data.get("intent") or {}
    entities = [dict(e) for e in data.get("entities") or [] if isinstance(e, Mapping)]
    clauses = tuple(
        Clause(
            str(c.get("intent")),
            float(c.get("confidence") or 0.0),
            Terms.from_entities(
                [e for e in entities if _in_span(e, int(c.get("start", 0)), int(c.get("end", 0)))]
            ),
            str(data.get("text") or "")[int(c.get("start", 0)) : int(c.get("end", 0))],
        )
        for c in data.get("clauses") or []
        if isinstance(c, Mapping) and c.get("intent")
    )
    return Turn(
        text=str(data.get("text") or ""),
        intent=str(intent.get("name") or "nlu_fallback"),
        confidence=float(intent.get("confidence") or 0.0),
        ranking=tuple(
            str(r.get("name")) for r in data.get("intent_ranking") or [] if isinstance(r, Mapping)
        ),
        second_confidence=_second_confidence(data.get("intent_ranking") or []),
        terms=Terms.from_entities(entities),
        clauses=clauses,
        signals=_signals(data, entities),
    )


def _second_confidence(ranking: Any) -> float:
    entries = [r for r in ranking if isinstance(r, Mapping)]
    return float(entries[1].get("confidence") or 0.0) if len(entries) > 1 else 0.0


def _signals(data: Mapping[str, Any], entities: list[dict[str, Any]]) -> Signals:
    """The language detector's signals; a button's payload (`/ask_deadline`) never reaches the
    detector, so its channel hint is taken from the message's metadata. A message that is only
    a link code says nothing about language."""
    signals = Signals.from_entities(entities)
    if is_only_a_code(str(data.get("text") or "")):  # "Y58F3-8UVJD" is in no language
        signals = Signals(hint=signals.hint)
    metadata = data.get("metadata")
    given = metadata.get("language") if isinstance(metadata, Mapping) else None
    if signals.hint is None and isinstance(given, str):
        return replace(signals, hint=given)
    return signals
