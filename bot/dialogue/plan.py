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

import re
from dataclasses import dataclass, field, replace

from bot.answers.base import Question
from bot.dialogue.context import Context
from bot.dialogue.intents import (
    ASPECT_OF_INTENT,
    ASPECT_SIBLINGS,
    BUTTON_INTENTS,
    ELLIPTIC_INTENTS,
    FOLLOW_UPS,
    NOT_CONTEXT,
    SUBJECT_OF_INTENT,
    SUBJECT_TOPICS_TOGETHER,
    TOPIC_OF_INTENT,
    TOPIC_OF_SUBJECT,
)
from bot.dialogue.turn import Clause, Terms, Turn
from bot.i18n.languages import match, other_language, resolve

MAX_QUESTIONS = 3
ROUTE_TOPICS = frozenset({"exams", "route", "route_change", "levels", "diploma"})
OPENING_UNSUPPORTED_CONFIDENCE = 0.9
FEEDBACK_INTENTS = ("feedback_good", "feedback_bad")
LANGUAGE_SWITCH_CONFIDENCE = 0.5  # below it "can exams be in English?" is not a wish to switch
SHORT_WORDS = 5  # a short question right after an answer may be a follow-up to it
FALLBACK_BUTTONS = 3
QUESTION_CONFIDENCE = 0.45  # a clause counts as a question of its own above this
CLAUSE_OVERRIDE_CONFIDENCE = 0.75  # "hoi, ik ben Noor" stays a greeting
# Something typed as a code that is not one: digits, or letters and digits mixed, 4 or more.
CODE_LIKE = re.compile(r"(?<!\w)(?=[\w-]*\d)[\w-]{4,}(?!\w)")


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


def question_for(
    intent: str, terms: Terms, last: Question | None, short: bool = False
) -> Question | None:
    """The question an intent asks, with the names in the message (or, for a follow-up, the
    names of the last question). A short topic question right after another topic may be a
    follow-up ("how long do I have?" after the objection answer)."""
    aspect = ASPECT_OF_INTENT.get(intent)
    elliptic = ELLIPTIC_INTENTS.get(intent)
    if elliptic and short and not terms.any() and last is not None and last.topic in elliptic[1]:
        follow_up = _follow_up(elliptic[0], terms, last)
        if follow_up is not None:
            return follow_up
    if intent in TOPIC_OF_INTENT:
        topic = TOPIC_OF_INTENT[intent]
        if short and last is not None and last.route and not terms.route and topic in ROUTE_TOPICS:
            terms = replace(terms, route=last.route)  # "is there an exam?" after the Z-route
        return _ask(topic, terms)
    if intent in SUBJECT_OF_INTENT:
        topic, subject = SUBJECT_OF_INTENT[intent]
        return Question(topic, subject=subject)
    if aspect is not None:
        default = topic_of_terms(terms) or FOLLOW_UPS[(None, aspect)]
        return _follow_up(aspect, terms, last) or _ask(default, terms, aspect)
    return None


def _follow_up(aspect: str, terms: Terms, last: Question | None) -> Question | None:
    """The follow-up for the first of: what this message names, what the last question named,
    the last topic, that has an answer for this aspect."""
    named = topic_of_terms(terms)
    remembered = topic_of_terms(_terms_of(last)) if last is not None else None
    for base in (named, remembered, last.topic if last is not None else None):
        for asked in (aspect, ASPECT_SIBLINGS.get(aspect, aspect)):
            if base is not None and (base, asked) in FOLLOW_UPS:
                source = terms if base == named else _terms_of(last)
                return _ask(FOLLOW_UPS[(base, asked)], source, asked)
    return None


def _ask(topic: str, terms: Terms, aspect: str | None = None) -> Question:
    """The question about a topic with the names the message (or the context) gives."""
    return Question(
        topic,
        aspect=aspect,
        route=terms.route,
        exam_part=terms.exam_part,
        subject=terms.subject,
        group=terms.group,
    )


def _terms_of(question: Question | None) -> Terms:
    if question is None:
        return Terms()
    return Terms(
        route=question.route,
        exam_part=question.exam_part,
        subject=question.subject,
        group=question.group,
    )


def topic_of_terms(terms: Terms) -> str | None:
    if terms.subject in TOPIC_OF_SUBJECT:
        return TOPIC_OF_SUBJECT[terms.subject]
    if terms.exam_part:
        return "exams"
    if terms.route:
        return "route"
    return None


