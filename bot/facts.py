"""National facts the assistant states, each with its source in ../shared/domain/FACTS.md.

They reach the catalogs as named arguments (`%(duo_phone)s`, `%(exam_fee_eur)s`), so a number is
written once, here, and every language formats it for its reader. Local details (the
municipality's phone, the PVT and MAP providers) come from the municipality profile.
"""

from __future__ import annotations

from decimal import Decimal
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from bot.settings import get_settings

FACTS: dict[str, Any] = {
    "duo_phone": "050 599 96 00",  # §9, §12.16
    "duo_address": "DUO Servicecentrum Inburgering, Postbus 764, 9700 AT Groningen",  # §9
    "emergency_number": "112",
    "ind_website": "ind.nl",  # §9
    "duo_website": "inburgeren.nl",  # §9
    "argonaut_website": "argonaut.nl",  # §5.5
    "school_website": "zoekinburgerschool.nl",  # §6 (Blik op Werk keurmerk)
    "exam_fee_eur": Decimal("50"),  # §4.1, §12.3
    "exam_total_2021_eur": Decimal("250"),  # §4.1: 5 parts
    "exam_total_2013_eur": Decimal("300"),  # §4.1: 6 parts incl. ONA
    "pvt_fee_2013_eur": Decimal("150"),  # §4.1: non-asylum migrants who started before 2022
    "loan_max_eur": Decimal("10000"),  # §6: ceiling, income-based, DUO decides
    "fine_route_max_2021_eur": Decimal("1000"),  # §5.3
    "fine_pvt_eur": Decimal("340"),  # §5.3, §7.1
    "fine_map_eur": Decimal("340"),  # §5.3 (secondary source only)
    "fine_max_2013_eur": Decimal("1250"),  # §5.3
    "hearing_threshold_eur": Decimal("340"),  # §5.3 (Wi2013 hoorzitting)
    "interest_percent_2023": Decimal("1.78"),  # §6: from 1-1-2023; later rates UNVERIFIED
    "term_years": 3,  # §5.1
    "extra_years_after_fine_2013": 2,  # §5.3
    "free_attempts": 2,  # §4.1: asylum status holders, Wi2021
    "register_weeks": 6,  # §4.3
    "objection_weeks": 6,  # §5.3, §12.18
    "birth_weeks": 16,  # §5.2
    "illness_months": 3,  # §5.2
    "circumstances_months": 3,  # §5.2 (bijzondere individuele omstandigheden)
    "pvt_deadline_years_2013": 1,  # §7.1
    "extension_after_years": Decimal("2.5"),  # §5.2
    "repay_start_months": 6,  # §6
    "repay_years": 10,  # §6
    "pvt_min_hours": 12,  # §7.1
    "map_min_hours": 40,  # §7.2
    "z_hours": 800,  # §3.3: 800 language + 800 participation
    "z_total_hours": 1600,  # §3.3
    "afschalen_hours": 600,  # §3.1
    "onderwijs_max_age": 28,  # §3.2
    "wi2021_date": "2022-01-01",  # §1.1
    "knm_new_date": "2025-07-01",  # §4.5
}


@lru_cache(maxsize=4)
def _profile(path: Path) -> dict[str, Any]:
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    return {f"municipality_{k}" if not k.endswith("_provider") else k: v for k, v in data.items()}


def default_arguments() -> dict[str, Any]:
    """Facts and the municipality profile, available to every response."""
    return {**FACTS, **_profile(get_settings().municipality_profile)}
