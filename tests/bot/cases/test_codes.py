import re

from bot.cases import codes


def test_codes_are_ten_easy_characters_with_letters_and_digits() -> None:
    for _ in range(200):
        code = codes.generate_code()
        assert re.fullmatch(r"[23456789ABCDEFGHJKLMNPQRSTUVWXYZ]{10}", code)
        assert 2 <= sum(c.isdigit() for c in code) <= 8
        assert not set(code) & set("01OI")


def test_codes_are_found_in_free_text_in_any_spelling() -> None:
    assert codes.find_code("ABCDE-F2GH3") == "ABCDEF2GH3"
    assert codes.find_code("my code is abcde f2gh3 thanks") == "ABCDEF2GH3"
    assert codes.find_code("الكود abcdef2gh3") == "ABCDEF2GH3"


def test_ordinary_words_and_numbers_are_not_codes() -> None:
    for text in (
        "inburgering",
        "DEADLINE25",
        "0255 567200",
        "B1 route",
        "HELPMEPLZZ",
        "1234567890",
    ):
        assert codes.find_code(text) is None


def test_the_hash_depends_on_the_secret_and_never_contains_the_code() -> None:
    first, second = codes.hash_code("ABCDEF2GH3", "one"), codes.hash_code("ABCDEF2GH3", "two")
    assert first != second and "ABCDEF2GH3" not in first and len(first) == 64


def test_latin_letter_arabic_is_not_a_code() -> None:
    assert codes.find_code("bghit n3ref ch7al kaykhles l inburgering") is None
    assert codes.find_code("my code is abcde f2gh3 thanks") == "ABCDEF2GH3"


def test_a_message_that_is_only_a_code() -> None:
    assert codes.is_only_a_code("Y58F3-8UVJD") and codes.is_only_a_code(" y58f3 8uvjd. ")
    assert not codes.is_only_a_code("my code is Y58F3-8UVJD")
    assert not codes.is_only_a_code("n3ref ch7al")
