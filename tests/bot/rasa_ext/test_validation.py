"""What every channel refuses before Rasa, and the rate limits per sender and address."""

from __future__ import annotations

import pytest

from bot.rasa_ext.limits import MessageLimits
from bot.rasa_ext.validation import language_hint, message_problem, sender_problem
from bot.rate_limit import Buckets, InFlight, Rule


@pytest.mark.parametrize(
    ("sender", "reason"),
    [
        ("a\ud800", "surrogate"),
        ("a\x00b", "control"),
        ("a\u202eb", "format"),
        ("a\u200bb", "format"),
        ("x" * 201, "longer than 200"),
        (" a", "white space"),
        ("", "empty"),
        (["a"], "must be a string"),
        (True, "must be a string"),
        (None, "must be a string"),
        (1.5, "must be a string"),
    ],
)
def test_sender_ids_that_are_refused(sender: object, reason: str) -> None:
    problem = sender_problem(sender)
    assert problem is not None and reason in problem


@pytest.mark.parametrize("sender", ["abc", 12345, "x" * 200, "Ahmad Rahimi", "سارا", "ኣሕመድ"])
def test_sender_ids_that_are_taken_as_they_are(sender: object) -> None:
    assert sender_problem(sender) is None


def test_messages_and_language_hints() -> None:
    assert message_problem("hallo\x00") is None  # cleaned later, not refused
    assert "must be a string" in (message_problem(5) or "")
    assert "longer than 4096" in (message_problem("x" * 4097) or "")
    assert language_hint({"language": "ar"}) == "ar"
    assert language_hint({"language": "a\x00"}) is None and language_hint("ar") is None


class Clock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def test_a_bucket_allows_a_burst_then_its_rate() -> None:
    clock = Clock()
    buckets = Buckets(Rule(3, 1.0), clock)
    assert [buckets.take("a") for _ in range(3)] == [0, 0, 0]
    assert buckets.take("a") == pytest.approx(1.0) and buckets.take("b") == 0
    clock.now = 1.0
    assert buckets.take("a") == 0 and buckets.take("a") > 0


def test_a_busy_server_gives_each_address_one_turn() -> None:
    in_flight = InFlight(maximum=4, busy=5)
    assert all(in_flight.enter("flood") for _ in range(4)) and not in_flight.enter("flood")
    assert in_flight.enter("person")  # the fifth: now the server is busy
    assert not in_flight.enter("person") and in_flight.enter("someone else")
    in_flight.leave("person")
    assert not in_flight.enter("flood")


def test_message_limits_per_sender_and_address() -> None:
    limits = MessageLimits(Rule(2, 0.5), Rule(100, 10), 10)
    assert limits.admit("rest:a", "1.2.3.4") == 0 and limits.admit("rest:a", "1.2.3.4") == 0
    assert limits.admit("rest:a", "1.2.3.4") > 0  # the sender's burst is used
    assert limits.admit("rest:b", "1.2.3.4") == 0  # another sender from the same address
    assert limits.admit("tg:1", None) == 0  # the relay: no limit per address
    for _ in range(3):
        limits.release("1.2.3.4")


def test_rules_come_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("RATE_LIMIT_SENDER", "5/120")
    assert Rule.from_env("RATE_LIMIT_SENDER", 20, 30) == Rule(5, 2.0)
    monkeypatch.setenv("RATE_LIMIT_SENDER", "")
    assert Rule.from_env("RATE_LIMIT_SENDER", 20, 30) == Rule(20, 0.5)
