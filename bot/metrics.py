"""What the assistant did and what went wrong, for monitoring: `count(name, **labels)` and
`observe(name, seconds, **labels)`, exported to Prometheus at `/metrics` of each process.

Every metric and its labels are in METRICS (a literal table: tests enumerate it, and a name or
label set not in it is a bug that fails loudly). Labels are channels, languages, statuses and
action names, never anything a person typed. Counts of failures are also logged at 1, 2, 4, 8 …
so a flood does not flood the log.
"""

from __future__ import annotations

import logging
from collections import Counter as Tally
from dataclasses import dataclass
from functools import lru_cache

from prometheus_client import (
    CONTENT_TYPE_LATEST,
    CollectorRegistry,
    Counter,
    Histogram,
    PlatformCollector,
    ProcessCollector,
    generate_latest,
)

logger = logging.getLogger("wegwijs.metrics")
PREFIX = "wegwijs_"
LATENCY_BUCKETS = (0.025, 0.05, 0.1, 0.15, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0)


@dataclass(frozen=True)
class Metric:
    help: str
    labels: tuple[str, ...]
    failure: bool = False  # logged when counted (at 1, 2, 4, 8 …)
    histogram: bool = False


METRICS: dict[str, Metric] = {
    "messages": Metric(
        "Messages handled, by channel and conversation language", ("channel", "language")
    ),
    "message_seconds": Metric(
        "Time from a message's arrival to its replies, by channel", ("channel",), histogram=True
    ),
    "fallbacks": Metric("Messages not understood, by language", ("language",)),
    "handoffs": Metric("Requests to talk to a person, by language", ("language",)),
    "action_errors": Metric("Custom actions that failed, by action", ("action",), failure=True),
    "reminders_sent": Metric("Reminders delivered, by channel", ("channel",)),
    "apologies": Metric("Messages answered only with the apology", ("channel",), failure=True),
    "messages_not_stored": Metric("Messages the tracker store lost", ("channel",), failure=True),
    "requests_refused": Metric("Requests refused, by status", ("channel", "status"), failure=True),
    "tracker_store_failures": Metric(
        "Tracker store reads or writes that failed", ("operation",), failure=True
    ),
    "lock_failures": Metric("Messages that could not get their conversation's lock", ()),
}

REGISTRY = CollectorRegistry()  # this module's metrics; the process's own on first export
_EXPORTED: dict[str, Counter | Histogram] = {
    name: (
        Histogram(
            PREFIX + name, metric.help, metric.labels, registry=REGISTRY, buckets=LATENCY_BUCKETS
        )
        if metric.histogram
        else Counter(PREFIX + name, metric.help, metric.labels, registry=REGISTRY)
    )
    for name, metric in METRICS.items()
}
_COUNTS: Tally[tuple[str, tuple[tuple[str, str], ...]]] = Tally()


def _labelled(name: str, labels: dict[str, str]) -> Counter | Histogram:
    metric = METRICS[name]  # KeyError: add the metric to METRICS
    if set(labels) != set(metric.labels):
        raise ValueError(f"metric {name} takes labels {metric.labels}, not {tuple(labels)}")
    exported = _EXPORTED[name]
    return exported.labels(**labels) if labels else exported


def count(name: str, **labels: str) -> None:
    """Add one to the counter `name` with these labels."""
    shown = {key: str(value) for key, value in labels.items()}
    _labelled(name, shown).inc()  # type: ignore[union-attr]
    key = (name, tuple(sorted(shown.items())))
    _COUNTS[key] += 1
    total = _COUNTS[key]
    if METRICS[name].failure and total & (total - 1) == 0:
        text = " ".join(f"{k}={v}" for k, v in key[1])
        logger.warning("count %s %s total=%d", name, text, total)


def observe(name: str, seconds: float, **labels: str) -> None:
    """Record a duration in the histogram `name`."""
    _labelled(name, {key: str(value) for key, value in labels.items()}).observe(seconds)  # type: ignore[union-attr]


def value(name: str, **labels: str) -> int:
    """The current count in this process (tests)."""
    return _COUNTS[(name, tuple(sorted((k, str(v)) for k, v in labels.items())))]


@lru_cache(maxsize=1)
def _process_metrics() -> None:
    """CPU, memory, open files and Python version of this process (they read /proc, so they are
    added on the first export, not at import)."""
    ProcessCollector(registry=REGISTRY)
    PlatformCollector(registry=REGISTRY)


def exposition() -> tuple[bytes, str]:
    """The Prometheus text format of every metric of this process, and its content type."""
    _process_metrics()
    return generate_latest(REGISTRY), CONTENT_TYPE_LATEST
