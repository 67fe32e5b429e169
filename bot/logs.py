"""Logging for every process: plain lines, or one JSON object a line with LOG_FORMAT=json.

A JSON line has the time, level, logger and the log message, and an exception's traceback when
there is one. Log messages never carry what a person wrote (the code logs senders, keys and
counts, never message text); this module adds nothing of a request either.
"""

from __future__ import annotations

import json
import logging
from datetime import datetime, timezone

from bot.settings import env, log_level

PLAIN_FORMAT = "%(asctime)s %(name)s %(levelname)s %(message)s"


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        entry = {
            "time": datetime.fromtimestamp(record.created, timezone.utc).isoformat(),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        return json.dumps(entry, ensure_ascii=False)


def json_wanted() -> bool:
    return env("LOG_FORMAT", "plain").strip().lower() == "json"


def configure(level: str | None = None) -> None:
    """Set up the root logger (once per process; again replaces the formatter)."""
    root = logging.getLogger()
    if not root.handlers:
        logging.basicConfig(level=level or log_level(), format=PLAIN_FORMAT)
    elif level:
        root.setLevel(level)
    if json_wanted():
        for handler in root.handlers:
            handler.setFormatter(JsonFormatter())
