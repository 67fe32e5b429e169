"""Settings, read from the environment (see .env.example): the one module that reads it.

`Settings` is what every process shares; each entry point reads its own typed object once in its
main() (`ConsoleSettings`, `CliSettings`, ...) and passes it down.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from pathlib import Path
from types import MappingProxyType

ROOT = Path(__file__).resolve().parent.parent


def env(name: str, default: str = "") -> str:
    """One variable of the environment (`default` when unset or blank). The only way the code
    reads the environment; the typed objects below are built from it."""
    value = os.environ.get(name, "")
    return value if value.strip() else default


_env = env


def process_environment() -> dict[str, str]:
    """A copy of the whole environment, for the child processes a launcher starts."""
    return dict(os.environ)


def log_level() -> str:
    """LOG_LEVEL for the processes' logging (INFO by default)."""
    return env("LOG_LEVEL", "INFO")


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
    retention_days: int = 30  # a conversation is deleted this long after its last message
    audit_retention_days: int = 365  # the audit log's entries are deleted after this long

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
            retention_days=int(_env("RETENTION_DAYS", "30")),
            audit_retention_days=int(_env("AUDIT_RETENTION_DAYS", "365")),
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


# --- per process: what each entry point reads once in its main() and passes down -------------
HEALTH_PORTS = {"TELEGRAM": 8091, "REMINDERS": 8092}  # processes without a web server of their own


def shared_redis_url() -> str:
    """The Redis that several servers share (the widget's Socket.IO messages, the relay's seen
    updates): REDIS_URL, else the Redis lock store's host when that is configured, else "" (one
    server: nothing shared)."""
    given = _env("REDIS_URL", "")
    if given:
        return given
    if _env("LOCK_STORE_TYPE", "").endswith("RedisLockStore"):
        return f"redis://{_env('LOCK_STORE_HOST', '127.0.0.1')}:{_env('LOCK_STORE_PORT', '6379')}/0"
    return ""


def health_address(process: str) -> tuple[str, int]:
    """Where a process without a web server answers /healthz, /readyz and /metrics
    (<PROCESS>_HEALTH_HOST and <PROCESS>_HEALTH_PORT; port 0: not at all)."""
    host = _env(f"{process}_HEALTH_HOST", "127.0.0.1")
    return host, int(_env(f"{process}_HEALTH_PORT", str(HEALTH_PORTS[process])))


DEFAULT_TRACKER_STORE_URL = "sqlite:///var/tracker.db"
DEFAULT_ACTION_SERVER_URL = "http://127.0.0.1:5055"
DEFAULT_TELEGRAM_MODE = "polling"


def _console_address() -> tuple[str, int]:
    return _env("CONSOLE_HOST", "127.0.0.1"), int(_env("CONSOLE_PORT", "8080"))


@dataclass(frozen=True)
class ConsoleSettings:
    """The staff console's (`python -m bot.console`)."""

    core: Settings
    host: str
    port: int
    secret: str  # signs the session cookies; the console refuses to start without it
    tracker_store_url: str
    secure_cookies: bool  # behind HTTPS: cookies only over HTTPS
    telegram_bot_username: str  # for t.me links to a link code; "" when there is no bot
    language: str  # the console's language for staff (a catalog in locales/<code>/console.po)
    environment: Mapping[str, str]  # all variables, for the admin's settings page (never secrets)

    @classmethod
    def from_env(cls) -> ConsoleSettings:
        core = get_settings()  # first: it adds .env's variables (the environment wins)
        host, port = _console_address()
        return cls(
            core=core,
            host=host,
            port=port,
            secret=_env("CONSOLE_SECRET", ""),
            tracker_store_url=_env("TRACKER_STORE_URL", DEFAULT_TRACKER_STORE_URL),
            secure_cookies=_env("CONSOLE_SECURE_COOKIES", "false").strip() == "true",
            telegram_bot_username=_env("TELEGRAM_BOT_USERNAME", "").strip().lstrip("@"),
            language=_env("CONSOLE_LANGUAGE", "nl").strip(),
            environment=MappingProxyType(dict(os.environ)),
        )


@dataclass(frozen=True)
class ReadySettings:
    """What `python -m bot ready` waits for and then announces."""

    rasa_url: str
    action_server_url: str
    console_url: str
    telegram_on: bool  # a bot token is set, so the relay runs
    telegram_mode: str
    demo_code_file: Path

    @classmethod
    def from_env(cls, core: Settings) -> ReadySettings:
        host, port = _console_address()
        return cls(
            rasa_url=core.rasa_url,
            action_server_url=_env("ACTION_SERVER_URL", DEFAULT_ACTION_SERVER_URL),
            console_url=f"http://{host}:{port}",
            telegram_on=bool(_env("TELEGRAM_BOT_TOKEN", "").strip()),
            telegram_mode=_env("TELEGRAM_MODE", DEFAULT_TELEGRAM_MODE),
            demo_code_file=Path(_env("DEMO_CODE_FILE", "var/demo-link-code.txt")),
        )


@dataclass(frozen=True)
class CliSettings:
    """The command line's (`python -m bot ...`)."""

    core: Settings
    new_password: str  # `staff create-user` without asking (scripts); "" asks
    ready: ReadySettings
    tracker_store_url: str = DEFAULT_TRACKER_STORE_URL  # `privacy ...` deletes conversations
    purge_at: str = "03:00"  # `privacy worker`: the nightly purge, local time (HH:MM)

    @classmethod
    def from_env(cls) -> CliSettings:
        core = get_settings()  # first: it adds .env's variables (the environment wins)
        return cls(
            core,
            _env("WEGWIJS_NEW_PASSWORD", ""),
            ReadySettings.from_env(core),
            _env("TRACKER_STORE_URL", DEFAULT_TRACKER_STORE_URL),
            _env("PURGE_AT", "03:00"),
        )


@dataclass(frozen=True)
class PushSettings:
    """The push path's (staff replies and reminders): where the Rasa server's push channel is,
    its token, how staff replies are signed and how often the reminder worker looks."""

    rasa_url: str
    token: str  # PUSH_TOKEN, shared with the Rasa server's push channel
    sign_with_name: bool  # staff replies carry the staff member's name (HANDOFF_SIGN_WITH_NAME)
    reminder_interval: float  # seconds between the reminder worker's rounds

    @classmethod
    def from_env(cls) -> PushSettings:
        core = get_settings()  # first: it adds .env's variables (the environment wins)
        return cls(
            rasa_url=core.rasa_url,
            token=_env("PUSH_TOKEN", ""),
            sign_with_name=_env("HANDOFF_SIGN_WITH_NAME", "false").strip() == "true",
            reminder_interval=float(_env("REMINDER_INTERVAL_SECONDS", "60")),
        )
