from bot.rasa_ext.nlg import render_response

DEADLINE = {"end": {"$date": "2028-01-16"}, "count": 411}


def test_a_reply_not_in_dutch_carries_the_dutch_text_with_the_same_values() -> None:
    arabic = render_response("utter_deadline", "ar", DEADLINE)
    assert arabic["language"] == "ar"
    assert "16 يناير 2028" in arabic["text"]
    assert "16 januari 2028" in arabic["dutch"] and "411" in arabic["dutch"]


def test_a_dutch_reply_has_no_second_dutch_text() -> None:
    dutch = render_response("utter_deadline", "nl", DEADLINE)
    assert dutch["language"] == "nl" and "dutch" not in dutch
