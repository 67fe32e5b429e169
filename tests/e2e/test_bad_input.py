"""Bad input gets a clear answer in the conversation's language, and nothing crashes."""

from __future__ import annotations

import pytest

from tests.e2e.stack import Stack

BAD = [
    "",
    "   ",
    "🙂🙂🙂",
    "x" * 5000,
    "hello مرحبا ሰላም merhaba سلام",
    "\x00\x01wanneer\x07 is \u202emijn examen",
    "????!!!",
]


@pytest.mark.parametrize("text", BAD, ids=range(len(BAD)))
def test_a_bad_message_gets_a_reply_in_the_conversations_language(
    stack: Stack, sender: str, text: str
) -> None:
    first = stack.say(sender, "مرحبا، متى ينتهي موعد الاندماج الخاص بي؟")
    assert {(m.get("metadata") or {}).get("language") for m in first} == {"ar"}
    replies = stack.say(sender, text)
    assert replies and all(m.get("text") for m in replies)
    assert {(m.get("metadata") or {}).get("language") for m in replies} == {"ar"}
    after = stack.say(sender, "شكرا")
    assert {(m.get("metadata") or {}).get("language") for m in after} == {"ar"}
