"""Which questions a message asks: the topic of its intent with the names it holds, follow-ups
resolved against the last question, one question per clause of a message that asks several."""

from __future__ import annotations

from dataclasses import replace

from bot.answers.base import Question
from bot.dialogue.intents import (
    ASPECT_OF_INTENT,
    ASPECT_SIBLINGS,
    ELLIPTIC_INTENTS,
    FOLLOW_UPS,
    NOT_CONTEXT,
    SUBJECT_OF_INTENT,
    SUBJECT_TOPICS_TOGETHER,
    TOPIC_OF_INTENT,
    TOPIC_OF_SUBJECT,
)
from bot.dialogue.turn import Clause, Terms, Turn
from bot.i18n.clauses import is_question

MAX_QUESTIONS = 3
ROUTE_TOPICS = frozenset({"exams", "route", "route_change", "levels", "diploma"})
SHORT_WORDS = 5  # a short question right after an answer may be a follow-up to it
# "and if she doesn't come, does she get a fine then?" right after the intake is about the
# municipality's fine however it is put; a message that names the exams or the term is not
FOLLOW_UP_WORDS = {"ask_fine": 12}
LEANING_WORDS = 4  # a part of a message this short that asks only "when?" is about the part before
QUESTION_CONFIDENCE = 0.45  # a clause counts as a question of its own above this
CLAUSE_OVERRIDE_CONFIDENCE = 0.75  # "hoi, ik ben Noor" stays a greeting


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
        return ask(topic, terms)
    if intent in SUBJECT_OF_INTENT:
        topic, subject = SUBJECT_OF_INTENT[intent]
        return Question(topic, subject=subject)
    if aspect is not None:
        default = topic_of_terms(terms) or FOLLOW_UPS[(None, aspect)]
        return _follow_up(aspect, terms, last) or ask(default, terms, aspect)
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
                return ask(FOLLOW_UPS[(base, asked)], source, asked)
    return None


def ask(topic: str, terms: Terms, aspect: str | None = None) -> Question:
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


CLOSING = ("thanks", "goodbye")  # a message of only these two gets both answers, in this order


def questions(turn: Turn, last: Question | None) -> list[Question]:
    """The questions of a message: one per clause that is a question, else the message's.

    A greeting or thanks around a question is not answered on its own ("hello, when is my
    exam?" gets the exam date)."""
    pairs = _clause_questions(turn, last)
    clauses, asked = [c for c, _ in pairs], [q for _, q in pairs]
    closing = {q.topic: q for q in asked if q.topic in CLOSING}
    if len(closing) == len(CLOSING) and len(closing) == len({q.topic for q in asked}):
        return [closing[topic] for topic in CLOSING]  # "thanks a lot, bye": both answered
    informative = [q for q in asked if q.topic not in NOT_CONTEXT]
    short = len(turn.text.split()) <= FOLLOW_UP_WORDS.get(turn.intent, SHORT_WORDS)
    single = question_for(turn.intent, turn.terms, last, short)
    overrides = [
        q
        for c, q in zip(clauses, asked, strict=False)
        if q.topic not in NOT_CONTEXT
        and (c.confidence >= CLAUSE_OVERRIDE_CONFIDENCE or is_question(c.text))
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


def _clause_questions(turn: Turn, last: Question | None) -> list[tuple[Clause, Question]]:
    """Each clause that asks, with its question. A part that leans back on the one before it
    ("…extra time? and what papers?") is that part's follow-up: kept only when it asks about
    something else than that part (the papers for an extension), not again about the same."""
    pairs: list[tuple[Clause, Question]] = []
    for index, clause in enumerate(turn.clauses):
        if clause.confidence < QUESTION_CONFIDENCE:
            continue
        if index and _leans_back(clause):
            before = pairs[-1][1] if pairs else None
            aspect = ASPECT_OF_INTENT[clause.intent]
            follow_up = _follow_up(aspect, clause.terms, before) if before else None
            if follow_up is not None and before is not None and follow_up.topic != before.topic:
                pairs.append((clause, follow_up))
            continue
        question = _clause_question(clause, last)
        if question is not None:
            pairs.append((clause, question))
    return pairs


def _leans_back(clause: Clause) -> bool:
    """A short part after another that only asks "when?", "can that?", "how do I get it?": it
    is about the part before it, which the message as a whole answers, not a question of its
    own (it would add the appointment list to "na de onderwijsroute naar hbo. kan dat?")."""
    return (
        clause.intent in ASPECT_OF_INTENT
        and len(clause.text.split()) <= LEANING_WORDS
        and not clause.terms.any()
    )


def _clause_question(clause: Clause, last: Question | None) -> Question | None:
    return question_for(clause.intent, clause.terms, last)
