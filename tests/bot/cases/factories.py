"""Small case builder for tests: only what a test is about is spelled out."""

from __future__ import annotations

from datetime import date
from typing import Any

from bot.cases.domain import Case, Consultant, Exam


def make_case(**overrides: Any) -> Case:
    values: dict[str, Any] = {
        "case_ref": "T-1",
        "full_name": "Amina Test",
        "category": "family",
        "obligation_start": date(2024, 3, 1),
        "consultant": Consultant("Kees Bakker", "0255 567200", "k.bakker@example.org"),
    }
    values.update(overrides)
    if "exams" in values:
        values["exams"] = tuple(
            Exam(*exam) if isinstance(exam, tuple) else exam for exam in values["exams"]
        )
    return Case(**values)
