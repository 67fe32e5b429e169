"""The widget's files, strings and privacy page."""

from __future__ import annotations

import gzip
import hashlib

import pytest

from bot.i18n.languages import load_languages
from bot.settings import ROOT
from bot.web.pages import (
    SOCKET_IO_CLIENT,
    WIDGET_KEYS,
    bundled,
    strings_payload,
    widget_script,
)

VENDORED_VERSION = "4.8.4"  # bot/web/static/vendor/README.md
VENDORED_SHA256 = "d5d79a35039e860b32bdef4795528b05c2f788d4b2d9dacc913120e2878f7b3f"
LANGUAGES = sorted(load_languages(ROOT / "locales"))


def test_the_vendored_socket_io_client_is_the_recorded_version_with_its_licence() -> None:
    data = SOCKET_IO_CLIENT.read_bytes()
    assert hashlib.sha256(data).hexdigest() == VENDORED_SHA256
    assert f"Socket.IO v{VENDORED_VERSION}" in data.decode()[:200]
    assert (
        (SOCKET_IO_CLIENT.parent / "socket.io-client.LICENSE")
        .read_text()
        .startswith("The MIT License")
    )
    assert VENDORED_VERSION in (SOCKET_IO_CLIENT.parent / "README.md").read_text()


def test_the_widget_is_one_script_that_keeps_the_client_out_of_the_pages_globals() -> None:
    script = widget_script()
    assert script.startswith("(function () {\nvar module = { exports: {} }")
    assert "var io = module.exports;" in script and "sourceMappingURL" not in script
    assert script.rstrip().endswith("}());")


@pytest.mark.parametrize("code", LANGUAGES)
def test_every_widget_string_exists_in_every_language(code: str) -> None:
    payload = strings_payload(code)
    assert payload["language"] == code
    assert set(payload["strings"]) == set(WIDGET_KEYS)
    assert all(text.strip() for text in payload["strings"].values())
    assert "30" in payload["strings"]["widget_privacy_line"]
    assert payload["official"] == "Alleen de Nederlandse tekst is officieel."
    assert payload["topics"][0]["payload"] == "/ask_step"


def test_an_unknown_language_gets_the_default() -> None:
    assert strings_payload("xx")["language"] == "nl"


def test_the_script_is_served_gzipped_and_revalidated_by_its_etag() -> None:
    first, again = bundled(), bundled()
    assert first is again  # built once while the files are unchanged
    assert gzip.decompress(first.gzipped) == first.plain
    assert len(first.gzipped) < len(first.plain) / 2
