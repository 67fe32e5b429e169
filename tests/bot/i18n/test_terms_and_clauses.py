"""Names that change an answer, and the questions in a message."""

from __future__ import annotations

from bot.i18n.clauses import split
from bot.i18n.terms import TermFinder

FINDER = TermFinder(
    {
        "route:z": ["z-route", "zelfredzaamheidsroute"],
        "subject:pvt": ["pvt", "participatieverklaring"],
        "exam_part:knm": ["knm"],
        "exam_part:spreken": ["spreken", "speaking exam"],
        "group:turkish": ["turks", "türken"],
        "language:so": ["somali"],
    }
)


def found(text: str) -> list[tuple[str, str]]:
    return [(f.entity, f.value) for f in FINDER.find(text)]


def test_names_are_found_in_any_spelling() -> None:
    assert found("wat is de zroute") == [("route", "z")]
    assert found("Z ROUTE uren?") == [("route", "z")]
    assert found("do turken have to integrate") == [("group", "turkish")]
    assert found("can you speak Somali?") == [("language", "so")]


def test_prefixes_of_arabic_and_tigrinya_stick_to_a_name() -> None:
    assert found("الPVT متى") == [("subject", "pvt")]
    assert found("ንKNM መዓስ") == [("exam_part", "knm")]


def test_the_longest_name_wins_and_parts_of_words_do_not_count() -> None:
    assert found("when is my speaking exam") == [("exam_part", "spreken")]
    assert found("pvtje") == []


def test_two_questions_are_split_and_one_stays_whole() -> None:
    text = "Can I get extra time for my baby? And who pays my course?"
    assert [text[a:b] for a, b in split(text)] == [
        "Can I get extra time for my baby?",
        "And who pays my course?",
    ]
    assert split("what is the difference between B1 and A2") == [(0, 40)]
    joined = "when is my exam and how much does it cost"
    assert [joined[a:b] for a, b in split(joined)] == ["when is my exam", "how much does it cost"]


def test_a_word_for_a_language_and_its_people_gives_both() -> None:
    finder = TermFinder({"group:turkish": ["turks"], "language:tr": ["turks"]})
    assert {(f.entity, f.value) for f in finder.find("Turks graag")} == {
        ("group", "turkish"),
        ("language", "tr"),
    }


def test_a_comma_splits_only_between_two_questions() -> None:
    text = "lezen sinavim ne zaman, pvt de ne durumda"
    assert [text[a:b] for a, b in split(text)] == ["lezen sinavim ne zaman", "pvt de ne durumda"]
    one = "my exam is tomorrow, what should i do"
    assert split(one) == [(0, len(one))]
    listing = "lezen, luisteren en KNM heb ik gehaald, wanneer is spreken"
    assert len(split(listing)) == 1


def test_turkish_questions_that_ask_at_the_end_are_split() -> None:
    text = "verlenging isteyebilir miyim, hangi kagitlar lazim nereye gondericem"
    assert len(split(text)) == 2
    joined = "hangi adimdayim ve bundan sonra ne var"
    assert [joined[a:b] for a, b in split(joined)] == ["hangi adimdayim", "bundan sonra ne var"]
    assert len(split("B1 ve A2 arasindaki fark ne")) == 1


def test_two_turkish_questions_meet_after_the_particle_without_a_comma() -> None:
    text = "PVT davetiyesi geldi gitmek zorunda miyim gitmezsem ceza var mi"
    assert [text[a:b] for a, b in split(text)] == [
        "PVT davetiyesi geldi gitmek zorunda miyim",
        "gitmezsem ceza var mi",
    ]
    one = "esim de hasta ona ben bakiyorum bu da sayilir mi"
    assert split(one) == [(0, len(one))]


def test_a_goodbye_at_the_end_is_a_part_of_its_own() -> None:
    text = "merci kheili komak kardi, khodafez"
    assert [text[a:b].strip(" ,") for a, b in split(text)] == [
        "merci kheili komak kardi",
        "khodafez",
    ]
    assert len(split("hoe lang duurt de dag")) == 1  # "dag" is also "day"
