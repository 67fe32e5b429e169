"""Decide what to do with a message: a list of steps for the action server to carry out.

- Every question in a message is answered, in order, up to three (a long paragraph is not
  reduced to its first topic).
- A follow-up ("when?", "and how many hours?") is answered for the last topic and what it named.
- "I don't understand" gives the short version of the last answer; twice, also a person.
- A code links; a message about a code explains how to send one.
- A message in a language the assistant does not speak gets the notice in that language.
- "Forget me" asks first; yes deletes, no keeps.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from bot.answers.base import Question
from bot.dialogue.context import Context
from bot.dialogue.intents import (
    ASPECT_OF_INTENT,
    BUTTON_INTENTS,
    FOLLOW_UPS,
    NOT_CONTEXT,
    SUBJECT_OF_INTENT,
    TOPIC_OF_INTENT,
    TOPIC_OF_SUBJECT,
)
from bot.dialogue.turn import Clause, Terms, Turn
from bot.i18n.languages import match, other_language

MAX_QUESTIONS = 3
FALLBACK_BUTTONS = 3
QUESTION_CONFIDENCE = 0.45  # a clause counts as a question of its own above this


@dataclass(frozen=True)
class Answer:
    question: Question


@dataclass(frozen=True)
class Say:
    """A reply that is not an answer to a topic (confirmations, offers)."""

    key: str
    topic: str
    buttons: tuple[str, ...] = ()


@dataclass(frozen=True)
class Link:
    code: str


@dataclass(frozen=True)
class Forget:
    confirmed: bool


@dataclass(frozen=True)
class Handoff:
    pass


@dataclass(frozen=True)
class ChooseLanguage:
    code: str


@dataclass(frozen=True)
class Unsupported:
    code: str
    named: bool  # "can you speak Somali?": answered in the conversation's language


@dataclass(frozen=True)
class Fallback:
    count: int
    likely: tuple[str, ...]


Step = Answer | Say | Link | Forget | Handoff | ChooseLanguage | Unsupported | Fallback


@dataclass(frozen=True)
class Plan:
    steps: tuple[Step, ...]
    context: Context = field(default_factory=Context)


def question_for(intent: str, terms: Terms, last: Question | None) -> Question | None:
    """The question an intent asks, with the names in the message (or, for a follow-up, the
    names of the last question)."""
    details = {
        "route": terms.route,
        "exam_part": terms.exam_part,
        "subject": terms.subject,
        "group": terms.group,
    }
    if intent in TOPIC_OF_INTENT:
        return Question(TOPIC_OF_INTENT[intent], **details)
    if intent in SUBJECT_OF_INTENT:
        topic, subject = SUBJECT_OF_INTENT[intent]
        return Question(topic, subject=subject)
    if intent in ASPECT_OF_INTENT:
        aspect = ASPECT_OF_INTENT[intent]
        named = topic_of_terms(terms)
        base = named or (last.topic if last is not None else None)
        topic = FOLLOW_UPS.get((base, aspect)) or base or FOLLOW_UPS[(None, aspect)]
        if named is None and last is not None:  # "and how many hours?" keeps the Z-route
            details = {k: v or getattr(last, k) for k, v in details.items()}
        return Question(topic, aspect=aspect, **details)
    return None


def topic_of_terms(terms: Terms) -> str | None:
    if terms.subject in TOPIC_OF_SUBJECT:
        return TOPIC_OF_SUBJECT[terms.subject]
    if terms.exam_part:
        return "exams"
    if terms.route:
        return "route"
    return None


def _questions(turn: Turn, last: Question | None) -> list[Question]:
    """The questions of a message: one per clause that is a question, else the message's."""
    clauses = [c for c in turn.clauses if c.confidence >= QUESTION_CONFIDENCE]
    asked = [q for c in clauses if (q := _clause_question(c, last)) is not None]
    informative = [q for q in asked if q.topic not in NOT_CONTEXT]
    if len(informative) >= 2:
        unique = list({(q.topic, q.aspect, q.route, q.exam_part): q for q in informative}.values())
        return unique[:MAX_QUESTIONS]
    single = question_for(turn.intent, turn.terms, last)
    return [single] if single is not None else []


