from bot.telegram.replies import LIMIT, as_messages, keyboard, split_text


def test_a_long_reply_is_split_at_paragraphs_within_the_limit() -> None:
    paragraph = ("word " * 300).strip()  # 1499 characters
    text = "\n\n".join([paragraph] * 6)
    chunks = split_text(text)
    assert all(len(chunk) <= LIMIT for chunk in chunks)
    assert "\n\n".join(chunks) == text
    assert len(chunks) == 3


def test_a_reply_without_paragraphs_is_split_at_words() -> None:
    text = "a" * 5000 + " " + "b" * 100
    chunks = split_text(text)
    assert all(len(chunk) <= LIMIT for chunk in chunks) and "".join(chunks).replace(
        " ", ""
    ) == text.replace(" ", "")


def test_buttons_become_an_inline_keyboard_on_the_last_chunk() -> None:
    messages = as_messages(
        [{"text": "x" * 5000, "buttons": [{"title": "My deadline", "payload": "/ask_deadline"}]}]
    )
    assert messages[0][1] is None
    last = messages[-1][1]
    assert last is not None and last.inline_keyboard[0][0].callback_data == "/ask_deadline"


def test_payloads_longer_than_telegram_allows_are_left_out() -> None:
    assert keyboard([{"title": "x", "payload": "/" + "a" * 80}]) is None


ARABIC_DEADLINE = {
    "language": "ar",
    "topic": "deadline",
    "dutch": "Je termijn eindigt op 16 januari 2028.",
}


def keep(dutch: str, language: str) -> str:
    return "dutch:" + str(abs(hash((dutch, language))))[:8]


def test_an_answer_not_in_dutch_ends_with_a_show_the_dutch_text_button() -> None:
    parts = [  # one answer, sent by Rasa in two paragraphs
        {"text": "تنتهي مدتك في 16 يناير 2028.", "metadata": ARABIC_DEADLINE},
        {
            "text": "حتى هذا التاريخ…",
            "metadata": ARABIC_DEADLINE,
            "buttons": [{"title": "ما الخطوة التالية؟", "payload": "/ask_next_step"}],
        },
    ]
    messages = as_messages(parts, keep)
    assert messages[0][1] is None  # not under every paragraph
    rows = messages[1][1].inline_keyboard  # type: ignore[union-attr]
    assert rows[0][0].callback_data == "/ask_next_step"
    assert rows[-1][0].text == "اعرض النص الهولندي"  # in the answer's language
    data = rows[-1][0].callback_data
    assert isinstance(data, str) and data.startswith("dutch:") and len(data.encode()) <= 64


def test_a_dutch_answer_has_no_dutch_button() -> None:
    dutch = {"text": "Je termijn eindigt op 16 januari 2028.", "metadata": {"language": "nl"}}
    assert as_messages([dutch], keep) == [(dutch["text"], None)]
