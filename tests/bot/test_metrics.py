"""Metrics: one table of names and labels, exported in Prometheus's format."""

from __future__ import annotations

import re

import pytest

from bot import metrics


def exported() -> str:
    body, content_type = metrics.exposition()
    assert content_type.startswith("text/plain")
    return body.decode()


def sample(name: str, **labels: str) -> float:
    shown = ",".join(f'{key}="{value}"' for key, value in sorted(labels.items()))
    found = re.search(rf"^{re.escape(name)}\{{{re.escape(shown)}\}} (\S+)$", exported(), re.M)
    return float(found.group(1)) if found else 0.0


def test_every_metric_is_exported_with_its_help() -> None:
    text = exported()
    for name, metric in metrics.METRICS.items():
        assert f"# HELP wegwijs_{name}" in text and metric.help in text


def test_a_count_is_seen_by_prometheus_and_by_value() -> None:
    before = sample("wegwijs_fallbacks_total", language="fa")
    metrics.count("fallbacks", language="fa")
    metrics.count("fallbacks", language="fa")
    assert sample("wegwijs_fallbacks_total", language="fa") == before + 2
    assert metrics.value("fallbacks", language="fa") >= 2


def test_latency_goes_into_buckets() -> None:
    before = sample("wegwijs_message_seconds_bucket", channel="telegram", le="0.1")
    metrics.observe("message_seconds", 0.07, channel="telegram")
    metrics.observe("message_seconds", 3.0, channel="telegram")
    assert sample("wegwijs_message_seconds_bucket", channel="telegram", le="0.1") == before + 1


def test_an_unknown_metric_or_wrong_labels_fail_loudly() -> None:
    with pytest.raises(KeyError):
        metrics.count("messages_typo", channel="web")
    with pytest.raises(ValueError, match="takes labels"):
        metrics.count("messages", channel="web")


def test_failures_are_logged_at_powers_of_two_and_ordinary_counts_not(
    caplog: pytest.LogCaptureFixture,
) -> None:
    for _ in range(3):
        metrics.count("requests_refused", channel="metrics_test", status="429")
        metrics.count("messages", channel="metrics_test", language="nl")
    logged = [r.getMessage() for r in caplog.records if r.name == "wegwijs.metrics"]
    assert logged == [
        "count requests_refused channel=metrics_test status=429 total=1",
        "count requests_refused channel=metrics_test status=429 total=2",
    ]


def test_the_process_metrics_are_exported_too() -> None:
    text = exported()
    assert "process_resident_memory_bytes" in text and "python_info" in text
