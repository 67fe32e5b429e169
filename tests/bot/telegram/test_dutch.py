from bot.telegram.dutch import PREFIX, DutchTexts, official_message


def test_the_dutch_text_is_kept_under_a_short_id_for_telegrams_64_bytes() -> None:
    texts = DutchTexts(size=2)
    first = texts.keep("Tekst één " * 100, "ar")
    assert first.startswith(PREFIX) and len(first.encode()) <= 64
    assert texts.get(first) == ("Tekst één " * 100, "ar")
    texts.keep("twee", "fa")
    texts.keep("drie", "ti")
    assert texts.get(first) is None  # only the latest are kept
    assert texts.get("/ask_step") is None


def test_the_dutch_text_is_marked_official_in_dutch_and_in_the_readers_language() -> None:
    message = official_message("Je termijn eindigt op 16 januari 2028.", "ar")
    lines = message.split("\n")
    assert lines[0] == "Alleen de Nederlandse tekst is officieel."
    assert lines[1] == "النص الهولندي وحده هو النص الرسمي."
    assert message.endswith("16 januari 2028.")
