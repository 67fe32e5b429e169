import json
from pathlib import Path

import pytest

from bot.cli import main
from bot.store.db import session_scope
from bot.store.repository import CaseRepository

CASE = {
    "case_ref": "CLI-1",
    "full_name": "Noor Hassan",
    "category": "family",
    "obligation_start": "2026-09-01",
}


def write(tmp_path: Path, cases: list) -> str:
    path = tmp_path / "cases.json"
    path.write_text(json.dumps({"cases": cases}), encoding="utf-8")
    return str(path)


def test_import_list_show_and_link_code(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["cases", "import", write(tmp_path, [CASE])]) == 0
    assert "1 dossier geïmporteerd (1 nieuw, 0 bijgewerkt)" in capsys.readouterr().out
    assert main(["cases", "list"]) == 0
    assert "CLI-1" in capsys.readouterr().out
    assert main(["cases", "show", "CLI-1"]) == 0
    assert "not_started" in capsys.readouterr().out
    assert main(["cases", "link-code", "CLI-1"]) == 0
    last_line = capsys.readouterr().out.strip().splitlines()[-1]
    assert len(last_line) == 11 and last_line[5] == "-"


def test_a_bad_file_imports_nothing(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    good = CASE | {"case_ref": "OK-1"}
    bad = CASE | {"case_ref": "BAD-1", "category": "tourist"}
    assert main(["cases", "import", write(tmp_path, [good, bad])]) == 1
    err = capsys.readouterr().err
    assert "category: 'tourist'" in err and "Niets geïmporteerd: 1 probleem." in err
    main(["db", "migrate"])
    with session_scope() as session:
        assert CaseRepository(session).count() == 0


def test_reimport_updates(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    main(["cases", "import", write(tmp_path, [CASE])])
    assert main(["cases", "import", write(tmp_path, [CASE | {"full_name": "Noor H."}])]) == 0
    assert "(0 nieuw, 1 bijgewerkt)" in capsys.readouterr().out
    with session_scope() as session:
        assert CaseRepository(session).get("CLI-1").full_name == "Noor H."


def test_unknown_case_for_a_link_code(capsys: pytest.CaptureFixture[str]) -> None:
    main(["db", "migrate"])
    assert main(["cases", "link-code", "NOPE"]) == 1


def test_demo_cases_load(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["demo", "load"]) == 0
    assert "7 dossiers geïmporteerd (7 nieuw, 0 bijgewerkt)" in capsys.readouterr().out
