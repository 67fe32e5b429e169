"""Who the person can reach: their consultant, the municipality, DUO (docs/facts.md §9)."""

from __future__ import annotations

from datetime import date

from bot.answers.base import Question, Reply
from bot.cases.domain import Case
from bot.i18n.values import Items

CONTACT_WAYS = (("label_contact_phone", "phone"), ("label_contact_email", "email"))


def consultant_args(case: Case) -> dict[str, object]:
    ways = [
        {"template": template, "value": getattr(case.consultant, field)}
        for template, field in CONTACT_WAYS
        if getattr(case.consultant, field)
    ]
    return {
        "consultant_name": case.consultant.name,
        "contact_items": Items("label_contact_phone", ways),
    }


def has_consultant(case: Case | None) -> bool:
    return case is not None and bool(case.consultant.name)


def contact(q: Question, case: Case | None, today: date) -> list[Reply]:
    if case is None or not has_consultant(case):
        return [Reply("utter_contact_general")]
    return [
        Reply("utter_contact_consultant", consultant_args(case)),
        Reply("utter_contact_general"),
    ]


def handoff(case: Case | None) -> Reply:
    """Who the person can reach: their consultant when known, else the municipality."""
    if case is None or not has_consultant(case):
        return Reply("utter_handoff_municipality")
    return Reply("utter_handoff_consultant", consultant_args(case))