def _clause_question(clause: Clause, last: Question | None) -> Question | None:
    return question_for(clause.intent, clause.terms, last)


def _language_steps(turn: Turn) -> list[Step]:
    """'Can you speak Arabic / Somali?', a language name, or the menu."""
    for code in turn.terms.languages:
        supported = match(code)
        if supported is not None:
            return [ChooseLanguage(supported.code)]
        return [Unsupported(code, named=True)]
    return [Answer(Question("language_menu"))]


def _with_context(plan_steps: list[Step], context: Context, turn: Turn) -> Plan:
    answered = [s.question for s in plan_steps if isinstance(s, Answer)]
    informative = [q for q in answered if q.topic not in NOT_CONTEXT]
    last = informative[-1].but(simple=False, aspect=None) if informative else context.last_question
    fallbacks = context.fallbacks + 1 if any(isinstance(s, Fallback) for s in plan_steps) else 0
    unclear = context.unclear + 1 if turn.intent == "explain_more" else 0
    pending = "forget" if any(s == Forget(False) for s in plan_steps) else None
    updated = Context(
        language=context.language,
        language_hint=context.language_hint,
        language_candidate=context.language_candidate,
        last_question=last,
        pending=pending,
        fallbacks=fallbacks,
        unclear=unclear,
    )
    return Plan(tuple(plan_steps), updated)


def _pending_steps(turn: Turn, context: Context) -> list[Step] | None:
    if context.pending != "forget":
        return None
    if turn.intent in ("affirm", "forget_me"):
        return [Forget(confirmed=True)]
    if turn.intent == "deny":
        return [Say("utter_forget_cancelled", "forget")]
    return None


def _fallback(turn: Turn, context: Context) -> list[Step]:
    named = topic_of_terms(turn.terms)
    if named is not None:  # "MAP???": the term says what it is about
        return [Answer(Question(named, **_details(turn.terms)))]
    likely = tuple(i for i in turn.ranking if i in BUTTON_INTENTS)[:FALLBACK_BUTTONS]
    return [Fallback(context.fallbacks + 1, likely or ("help",))]


def _details(terms: Terms) -> dict[str, str | None]:
    return {"route": terms.route, "exam_part": terms.exam_part, "subject": terms.subject}


def _unclear(context: Context) -> list[Step]:
    last = context.last_question
    steps: list[Step] = [Answer((last or Question("help")).but(simple=True, aspect=None))]
    if context.unclear >= 1:
        steps.append(Say("utter_offer_human", "handoff", ("request_human",)))
    return steps


def steps_for(turn: Turn, context: Context) -> list[Step]:
    """The steps for one message, before the context is updated."""
    pending = _pending_steps(turn, context)
    if pending is not None:
        return pending
    intent, signals = turn.intent, turn.signals
    if intent == "link_code" and turn.code is not None:
        return [Link(turn.code), *[Answer(q) for q in _questions(turn, None)[1:]]]
    if (
        signals.unsupported
        and signals.unsupported_sure
        and not turn.is_button
        and intent not in ("share_personal_data", "choose_language")
    ):
        return [Unsupported(signals.unsupported, named=False)]
    if intent in ("choose_language", "change_language"):
        return _language_steps(turn)
    if intent == "forget_me":
        return [Forget(confirmed=False)]
    if intent == "request_human":
        return [Handoff()]
    if intent == "explain_more":
        return _unclear(context)
    questions = _questions(turn, context.last_question)
    if questions:
        return [Answer(q) for q in questions]
    return _fallback(turn, context)


def plan(turn: Turn, context: Context) -> Plan:
    return _with_context(steps_for(turn, context), context, turn)


def unsupported_has_notice(code: str) -> bool:
    return other_language(code) is not None
