"""The words of a message and the script it is written in."""

from __future__ import annotations

from bot.i18n.words import Script, script_of, words_of


def test_devanagari_is_a_script_of_its_own() -> None:
    assert script_of("नमस्ते, मेरी परीक्षा कब है?") is Script.DEVANAGARI


def test_devanagari_vowel_signs_stay_inside_their_words() -> None:
    assert words_of("नमस्ते, मेरी DUO परीक्षा कब है?") == ["नमस्ते", "मेरी", "परीक्षा", "कब", "है"]


def test_other_scripts_are_unchanged() -> None:
    assert script_of("когда мой экзамен") is Script.CYRILLIC
    assert words_of("w 3likom, when is my PVT?") == ["3likom", "when", "is", "my"]


def test_chinese_and_tamil_have_scripts_of_their_own_and_tamil_words_stay_whole() -> None:
    assert script_of("有中文服务吗") is Script.HAN
    assert script_of("என் தேர்வு எப்போது") is Script.TAMIL
    assert words_of("என் தேர்வு எப்போது") == ["என்", "தேர்வு", "எப்போது"]
