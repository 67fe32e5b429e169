"""What the admin's settings page shows: the effective configuration, never a secret's value.

Secrets appear only as "set" / "not set"; passwords in URLs are masked; and as a last
guard, any secret's value that still turns up inside a shown value is blanked out.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from bot.console.i18n import DEFAULT_LANGUAGE, N_, Translator, translator
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
    "PUSH_TOKEN",
    "CONSOLE_SECRET",
    "TELEGRAM_BOT_TOKEN",
    "TELEGRAM_WEBHOOK_SECRET",
)
SET, NOT_SET = N_("set"), N_("not set")
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


def _databases(env: Mapping[str, str], settings: Settings, _: Translator) -> Section:
    tracker = _value(env, "TRACKER_STORE_URL", DEFAULT_TRACKER_STORE_URL)
    lock_host = _value(env, "LOCK_STORE_HOST", "127.0.0.1")
    return Section(
        _("Databases"),
        (
            Item(
                "DATABASE_URL",
                mask_url(settings.database_url),
                _("cases, links, console"),
            ),
            Item("TRACKER_STORE_URL", mask_url(tracker), _("conversations (Rasa's tracker store)")),
            Item("LOCK_STORE_TYPE", _value(env, "LOCK_STORE_TYPE", _(NOT_SET)), _("lock store")),
            Item(
                "LOCK_STORE_HOST, LOCK_STORE_PORT",
                f"{lock_host}:{_value(env, 'LOCK_STORE_PORT', '6379')}",
                _("Redis, with more than one Rasa server"),
            ),
        ),
    )


def _limits(settings: Settings, _: Translator) -> Section:
    minutes = int(LOCKOUT.total_seconds() // 60)
    return Section(
        _("Link codes and lockout"),
        (
            Item(
                "LINK_CODE_TTL_DAYS",
                _("%(days)s days", days=settings.link_code_ttl_days),
                _("how long a link code is valid"),
            ),
            Item(
                "LINK_MAX_FAILURES",
                str(settings.link_max_failures),
                _("wrong link codes per sender before a lockout"),
            ),
            Item(
                "LINK_LOCKOUT_MINUTES",
                _("%(minutes)s minutes", minutes=settings.link_lockout_minutes),
                _("lockout after too many wrong link codes"),
            ),
            Item(
                _("Console login"),
                _(
                    "locked for %(minutes)s minutes after %(failures)s failed attempts",
                    minutes=minutes,
                    failures=MAX_FAILURES,
                ),
                _("fixed in the code (bot/console/passwords.py)"),
            ),
        ),
    )


def _privacy(env: Mapping[str, str], settings: Settings, _: Translator) -> Section:
    return Section(
        _("Privacy and retention (docs/privacy.md)"),
        (
            Item(
                "RETENTION_DAYS",
                _("%(days)s days", days=settings.retention_days),
                _("a conversation is deleted this long after the person's last message"),
            ),
            Item(
                "AUDIT_RETENTION_DAYS",
                _("%(days)s days", days=settings.audit_retention_days),
                _("how long the audit log keeps an entry"),
            ),
            Item(
                "PURGE_AT",
                _value(env, "PURGE_AT", "03:00"),
                _("when the nightly purge runs (python -m bot privacy worker)"),
            ),
        ),
    )


def _languages(settings: Settings, enabled: Mapping[str, str], _: Translator) -> Section:
    names = ", ".join(f"{code} ({name})" for code, name in enabled.items())
    return Section(
        _("Languages"),
        (
            Item(
                "DEFAULT_LANGUAGE",
                settings.default_language,
                _("language used until another is known"),
            ),
            Item(_("Enabled languages"), names, "locales/languages.yml"),
        ),
    )


def _channels(env: Mapping[str, str], settings: Settings, _: Translator) -> Section:
    def value(name: str, default: str) -> str:
        return _value(env, name, default)

    return Section(
        _("Channels and console"),
        (
            Item(
                "TELEGRAM_BOT_USERNAME",
                value("TELEGRAM_BOT_USERNAME", _(NOT_SET)),
                _("for t.me links and QR codes"),
            ),
            Item(
                "TELEGRAM_MODE",
                value("TELEGRAM_MODE", DEFAULT_TELEGRAM_MODE),
                _("polling or webhook"),
            ),
            Item(
                "TELEGRAM_WEBHOOK_URL",
                mask_url(value("TELEGRAM_WEBHOOK_URL", _(NOT_SET))),
                _("only with webhook"),
            ),
            Item(
                "WEB_ALLOWED_ORIGINS",
                value("WEB_ALLOWED_ORIGINS", "same-origin"),
                _("sites that may show the chat widget"),
            ),
            Item("RASA_URL", mask_url(settings.rasa_url), _("Rasa server")),
            Item(
                "ACTION_SERVER_URL",
                mask_url(value("ACTION_SERVER_URL", DEFAULT_ACTION_SERVER_URL)),
                _("action server"),
            ),
            Item(
                "CONSOLE_SECURE_COOKIES",
                value("CONSOLE_SECURE_COOKIES", "false"),
                _("true behind HTTPS"),
            ),
            Item(
                "CONSOLE_LANGUAGE",
                value("CONSOLE_LANGUAGE", DEFAULT_LANGUAGE),
                _("the console's language (each staff member may choose their own)"),
            ),
            Item("LOG_LEVEL", value("LOG_LEVEL", "INFO"), _("log level")),
        ),
    )


def _secrets(env: Mapping[str, str], _: Translator) -> Section:
    return Section(
        _("Secrets (only whether they are set)"),
        tuple(
            Item(name, _(SET if is_set(env.get(name)) else NOT_SET), _("the value is never shown"))
            for name in SECRETS
        ),
    )


def configuration(
    env: Mapping[str, str],
    settings: Settings,
    enabled_languages: Mapping[str, str],
    _: Translator | None = None,
) -> list[Section]:
    """The sections of the settings page in the staff member's language (by default the
    console's); `enabled_languages` maps code to the language's name."""
    _ = _ or translator()
    sections = [
        _databases(env, settings, _),
        _limits(settings, _),
        _privacy(env, settings, _),
        _languages(settings, enabled_languages, _),
        _channels(env, settings, _),
        _secrets(env, _),
    ]
    hidden = secret_values(env)
    return [
        Section(
            section.title,
            tuple(Item(i.name, scrub(i.value, hidden), i.meaning) for i in section.items),
        )
        for section in sections
    ]
