"""Counters of what went wrong, in one place: `count(name, **labels)`.

This is the only way the code records a failure for monitoring (messages not stored, apologies,
refused requests). For now each count is kept in this process and logged (at 1, 2, 4, 8 …);
a metrics exporter can back `count` without any caller changing.
"""

from __future__ import annotations

import logging
from collections import Counter

logger = logging.getLogger("wegwijs.metrics")
_COUNTS: Counter[tuple[str, tuple[tuple[str, str], ...]]] = Counter()


def count(name: str, **labels: str) -> None:
    """Add one to the counter `name` with these labels."""
    key = (name, tuple(sorted((k, str(v)) for k, v in labels.items())))
    _COUNTS[key] += 1
    total = _COUNTS[key]
    if total & (total - 1) == 0:  # 1, 2, 4, 8 …: a flood of refusals does not flood the log
        shown = " ".join(f"{k}={v}" for k, v in key[1])
        logger.warning("count %s %s total=%d", name, shown, total)


def value(name: str, **labels: str) -> int:
    """The current count (for tests and a future exporter)."""
    return _COUNTS[(name, tuple(sorted((k, str(v)) for k, v in labels.items())))]
