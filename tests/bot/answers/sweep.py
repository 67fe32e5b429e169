"""Every reply the answers can give: each topic, asked every way, for every kind of case.

The catalog tests use this to know every response key the code can send (the keys are literal
tables in bot/answers; this runs them instead of guessing names).
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from functools import cache

from bot.answers.base import Question, Reply
from bot.answers.contacts import handoff
from bot.answers.registry import TOPICS
from bot.cases.domain import EXAM_PARTS_2013, EXAM_PARTS_2021, ROUTES, Case
from bot.cases.importer import parse_text
from bot.cli import DEMO_FILE
from bot.dialogue.intents import ASPECT_OF_INTENT, TOPIC_OF_SUBJECT
from bot.i18n import values
from tests.bot.cases.factories import make_case

TODAY = date(2026, 12, 1)
EARLIER = date(2023, 1, 10)  # when a 2013-law term could still be running
SUBJECTS = (
    *TOPIC_OF_SUBJECT,
    "worry",
    "money",
    "housing",
    "health",
    "affirm",
    "deny",
    "good",
    "bad",
)
GROUPS = ("turkish", "eu", "ukrainian")


@cache
def demo() -> dict[str, Case]:
    parsed = parse_text(DEMO_FILE.read_text(encoding="utf-8"), "demo", "json")
    return {case.case_ref: case for case in parsed.cases}


def cases() -> list[Case | None]:
    variants = [
        make_case(
            obligation_start=date(2024, 3, 1),
            pip_date=date(2024, 6, 1),
            route="z",
            exams=(("knm", "planned", date(2027, 2, 16)),),
        ),
        make_case(
            category="asylum",
            pip_date=date(2024, 6, 1),
            route="b1",
            pvt_status="completed",
            map_status="scheduled",
            map_date=date(2027, 1, 5),
        ),
        make_case(category="asylum", obligation_start=date(2020, 1, 1), borrowed_eur=None),
        make_case(pip_date=None, learnability_test=date(2026, 12, 10)),
        make_case(obligation_start=date(2020, 2, 1)),  # 2013 law, family migrant
        make_case(
            pip_date=date(2024, 6, 1),
            step=6,
            map_status="completed",
            pvt_status="invited",
            exams=(
                ("lezen", "passed", None),
                ("spreken", "failed", None),
                ("knm", "planned", None),
            ),
        ),
        make_case(
            pip_date=date(2024, 6, 1),
            route="b1",
            pvt_status="completed",
            map_status="completed",
            exams=tuple((part, "passed", date(2025, 5, 1)) for part in EXAM_PARTS_2021),
        ),
        make_case(
            pip_date=date(2025, 6, 1),
            route="b1",
            map_status="invited",
            intake_second=date(2026, 12, 20),
            exams=tuple((part, "planned", date(2027, 1, 5)) for part in EXAM_PARTS_2013),
        ),
    ]
    return [None, *demo().values(), *variants]


def questions(topic: str) -> Iterator[Question]:
    yield Question(topic)
    yield Question(topic, simple=True)
    for aspect in ASPECT_OF_INTENT.values():
        yield Question(topic, aspect=aspect)
    for route in ROUTES:
        yield Question(topic, route=route)
        yield Question(topic, route=route, aspect="hours")
    for part in EXAM_PARTS_2013:
        yield Question(topic, exam_part=part)
    for subject in SUBJECTS:
        yield Question(topic, subject=subject)
    for group in GROUPS:
        yield Question(topic, group=group)


@cache
def every_reply() -> tuple[Reply, ...]:
    found: dict[str, Reply] = {}
    for topic, answer in TOPICS.items():
        for case in cases():
            for today in (TODAY, EARLIER):
                for question in questions(topic):
                    for reply in answer(question, case, today):
                        found.setdefault(f"{reply.key}{sorted(reply.args.items())!r}", reply)
    for case in cases():
        reply = handoff(case)
        found.setdefault(f"{reply.key}{sorted(reply.args.items())!r}", reply)
    return tuple(found.values())


def keys_in(value: object) -> set[str]:
    """Catalog keys a typed argument refers to (labels, item templates)."""
    kind = values.kind_of(value)
    if kind == values.LABEL:
        return {str(value[kind])}  # type: ignore[index]
    if kind == values.LABELS:
        return {str(k) for k in value[kind]}  # type: ignore[index]
    if kind == values.ITEMS:
        content = value[kind]  # type: ignore[index]
        found = {str(content["template"])}
        for item in content["items"]:
            found |= {str(item.get("template", content["template"]))}
            for inner in item.values():
                found |= keys_in(inner)
        return found
    return set()
