"""What the push channel accepts."""

from __future__ import annotations

import pytest

from bot.i18n.render import render
from bot.i18n.values import Label
from bot.push.messages import PUSH_KEYS, InvalidPush, parse_request

GOOD = {
    "sender_id": "tg:5001",
    "push_id": "handoff:1:reply:abc",
    "messages": [{"key": "utter_staff_reply", "args": {"message": "Hallo"}}],
}


def test_a_valid_request() -> None:
    push = parse_request({**GOOD, "with_staff": "consultant", "author": "k@example.org"})
    assert push.sender_id == "tg:5001" and push.with_staff == "consultant"
    assert push.messages[0].args == {"message": "Hallo"}
    assert parse_request(push.as_json()) == push


@pytest.mark.parametrize(
    "bad",
    [
        {**GOOD, "messages": [{"key": "utter_greet"}]},  # not a push key
        {**GOOD, "messages": []},
        {**GOOD, "sender_id": "5001"},  # no channel
        {**GOOD, "push_id": ""},
        {**GOOD, "with_staff": "admin"},
        {**GOOD, "messages": [{"key": "utter_staff_reply", "args": {"message": "x" * 5000}}]},
        ["not", "an", "object"],
    ],
)
def test_refused(bad: object) -> None:
    with pytest.raises(InvalidPush):
        parse_request(bad)


@pytest.mark.parametrize("language", ["nl", "en", "ar", "tr", "ti", "fa"])
def test_staff_replies_are_signed_with_the_role_in_the_persons_language(language: str) -> None:
    signature = {"signature": Label("label_staff_consultant")}
    reply = render("utter_staff_reply", language, {**signature, "message": "Tot morgen!"}).text
    joined = render("utter_handoff_joined", language, signature).text
    closed = render("utter_handoff_closed", language, signature).text
    assert "Tot morgen!" in reply
    consultant = render("label_staff_consultant", language).text.strip("\u200f")
    assert all(consultant in text for text in (reply, joined, closed))
    assert set(PUSH_KEYS) >= {"utter_staff_reply", "utter_handoff_joined", "utter_handoff_closed"}
