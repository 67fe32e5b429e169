"""What the assistant decides to do with a message: pure decisions, no servers."""

from __future__ import annotations

import pytest

from bot.answers.base import Question
from bot.dialogue.context import Context
from bot.dialogue.intents import (
    ASPECT_OF_INTENT,
    FLOW_INTENTS,
    FOLLOW_UPS,
    SUBJECT_OF_INTENT,
    TOPIC_OF_INTENT,
)
from bot.dialogue.plan import plan
from bot.dialogue.steps import (
    Answer,
    ChooseLanguage,
    Fallback,
    Forget,
    Handoff,
    Link,
    Reminders,
    Say,
    Unsupported,
)
from bot.dialogue.turn import Clause, Terms, Turn, from_parse_data
from bot.i18n.conversation import Signals
from bot.settings import ROOT

Z = Question("route", route="z")


def answers(steps: tuple) -> list[Question]:
    return [step.question for step in steps if isinstance(step, Answer)]


def test_every_intent_of_the_domain_has_exactly_one_place() -> None:
    import yaml

    intents = yaml.safe_load((ROOT / "domain.yml").read_text())["intents"]
    tables = [set(TOPIC_OF_INTENT), set(SUBJECT_OF_INTENT), set(ASPECT_OF_INTENT), FLOW_INTENTS]
    for intent in intents:
        assert sum(intent in table for table in tables) == 1, intent


def test_every_follow_up_answer_is_a_topic() -> None:
    from bot.answers.registry import TOPICS

    assert set(FOLLOW_UPS.values()) <= set(TOPICS)
    assert set(TOPIC_OF_INTENT.values()) | {"support", "ack", "feedback"} <= set(TOPICS)


def test_a_follow_up_is_answered_for_the_last_topic_and_what_it_named() -> None:
    decided = plan(Turn("and how many hours?", "ask_hours"), Context(last_question=Z))
    assert answers(decided.steps) == [Question("route", aspect="hours", route="z")]
    assert decided.context.last_question == Z


def test_a_follow_up_names_another_thing() -> None:
    turn = Turn("and the MAP, when?", "ask_when", terms=Terms(subject="map"))
    decided = plan(turn, Context(last_question=Question("pvt")))
    assert answers(decided.steps) == [Question("map", aspect="when", subject="map")]


@pytest.mark.parametrize(
    ("last", "intent", "topic"),
    [
        ("extension", "ask_documents", "extension_documents"),
        ("loan", "ask_how_much", "loan"),
        ("exams", "ask_who_pays", "cost"),
        ("pvt", "ask_where", "pvt"),
        ("exam_register", "ask_when", "exams"),
        (None, "ask_when", "appointment"),
        (None, "ask_documents", "extension_documents"),
    ],
)
def test_follow_ups_resolve_by_table(last: str | None, intent: str, topic: str) -> None:
    context = Context(last_question=Question(last) if last else None)
    assert answers(plan(Turn("and that?", intent), context).steps)[0].topic == topic


def test_i_dont_understand_gives_the_short_version_and_then_a_person() -> None:
    first = plan(Turn("I don't understand", "explain_more"), Context(last_question=Z))
    assert answers(first.steps) == [Z.but(simple=True)]
    second = plan(Turn("still no", "explain_more"), first.context)
    assert any(isinstance(s, Say) and s.topic == "handoff" for s in second.steps)


def test_every_question_of_a_message_is_answered_in_order() -> None:
    turn = Turn(
        "Can I get extra time for my baby? And who pays my course?",
        "ask_extension",
        clauses=(Clause("ask_extension", 0.9), Clause("ask_cost", 0.8)),
    )
    assert [q.topic for q in answers(plan(turn, Context()).steps)] == ["extension", "cost"]


