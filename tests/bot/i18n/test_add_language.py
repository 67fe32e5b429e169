"""Adding a language is a folder, a catalog and one line of configuration: no code change."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

from bot.i18n.buttons import language_buttons
from bot.i18n.detect import detect
from bot.i18n.languages import languages, resolve
from bot.i18n.render import render
from bot.settings import ROOT, get_settings

SOMALI_CHANGED = "Hagaag, hadda wixii ka dambeeya waxaan wax kuugu qori doonaa Soomaali."


@pytest.fixture
def locales_with_somali(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    locales = tmp_path / "locales"
    shutil.copytree(ROOT / "locales", locales)
    with (locales / "languages.yml").open("a", encoding="utf-8") as handle:
        handle.write("- {code: so, name: Soomaali, dir: ltr, locale: so}\n")  # the one line
    with (ROOT / "locales" / "en" / "LC_MESSAGES" / "messages.po").open("rb") as handle:
        catalog = read_po(handle, locale="so")
    catalog["utter_language_changed"].string = SOMALI_CHANGED
    (locales / "so" / "LC_MESSAGES").mkdir(parents=True)
    for name, writer in (("messages.po", write_po), ("messages.mo", write_mo)):
        with (locales / "so" / "LC_MESSAGES" / name).open("wb") as handle:
            writer(handle, catalog)
    for po in locales.glob("*/LC_MESSAGES/messages.po"):
        with po.open("rb") as source, po.with_suffix(".mo").open("wb") as target:
            write_mo(target, read_po(source))
    monkeypatch.setenv("LOCALES_DIR", str(locales))
    get_settings.cache_clear()
    return locales


def test_a_new_language_works_without_code_changes(locales_with_somali: Path) -> None:
    assert "so" in languages()
    assert resolve("so-SO").code == "so"
    assert render("utter_language_changed", "so").text == SOMALI_CHANGED
    assert {
        "title": "Soomaali",
        "payload": '/choose_language{"language": "so"}',
    } in language_buttons()
    assert "2027" in render("utter_deadline", "so", {"end": "2027-06-11", "count": 3}).text
    assert (
        detect("Waxaan rabaa inaan ogaado goorta ay dhammaanayso muddadayda", languages()) == "so"
    )
