"""The settings page's content: the effective configuration without any secret's value."""

from __future__ import annotations

import pytest

from bot.console.config_view import SECRETS, configuration, mask_url, scrub
from bot.settings import Settings

ENV = {
    "DATABASE_URL": "postgresql://wegwijs:db-pass-1234@db.gemeente.local:5432/cases",
    "TRACKER_STORE_URL": "postgresql://rasa:tracker-pw-99@db.gemeente.local/tracker?sslmode=require",
    "ACTION_SERVER_TOKEN": "action-token-abcdef",
    "LINK_CODE_SECRET": "link-secret-ghijkl",
    "RELAY_TOKEN": "relay-token-mnopqr",
    "PUSH_TOKEN": "push-token-qrstuv",
    "CONSOLE_SECRET": "console-secret-stuvwx",
    "TELEGRAM_BOT_TOKEN": "123456:telegram-token-yz",
    "TELEGRAM_WEBHOOK_SECRET": "",
    "TELEGRAM_BOT_USERNAME": "WegwijsBot",
    "TELEGRAM_WEBHOOK_URL": "https://bot.gemeente.nl/hook?token=123456:telegram-token-yz",
    "WEB_ALLOWED_ORIGINS": "https://www.gemeente.nl",
    "CONSOLE_SECURE_COOKIES": "true",
    "LINK_CODE_TTL_DAYS": "10",
    "LINK_MAX_FAILURES": "3",
    "LINK_LOCKOUT_MINUTES": "30",
    "DEFAULT_LANGUAGE": "en",
}
PASSWORDS = ("db-pass-1234", "tracker-pw-99")


def shown(env: dict[str, str], monkeypatch: pytest.MonkeyPatch) -> dict[str, str]:
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    sections = configuration(env, Settings.from_env(), {"nl": "Nederlands", "en": "English"})
    return {item.name: item.value for section in sections for item in section.items}


def test_no_secret_value_or_url_password_is_shown(monkeypatch: pytest.MonkeyPatch) -> None:
    values = shown(ENV, monkeypatch)
    page = "\n".join(f"{name} {value}" for name, value in values.items())
    for secret in [*(ENV[name] for name in SECRETS if ENV[name]), *PASSWORDS]:
        assert secret not in page
    assert values["DATABASE_URL"] == "postgresql://wegwijs:***@db.gemeente.local:5432/cases"
    assert values["TRACKER_STORE_URL"] == (
        "postgresql://rasa:***@db.gemeente.local/tracker?sslmode=require"
    )
    assert values["TELEGRAM_WEBHOOK_URL"] == "https://bot.gemeente.nl/hook?token=***"
    assert {name: values[name] for name in SECRETS} == {
        "ACTION_SERVER_TOKEN": "ingesteld",
        "LINK_CODE_SECRET": "ingesteld",
        "RELAY_TOKEN": "ingesteld",
        "PUSH_TOKEN": "ingesteld",
        "CONSOLE_SECRET": "ingesteld",
        "TELEGRAM_BOT_TOKEN": "ingesteld",
        "TELEGRAM_WEBHOOK_SECRET": "niet ingesteld",
    }


def test_the_settings_that_matter_to_it(monkeypatch: pytest.MonkeyPatch) -> None:
    values = shown(ENV, monkeypatch)
    assert values["LINK_CODE_TTL_DAYS"] == "10 dagen"
    assert values["LINK_MAX_FAILURES"] == "3"
    assert values["LINK_LOCKOUT_MINUTES"] == "30 minuten"
    assert values["Console-inlog"] == "na 5 mislukte pogingen 15 minuten geblokkeerd"
    assert values["DEFAULT_LANGUAGE"] == "en"
    assert values["Ingeschakelde talen"] == "nl (Nederlands), en (English)"
    assert values["TELEGRAM_BOT_USERNAME"] == "WegwijsBot"
    assert values["WEB_ALLOWED_ORIGINS"] == "https://www.gemeente.nl"
    assert values["CONSOLE_SECURE_COOKIES"] == "true"


def test_defaults_and_placeholders(monkeypatch: pytest.MonkeyPatch) -> None:
    env = {"CONSOLE_SECRET": "<generated>", "TELEGRAM_BOT_TOKEN": "  "}
    for name in ("TELEGRAM_BOT_USERNAME", "WEB_ALLOWED_ORIGINS", "CONSOLE_SECURE_COOKIES"):
        monkeypatch.delenv(name, raising=False)
    values = shown(env, monkeypatch)
    assert values["CONSOLE_SECRET"] == values["TELEGRAM_BOT_TOKEN"] == "niet ingesteld"
    assert values["TELEGRAM_BOT_USERNAME"] == "niet ingesteld"
    assert values["WEB_ALLOWED_ORIGINS"] == "same-origin"
    assert values["CONSOLE_SECURE_COOKIES"] == "false"


@pytest.mark.parametrize(
    ("url", "masked"),
    [
        ("sqlite:////srv/wegwijs/var/cases.db", "sqlite:////srv/wegwijs/var/cases.db"),
        ("postgresql://wegwijs@db/cases", "postgresql://wegwijs@db/cases"),
        ("postgresql://u:p%40ss@db/cases", "postgresql://u:***@db/cases"),
        ("postgresql://u:p@ss:w/rd@db/cases", "postgresql://u:***@db/cases"),
        (
            "postgresql://db/cases?user=u&password=geheim",
            "postgresql://db/cases?user=u&password=***",
        ),
        ("redis://:geheim@cache:6379/0", "redis://:***@cache:6379/0"),
    ],
)
def test_passwords_in_urls_are_masked(url: str, masked: str) -> None:
    assert mask_url(url) == masked


def test_scrub_blanks_out_any_secret_left_over() -> None:
    assert scrub("https://x/abcdef/hook", ["abcdef"]) == "https://x/***/hook"
