import pytest

from bot.i18n.detect import detect, language_signals

ALL = ("nl", "en", "ar", "tr", "ti", "fa")


@pytest.mark.parametrize(
    ("text", "channel", "detected", "hint"),
    [
        ("wanneer is mijn deadline", None, "nl", None),
        ("when is my deadline please", "nl", "en", "nl"),
        ("ok", None, None, None),
        ("ok", "tr-TR", None, "tr"),
        ("B1", "ar", None, "ar"),
        ("ABCDE-23456", None, None, None),
        ('/choose_language{"language": "en"}', None, None, None),
        ("متى ينتهي موعدي النهائي", "en", "ar", "en"),
        ("چقدر وقت دارم برای امتحان", None, "fa", None),
        ("ቀነ-ገደበይ መዓስ እዩ", "en", "ti", "en"),
        ("hello", None, None, "en"),
        ("bedankt", "xx", None, "nl"),
        ("what is the module arbeidsmarkt en participatie", None, "en", None),
    ],
)
def test_signals(text: str, channel: str | None, detected: str | None, hint: str | None) -> None:
    assert language_signals(text, channel, ALL) == (detected, hint)


def test_official_dutch_terms_do_not_make_a_message_dutch() -> None:
    assert detect("where can I register for the KNM exam and lezen", ALL) == "en"
    assert detect("PVT DUO KNM boete", ALL) is None
