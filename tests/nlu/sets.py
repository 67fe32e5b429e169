"""The evaluation sets and the training data, as (intent, text) pairs per language."""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from bot.settings import ROOT

TEST_DIR = ROOT / "tests" / "nlu"
SETS = {
    # written by separate helpers in 2026-11 and used to steer later rounds of training data
    "held-out": TEST_DIR,
    # written on 2026-11-28 after the model was frozen; never used to change training data
    "fresh": TEST_DIR / "fresh",
}
ANNOTATION = re.compile(r"\[([^\]]*)\]\{[^}]*\}|\[([^\]]*)\]\([^)]*\)")


def plain(text: str) -> str:
    """The text a user typed: entity annotations removed."""
    return ANNOTATION.sub(lambda m: m.group(1) or m.group(2) or "", text)


def normalised(text: str) -> str:
    """For spotting the same example twice: case, punctuation and spacing ignored."""
    return " ".join(re.sub(r"[^\w\s]", " ", plain(text).casefold()).split())


def examples(path: Path) -> list[tuple[str, str]]:
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    found = []
    for block in data.get("nlu") or []:
        if "intent" not in block:
            continue
        for line in str(block.get("examples") or "").splitlines():
            line = line.strip()
            if line.startswith("- "):
                found.append((str(block["intent"]), line[2:].strip()))
    return found


def set_files(name: str) -> list[Path]:
    return sorted(SETS[name].glob("*.yml"))


def training_texts(language: str) -> set[str]:
    """Every training example of a language (and the shared ones), normalised."""
    folders = [ROOT / "nlu" / language, ROOT / "nlu" / "common"]
    return {
        normalised(text)
        for folder in folders
        for path in sorted(folder.glob("*.yml"))
        for _, text in examples(path)
    }
