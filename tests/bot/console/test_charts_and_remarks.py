from datetime import date

import pytest

from bot.console import charts, remarks
from bot.console.routes.statistics import language_name, period
from bot.store.db import migrate, session_scope


def test_charts_are_svg_with_a_text_alternative_and_escaped_labels() -> None:
    svg = charts.bars("Top <intents>", [("<script>", 3), ("ask_pvt", 1)])
    assert svg.startswith("<svg") and 'role="img"' in svg and "<title>Top &lt;intents&gt;" in svg
    assert "<script>" not in svg and "&lt;script&gt;" in svg
    assert svg.count("<rect") == 2
    shares = charts.bars("Share", [("nl", 0.25)], percent=True)
    assert ">25%<" in shares
    columns = charts.stacked_columns(
        "Per day",
        ["27-11", "28-11"],
        [charts.Series("Telegram", [1, 0]), charts.Series("Web", [2, 3])],
    )
    assert columns.count("<title>") == 1 + 3  # the chart, and one per non-empty bar part
    assert "Telegram" in columns and "Web" in columns
    assert "<svg" in charts.bars("Empty", []) and "<svg" in charts.stacked_columns("E", [], [])


@pytest.mark.parametrize(
    ("raw", "clean"),
    [("  Verkeerde   Datum ", "verkeerde datum"), ("b1-examen", "b1-examen"), ("تدريب", "تدريب")],
)
def test_tags_are_normalised(raw: str, clean: str) -> None:
    assert remarks.clean_tag(raw) == clean


@pytest.mark.parametrize("raw", ["", "   ", "-start", "a" * 41, "<b>", "x;drop"])
def test_unusable_tags_are_refused(raw: str) -> None:
    assert remarks.clean_tag(raw) is None


def test_tags_and_notes_are_kept_per_conversation(sqlite_url: str) -> None:
    migrate(sqlite_url)
    with session_scope() as db:
        assert remarks.add_tag(db, "web:1", "Training", "a@x.nl") == "training"
        assert remarks.add_tag(db, "web:1", "training", "b@x.nl") == "training"  # once
        remarks.add_tag(db, "web:2", "later", "a@x.nl")
        assert remarks.add_note(db, "web:1", "  bel terug  ", "a@x.nl")
        assert not remarks.add_note(db, "web:1", "   ", "a@x.nl")
        assert not remarks.add_note(db, "web:1", "x" * (remarks.NOTE_LENGTH + 1), "a@x.nl")
    with session_scope() as db:
        assert remarks.tags_of(db, "web:1") == ["training"]
        assert remarks.all_tags(db) == ["later", "training"]
        assert [(n.author, n.text) for n in remarks.notes_of(db, "web:1")] == [
            ("a@x.nl", "bel terug")
        ]
        remarks.remove_tag(db, "web:1", "training")
    with session_scope() as db:
        assert remarks.tags_of(db, "web:1") == []


def test_the_statistics_period_defaults_to_30_days_and_is_bounded() -> None:
    today = date(2026, 11, 28)
    assert period("", "", today) == (date(2026, 10, 30), today)
    assert period("2026-11-20", "2026-11-10", today) == (date(2026, 11, 10), date(2026, 11, 20))
    assert period("nonsense", "2026-11-28", today) == (date(2026, 10, 30), today)
    assert period("2020-01-01", "2026-11-28", today)[0] == date(2025, 11, 28)


def test_languages_are_named_in_dutch_for_any_code() -> None:
    assert [language_name(code) for code in ("ar", "ti", "so", "")] == [
        "Arabisch",
        "Tigrinya",
        "Somalisch",
        "onbekend",
    ]
