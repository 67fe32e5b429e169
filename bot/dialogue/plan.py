"""Decide what to do with a message: a list of steps for the action server to carry out.

- Every question in a message is answered, in order, up to three (a long paragraph is not
  reduced to its first topic).
- A follow-up ("when?", "and how many hours?") is answered for the last topic and what it named.
- "I don't understand" gives the short version of the last answer; twice, also a person.
- A code links; a message about a code explains how to send one.
- A message in a language the assistant does not speak gets the notice in that language.
- "Forget me" asks first; yes deletes, no keeps.
- Reminders: on, off, or whether they are on; "yes"/"no" right after the assistant offered them.
- While a staff member is in the chat, the assistant says nothing: the person's messages are for
  the staff member (only "forget me" is still the assistant's).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from bot.answers.base import Question
from bot.dialogue.context import Context
from bot.dialogue.intents import BUTTON_INTENTS, NOT_CONTEXT
from bot.dialogue.questions import ask, questions, topic_of_terms
from bot.dialogue.steps import (
    Answer,
    ChooseLanguage,
    Fallback,
    Forget,
    Handoff,
    Link,
    Reminders,
    Say,
    Step,
    Unsupported,
)
from bot.dialogue.turn import Turn
from bot.i18n.languages import match, resolve

OPENING_UNSUPPORTED_CONFIDENCE = 0.9
FEEDBACK_INTENTS = ("feedback_good", "feedback_bad")
LANGUAGE_SWITCH_CONFIDENCE = 0.5  # below it "can exams be in English?" is not a wish to switch
FALLBACK_BUTTONS = 3
DANGER_CONFIDENCE = 0.25
DANGER_CLAUSE = 0.6  # a part of a message this surely about danger to life gets 112 first
REMINDER_CHOICES = {
    "reminders_on": True,
    "reminders_off": False,
    "ask_reminders": None,
}
# Something typed as a code that is not one: digits, or letters and digits mixed, 4 or more.
CODE_LIKE = re.compile(r"(?<!\w)(?=[\w-]*\d)[\w-]{4,}(?!\w)")


@dataclass(frozen=True)
class Plan:
    steps: tuple[Step, ...]
    context: Context = field(default_factory=Context)


def _language_steps(turn: Turn, current: str | None) -> list[Step]:
    """'Can you speak Arabic / Somali?', a language name, or the menu. Of several names, the
    wish is one the conversation is not in yet, the last such ("my Dutch is not good, can we
    talk in English"; "can you write Tigrinya, my English is not good" in an English chat)."""
    if not turn.terms.languages:
        return [Answer(Question("language_menu"))]
    unsupported = [code for code in turn.terms.languages if match(code) is None]
    if turn.signals.unsupported in unsupported:  # "Gibt es das auf Deutsch?": in German
        return [Unsupported(turn.signals.unsupported, named=False)]
    if unsupported:  # "can you speak Somali? my English is not good"
        return [Unsupported(unsupported[0], named=True)]
    named = [resolve(code).code for code in turn.terms.languages]
    new = [code for code in named if code != current]
    return [ChooseLanguage((new or named)[-1])]


def _with_context(plan_steps: list[Step], context: Context, turn: Turn) -> Plan:
    answered = [s.question for s in plan_steps if isinstance(s, Answer)]
    informative = [q for q in answered if q.topic not in NOT_CONTEXT]
    last = informative[-1].but(simple=False, aspect=None) if informative else context.last_question
    if context.with_staff:  # a person took over: what comes after is not a follow-up
        last = None
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
        with_staff=context.with_staff,
    )
    return Plan(tuple(plan_steps), updated)


def _pending_steps(turn: Turn, context: Context) -> list[Step] | None:
    if context.pending == "reminders" and turn.intent in ("affirm", "deny"):
        return [Reminders(turn.intent == "affirm")]
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
        return [Answer(ask(named, turn.terms))]
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
    about_language = turn.intent in ("choose_language", "change_language")
    only_unsupported = bool(turn.terms.languages) and all(
        match(code) is None for code in turn.terms.languages
    )
    terms = turn.terms
    # "welke talen spreek jij", "do you speak Arabic": speaking, not the speaking exam
    names_a_topic = bool(terms.route or terms.subject or terms.exam_part not in (None, "spreken"))
    if about_language and names_a_topic and not only_unsupported:
        # "can the exams be in English?": the language is about the exam, not a wish to switch;
        # "writing in Amharic is easier for me" is about the language (no exam is in Amharic)
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
    if context.with_staff and turn.intent != "forget_me":
        return []  # the staff member in the chat answers
    if not any(c.isalnum() for c in turn.text) and turn.intent not in FEEDBACK_INTENTS:
        return [Answer(Question("help", simple=True))]  # empty, or only emoji or punctuation
    turn = replace(turn, intent=_effective_intent(turn))
    intent, signals = turn.intent, turn.signals
    dangers = [c for c in turn.clauses if c.intent == "emergency"]
    if intent != "emergency" and any(c.confidence >= DANGER_CLAUSE for c in dangers):
        # "english little. i am alone…, i dont want to live anymore": 112 first, then the rest
        rest = steps_for(replace(turn, clauses=()), context)
        again = [s for s in rest if isinstance(s, Answer) and s.question.topic == "emergency"]
        return [Answer(Question("emergency")), *[s for s in rest if s not in again]]
    if intent == "share_personal_data":  # always the warning, then what else was asked
        others = [q for q in questions(turn, context.last_question) if q.topic != "personal_data"]
        return [Answer(Question("personal_data")), *[Answer(q) for q in others]]
    if intent == "link_code" and turn.code is not None:
        return [Link(turn.code), *[Answer(q) for q in questions(turn, None)[1:]]]
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
        return _language_steps(turn, context.language)
    if intent == "change_language":  # unsure: offer the menu rather than switch
        return [Answer(Question("language_menu"))]
    if intent == "forget_me":
        return [Forget(confirmed=False)]
    if intent == "request_human":
        return [Handoff()]
    if intent in REMINDER_CHOICES:
        return [Reminders(REMINDER_CHOICES[intent])]
    if intent == "ask_link_help" and CODE_LIKE.search(turn.text):  # "my code is 4821"
        return [Say("utter_link_invalid", "link_invalid")]
    if intent == "explain_more":
        return _unclear(context)
    asked = questions(turn, context.last_question)
    danger = any(q.topic == "emergency" for q in asked) or _danger_is_likely(turn, asked)
    if asked and danger:  # "my husband beats me, I am scared": the emergency number first
        others = [q for q in asked if q.topic != "emergency"]
        return [Answer(Question("emergency")), *[Answer(q) for q in others]]
    if asked:
        return [Answer(q) for q in asked]
    return _fallback(turn, context)


def _danger_is_likely(turn: Turn, asked: list[Question]) -> bool:
    """When a worry or a problem might be danger to life, the emergency number comes first:
    saying 112 once too often is better than once too rarely."""
    if not any(q.topic == "support" for q in asked):
        return False
    if any(c.intent == "emergency" for c in turn.clauses):  # a part of the story is a danger
        return True
    if len(turn.ranking) < 2:
        return False
    return turn.ranking[1] == "emergency" and turn.second_confidence >= DANGER_CONFIDENCE


def plan(turn: Turn, context: Context) -> Plan:
    return _with_context(steps_for(turn, context), context, turn)
