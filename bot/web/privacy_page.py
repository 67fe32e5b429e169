"""The short privacy text for the people who chat, as a page in their language.

The widget's first screen links to it (`/webhooks/web/privacy/<lang>`) and Telegram's /privacy
sends the same text (bot.telegram.handlers). The full record of processing for the municipality
is docs/privacy.md.
"""

from __future__ import annotations

from typing import Any

from markupsafe import escape

from bot.i18n import languages
from bot.i18n.render import render
from bot.settings import get_settings

TITLE_KEY = "privacy_title"
TEXT_KEY = "privacy_short"
PAGE = """<!doctype html>
<html lang="{lang}" dir="{dir}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title}</title>
<style>body{{font:17px/1.5 system-ui,sans-serif;max-width:40em;margin:0 auto;padding:16px;
color:#1b1b1b}}h1{{font-size:1.3em;color:#154273}}</style></head>
<body><main><h1>{title}</h1>
{paragraphs}
</main></body></html>
"""


def privacy_arguments() -> dict[str, Any]:
    """What the short text says in numbers: how long a conversation is kept."""
    return {"retention_days": get_settings().retention_days}


def privacy_text(language: str | None) -> str:
    """The short privacy text, as a chat message (title first)."""
    title = render(TITLE_KEY, language).text
    return f"{title}\n\n{render(TEXT_KEY, language, privacy_arguments()).text}"


def privacy_page(code: str | None) -> str:
    """The short privacy text as a small, self-contained page (every text escaped); an unknown
    language code gets the default language."""
    language = languages.resolve(code)
    title = render(TITLE_KEY, language.code).text
    text = render(TEXT_KEY, language.code, privacy_arguments()).text
    paragraphs = "\n".join(
        "<p>" + str(escape(block)).replace("\n", "<br>") + "</p>"
        for block in text.split("\n\n")
        if block.strip()
    )
    return PAGE.format(
        lang=language.code, dir=language.dir, title=escape(title), paragraphs=paragraphs
    )
