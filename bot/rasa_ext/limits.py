"""The Rasa server's rate limits for messages, per sender and per client address.

Defaults that a person typing fast never meets: per sender a burst of 20 messages, then 30 a
minute; per client address (an office behind one router counts as one) a burst of 60, then 120
a minute, and at most 4 messages being handled at once. Beyond that a client waits (REST: 429
with Retry-After; widget and relay: a polite reply). RATE_LIMIT_SENDER, RATE_LIMIT_ADDRESS
(`burst/per_minute`) and RATE_LIMIT_IN_FLIGHT change them.
"""

from __future__ import annotations

from functools import lru_cache

from bot.rate_limit import Buckets, InFlight, Rule
from bot.settings import env


class MessageLimits:
    def __init__(self, sender: Rule, address: Rule, in_flight: int) -> None:
        self.senders = Buckets(sender)
        self.addresses = Buckets(address)
        self.in_flight = InFlight(in_flight)

    def admit(self, sender_id: str, address: str | None) -> float:
        """0 when the message may go to Rasa now (then call `release(address)` when it is
        done), else the seconds to wait."""
        if address is not None:
            wait = self.addresses.wait(address)
            if wait:
                return wait
        wait = self.senders.wait(sender_id)
        if wait:
            return wait
        if address is not None:
            if not self.in_flight.enter(address):
                return 1.0
            self.addresses.take(address)
        self.senders.take(sender_id)
        return 0.0

    def release(self, address: str | None) -> None:
        if address is not None:
            self.in_flight.leave(address)


@lru_cache(maxsize=1)
def message_limits() -> MessageLimits:
    """The process's limits, from the environment on first use."""
    return MessageLimits(
        Rule.from_env("RATE_LIMIT_SENDER", 20, 30),
        Rule.from_env("RATE_LIMIT_ADDRESS", 60, 120),
        int(env("RATE_LIMIT_IN_FLIGHT", "4")),
    )
