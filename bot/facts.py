"""The national facts the assistant states, each with its section in docs/facts.md.

docs/facts.md holds every rule, number and date with its source and the date it was checked.
The facts reach the catalogs as named arguments (`%(duo_phone)s`, `%(exam_fee_eur)s`), so a
number is written once, here, and every language formats it for its reader. Local details (the
municipality's phone, the PVT and MAP providers) come from the municipality profile.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from bot.i18n.values import Date, Money, Number
from bot.settings import get_settings

WI2021_START = date(2022, 1, 1)  # §1: obliged on or after this day → Wet inburgering 2021
TERM_YEARS = 3  # §5

FACTS: dict[str, Any] = {
    # how the inburgering is built (§2, §3, §4): counts the catalogs also write as words
    "steps": 7,
    "intake_conversations": 2,
    "routes": 3,
    "exam_parts_2021": 5,
    "exam_parts_2013": 6,
    "code_characters": 10,
    # the two laws and the court rulings about them (§1, §5)
    "law_2013": "Wet inburgering 2013",
    "law_2021": "Wet inburgering 2021",
    "collection_paused_year": 2023,
    "ruling_years": "2025, 2026",
    # contacts and websites (§9)
    "duo_phone": "050 599 96 00",
    "duo_address": "DUO Servicecentrum Inburgering, Postbus 764, 9700 AT Groningen",
    "ombudsman_phone": "0800 33 55 555",
    "emergency_number": "112",
    "ind_website": "ind.nl",
    "duo_website": "inburgeren.nl",
    "digid_website": "digid.nl",
    "argonaut_website": "argonaut.nl",  # §5 (medical exemption)
    "school_website": "zoekinburgerschool.nl",  # §6 (Blik op Werk quality mark)
    "legal_aid_website": "juridischloket.nl",  # §9 (Het Juridisch Loket)
    # who must integrate (§1)
    "wi2021_date": Date(WI2021_START),
    "turkish_date": Date(date(2022, 1, 1)),
    "turkish_asylum_date": Date(date(2020, 5, 1)),
    "adult_age": 18,
    "school_years_in_nl": 8,
    # process (§2)
    "intake_fine_eur": Money("250"),
    "pip_fine_max_eur": Money("800"),
    "learnability_languages": 27,
    "letter_months_before_end": 2,
    # routes (§3)
    "z_hours": Number(800),  # 800 hours of Dutch + 800 hours of participation
    "z_total_hours": Number(1600),
    "afschalen_hours": Number(600),
    "onderwijs_max_age": 28,
    "onderwijs_years": 2,  # one municipality's figure: full time, about 2 years
    # exams (§4)
    "exam_fee_eur": Money("50"),
    "exam_total_2021_eur": Money("250"),  # 5 parts
    "exam_total_2013_eur": Money("300"),  # 6 parts incl. ONA
    "free_attempts": 2,  # asylum status holders, Wi2021
    "register_weeks": 6,
    "exam_letter_weeks": 1,
    "knm_new_date": Date(date(2025, 7, 1)),
    # the term, extra time, fines (§5)
    "term_years": TERM_YEARS,
    "birth_weeks": 16,
    "illness_months": 3,
    "circumstances_months": 3,
    "extension_after_years": Number(Decimal("2.5")),
    "decision_weeks": 8,
    "objection_weeks": 6,
    "fine_route_max_2021_eur": Money("1000"),
    "fine_pvt_eur": Money("340"),
    "fine_map_eur": Money("340"),  # secondary source only
    "fine_max_2013_eur": Money("1250"),
    "hearing_threshold_eur": Money("340"),
    "extra_years_after_fine_2013": 2,
    # the DUO loan (§6)
    "loan_max_eur": Money("10000"),  # the ceiling; income-based, DUO decides
    "interest_percent_2023": Number(Decimal("1.78")),  # from 1 January 2023; later rates unknown
    "income_years_back": 2,
    "repay_start_months": 6,
    "repay_years": 10,
    "pvt_fee_2013_eur": Money("150"),  # non-asylum migrants who started before 2022
    # PVT and MAP (§7)
    "pvt_min_hours": 12,
    "pvt_deadline_years_2013": 1,
    "map_min_hours": 40,
    "map_themes": 8,
}


@lru_cache(maxsize=4)
def _profile(path: Path) -> dict[str, Any]:
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    return {f"municipality_{k}" if not k.endswith("_provider") else k: v for k, v in data.items()}


def municipality_profile() -> dict[str, Any]:
    """The local details: the municipality's phone, website, office hours, providers."""
    return _profile(get_settings().municipality_profile)


def default_arguments() -> dict[str, Any]:
    """Facts and the municipality profile, available to every response."""
    return {**FACTS, **municipality_profile()}