def _questions(turn: Turn, last: Question | None) -> list[Question]:
    """The questions of a message: one per clause that is a question, else the message's.

    A greeting or thanks around a question is not answered on its own ("hello, when is my
    exam?" gets the exam date)."""
    clauses = [c for c in turn.clauses if c.confidence >= QUESTION_CONFIDENCE]
    asked = [q for c in clauses if (q := _clause_question(c, last)) is not None]
    informative = [q for q in asked if q.topic not in NOT_CONTEXT]
    short = len(turn.text.split()) <= SHORT_WORDS
    single = question_for(turn.intent, turn.terms, last, short)
    overrides = [
        q
        for c, q in zip(clauses, asked, strict=False)
        if q.topic not in NOT_CONTEXT and c.confidence >= CLAUSE_OVERRIDE_CONFIDENCE
    ]
    if len(informative) >= 2 or (
        len(overrides) == 1 and (single is None or single.topic in NOT_CONTEXT)
    ):
        informative = informative if len(informative) >= 2 else overrides
        unique = list({(q.topic, q.aspect, q.route, q.exam_part): q for q in informative}.values())
        return unique[:MAX_QUESTIONS]
    if single is None:
        return []
    return _each_named_subject(single, turn.terms)


def _each_named_subject(question: Question, terms: Terms) -> list[Question]:
    """'Are the PVT and the MAP done?': one question per subject the message names, when the
    question is about one of them."""
    topics = [TOPIC_OF_SUBJECT[s] for s in terms.subjects if s in SUBJECT_TOPICS_TOGETHER]
    if len(topics) < 2 or question.topic not in topics:
        return [question]
    return [question.but(topic=topic, subject=None) for topic in dict.fromkeys(topics)]


def _clause_question(clause: Clause, last: Question | None) -> Question | None:
    return question_for(clause.intent, clause.terms, last)


def _language_steps(turn: Turn) -> list[Step]:
    """'Can you speak Arabic / Somali?', a language name, or the menu. Of several names the
    last one is the wish ("my Dutch is not good, can we talk in English")."""
    if not turn.terms.languages:
        return [Answer(Question("language_menu"))]
    unsupported = [code for code in turn.terms.languages if match(code) is None]
    if unsupported:  # "can you speak Somali? my English is not good"
        return [Unsupported(unsupported[0], named=True)]
    return [ChooseLanguage(resolve(turn.terms.languages[-1]).code)]


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
        language_source=context.language_source,
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
        return [Answer(_ask(named, turn.terms))]
    likely = tuple(i for i in turn.ranking if i in BUTTON_INTENTS)[:FALLBACK_BUTTONS]
    return [Fallback(context.fallbacks + 1, likely or ("help",))]


def _unclear(context: Context) -> list[Step]:
    last = context.last_question
    steps: list[Step] = [Answer((last or Question("help")).but(simple=True, aspect=None))]
    if context.unclear >= 1:
        steps.append(Say("utter_offer_human", "handoff", ("request_human",)))
    return steps


def _effective_intent(turn: Turn) -> str:
    """The intent, except where the classifier is known to overreach: a long message is never
    a bare language name ("can the exams be in English?"), and keyboard mashing is not
    understood."""
    if turn.is_button:
        return turn.intent
    if turn.signals.gibberish and turn.intent not in ("link_code", "share_personal_data"):
        return "nlu_fallback"
    if turn.intent in ("choose_language", "change_language") and turn.terms.names_a_topic():
        # "can the exams be in English?": the language is about the exam, not a wish to switch
        others = [i for i in turn.ranking if i not in ("choose_language", "change_language")]
        return others[0] if others else "nlu_fallback"
    return turn.intent


def _unsupported_is_clear(turn: Turn, context: Context) -> bool:
    """Clearly written in a language the assistant does not speak: a long or script-certain
    message; at the start of a conversation also two words the model is very sure of."""
    signals = turn.signals
    if signals.unsupported_sure:
        return True
    return (
        context.language is None
        and signals.words >= 2
        and signals.unsupported_confidence >= OPENING_UNSUPPORTED_CONFIDENCE
    )


def steps_for(turn: Turn, context: Context) -> list[Step]:
    """The steps for one message, before the context is updated."""
    pending = _pending_steps(turn, context)
    if pending is not None:
        return pending
    if not any(c.isalnum() for c in turn.text) and turn.intent not in FEEDBACK_INTENTS:
        return [Answer(Question("help", simple=True))]  # empty, or only emoji or punctuation
    turn = replace(turn, intent=_effective_intent(turn))
    intent, signals = turn.intent, turn.signals
    if intent == "link_code" and turn.code is not None:
        return [Link(turn.code), *[Answer(q) for q in _questions(turn, None)[1:]]]
    if (
        signals.unsupported
        and _unsupported_is_clear(turn, context)
        and not turn.is_button
        and intent not in ("share_personal_data", "choose_language")
    ):
        return [Unsupported(signals.unsupported, named=False)]
    if intent == "choose_language" or (
        intent == "change_language" and turn.confidence >= LANGUAGE_SWITCH_CONFIDENCE
    ):
        return _language_steps(turn)
    if intent == "change_language":  # unsure: offer the menu rather than switch
        return [Answer(Question("language_menu"))]
    if intent == "forget_me":
        return [Forget(confirmed=False)]
    if intent == "request_human":
        return [Handoff()]
    if intent == "ask_link_help" and CODE_LIKE.search(turn.text):  # "my code is 4821"
        return [Say("utter_link_invalid", "link_invalid")]
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
