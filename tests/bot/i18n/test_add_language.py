"""Adding a language is a folder, a catalog and one line of configuration: no code change."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

from bot.i18n.buttons import language_buttons
from bot.i18n.languages import languages, resolve
from bot.i18n.render import render
from bot.i18n.values import Date
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
    (locales / "so" / "LC_MESSAGES").mkdir(parents=True, exist_ok=True)
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
    deadline = render("utter_deadline", "so", {"end": Date(date(2027, 6, 11)), "count": 3})
    assert "2027" in deadline.text


def test_a_new_languages_folder_teaches_the_language_identifier(
    locales_with_somali: Path, tmp_path: Path
) -> None:
    from bot.i18n import detect
    from bot.i18n.language_model import train
    from bot.rasa_ext.language_detector import examples

    nlu = tmp_path / "nlu"
    shutil.copytree(ROOT / "nlu" / "en", nlu / "en")
    shutil.copytree(ROOT / "nlu" / "nl", nlu / "nl")
    lines = (ROOT / "bot" / "i18n" / "langid" / "so.txt").read_text(encoding="utf-8").splitlines()
    body = "\n".join(f"    - {line}" for line in lines if line.strip() and ":" not in line)
    (nlu / "so").mkdir()
    (nlu / "so" / "basics.yml").write_text(
        f'version: "3.1"\nnlu:\n- intent: greet\n  examples: |\n{body}\n', encoding="utf-8"
    )
    model = train(examples(nlu, tmp_path / "no-other-languages"))
    found = detect.identify(
        model, "Waxaan rabaa inaan ogaado goorta ay dhammaanayso muddadayda", languages()
    )
    assert found is not None and found.language == "so" and found.supported
