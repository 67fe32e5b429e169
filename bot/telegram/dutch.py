"""'Show the Dutch text' on Telegram: the official Dutch rendering of an answer, one tap away.

Telegram's callback data holds at most 64 bytes, so the button carries a short random id and the
relay keeps the Dutch texts of the latest answers in memory (lost when the relay restarts; the
person is then asked to ask again).
"""

from __future__ import annotations

import secrets
from collections import OrderedDict

from bot.i18n.languages import resolve
from bot.i18n.render import lookup

PREFIX = "dutch:"
KEPT = 20_000  # answers whose Dutch text can still be shown
OFFICIAL_LANGUAGE = "nl"


class DutchTexts:
    def __init__(self, size: int = KEPT) -> None:
        self.size = size
        self.texts: OrderedDict[str, tuple[str, str]] = OrderedDict()

    def keep(self, dutch: str, language: str) -> str:
        """The callback data of a button that shows this Dutch text."""
        key = secrets.token_urlsafe(6)
        self.texts[key] = (dutch, language)
        while len(self.texts) > self.size:
            self.texts.popitem(last=False)
        return PREFIX + key

    def get(self, data: str | None) -> tuple[str, str] | None:
        if not data or not data.startswith(PREFIX):
            return None
        return self.texts.get(data[len(PREFIX) :])


def official_message(dutch: str, language: str) -> str:
    """The Dutch text, marked as the official one in Dutch and in the reader's language."""
    marks = [lookup("dutch_official", resolve(OFFICIAL_LANGUAGE))]
    reader = resolve(language)
    if reader.code != OFFICIAL_LANGUAGE:
        marks.append(lookup("dutch_official", reader))
    return "\n".join(marks) + "\n\n" + dutch
