"""What a message says about its language, also when it is a button's payload."""

from __future__ import annotations

from bot.dialogue.turn import from_parse_data


def test_a_buttons_payload_keeps_the_channels_language_hint() -> None:
    payload = {
        "text": "/ask_deadline",
        "intent": {"name": "ask_deadline", "confidence": 1.0},
        "entities": [],  # the language detector never saw it
        "metadata": {"channel": "web", "language": "ar"},
    }
    assert from_parse_data(payload).signals.hint == "ar"


def test_the_detectors_hint_wins_over_the_metadata() -> None:
    typed = {
        "text": "hallo",
        "intent": {"name": "greet", "confidence": 0.9},
        "entities": [{"entity": "language_hint", "value": "nl"}],
        "metadata": {"language": "ar"},
    }
    assert from_parse_data(typed).signals.hint == "nl"
