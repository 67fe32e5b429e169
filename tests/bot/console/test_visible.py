"""The console shows hidden characters instead of passing them on."""

from markupsafe import Markup

from bot.console.visible import urlencode, visible


def test_control_bidi_and_surrogates_become_visible() -> None:
    shown = visible("a\x00b\x1b\x7f \u202egnp.exe \ud800 \u0085")
    assert shown == "a␀b␛␡ ⟦U+202E⟧gnp.exe ⟦U+D800⟧ ⟦U+0085⟧"
    assert shown.encode("utf-8")  # always sendable


def test_ordinary_text_new_lines_and_arabic_stay() -> None:
    text = "regel 1\nregel\t2 — مرحبا \u200fسلام ፈተና"
    assert visible(text) == text


def test_links_to_any_conversation_can_be_made() -> None:
    assert urlencode("rest:abc") == "rest%3Aabc"
    assert urlencode("web:a\ud800/b") == "web%3Aa%ED%A0%80/b"


def test_markup_stays_markup_and_printed_text_is_escaped() -> None:
    from bot.console.app import pages

    page = pages().from_string("{{ chart | safe }}|{{ text }}|{{ said }}")
    shown = page.render(chart="<svg role=img></svg>", text="<b>\x00", said=Markup("<em>\x1b</em>"))
    assert shown == "<svg role=img></svg>|&lt;b&gt;␀|<em>␛</em>"
