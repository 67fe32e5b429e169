"""What the web channel serves over plain HTTP: the widget script (with the Socket.IO client it
uses), its strings per language, the short privacy text and a demo page."""

from __future__ import annotations

import gzip
import hashlib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

from bot.i18n import languages as language_config
from bot.i18n.languages import Language
from bot.i18n.render import lookup, render
from bot.web.privacy_page import privacy_arguments, privacy_page

STATIC = Path(__file__).resolve().parent / "static"
SOCKET_IO_CLIENT = STATIC / "vendor" / "socket.io.min.js"  # version: static/vendor/README.md
WIDGET = STATIC / "widget"
# The widget's parts, in the order they are put together (main.js starts it).
WIDGET_PARTS = (
    "style.js",
    "text.js",
    "dom.js",
    "speech.js",
    "transport.js",
    "view.js",
    "main.js",
)
OFFICIAL_LANGUAGE = "nl"
WIDGET_KEYS = (
    "widget_title",
    "widget_open",
    "widget_close",
    "widget_input_label",
    "widget_placeholder",
    "widget_send",
    "widget_language",
    "widget_forget",
    "widget_forget_done",
    "widget_reminders_on",
    "widget_reminders_off",
    "widget_connecting",
    "widget_reconnecting",
    "widget_typing",
    "widget_you",
    "widget_assistant",
    "widget_greeting",
    "widget_can_do",
    "widget_privacy_line",
    "widget_privacy_link",
    "widget_topics",
    "widget_other_languages",
    "widget_more",
    "widget_earlier",
    "widget_sending",
    "widget_sent",
    "widget_failed",
    "widget_retry",
    "widget_no_answer",
    "widget_unread",
    "widget_read_aloud",
    "widget_stop_reading",
    "dutch_show",
    "dutch_hide",
    "dutch_official",
    "label_staff_consultant",  # who wrote a staff member's reply (its hidden label)
    "label_staff_team",
)
# The first screen's topic buttons: (intent the button sends, catalog key of its title).
TOPICS = ("ask_step", "ask_deadline", "ask_route", "ask_exams", "ask_contact", "request_human")


def widget_strings(language: Language) -> dict[str, str]:
    values = privacy_arguments()
    return {key: render(key, language.code, values).text for key in WIDGET_KEYS}


def strings_payload(code: str) -> dict[str, Any]:
    """Everything the widget shows in one language (the catalogs decide every word)."""
    language = language_config.resolve(code)
    dutch = language_config.resolve(OFFICIAL_LANGUAGE)
    return {
        "language": language.code,
        "dir": language.dir,
        "strings": widget_strings(language),
        "official": lookup("dutch_official", dutch),
        "topics": [
            {"title": lookup(f"button_{intent}", language), "payload": f"/{intent}"}
            for intent in TOPICS
        ],
        "languages": [
            {"code": lang.code, "name": lang.name, "dir": lang.dir}
            for lang in language_config.languages().values()
        ],
    }


def widget_script() -> str:
    """The Socket.IO client and the widget's parts in one script. The client sees a CommonJS
    `module`, so it neither sets the page's `window.io` nor calls the page's AMD `define`."""
    client = SOCKET_IO_CLIENT.read_text(encoding="utf-8")
    client = "\n".join(line for line in client.splitlines() if "sourceMappingURL" not in line)
    parts = "\n".join((WIDGET / name).read_text(encoding="utf-8") for name in WIDGET_PARTS)
    return (
        "(function () {\nvar module = { exports: {} }, exports = module.exports, define;\n"
        f"{client}\nvar io = module.exports;\n{parts}\n}}());\n"
    )


@dataclass(frozen=True)
class Bundle:
    plain: bytes
    gzipped: bytes  # about 27 KB instead of 89 KB
    etag: str  # a browser revalidates and gets 304 until the files change


def bundled() -> Bundle:
    sources = [SOCKET_IO_CLIENT, *(WIDGET / name for name in WIDGET_PARTS)]
    return _bundle(tuple(path.stat().st_mtime_ns for path in sources))


@lru_cache(maxsize=2)
def _bundle(_versions: tuple[int, ...]) -> Bundle:
    plain = widget_script().encode("utf-8")
    etag = '"' + hashlib.sha256(plain).hexdigest()[:32] + '"'
    return Bundle(plain, gzip.compress(plain, mtime=0), etag)


def add_routes(hook: Blueprint) -> None:
    @hook.route("/widget.js", methods=["GET"])
    async def widget(request: Request) -> HTTPResponse:
        script = bundled()
        headers = {"Cache-Control": "no-cache", "ETag": script.etag, "Vary": "Accept-Encoding"}
        if request.headers.get("if-none-match") == script.etag:
            return response.empty(status=304, headers=headers)
        body = script.plain
        if "gzip" in request.headers.get("accept-encoding", ""):
            body, headers["Content-Encoding"] = script.gzipped, "gzip"
        return response.raw(body, content_type="text/javascript; charset=utf-8", headers=headers)

    @hook.route("/demo", methods=["GET"])
    async def demo(_: Request) -> HTTPResponse:
        return await response.file(STATIC / "demo.html", mime_type="text/html")

    @hook.route("/strings/<code>", methods=["GET"])
    async def strings(_: Request, code: str) -> HTTPResponse:
        return response.json(strings_payload(code))

    @hook.route("/privacy/<code>", methods=["GET"])
    async def privacy(_: Request, code: str) -> HTTPResponse:
        return response.html(privacy_page(code))
