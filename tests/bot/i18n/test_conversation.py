"""The conversation's language: one decision, stable against short and mixed messages."""

from __future__ import annotations

from bot.i18n.conversation import LanguageState, Signals, language_of, next_language

EN = LanguageState("en", None, "text")


def test_the_first_signal_sets_the_language() -> None:
    assert next_language(LanguageState(None, None), Signals(detected="ar")).language == "ar"
    guess = next_language(LanguageState(None, None), Signals(detected="tr", words=1))
    assert guess.source == "guess"  # "selam": the next message decides
    assert next_language(guess, Signals(detected="ti", words=3)).language == "ti"
    only_case = next_language(LanguageState(None, None), Signals(), case_language="tr")
    assert only_case.language == "tr"
    only_hint = next_language(LanguageState(None, None), Signals(hint="fa"))
    assert only_hint.language == "fa"


def test_a_first_message_that_only_guesses_yields_to_the_linked_case() -> None:
    code_alone = Signals(detected="fa", confidence=0.6, words=1)  # "DY326-3CCBM"
    state = next_language(LanguageState(None, None), code_alone, case_language="en")
    assert state == LanguageState("en", None, "case")
    clear = Signals(detected="ar", strong=True, words=6)
    assert next_language(LanguageState(None, None), clear, case_language="en").language == "ar"


def test_short_or_weak_messages_never_flip_it() -> None:
    assert next_language(EN, Signals(detected="nl", strong=False)) == EN
    assert next_language(EN, Signals()) == EN


def test_it_switches_when_the_person_keeps_writing_another_language() -> None:
    once = next_language(EN, Signals(detected="tr", strong=True, words=4))
    assert once == LanguageState("en", "tr", "text")
    assert next_language(once, Signals(detected="tr", strong=True, words=4)).language == "tr"


def test_one_long_clear_message_switches_at_once() -> None:
    state = next_language(EN, Signals(detected="fa", strong=True, words=9))
    assert state.language == "fa"


def test_two_words_in_geez_letters_switch_at_once() -> None:
    nl = LanguageState("nl", None, "text")
    geez = Signals(detected="ti", certain=True, words=2)  # "code ናተይ 48213 እዩ"
    assert next_language(nl, geez).language == "ti"
    assert next_language(nl, Signals(detected="ti", words=1)) == nl  # "እሺ" alone


def test_a_choice_always_wins_and_the_case_never_overrides_the_conversation() -> None:
    assert next_language(EN, Signals(detected="nl", strong=True), chosen="ar").language == "ar"
    assert next_language(EN, Signals(), case_language="fa").language == "en"


def test_the_language_to_answer_in() -> None:
    assert language_of({"language": "ti"}).code == "ti"
    assert language_of({"language": None, "language_hint": "tr-TR"}).code == "tr"
    assert language_of({}).code == "nl"


def test_a_language_from_the_case_or_channel_yields_to_the_persons_writing() -> None:
    from_case = LanguageState("en", None, "case")
    assert next_language(from_case, Signals(detected="nl", words=4)).language == "nl"
    from_channel = LanguageState("nl", None, "channel")
    assert next_language(from_channel, Signals(detected="en", words=1)).language == "en"


def test_a_greeting_said_in_every_language_only_guesses() -> None:
    hi = Signals(detected="en", confidence=0.4, words=1, guess=True)
    assert next_language(LanguageState(None, None), hi) == LanguageState("en", None, "guess")
    phone = Signals(detected="en", confidence=0.4, words=1, guess=True, hint="nl")
    assert next_language(LanguageState(None, None), phone).language == "en"  # writing wins
    linked = next_language(LanguageState(None, None), hi, case_language="ti")
    assert linked == LanguageState("en", None, "guess")  # the next message may still change it
    from_case = LanguageState("ti", None, "case")
    assert next_language(from_case, hi) == from_case  # linked first, then "hi"
    assert next_language(LanguageState("fa", None, "text"), hi).language == "fa"
