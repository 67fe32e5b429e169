"""The case's field list is the one place that names a field: import paths and CSV columns."""

from __future__ import annotations

from bot.cases.csv_reader import CSV_COLUMNS, REQUIRED_COLUMNS
from bot.cases.domain import leaves

PUBLISHED_COLUMNS = {  # README, "CSV": what municipalities' exports already use
    *("case_ref", "full_name", "language", "category", "obligation_start", "pip_date"),
    *("term_end", "route", "step", "consultant_name", "consultant_phone", "consultant_email"),
    *("intake_first", "intake_second", "learnability_test", "pvt_status", "pvt_date"),
    *("map_status", "map_date", "exams", "duo_borrowed_eur"),
}


def test_each_field_has_its_own_json_path_and_csv_column() -> None:
    paths = [source.path for _, source in leaves()]
    assert len(set(paths)) == len(paths) and len(set(CSV_COLUMNS)) == len(CSV_COLUMNS)


def test_the_csv_columns_are_the_published_ones() -> None:
    assert set(CSV_COLUMNS) == PUBLISHED_COLUMNS
    assert REQUIRED_COLUMNS == ("case_ref", "full_name", "category", "obligation_start")
