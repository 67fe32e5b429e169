"""The brede intake, the leerbaarheidstoets, the PIP, appointments, moving (docs/facts.md §2)."""

from __future__ import annotations

from datetime import date

from bot.answers.base import Question, Reply, general, is_wi2021
from bot.answers.contacts import consultant_args, has_consultant
from bot.answers.status import appointment
from bot.cases.domain import Case
from bot.i18n.values import Date


def intake(q: Question, case: Case | None, today: date) -> list[Reply]:
    if q.aspect == "when":
        return appointment(q.but(subject="intake"), case, today)
    if q.aspect == "documents":
        return [Reply("utter_intake_bring")]
    if q.simple:
        return [Reply("utter_simple_intake")]
    replies = [general("utter_intake")]
    if case is not None and is_wi2021(case):
        if case.pip_date is not None:
            replies.append(Reply("utter_intake_done"))
        else:
            replies += [r for r in appointment(q, case, today) if r.key == "utter_appointments"]
    return replies


def learnability(q: Question, case: Case | None, today: date) -> list[Reply]:
    if q.simple:
        return [Reply("utter_simple_learnability")]
    replies = [general("utter_learnability")]
    if case is not None and case.learnability_test is not None:
        key = (
            "utter_learnability_planned"
            if case.learnability_test >= today
            else "utter_learnability_done"
        )
        replies.append(Reply(key, {"date": Date(case.learnability_test)}))
    return replies


def pip(q: Question, case: Case | None, today: date) -> list[Reply]:
    if q.simple:
        return [Reply("utter_simple_pip")]
    replies = [general("utter_pip")]
    if case is not None and is_wi2021(case):
        if case.pip_date is not None:
            replies.append(Reply("utter_pip_yours", {"pip_date": Date(case.pip_date)}))
        else:
            replies.append(Reply("utter_pip_not_yet"))
    return replies


def reschedule(q: Question, case: Case | None, today: date) -> list[Reply]:
    if q.simple:
        return [Reply("utter_simple_reschedule")]
    if q.subject == "exam" or q.exam_part in ("knm", "ona"):
        return [Reply("utter_reschedule_exam")]
    replies = [Reply("utter_reschedule")]
    if has_consultant(case):
        assert case is not None
        replies.append(Reply("utter_contact_consultant", consultant_args(case)))
    return replies


def moving(q: Question, case: Case | None, today: date) -> list[Reply]:
    if q.simple:
        return [Reply("utter_simple_moving")]
    return [general("utter_moving")]
