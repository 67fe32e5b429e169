"""LOG_FORMAT=json: one JSON object a line, with the log message and nothing of the request."""

from __future__ import annotations

import json
import logging

import pytest

from bot import logs


def test_json_lines_carry_time_level_logger_and_message(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("LOG_FORMAT", "json")
    root = logging.getLogger()
    handler = logging.StreamHandler()
    monkeypatch.setattr(root, "handlers", [handler])
    logs.configure()
    try:
        raise ValueError("bad")
    except ValueError:
        logging.getLogger("wegwijs.test").exception("action %s failed", "action_respond")
    line = capsys.readouterr().err.strip()
    entry = json.loads(line)
    assert entry["level"] == "ERROR" and entry["logger"] == "wegwijs.test"
    assert entry["message"] == "action action_respond failed"
    assert "ValueError: bad" in entry["exception"] and "\n" not in line


def test_plain_lines_unless_json_is_asked_for(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("LOG_FORMAT", raising=False)
    handler = logging.StreamHandler()
    monkeypatch.setattr(logging.getLogger(), "handlers", [handler])
    logs.configure()
    assert not isinstance(handler.formatter, logs.JsonFormatter)
