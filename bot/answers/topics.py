"""Routes, PVT, MAP, exams, money, rights and contacts (FACTS.md §3, §4, §5, §6, §7, §9)."""

from __future__ import annotations

from datetime import date

from bot.answers.base import FEEDBACK, Reply, is_asylum_2013, is_wi2021, iso
from bot.cases.domain import Case
from bot.cases.rules import required_exam_parts


def _general(key: str) -> Reply:
    return Reply(key, {"button_intents": list(FEEDBACK)})


def route(case: Case | None, today: date) -> list[Reply]:
    if case is None:
        return [_general("utter_routes_overview")]
    if not is_wi2021(case):
        return [Reply("utter_route_wi2013")]
    if case.route is None:
        return [Reply("utter_route_not_set")]
    return [
        Reply(f"utter_route_{case.route}", {"button_intents": ["ask_route_change", "ask_exams"]})
    ]


def route_change(case: Case | None, today: date) -> list[Reply]:
    return [_general("utter_route_change")]


def _status(prefix: str, status: str, when: date | None) -> Reply:
    """`utter_pvt_status_scheduled` with its date; without a date, the variant that needs none."""
    if when is None and status == "scheduled":
        status = "invited"
    elif when is None and status == "completed":
        status = "completed_nodate"
    return Reply(f"{prefix}_{status}", {"date": iso(when)})


def pvt(case: Case | None, today: date) -> list[Reply]:
    if case is None:
        return [_general("utter_pvt_about")]
    about = "utter_pvt_about" if is_wi2021(case) else "utter_pvt_wi2013"
    return [Reply(about), _status("utter_pvt_status", case.pvt_status, case.pvt_date)]


def map_module(case: Case | None, today: date) -> list[Reply]:
    if case is None:
        return [_general("utter_map_about")]
    if not is_wi2021(case):
        return [Reply("utter_map_wi2013")]
    if case.route == "onderwijs" or case.map_status == "not_required":
        return [Reply("utter_map_not_required")]
    return [Reply("utter_map_about"), _status("utter_map_status", case.map_status, case.map_date)]


def _part_name(part: str) -> str:
    return part.upper() if part in ("knm", "ona") else part


def exams(case: Case | None, today: date) -> list[Reply]:
    if case is None:
        return [_general("utter_exams_about")]
    if is_wi2021(case) and case.route == "z":
        return [Reply("utter_exams_z")]
    latest = {exam.part: exam for exam in case.exams}  # the last result per part counts
    items: list[dict[str, str | None]] = []
    for part in required_exam_parts(case):
        exam = latest.get(part)
        if exam is None:
            items.append({"template": "label_exam_todo", "part": _part_name(part)})
            continue
        template = f"label_exam_{exam.status}" + ("" if exam.date else "_nodate")
        items.append({"template": template, "part": _part_name(part), "date": iso(exam.date)})
    key = "utter_exams_status_2021" if is_wi2021(case) else "utter_exams_status_2013"
    return [Reply(key, {"exam_items": {"items": items}, "button_intents": ["ask_exam_register"]})]


def exam_register(case: Case | None, today: date) -> list[Reply]:
    return [_general("utter_exam_register")]


def exam_failed(case: Case | None, today: date) -> list[Reply]:
    if case is None:
        return [Reply("utter_exam_failed"), _general("utter_exam_failed_general")]
    if is_wi2021(case) and case.category == "asylum":
        return [Reply("utter_exam_failed"), Reply("utter_exam_failed_paid_by_municipality")]
    return [Reply("utter_exam_failed"), Reply("utter_exam_failed_pay_yourself")]


def cost(case: Case | None, today: date) -> list[Reply]:
    if case is None:
        return [_general("utter_cost_general")]
    if not is_wi2021(case):
        return [Reply("utter_cost_wi2013")]
    key = "utter_cost_asylum_2021" if case.category == "asylum" else "utter_cost_family_2021"
    return [Reply(key)]


def loan(case: Case | None, today: date) -> list[Reply]:
    if case is None:
        return [_general("utter_loan_general")]
    if is_asylum_2013(case):
        return [Reply("utter_loan_asylum_2013")]
    if case.category == "asylum":
        return [Reply("utter_loan_asylum_2021")]
    replies = [Reply("utter_loan_rules")]
    if case.borrowed_eur:
        replies.append(Reply("utter_loan_borrowed", {"borrowed_eur": str(case.borrowed_eur)}))
    else:
        replies.append(Reply("utter_loan_none_recorded"))
    return replies


def loan_repay(case: Case | None, today: date) -> list[Reply]:
    if case is not None and is_asylum_2013(case):
        return [Reply("utter_loan_asylum_2013")]
    if case is not None and case.category == "asylum":
        return [Reply("utter_loan_asylum_2021")]
    return [_general("utter_loan_repay")]


def fine(case: Case | None, today: date) -> list[Reply]:
    if case is None:
        return [_general("utter_fine_general")]
    if is_asylum_2013(case):
        return [Reply("utter_fine_asylum_2013")]
    return [Reply("utter_fine_2021" if is_wi2021(case) else "utter_fine_2013")]


def extension(case: Case | None, today: date) -> list[Reply]:
    return [_general("utter_extension")]


def exemption(case: Case | None, today: date) -> list[Reply]:
    return [_general("utter_exemption")]


def objection(case: Case | None, today: date) -> list[Reply]:
    return [_general("utter_objection")]


def contact(case: Case | None, today: date) -> list[Reply]:
    if case is None or not case.consultant.name:
        return [Reply("utter_contact_general")]
    ways = [
        {"template": template, "value": value}
        for template, value in (
            ("label_contact_phone", case.consultant.phone),
            ("label_contact_email", case.consultant.email),
        )
        if value
    ]
    args = {"consultant_name": case.consultant.name, "contact_items": {"items": ways}}
    return [Reply("utter_contact_consultant", args), Reply("utter_contact_general")]


def handoff(case: Case | None) -> Reply:
    """Who the person can reach: their consultant when known, else the municipality."""
    if case is None or not case.consultant.name:
        return Reply("utter_handoff_municipality")
    ways = [
        {"template": template, "value": value}
        for template, value in (
            ("label_contact_phone", case.consultant.phone or None),
            ("label_contact_email", case.consultant.email or None),
        )
        if value
    ]
    return Reply(
        "utter_handoff_consultant",
        {"consultant_name": case.consultant.name, "contact_items": {"items": ways}},
    )
