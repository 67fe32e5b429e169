"""Stored text as the console shows it: every character that would hide or disguise text is made
visible, so a transcript always renders (a lone surrogate cannot even be sent as UTF-8).

- control characters (NUL included) become their Unicode control pictures (␀, ␛, …); a new line
  and a tab stay;
- bidi embeddings and overrides (U+202A-U+202E), which can make text read backwards, and lone
  surrogates become a marker such as ⟦U+202E⟧.

Used as the Jinja environment's `finalize`, so it applies to every value a page prints.
"""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import quote

from markupsafe import Markup

_C0 = re.compile("[\x00-\x08\x0b-\x1f\x7f]")
_MARKED = re.compile("[\x80-\x9f\u202a-\u202e\ud800-\udfff]")


def _picture(found: re.Match[str]) -> str:
    code = ord(found.group())
    return "\u2421" if code == 0x7F else chr(0x2400 + code)


def visible(text: str) -> str:
    text = _C0.sub(_picture, text)
    return _MARKED.sub(lambda m: f"⟦U+{ord(m.group()):04X}⟧", text)


def finalize(value: Any) -> Any:
    """Every printed value made visible; markup stays markup (the pictures and markers are
    plain characters, so they cannot open a tag)."""
    if isinstance(value, Markup):
        return Markup(visible(str(value)))
    return visible(value) if isinstance(value, str) else value


def urlencode(value: Any) -> str:
    """Jinja's urlencode for a path part, also for text no UTF-8 encoder accepts."""
    return quote(str(value).encode("utf-8", "surrogatepass"), safe="/")
