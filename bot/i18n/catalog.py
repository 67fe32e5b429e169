"""Compiled gettext catalogs, one Translations object per language (never gettext.install)."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from babel.support import NullTranslations, Translations

from bot.settings import get_settings

DOMAIN = "messages"


class MissingCatalog(RuntimeError):
    pass


@lru_cache(maxsize=32)
def load(locales_dir: Path, language: str) -> NullTranslations:
    mo = locales_dir / language / "LC_MESSAGES" / f"{DOMAIN}.mo"
    if not mo.is_file():
        raise MissingCatalog(f"{mo} is missing: run 'make catalogs'")
    return Translations.load(str(locales_dir), [language], DOMAIN)


def translations(language: str) -> NullTranslations:
    return load(get_settings().locales_dir, language)
