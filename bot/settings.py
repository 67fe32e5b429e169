"""One settings object, read from the environment (see .env.example)."""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _env(name: str, default: str) -> str:
    value = os.environ.get(name, "")
    return value if value.strip() else default


@dataclass(frozen=True)
class Settings:
    database_url: str
    action_server_token: str
    link_code_secret: str
    link_code_ttl_days: int
    link_max_failures: int
    link_lockout_minutes: int
    default_language: str
    municipality_profile: Path
    locales_dir: Path
    rasa_url: str
    today: date | None = None  # tests and demos: answer as if today were this day

    @classmethod
    def from_env(cls) -> Settings:
        return cls(
            database_url=_env("DATABASE_URL", f"sqlite:///{ROOT / 'var' / 'cases.db'}"),
            action_server_token=_env("ACTION_SERVER_TOKEN", ""),
            link_code_secret=_env("LINK_CODE_SECRET", ""),
            link_code_ttl_days=int(_env("LINK_CODE_TTL_DAYS", "14")),
            link_max_failures=int(_env("LINK_MAX_FAILURES", "5")),
            link_lockout_minutes=int(_env("LINK_LOCKOUT_MINUTES", "60")),
            default_language=_env("DEFAULT_LANGUAGE", "nl"),
            municipality_profile=Path(_env("MUNICIPALITY_PROFILE", str(ROOT / "municipality.yml"))),
            locales_dir=Path(_env("LOCALES_DIR", str(ROOT / "locales"))),
            rasa_url=_env("RASA_URL", "http://127.0.0.1:5005"),
            today=date.fromisoformat(_env("WEGWIJS_TODAY", ""))
            if _env("WEGWIJS_TODAY", "")
            else None,
        )


def load_dotenv(path: Path) -> None:
    """Put KEY=VALUE lines of a .env file into the environment, without overriding."""
    if not path.is_file():
        return
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if not line or line.startswith("#") or "=" not in line:
            continue
        key, value = line.split("=", 1)
        os.environ.setdefault(key.strip(), value.strip().strip("'\""))


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    """The process-wide settings, read once on first use (never at import time)."""
    load_dotenv(ROOT / ".env")
    return Settings.from_env()
