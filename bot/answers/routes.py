"""Leerroutes, changing route, language levels, PVT and MAP (docs/facts.md §3, §7).

The question wins over the case: a route named in the question is explained, with a line about
the person's own route when it differs.
"""

from __future__ import annotations

from datetime import date

from bot.answers.base import NOT_LINKED_SHORT, Question, Reply, general, is_wi2021
from bot.cases.domain import Case
from bot.i18n.values import Label, optional_date

ROUTE_ABOUT = {
    "b1": "utter_route_about_b1",
    "onderwijs": "utter_route_about_onderwijs",
    "z": "utter_route_about_z",
}
ROUTE_YOURS = {"b1": "utter_route_b1", "onderwijs": "utter_route_onderwijs", "z": "utter_route_z"}
ROUTE_HOURS = {
    "b1": "utter_route_hours_b1",
    "onderwijs": "utter_route_hours_onderwijs",
    "z": "utter_route_hours_z",
}
ROUTE_NAMES = {"b1": "label_route_b1", "onderwijs": "label_route_onderwijs", "z": "label_route_z"}
LEVEL_OF_ROUTE = {
    "b1": "utter_levels_route_b1",
    "onderwijs": "utter_levels_route_onderwijs",
    "z": "utter_levels_route_z",
}
TIMING_ASPECTS = ("hours", "duration")


def _own_route_line(case: Case | None, asked: str) -> list[Reply]:
    if case is None or not is_wi2021(case) or case.route in (None, asked):
        return []
    return [Reply("utter_route_yours_is", {"route_label": Label(ROUTE_NAMES[case.route])})]


def route(q: Question, case: Case | None, today: date) -> list[Reply]:
    asked = q.route or (case.route if case is not None and is_wi2021(case) else None)
    if q.aspect in TIMING_ASPECTS:
        if asked is None:
            return [general("utter_route_hours_overview")]
        return [Reply(ROUTE_HOURS[asked]), *_own_route_line(case, asked)]
    if q.simple:
        return [Reply("utter_simple_route")]
    if q.route is not None:
        return [general(ROUTE_ABOUT[q.route]), *_own_route_line(case, q.route)]
    if case is None:
        return [general("utter_routes_overview")]
    if not is_wi2021(case):
        return [Reply("utter_route_wi2013")]
    if case.route is None:
        return [Reply("utter_route_not_set")]
    return [Reply(ROUTE_YOURS[case.route], {"button_intents": ["ask_route_change", "ask_exams"]})]


def route_change(q: Question, case: Case | None, today: date) -> list[Reply]:
    if q.simple:
        return [Reply("utter_simple_route_change")]
    return [general("utter_route_change")]


def levels(q: Question, case: Case | None, today: date) -> list[Reply]:
    if q.simple:
        return [Reply("utter_simple_levels")]
    replies = [general("utter_levels")]
    if case is not None and not is_wi2021(case):
        replies.append(Reply("utter_levels_wi2013"))
    elif case is not None and case.route in LEVEL_OF_ROUTE:
        replies.append(Reply(LEVEL_OF_ROUTE[case.route]))
    return replies


STATUS_KEYS = {
    ("pvt", "not_started"): "utter_pvt_status_not_started",
    ("pvt", "invited"): "utter_pvt_status_invited",
    ("pvt", "scheduled"): "utter_pvt_status_scheduled",
    ("pvt", "completed"): "utter_pvt_status_completed",
    ("pvt", "completed_nodate"): "utter_pvt_status_completed_nodate",
    ("map", "not_started"): "utter_map_status_not_started",
    ("map", "invited"): "utter_map_status_invited",
    ("map", "scheduled"): "utter_map_status_scheduled",
    ("map", "completed"): "utter_map_status_completed",
    ("map", "completed_nodate"): "utter_map_status_completed_nodate",
}


def _status(module: str, status: str, when: date | None) -> Reply:
    """The module's status with its date; without a date, the variant that needs none."""
    if when is None and status == "scheduled":
        status = "invited"
    elif when is None and status == "completed":
        status = "completed_nodate"
    return Reply(STATUS_KEYS[(module, status)], {"date": optional_date(when)})


def pvt(q: Question, case: Case | None, today: date) -> list[Reply]:
    if q.aspect == "hours":
        return [Reply("utter_pvt_hours")]
    if q.aspect in ("who_pays", "how_much"):
        paid_2013 = case is not None and not is_wi2021(case) and case.category != "asylum"
        return [Reply("utter_pvt_cost_2013" if paid_2013 else "utter_pvt_cost")]
    if q.aspect == "where":
        return [Reply("utter_pvt_where")]
    if case is None:
        return [general("utter_simple_pvt" if q.simple else "utter_pvt_about"), NOT_LINKED_SHORT]
    status = _status("pvt", case.pvt_status, case.pvt_date)
    if q.aspect == "when" or q.simple:
        return [status]
    about = "utter_pvt_about" if is_wi2021(case) else "utter_pvt_wi2013"
    return [Reply(about), status]


def map_module(q: Question, case: Case | None, today: date) -> list[Reply]:
    if case is not None and not is_wi2021(case):
        return [Reply("utter_map_wi2013")]
    if case is not None and (case.route == "onderwijs" or case.map_status == "not_required"):
        return [Reply("utter_map_not_required")]
    if q.aspect == "hours":
        return [Reply("utter_map_hours")]
    if q.aspect in ("who_pays", "how_much"):
        return [Reply("utter_map_cost")]
    if q.aspect == "where":
        return [Reply("utter_map_where")]
    if case is None:
        return [general("utter_simple_map" if q.simple else "utter_map_about"), NOT_LINKED_SHORT]
    status = _status("map", case.map_status, case.map_date)
    if q.aspect == "when" or q.simple:
        return [status]
    return [Reply("utter_map_about"), status]
