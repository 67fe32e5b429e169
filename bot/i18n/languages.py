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


def resolve(code: str | None) -> Language:
    """The language for a code such as 'nl', 'en-US' or 'fa_AF'; the default when unknown."""
    known = languages()
    if code:
        base = code.replace("_", "-").split("-")[0].lower()
        if base in known:
            return known[base]
        if base == "prs":  # Dari's ISO 639-3 code
            return known.get("fa", known[get_settings().default_language])
    return known[get_settings().default_language]
