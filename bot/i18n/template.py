"""locales/messages.pot from the English catalog, which is the source of every message.

Message ids are response keys (`utter_deadline`), so the template carries the English text and
its source as comments for translators. `make catalogs` then runs `pybabel update` for every
language, so each catalog has exactly the template's entries.
"""

from __future__ import annotations

from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po, write_po

from bot.i18n.catalog import DOMAIN
from bot.i18n.languages import SOURCE_LANGUAGE


def source_catalog(locales_dir: Path) -> Catalog:
    path = locales_dir / SOURCE_LANGUAGE / "LC_MESSAGES" / f"{DOMAIN}.po"
    with path.open("rb") as handle:
        return read_po(handle, locale=SOURCE_LANGUAGE)


def build_template(source: Catalog) -> Catalog:
    template = Catalog(project="Wegwijs", version="1", fuzzy=False, msgid_bugs_address="")
    template.creation_date = source.creation_date
    for message in source:
        if not message.id:
            continue
        english = (
            message.string if isinstance(message.string, str) else " | ".join(message.string or ())
        )
        comments = [c for c in message.auto_comments if c.startswith("Source:")]
        comments.append("English: " + english.replace("\n", "\\n"))
        template.add(message.id, None, auto_comments=comments)
    return template


def write_template(locales_dir: Path) -> int:
    template = build_template(source_catalog(locales_dir))
    with (locales_dir / f"{DOMAIN}.pot").open("wb") as handle:
        write_po(handle, template, width=100, omit_header=False, sort_output=False)
    return len(template)
