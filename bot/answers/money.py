"""Costs, the DUO loan, paying it back, fines (docs/facts.md §4, §5, §6).

For asylum status holders under the Wet inburgering 2013 no amount owed is ever stated (§5.4).
"""

from __future__ import annotations

from datetime import date

from bot.answers.base import (
    Question,
    Reply,
    general,
    is_asylum_2013,
    is_asylum_2021,
    is_wi2021,
)
from bot.cases.domain import Case
from bot.i18n.values import Money


def cost(q: Question, case: Case | None, today: date) -> list[Reply]:
    if q.simple:
        return [Reply("utter_simple_cost")]
    if case is None:
        return [general("utter_cost_general")]
    if not is_wi2021(case):
        return [Reply("utter_cost_wi2013")]
    return [Reply("utter_cost_asylum_2021" if is_asylum_2021(case) else "utter_cost_family_2021")]


def loan(q: Question, case: Case | None, today: date) -> list[Reply]:
    if case is None:
        if q.simple:
            return [general("utter_simple_loan")]
        return [general("utter_loan_general"), Reply("utter_loan_interest")]
    if is_asylum_2013(case):
        return [Reply("utter_loan_asylum_2013")]
    if case.category == "asylum":
        return [Reply("utter_loan_asylum_2021")]
    borrowed = (
        Reply("utter_loan_borrowed", {"borrowed_eur": Money(case.borrowed_eur)})
        if case.borrowed_eur
        else Reply("utter_loan_none_recorded")
    )
    if q.aspect == "how_much" or q.simple:
        return [borrowed]
    return [Reply("utter_loan_rules"), borrowed, Reply("utter_loan_interest")]


REPAY_ASPECTS = {
    "when": "utter_loan_repay_when",
    "duration": "utter_loan_repay_when",
    "how_much": "utter_loan_repay_amount",
}


def loan_repay(q: Question, case: Case | None, today: date) -> list[Reply]:
    if case is not None and is_asylum_2013(case):
        return [Reply("utter_loan_asylum_2013")]
    if case is not None and case.category == "asylum":
        return [Reply("utter_loan_asylum_2021")]
    if q.aspect in REPAY_ASPECTS:
        return [Reply(REPAY_ASPECTS[q.aspect])]
    return [general("utter_simple_loan_repay" if q.simple else "utter_loan_repay")]


def fine(q: Question, case: Case | None, today: date) -> list[Reply]:
    if case is not None and is_asylum_2013(case):
        return [Reply("utter_fine_asylum_2013")]
    if q.simple:
        return [Reply("utter_simple_fine")]
    if case is None:
        return [general("utter_fine_general")]
    return [Reply("utter_fine_2021" if is_wi2021(case) else "utter_fine_2013")]
