"""Each process reads its settings once, from the environment, into a typed object."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from bot.settings import DEFAULT_TRACKER_STORE_URL, CliSettings, ConsoleSettings, load_dotenv


def test_the_console_reads_its_variables(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CONSOLE_PORT", "9090")
    monkeypatch.setenv("CONSOLE_SECRET", "s3cret")
    monkeypatch.setenv("CONSOLE_SECURE_COOKIES", "true")
    monkeypatch.setenv("TELEGRAM_BOT_USERNAME", "@WegwijsBot")
    monkeypatch.delenv("TRACKER_STORE_URL", raising=False)
    settings = ConsoleSettings.from_env()
    assert (settings.port, settings.secret, settings.secure_cookies) == (9090, "s3cret", True)
    assert settings.telegram_bot_username == "WegwijsBot"
    assert settings.tracker_store_url == DEFAULT_TRACKER_STORE_URL
    assert settings.environment["CONSOLE_SECRET"] == "s3cret"
    assert settings.core.link_code_secret == "test-link-secret"


def test_the_command_line_reads_what_its_commands_need(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("CONSOLE_HOST", "10.0.0.5")
    monkeypatch.setenv("TELEGRAM_BOT_TOKEN", " ")
    monkeypatch.setenv("DEMO_CODE_FILE", str(tmp_path / "code.txt"))
    monkeypatch.setenv("WEGWIJS_NEW_PASSWORD", "a long enough password")
    settings = CliSettings.from_env()
    assert settings.new_password == "a long enough password"
    assert settings.ready.console_url.startswith("http://10.0.0.5:")
    assert not settings.ready.telegram_on
    assert settings.ready.demo_code_file == tmp_path / "code.txt"


def test_env_file_only_fills_in_what_the_environment_lacks(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    env_file = tmp_path / ".env"
    env_file.write_text("RASA_URL=http://from-file:1\nPUSH_TOKEN='file-token'\n")
    monkeypatch.setenv("RASA_URL", "http://from-environment:2")
    monkeypatch.delenv("PUSH_TOKEN", raising=False)
    load_dotenv(env_file)
    assert os.environ["RASA_URL"] == "http://from-environment:2"
    assert os.environ["PUSH_TOKEN"] == "file-token"
