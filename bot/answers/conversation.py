"""Greetings, thanks, help, feelings and frustration, linking help: the conversation itself."""

from __future__ import annotations

from datetime import date

from bot.answers.base import Question, Reply
from bot.answers.contacts import consultant_args, has_consultant
from bot.cases.domain import Case

SUPPORT_KEYS = {
    "worry": "utter_support_worry",
    "money": "utter_support_money",
    "housing": "utter_support_housing",
    "health": "utter_support_health",
}
CANNED = {
    "goodbye": "utter_goodbye",
    "thanks": "utter_thank",
    "help": "utter_help",
    "language_menu": "utter_language_menu",
    "emergency": "utter_emergency",
    "out_of_scope": "utter_out_of_scope",
    "personal_data": "utter_personal_data",
}
ACK_KEYS = {"affirm": "utter_affirm", "deny": "utter_deny"}
FEEDBACK_KEYS = {"good": "utter_feedback_good", "bad": "utter_feedback_bad"}


def greeting(q: Question, case: Case | None, today: date) -> list[Reply]:
    if case is None:
        return [Reply("utter_greet")]
    return [Reply("utter_greet_linked", {"first_name": case.first_name})]


def canned(q: Question, case: Case | None, today: date) -> list[Reply]:
    if q.simple and q.topic == "help":
        return [Reply("utter_simple_help")]
    return [Reply(CANNED[q.topic])]


def ack(q: Question, case: Case | None, today: date) -> list[Reply]:
    return [Reply(ACK_KEYS.get(q.subject or "affirm", "utter_affirm"))]


def feedback(q: Question, case: Case | None, today: date) -> list[Reply]:
    return [Reply(FEEDBACK_KEYS.get(q.subject or "good", "utter_feedback_good"))]


def support(q: Question, case: Case | None, today: date) -> list[Reply]:
    """A kind reply that names who can help; 112 only in the emergency topic."""
    replies = [Reply(SUPPORT_KEYS.get(q.subject or "worry", "utter_support_worry"))]
    if has_consultant(case):
        assert case is not None
        replies.append(Reply("utter_support_consultant", consultant_args(case)))
    return replies


def complaint(q: Question, case: Case | None, today: date) -> list[Reply]:
    return [Reply("utter_complaint", {"button_intents": ["request_human"]})]


def link_help(q: Question, case: Case | None, today: date) -> list[Reply]:
    if case is not None:
        return [Reply("utter_link_help_linked", {"first_name": case.first_name})]
    return [Reply("utter_simple_link_help" if q.simple else "utter_link_help")]
