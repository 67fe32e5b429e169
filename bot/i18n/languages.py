"""The supported languages, from locales/languages.yml (one line per language)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

from bot.settings import get_settings

SOURCE_LANGUAGE = "en"


@dataclass(frozen=True)
class Language:
    code: str
    name: str
    dir: str
    locale: str

    @property
    def rtl(self) -> bool:
        return self.dir == "rtl"


@lru_cache(maxsize=4)
def load_languages(locales_dir: Path) -> dict[str, Language]:
    entries = yaml.safe_load((locales_dir / "languages.yml").read_text(encoding="utf-8"))
    languages = {}
    for entry in entries:
        language = Language(str(entry["code"]), str(entry["name"]), entry["dir"], entry["locale"])
        if language.dir not in ("ltr", "rtl"):
            raise ValueError(f"languages.yml: {language.code}: dir must be ltr or rtl")
        languages[language.code] = language
    return languages


def languages() -> dict[str, Language]:
    return load_languages(get_settings().locales_dir)


def supported(code: str | None) -> bool:
    return code is not None and code in languages()


def match(code: str | None) -> Language | None:
    """The supported language for a code such as 'nl', 'en-US', 'fa_AF' or 'prs'; else None."""
    if not code:
        return None
    base = code.replace("_", "-").split("-")[0].lower()
    base = "fa" if base == "prs" else base  # Dari's ISO 639-3 code
    return languages().get(base)


def resolve(code: str | None) -> Language:
    """Like match, with the default language when the code is unknown."""
    return match(code) or languages()[get_settings().default_language]


def conversation_language(language: object, hint: object) -> Language:
    """The language to answer in: the conversation's, else the hint, else the default."""
    return match(language if isinstance(language, str) else None) or resolve(
        hint if isinstance(hint, str) else None
    )