def test_thanks_and_goodbye_in_one_message_get_both() -> None:
    turn = Turn(
        "merci kheili komak kardi, khodafez",
        "thank",
        clauses=(Clause("thank", 0.9), Clause("goodbye", 0.8)),
    )
    assert [q.topic for q in answers(plan(turn, Context()).steps)] == ["thanks", "goodbye"]
    only_thanks = Turn("thanks, thanks", "thank", clauses=(Clause("thank", 0.9),) * 2)
    assert [q.topic for q in answers(plan(only_thanks, Context()).steps)] == ["thanks"]


def test_greetings_in_a_message_are_not_extra_answers() -> None:
    turn = Turn(
        "hello, when is my exam",
        "ask_appointment",
        clauses=(Clause("greet", 0.9), Clause("ask_appointment", 0.9)),
    )
    assert [q.topic for q in answers(plan(turn, Context()).steps)] == ["appointment"]


def test_a_code_links_and_a_message_about_a_code_explains() -> None:
    assert plan(Turn("my code is UHLKE-28MDJ", "link_code"), Context()).steps == (
        Link("UHLKE28MDJ"),
    )
    about = plan(Turn("my consultant gave me a code, here", "ask_link_help"), Context())
    assert answers(about.steps) == [Question("link_help")]


def test_an_unsupported_language_gets_the_notice() -> None:
    signals = Signals(unsupported="uk", unsupported_sure=True)
    decided = plan(Turn("Привіт, коли мій іспит?", "ask_exams", signals=signals), Context())
    assert decided.steps == (Unsupported("uk", named=False),)


def test_can_you_speak_names_the_language() -> None:
    somali = Turn("Can you speak Somali?", "change_language", terms=Terms(languages=("so",)))
    assert plan(somali, Context()).steps == (Unsupported("so", named=True),)
    arabic = Turn("can you speak arabic", "change_language", terms=Terms(languages=("ar",)))
    assert plan(arabic, Context()).steps == (ChooseLanguage("ar"),)


def test_forget_asks_first() -> None:
    asked = plan(Turn("delete all my information", "forget_me"), Context())
    assert asked.steps == (Forget(confirmed=False),) and asked.context.pending == "forget"
    assert plan(Turn("yes", "affirm"), asked.context).steps == (Forget(confirmed=True),)
    kept = plan(Turn("no", "deny"), asked.context)
    assert kept.steps == (Say("utter_forget_cancelled", "forget"),)
    assert kept.context.pending is None


def test_not_understood_twice_offers_a_person() -> None:
    first = plan(Turn("blabla", "nlu_fallback", ranking=("ask_pvt", "greet")), Context())
    assert first.steps == (Fallback(1, ("ask_pvt",)),)
    assert plan(Turn("xyz", "nlu_fallback"), first.context).steps == (Fallback(2, ("help",)),)


def test_a_term_rescues_a_message_not_understood() -> None:
    turn = Turn("MAP???", "nlu_fallback", terms=Terms(subject="map"))
    assert answers(plan(turn, Context()).steps) == [Question("map", subject="map")]


def test_feelings_get_support_not_the_emergency_number() -> None:
    decided = plan(Turn("our house is cold", "problem_housing"), Context())
    assert answers(decided.steps) == [Question("support", subject="housing")]


def test_asking_for_a_person() -> None:
    assert plan(Turn("I want a human", "request_human"), Context()).steps == (Handoff(),)


def test_parse_data_gives_terms_per_clause() -> None:
    text = "when is the pvt? and the map?"
    turn = from_parse_data(
        {
            "text": text,
            "intent": {"name": "ask_pvt", "confidence": 0.8},
            "entities": [
                {"entity": "subject", "value": "pvt", "start": 12, "end": 15},
                {"entity": "subject", "value": "map", "start": 25, "end": 28},
                {"entity": "detected_language", "value": "en", "strong": True, "words": 6},
            ],
            "clauses": [
                {"start": 0, "end": 16, "intent": "ask_pvt", "confidence": 0.8},
                {"start": 17, "end": 29, "intent": "ask_map", "confidence": 0.7},
            ],
        }
    )
    assert [c.terms.subject for c in turn.clauses] == ["pvt", "map"]
    assert turn.signals.detected == "en" and turn.signals.strong


