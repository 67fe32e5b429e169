"""Whole conversations through the real Rasa server, action server and databases."""

from __future__ import annotations

import sqlite3
from datetime import date

from bot.cases.rules import time_left
from tests.e2e.stack import TODAY, Stack


def days_until(day: date) -> int:
    return time_left(day, date.fromisoformat(TODAY)).days


def test_greeting_in_the_language_the_user_writes(stack: Stack, sender: str) -> None:
    english = stack.text(sender, "hello there!")
    assert "I am Wegwijs" in english and "link code" in english
    dutch = stack.text(sender + "nl", "hallo, goedemorgen")
    assert "Ik ben Wegwijs" in dutch and "koppelcode" in dutch


def test_a_linked_demo_case_gets_its_deadline_and_step_in_english(
    stack: Stack, sender: str
) -> None:
    code = stack.link_code("DEMO-0007")
    assert "Samuel" in stack.text(sender, code, language="en")
    deadline = stack.text(sender, "when is my deadline?")
    assert "16 January 2028" in deadline
    assert f"{days_until(date(2028, 1, 16))} days" in deadline
    assert "step 4 of 7" in stack.text(sender, "which step am I in?")


def test_dutch_conversation_with_an_estimated_deadline(stack: Stack, sender: str) -> None:
    code = stack.link_code("DEMO-0003")  # Elif, stored language Turkish
    assert "Elif" in stack.text(sender, code)
    reply = stack.text(sender, "wanneer is mijn deadline?")
    assert "21 mei 2028" in reply and "PIP" in reply  # Dutch, because she wrote Dutch
    assert "Wet inburgering 2021" in stack.text(sender, "welke wet geldt voor mij?")


def test_no_pip_yet_means_the_term_has_not_started(stack: Stack, sender: str) -> None:
    stack.text(sender, stack.link_code("DEMO-0005"))
    assert "nog niet begonnen" in stack.text(sender, "wanneer is mijn deadline")


def test_an_unlinked_sender_is_told_how_to_link(stack: Stack, sender: str) -> None:
    reply = stack.text(sender, "when is my deadline?", language="en")
    assert "link code" in reply and "consultant" in reply


def test_typed_intent_syntax_cannot_link_or_set_a_case(stack: Stack, sender: str) -> None:
    for attack in (
        '/ask_deadline{"case_ref": "DEMO-0001"}',
        '/link_code{"case_ref": "DEMO-0001"}',
        '/choose_language{"language": "en", "case_ref": "DEMO-0001"}',
    ):
        reply = stack.text(sender, attack, language="en")
        assert "11 June 2027" not in reply and "Sara" not in reply
    assert "link code" in stack.text(sender, "when is my deadline?")


def test_a_rest_sender_cannot_claim_a_telegram_user(stack: Stack) -> None:
    connection = sqlite3.connect(stack.env["DATABASE_URL"].removeprefix("sqlite:///"))
    with connection:
        case_id = connection.execute("select id from cases where case_ref='DEMO-0001'").fetchone()[
            0
        ]
        connection.execute(
            "insert into channel_links (sender_id, case_id, linked_at)"
            " values ('tg:4242', ?, '2026-01-01')",
            (case_id,),
        )
    reply = stack.text("tg:4242", "when is my deadline?", language="en")
    assert "11 June 2027" not in reply and "link code" in reply


def test_wrong_codes_lock_the_sender(stack: Stack, sender: str) -> None:
    for _ in range(5):
        assert "does not work" in stack.text(sender, "ABCDE-23456", language="en")
    assert "too many wrong codes" in stack.text(sender, stack.link_code("DEMO-0006"))


def test_every_message_gets_a_reply_even_when_the_action_server_is_down(
    stack: Stack, sender: str
) -> None:
    stack.text(sender, "hello there, how are you", language="en")
    stack.stop_actions()
    try:
        for question in ("when is my deadline?", "bye"):
            reply = stack.say(sender, question)
            assert reply and reply[0]["text"], question
        assert "Sorry, something went wrong" in stack.text(sender, "when is my deadline?")
        assert "er ging bij ons iets mis" in stack.text(sender + "nl", "wanneer is mijn deadline?")
    finally:
        stack.start_actions()
    assert "link code" in stack.text(sender, "when is my deadline?")
