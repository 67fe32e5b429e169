"""The short privacy text: in every language, with the retention period, as a safe page."""

from __future__ import annotations

import pytest
from markupsafe import escape

from bot.web.privacy_page import privacy_page, privacy_text

TITLES = {
    "nl": "Je privacy bij Wegwijs",
    "en": "Your privacy at Wegwijs",
    "ar": "خصوصيتك في Wegwijs",
    "tr": "Wegwijs'te gizliliğiniz",
    "ti": "ብሕትውናኹም ኣብ Wegwijs",
    "fa": "حریم خصوصی شما در Wegwijs",
}


@pytest.mark.parametrize("code", sorted(TITLES))
def test_every_language_has_its_page(code: str) -> None:
    page = privacy_page(code)
    assert str(escape(TITLES[code])) in page and f'lang="{code}"' in page
    assert ('dir="rtl"' in page) is (code in ("ar", "fa"))
    assert "30" in page and "/forget" in page  # how long, and how to be forgotten
    assert "0255 567200" in page and len(page) < 5000  # whom to ask; short


def test_the_retention_period_comes_from_the_settings(monkeypatch: pytest.MonkeyPatch) -> None:
    from bot.settings import get_settings

    monkeypatch.setenv("RETENTION_DAYS", "28")
    get_settings.cache_clear()
    assert "28 days after your last message" in privacy_text("en")
    assert privacy_text("en").startswith("Your privacy at Wegwijs\n\n")


def test_the_page_escapes_what_it_shows_and_knows_no_unknown_language() -> None:
    assert "<script" not in privacy_page("en").lower()
    page = privacy_page("<script>")
    assert "<script" not in page.lower() and 'lang="nl"' in page