def test_a_short_topic_question_after_another_topic_is_a_follow_up() -> None:
    context = Context(last_question=Question("objection"))
    decided = plan(Turn("hoe lang heb ik", "ask_deadline"), context)
    assert answers(decided.steps) == [Question("objection", aspect="duration")]
    alone = plan(Turn("hoe lang heb ik", "ask_deadline"), Context())
    assert answers(alone.steps) == [Question("deadline")]


def test_a_follow_up_uses_what_the_last_question_named() -> None:
    context = Context(last_question=Question("appointment", subject="intake"))
    decided = plan(Turn("wat moet ik meenemen", "ask_documents"), context)
    assert answers(decided.steps) == [Question("intake", aspect="documents", subject="intake")]


def test_a_greeting_around_a_question_is_not_answered_alone() -> None:
    turn = Turn(
        "hello when is my next exam",
        "greet",
        clauses=(Clause("greet", 0.9), Clause("ask_appointment", 0.97)),
    )
    assert [q.topic for q in answers(plan(turn, Context()).steps)] == ["appointment"]


def test_something_typed_as_a_code_that_is_none() -> None:
    decided = plan(Turn("my code is 4821", "ask_link_help"), Context())
    assert decided.steps == (Say("utter_link_invalid", "link_invalid"),)


def test_the_last_named_language_is_the_wish() -> None:
    turn = Turn(
        "my dutch is not good, can we talk in english",
        "change_language",
        terms=Terms(languages=("nl", "en")),
    )
    assert plan(turn, Context()).steps == (ChooseLanguage("en"),)


def test_the_wish_is_a_language_the_conversation_is_not_in() -> None:
    turn = Turn(
        "ሰላም ብትግርኛ ክትጽሕፈለይ ትኽእል ዶ እንግሊዝኛይ ጽቡቕ ኣይኮነን",  # Tigrinya? my English is not good
        "change_language",
        confidence=0.95,
        terms=Terms(languages=("ti", "en")),
    )
    assert plan(turn, Context(language="en")).steps == (ChooseLanguage("ti"),)


def test_pvt_and_map_in_one_question_get_both_answers() -> None:
    turn = Turn(
        "map ve pvt bitti mi", "ask_map", terms=Terms(subject="map", subjects=("map", "pvt"))
    )
    assert [q.topic for q in answers(plan(turn, Context()).steps)] == ["map", "pvt"]


def test_a_language_about_an_exam_is_no_wish_to_switch() -> None:
    turn = Turn(
        "sinavlar ingilizce yapilabiliyor mu",
        "choose_language",
        ranking=("choose_language", "ask_exam_form"),
        terms=Terms(subject="exam", languages=("en",)),
    )
    assert answers(plan(turn, Context()).steps)[0].topic == "exam_form"


def test_writing_in_an_unsupported_language_is_about_the_language() -> None:
    turn = Turn(
        "ብኣምሓርኛ ምጽሓፍ ይቐለለኒ ኣምሓርኛ ትፈልጡ ዶ",
        "change_language",
        ranking=("change_language", "ask_exam_form"),
        terms=Terms(exam_part="schrijven", languages=("am",)),
    )
    assert plan(turn, Context()).steps == (Unsupported("am", named=True),)


def test_which_languages_do_you_speak_is_not_about_the_speaking_exam() -> None:
    turn = Turn(
        "welke talen spreek jij",
        "change_language",
        confidence=0.97,
        terms=Terms(exam_part="spreken"),
        ranking=("change_language", "out_of_scope"),
    )
    assert plan(turn, Context(language="nl")).steps == (Answer(Question("language_menu")),)


def test_asking_for_the_language_one_writes_gets_the_notice_in_it() -> None:
    turn = Turn(
        "Gibt es das auch auf Deutsch? Mein Englisch ist nicht so gut",
        "change_language",
        confidence=0.95,
        terms=Terms(languages=("de", "en")),
        signals=Signals(unsupported="de", unsupported_sure=False, words=11),
    )
    assert plan(turn, Context(language="nl")).steps == (Unsupported("de", named=False),)


