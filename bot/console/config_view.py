"""What the admin's settings page shows: the effective configuration, never a secret's value.

Secrets appear only as "ingesteld" / "niet ingesteld"; passwords in URLs are masked; and as a last
guard, any secret's value that still turns up inside a shown value is blanked out.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from bot.console.passwords import LOCKOUT, MAX_FAILURES
from bot.settings import (
    DEFAULT_ACTION_SERVER_URL,
    DEFAULT_TELEGRAM_MODE,
    DEFAULT_TRACKER_STORE_URL,
    Settings,
)

SECRETS = (
    "ACTION_SERVER_TOKEN",
    "LINK_CODE_SECRET",
    "RELAY_TOKEN",
    "CONSOLE_SECRET",
    "TELEGRAM_BOT_TOKEN",
    "TELEGRAM_WEBHOOK_SECRET",
)
SET, NOT_SET = "ingesteld", "niet ingesteld"
MASK = "***"
PLACEHOLDER = "<generated>"  # .env.example's value before `python -m bot env init` fills it in
SENSITIVE_QUERY = re.compile(
    r"([?&][^=&#]*(?:password|passwd|pwd|secret|token|key)[^=&#]*)=[^&#]*", re.IGNORECASE
)
SHORTEST_SCRUBBED = 4  # shorter "secrets" would blank out ordinary words such as "nl"


@dataclass(frozen=True)
class Item:
    name: str
    value: str
    meaning: str


@dataclass(frozen=True)
class Section:
    title: str
    items: tuple[Item, ...]


def mask_url(url: str) -> str:
    """The URL with the password of its user part and secret-looking query values as ***."""
    scheme, separator, rest = url.partition("://")
    if separator and "@" in rest:
        userinfo, _, host = rest.rpartition("@")  # the last @: a password may contain one
        user, colon, _ = userinfo.partition(":")
        rest = f"{user}:{MASK}@{host}" if colon else f"{user}@{host}"
    return SENSITIVE_QUERY.sub(rf"\1={MASK}", f"{scheme}{separator}{rest}")


def is_set(value: str | None) -> bool:
    return bool(value and value.strip() and value.strip() != PLACEHOLDER)


def secret_values(env: Mapping[str, str]) -> list[str]:
    values = (env.get(name, "").strip() for name in SECRETS)
    return [value for value in values if is_set(value) and len(value) >= SHORTEST_SCRUBBED]


def scrub(text: str, secrets: Sequence[str]) -> str:
    for secret in sorted(secrets, key=len, reverse=True):
        text = text.replace(secret, MASK)
    return text


def _value(env: Mapping[str, str], name: str, default: str) -> str:
    value = env.get(name, "")
    return value.strip() if value.strip() else default


def _databases(env: Mapping[str, str], settings: Settings) -> Section:
    tracker = _value(env, "TRACKER_STORE_URL", DEFAULT_TRACKER_STORE_URL)
    lock_host = _value(env, "LOCK_STORE_HOST", "127.0.0.1")
    return Section(
        "Databases",
        (
            Item("DATABASE_URL", mask_url(settings.database_url), "dossiers, koppelingen, console"),
            Item("TRACKER_STORE_URL", mask_url(tracker), "gesprekken (Rasa's tracker store)"),
            Item("LOCK_STORE_TYPE", _value(env, "LOCK_STORE_TYPE", NOT_SET), "lock store"),
            Item(
                "LOCK_STORE_HOST, LOCK_STORE_PORT",
                f"{lock_host}:{_value(env, 'LOCK_STORE_PORT', '6379')}",
                "Redis, bij meer dan één Rasa-server",
            ),
        ),
    )


def _limits(env: Mapping[str, str], settings: Settings) -> Section:
    minutes = int(LOCKOUT.total_seconds() // 60)
    return Section(
        "Koppelcodes en blokkering",
        (
            Item(
                "LINK_CODE_TTL_DAYS",
                f"{settings.link_code_ttl_days} dagen",
                "geldigheid koppelcode",
            ),
            Item(
                "LINK_MAX_FAILURES",
                str(settings.link_max_failures),
                "foute koppelcodes per afzender vóór blokkering",
            ),
            Item(
                "LINK_LOCKOUT_MINUTES",
                f"{settings.link_lockout_minutes} minuten",
                "blokkering na te veel foute koppelcodes",
            ),
            Item(
                "Console-inlog",
                f"na {MAX_FAILURES} mislukte pogingen {minutes} minuten geblokkeerd",
                "vast in de code (bot/console/passwords.py)",
            ),
        ),
    )


def _languages(settings: Settings, enabled: Mapping[str, str]) -> Section:
    names = ", ".join(f"{code} ({name})" for code, name in enabled.items())
    return Section(
        "Talen",
        (
            Item("DEFAULT_LANGUAGE", settings.default_language, "taal zolang er niets bekend is"),
            Item("Ingeschakelde talen", names, "locales/languages.yml"),
        ),
    )


def _channels(env: Mapping[str, str], settings: Settings) -> Section:
    return Section(
        "Kanalen en console",
        (
            Item(
                "TELEGRAM_BOT_USERNAME",
                _value(env, "TELEGRAM_BOT_USERNAME", NOT_SET),
                "voor t.me-links en QR-codes",
            ),
            Item(
                "TELEGRAM_MODE",
                _value(env, "TELEGRAM_MODE", DEFAULT_TELEGRAM_MODE),
                "polling of webhook",
            ),
            Item(
                "TELEGRAM_WEBHOOK_URL",
                mask_url(_value(env, "TELEGRAM_WEBHOOK_URL", NOT_SET)),
                "alleen bij webhook",
            ),
            Item(
                "WEB_ALLOWED_ORIGINS",
                _value(env, "WEB_ALLOWED_ORIGINS", "same-origin"),
                "sites die de chatwidget mogen tonen",
            ),
            Item("RASA_URL", mask_url(settings.rasa_url), "Rasa-server"),
            Item(
                "ACTION_SERVER_URL",
                mask_url(_value(env, "ACTION_SERVER_URL", DEFAULT_ACTION_SERVER_URL)),
                "action server",
            ),
            Item(
                "CONSOLE_SECURE_COOKIES",
                _value(env, "CONSOLE_SECURE_COOKIES", "false"),
                "true achter HTTPS",
            ),
            Item("LOG_LEVEL", _value(env, "LOG_LEVEL", "INFO"), "logniveau"),
        ),
    )


def _secrets(env: Mapping[str, str]) -> Section:
    return Section(
        "Geheimen (alleen of ze ingesteld zijn)",
        tuple(
            Item(name, SET if is_set(env.get(name)) else NOT_SET, "waarde wordt nooit getoond")
            for name in SECRETS
        ),
    )


def configuration(
    env: Mapping[str, str], settings: Settings, enabled_languages: Mapping[str, str]
) -> list[Section]:
    """The sections of the settings page; `enabled_languages` maps code to the language's name."""
    sections = [
        _databases(env, settings),
        _limits(env, settings),
        _languages(settings, enabled_languages),
        _channels(env, settings),
        _secrets(env),
    ]
    hidden = secret_values(env)
    return [
        Section(
            section.title,
            tuple(Item(i.name, scrub(i.value, hidden), i.meaning) for i in section.items),
        )
        for section in sections
    ]
