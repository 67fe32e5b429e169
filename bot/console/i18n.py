"""The console's words for staff: gettext domain `console` (locales/<lang>/LC_MESSAGES/console.po).

The console speaks Dutch, the municipality's language (CONSOLE_LANGUAGE); a staff member who
reads English better chooses English on their account page. Message ids are the English text
(as in Babel's own projects), marked in the code with `_(...)` where a translator is at hand,
with `N_(...)` where the text is chosen before it is shown, and as the first argument of a
`Refusal`. `python -m bot catalogs` extracts them into locales/console.pot; `make catalogs`
updates and compiles the catalogs; tests/bot/console/test_catalogs.py fails when one is
incomplete or out of date.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po, write_po
from babel.support import NullTranslations
from markupsafe import Markup, escape

from bot.i18n.catalog import load
from bot.settings import ROOT, get_settings

DOMAIN = "console"
LANGUAGES = ("nl", "en")
DEFAULT_LANGUAGE = "nl"  # the console's language: what str() of a Refusal says
SOURCES = ROOT / "bot" / "console"
METHODS = [("**/templates/**.html", "jinja2"), ("**.py", "python")]
HEADER = "# Wegwijs staff console: its texts for staff (English source; see bot/console/i18n.py)."
KEYWORDS = {  # the calls whose first argument (and second, for plurals) is a message id
    "_": None,
    "N_": None,
    "ngettext": (1, 2),
    "plural": (1, 2),
    "Refusal": None,
    "AccountError": None,
    "UploadRefused": None,
}


def N_(message: str) -> str:
    """Marks a text for the catalog where it is chosen; it is translated where it is shown."""
    return message


@dataclass(frozen=True)
class Translator:
    """The console's texts in one language: `_("Save")`, `_("Hello %(name)s", name=...)`."""

    language: str
    catalog: NullTranslations

    def __call__(self, message: str, **values: object) -> str:
        text = self.catalog.gettext(message)
        return text % values if values else text

    def plural(self, singular: str, plural: str, count: int, **values: object) -> str:
        """The form for `count` (as %(count)s), e.g. "1 case" / "2 cases"."""
        return self.catalog.ngettext(singular, plural, count) % {"count": count, **values}

    def html(self, message: str, **values: object) -> Markup:
        """For templates: the text escaped, and each value escaped unless it is Markup."""
        text = escape(self.catalog.gettext(message))
        return text % values if values else text

    def html_plural(self, singular: str, plural: str, count: int, **values: object) -> Markup:
        return escape(self.catalog.ngettext(singular, plural, count)) % {"count": count, **values}


def translator(language: str = DEFAULT_LANGUAGE, locales_dir: Path | None = None) -> Translator:
    """The console's catalog in `language` (compiled by `make catalogs`; cached)."""
    return Translator(language, load(locales_dir or get_settings().locales_dir, language, DOMAIN))


class Refusal(ValueError):
    """Something the console refuses, told to the staff member in their language."""

    status = 400

    def __init__(self, message: str, **values: object) -> None:
        super().__init__(message)
        self.message, self.values = message, values

    def text(self, _: Translator) -> str:
        return _(self.message, **self.values)

    def __str__(self) -> str:
        return self.text(translator())


def template(sources: Path = SOURCES) -> Catalog:
    """Every message id in the console's code and templates (the catalog template's entries)."""
    catalog = Catalog(
        project="Wegwijs console",
        version="1",
        fuzzy=False,
        header_comment=HEADER,
        msgid_bugs_address="",
    )
    for file, line, message, comments, context in extract_from_dir(
        sources, METHODS, keywords=KEYWORDS, comment_tags=("Translators:",), strip_comment_tags=True
    ):
        where = (sources / file).relative_to(ROOT).as_posix()
        catalog.add(message, None, [(where, line)], auto_comments=comments, context=context)
    return catalog


def write_template(locales_dir: Path) -> int:
    """locales/console.pot (keeping its creation date, so that only new texts change it)."""
    path, catalog = locales_dir / f"{DOMAIN}.pot", template()
    if path.is_file():
        with path.open("rb") as handle:
            catalog.creation_date = read_po(handle).creation_date
    with path.open("wb") as handle:
        write_po(handle, catalog, width=100, sort_output=True, include_lineno=False)
    return len(catalog)