def test_an_unsupported_language_named_wins_over_a_supported_one() -> None:
    turn = Turn(
        "can you speak Somali? my english not good",
        "change_language",
        confidence=0.9,
        terms=Terms(languages=("so", "en")),
    )
    assert plan(turn, Context()).steps == (Unsupported("so", named=True),)


def test_a_sibling_aspect_answers_when_the_asked_one_has_no_answer() -> None:
    context = Context(last_question=Question("extension"))
    decided = plan(Turn("how many weeks", "ask_hours"), context)
    assert answers(decided.steps)[0].topic == "extension"


@pytest.mark.parametrize("text", ["", "   ", "🙂🙂", "???"])
def test_an_empty_or_emoji_message_gets_a_short_prompt(text: str) -> None:
    assert answers(plan(Turn(text, "nlu_fallback"), Context()).steps) == [
        Question("help", simple=True)
    ]
    assert answers(plan(Turn("👍", "feedback_good"), Context()).steps)[0].topic == "feedback"


def test_a_greeting_with_a_name_stays_a_greeting() -> None:
    turn = Turn(
        "hoi ik ben noor",
        "greet",
        clauses=(Clause("greet", 0.99), Clause("feeling_down", 0.5)),
    )
    assert [q.topic for q in answers(plan(turn, Context()).steps)] == ["greeting"]


def test_a_short_question_after_a_route_is_about_that_route() -> None:
    decided = plan(Turn("is there an exam?", "ask_exams"), Context(last_question=Z))
    assert answers(decided.steps) == [Question("exams", route="z")]


def test_a_bsn_in_a_question_gets_the_warning_and_the_answer() -> None:
    turn = Turn(
        "hallo, mijn bsn is [BSN]. wanneer is mijn pvt?",
        "share_personal_data",
        clauses=(
            Clause("greet", 0.99),
            Clause("share_personal_data", 0.9),
            Clause("ask_pvt", 0.95),
        ),
    )
    assert [q.topic for q in answers(plan(turn, Context()).steps)] == ["personal_data", "pvt"]


def test_a_greeting_before_a_real_question_is_not_answered_alone() -> None:
    turn = Turn(
        "Hallo, ik ben nieuw hier. Wat moet ik doen voor inburgering?",
        "greet",
        clauses=(
            Clause("greet", 0.99, text="Hallo, "),
            Clause("greet", 0.6, text="ik ben nieuw hier."),
            Clause("ask_next_step", 0.6, text="Wat moet ik doen voor inburgering?"),
        ),
    )
    assert [q.topic for q in answers(plan(turn, Context()).steps)] == ["next_step"]


def test_when_danger_is_likely_112_comes_first() -> None:
    turn = Turn(
        "kocam beni dovuyor korkuyorum",
        "feeling_down",
        ranking=("feeling_down", "emergency"),
        second_confidence=0.46,
    )
    assert [q.topic for q in answers(plan(turn, Context()).steps)] == ["emergency", "support"]
    cold = Turn("our house is cold", "problem_housing", ranking=("problem_housing", "complaint"))
    assert [q.topic for q in answers(plan(cold, Context()).steps)] == ["support"]


def test_while_staff_are_in_the_chat_the_assistant_is_silent_and_forgets_the_topic() -> None:
    with_staff = Context(last_question=Z, with_staff="consultant")
    decided = plan(Turn("when is my exam?", "ask_appointment"), with_staff)
    assert decided.steps == () and decided.context.last_question is None
    assert decided.context.with_staff == "consultant"
    assert plan(Turn("forget me", "forget_me"), with_staff).steps == (Forget(confirmed=False),)


def test_reminders_on_off_status_and_yes_after_the_offer() -> None:
    assert plan(Turn("remind me", "reminders_on"), Context()).steps == (Reminders(True),)
    assert plan(Turn("stop it", "reminders_off"), Context()).steps == (Reminders(False),)
    assert plan(Turn("reminders?", "ask_reminders"), Context()).steps == (Reminders(None),)
    offered = Context(pending="reminders")
    assert plan(Turn("yes", "affirm"), offered).steps == (Reminders(True),)
    assert plan(Turn("no", "deny"), offered).steps == (Reminders(False),)
    later = plan(Turn("when is my exam?", "ask_appointment"), offered)
    assert later.context.pending is None  # asked once: another question moves on


