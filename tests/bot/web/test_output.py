from bot.web.output import reply_payload


def test_a_reply_keeps_its_paragraphs_buttons_and_metadata() -> None:
    payload = reply_payload(
        {
            "text": "Regel een.\n\nRegel twee.",
            "buttons": [{"title": "Mijn stap", "payload": "/ask_step"}],
            "language": "ar",
            "topic": "step",
            "dutch": "Je stap…",
            "utter_action": "utter_step",
            "end": {"date": "2028-01-16"},  # an argument of the response: not for the browser
            "timestamp": 12.5,
        }
    )
    assert payload == {
        "text": "Regel een.\n\nRegel twee.",
        "quick_replies": [{"title": "Mijn stap", "payload": "/ask_step"}],
        "metadata": {"language": "ar", "topic": "step", "dutch": "Je stap…"},
        "timestamp": 12.5,
    }


def test_nothing_to_show_is_not_sent() -> None:
    assert reply_payload({"text": "  "}) is None and reply_payload({"image": "x"}) is None
