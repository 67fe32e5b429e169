"""Compiled gettext catalogs, one Translations object per language (never gettext.install)."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from babel.support import NullTranslations, Translations

from bot.settings import get_settings

DOMAIN = "messages"
NOTICE_DOMAIN = "unsupported"  # the one notice for languages the assistant does not speak


class MissingCatalog(RuntimeError):
    pass


@lru_cache(maxsize=64)
def load(locales_dir: Path, language: str, domain: str = DOMAIN) -> NullTranslations:
    mo = locales_dir / language / "LC_MESSAGES" / f"{domain}.mo"
    if not mo.is_file():
        raise MissingCatalog(f"{mo} is missing: run 'make catalogs'")
    return Translations.load(str(locales_dir), [language], domain)


def translations(language: str) -> NullTranslations:
    return load(get_settings().locales_dir, language)


def notice_translations(language: str) -> NullTranslations:
    return load(get_settings().locales_dir, language, NOTICE_DOMAIN)