def test_a_code_alone_says_nothing_about_language() -> None:
    data = {
        "text": "Y58F3-8UVJD",
        "intent": {"name": "link_code", "confidence": 1.0},
        "entities": [
            {"entity": "detected_language", "value": "ar", "confidence_entity": 0.97},
            {"entity": "language_hint", "value": "nl"},
        ],
    }
    assert from_parse_data(data).signals == Signals(hint="nl")


def test_a_fine_question_right_after_the_intake_is_about_missing_it() -> None:
    turn = Turn("als ik niet ga, boete?", "ask_fine", confidence=0.9)
    after_intake = Context(language="nl", last_question=Question("intake"))
    steps = plan(turn, after_intake).steps
    assert [s.question.topic for s in steps if isinstance(s, Answer)] == ["reschedule"]
    assert [s.question.topic for s in plan(turn, Context()).steps if isinstance(s, Answer)] == [
        "fine"
    ]


def test_a_short_part_that_only_asks_can_that_is_about_the_part_before() -> None:
    turn = Turn(
        "na de onderwijsroute wil ik naar hbo. kan dat?",
        "ask_study",
        confidence=0.9,
        clauses=(
            Clause("ask_study", 0.95, text="na de onderwijsroute wil ik naar hbo."),
            Clause("ask_when", 0.86, text="kan dat?"),
        ),
    )
    steps = plan(turn, Context(language="nl")).steps
    assert [s.question.topic for s in steps if isinstance(s, Answer)] == ["study"]


def test_a_short_part_that_asks_about_the_part_before_gets_its_follow_up_answer() -> None:
    turn = Turn(
        "ممكن تمديد؟ وايش الاوراق اللي يشتوها",
        "ask_extension",
        confidence=0.9,
        clauses=(
            Clause("ask_extension", 0.95, text="ممكن تمديد؟"),
            Clause("ask_documents", 0.95, text="وايش الاوراق اللي يشتوها"),
        ),
    )
    steps = plan(turn, Context(language="ar")).steps
    answered = [s.question.topic for s in steps if isinstance(s, Answer)]
    assert answered == ["extension", "extension_documents"]


def test_thanks_then_goodbye_in_one_message_gets_both() -> None:
    turn = Turn(
        "merci kheili komak kardi, khodafez",
        "thank",
        confidence=0.9,
        clauses=(
            Clause("thank", 0.97, text="merci kheili komak kardi"),
            Clause("goodbye", 0.97, text=", khodafez"),
        ),
    )
    steps = plan(turn, Context(language="fa")).steps
    assert [s.question.topic for s in steps if isinstance(s, Answer)] == ["thanks", "goodbye"]


def test_a_longer_fine_question_right_after_the_intake_is_still_about_the_intake() -> None:
    turn = Turn("En als ze niet komt, krijgt ze dan een boete?", "ask_fine", confidence=0.9)
    after_intake = Context(language="nl", last_question=Question("intake"))
    steps = plan(turn, after_intake).steps
    assert [s.question.topic for s in steps if isinstance(s, Answer)] == ["reschedule"]


def test_a_danger_in_one_part_of_a_story_gets_the_emergency_number_first() -> None:
    text = "english little. i am alone no family here, exam failed two times, i dont want to live"
    turn = Turn(
        text,
        "choose_language",
        confidence=0.6,
        clauses=(
            Clause("choose_language", 0.99, text="english little."),
            Clause("ask_exam_failed", 0.5, text="i am alone no family here, exam failed two times"),
            Clause("emergency", 0.99, text="i dont want to live"),
        ),
    )
    steps = plan(turn, Context(language="en")).steps
    assert isinstance(steps[0], Answer) and steps[0].question.topic == "emergency"
