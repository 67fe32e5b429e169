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


@lru_cache(maxsize=4)
def load_other_languages(locales_dir: Path) -> dict[str, Language]:
    """Languages the assistant does not speak yet but can say so in (locales/unsupported.yml)."""
    path = locales_dir / "unsupported.yml"
    entries = yaml.safe_load(path.read_text(encoding="utf-8")) if path.is_file() else []
    return {
        str(e["code"]): Language(str(e["code"]), str(e["name"]), e["dir"], str(e["code"]))
        for e in entries or []
    }


def other_language(code: str | None) -> Language | None:
    """An unsupported language with a notice of its own, by code ('uk', 'so', ...)."""
    if not code:
        return None
    return load_other_languages(get_settings().locales_dir).get(code.split("-")[0].lower())


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
