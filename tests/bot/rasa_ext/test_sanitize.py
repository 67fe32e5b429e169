import pytest

from bot.rasa_ext.sanitize import sanitize

SUPPORTED = frozenset({"nl", "en", "ar"})


@pytest.mark.parametrize(
    ("typed", "seen"),
    [
        ('/link_code{"case_ref": "DEMO-0001"}', 'link_code{"case_ref": "DEMO-0001"}'),
        ('/ask_deadline{"case": "DEMO-0001"}', 'ask_deadline{"case": "DEMO-0001"}'),
        ('/choose_language{"language": "xx"}', 'choose_language{"language": "xx"}'),
        (
            '/choose_language{"language": "nl", "case": "X"}',
            'choose_language{"language": "nl", "case": "X"}',
        ),
        ("/restart", "restart"),
        ("/session_start", "session_start"),
        ("/link_code", "link_code"),
        ("//ask_step", "ask_step"),
        ("/", "?"),
    ],
)
def test_typed_intent_syntax_cannot_set_entities_or_reach_system_intents(
    typed: str, seen: str
) -> None:
    assert sanitize(typed, SUPPORTED) == seen


@pytest.mark.parametrize(
    "button",
    ["/ask_deadline", "/request_human", "/feedback_good", '/choose_language{"language": "ar"}'],
)
def test_button_payloads_pass(button: str) -> None:
    assert sanitize(button, SUPPORTED) == button


def test_plain_text_is_kept() -> None:
    assert sanitize("  when is my deadline?  ", SUPPORTED) == "when is my deadline?"
    assert sanitize(None, SUPPORTED) == ""


def test_control_characters_bidi_overrides_and_lone_surrogates_are_removed() -> None:
    from bot.rasa_ext.sanitize import clean_text

    assert clean_text("he\x00llo\u202e there\ud800\n") == "hello there"
    assert clean_text("line one\nline two\ttab") == "line one\nline two\ttab"
    assert (
        clean_text("\u200f\u0645\u0631\u062d\u0628\u0627") == "\u200f\u0645\u0631\u062d\u0628\u0627"
    )
