"""Rate limits: token buckets per key, and a bound on messages in flight per client address.

Plain objects with an injectable clock, used by the Rasa channels (per sender and per client
address) and the staff console (login attempts per address and per account). Everything is kept
in the process's memory: each Rasa server and the console limit what reaches them.
"""

from __future__ import annotations

import math
import time
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass

from bot.settings import env

MAX_KEYS = 100_000  # the least recently used buckets are dropped beyond this


@dataclass(frozen=True)
class Rule:
    """`burst` requests at once, then `per_second` on average."""

    burst: float
    per_second: float

    @classmethod
    def from_env(cls, name: str, burst: float, per_minute: float) -> Rule:
        """`NAME=burst/per_minute`, e.g. RATE_LIMIT_SENDER=20/60."""
        given = env(name).strip()
        if given:
            first, _, second = given.partition("/")
            burst, per_minute = float(first), float(second or per_minute)
        return cls(burst, per_minute / 60)


class Buckets:
    def __init__(self, rule: Rule, clock: Callable[[], float] = time.monotonic) -> None:
        self.rule = rule
        self.clock = clock
        self._buckets: OrderedDict[str, tuple[float, float]] = OrderedDict()  # tokens, at

    def _tokens(self, key: str) -> float:
        tokens, at = self._buckets.get(key, (self.rule.burst, self.clock()))
        return min(self.rule.burst, tokens + (self.clock() - at) * self.rule.per_second)

    def _set(self, key: str, tokens: float) -> None:
        self._buckets[key] = (tokens, self.clock())
        self._buckets.move_to_end(key)
        while len(self._buckets) > MAX_KEYS:
            self._buckets.popitem(last=False)

    def wait(self, key: str) -> float:
        """Seconds until one more request of this key is allowed (0: now)."""
        missing = 1 - self._tokens(key)
        if missing <= 0:
            return 0.0
        return math.inf if self.rule.per_second <= 0 else missing / self.rule.per_second

    def take(self, key: str) -> float:
        """Take a token: 0 when allowed, else the seconds to wait (nothing is taken then)."""
        waiting = self.wait(key)
        if waiting == 0:
            self._set(key, self._tokens(key) - 1)
        return waiting

    def forgive(self, key: str) -> None:
        """Start this key afresh (e.g. after a successful login)."""
        self._buckets.pop(key, None)


class InFlight:
    """How many requests of each key are being handled right now, with a maximum; while the
    whole server is busy (`busy` requests or more in flight), one at a time per key, so a single
    client cannot take the turns of everyone else."""

    def __init__(self, maximum: int, busy: int | None = None) -> None:
        self.maximum = maximum
        self.busy = busy if busy is not None else 2 * maximum
        self._counts: dict[str, int] = {}
        self._total = 0

    def enter(self, key: str) -> bool:
        limit = self.maximum if self._total < self.busy else 1
        if self._counts.get(key, 0) >= limit:
            return False
        self._counts[key] = self._counts.get(key, 0) + 1
        self._total += 1
        return True

    def leave(self, key: str) -> None:
        if key in self._counts:
            self._total -= 1
        left = self._counts.get(key, 0) - 1
        if left > 0:
            self._counts[key] = left
        else:
            self._counts.pop(key, None)
