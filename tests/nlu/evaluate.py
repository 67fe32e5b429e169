"""`make evaluate`: intent accuracy and macro-F1 per language on the held-out sets.

The held-out sets (tests/nlu/<lang>.yml) were written separately and are never trained on.
Prints a Markdown table (pasted into the README) and writes var/results/nlu-evaluation.json.
"""

from __future__ import annotations

import asyncio
import json
import os
import sys
from collections import Counter
from pathlib import Path

from sklearn.metrics import f1_score

from bot.settings import ROOT

TEST_DIR = ROOT / "tests" / "nlu"
OUT = ROOT / "var" / "results" / "nlu-evaluation.json"


async def evaluate(model: str) -> dict[str, dict]:  # type: ignore[type-arg]
    from rasa.core.agent import Agent
    from rasa.shared.nlu.training_data.loading import load_data

    agent = Agent.load(model)
    results: dict[str, dict] = {}  # type: ignore[type-arg]
    for path in sorted(TEST_DIR.glob("*.yml")):
        examples = load_data(str(path)).intent_examples
        truth, predicted = [], []
        for example in examples:
            parsed = await agent.parse_message(example.get("text"))
            truth.append(example.get("intent"))
            predicted.append(parsed["intent"]["name"])
        confused = Counter((t, p) for t, p in zip(truth, predicted, strict=True) if t != p)
        results[path.stem] = {
            "examples": len(truth),
            "accuracy": sum(t == p for t, p in zip(truth, predicted, strict=True)) / len(truth),
            "macro_f1": f1_score(
                truth, predicted, average="macro", labels=sorted(set(truth)), zero_division=0
            ),
            "confused": [f"{t} → {p} ({n})" for (t, p), n in confused.most_common(3)],
        }
    return results


def table(results: dict[str, dict]) -> str:  # type: ignore[type-arg]
    lines = [
        "| language | examples | accuracy | macro-F1 | most confused |",
        "|---|---|---|---|---|",
    ]
    for language, r in results.items():
        lines.append(
            f"| {language} | {r['examples']} | {r['accuracy']:.1%} | {r['macro_f1']:.3f} "
            f"| {'; '.join(r['confused'])} |"
        )
    return "\n".join(lines)


def main() -> int:
    model = os.environ.get("MODEL_PATH") or str(
        max((ROOT / "models").glob("*.tar.gz"), key=os.path.getmtime)
    )
    results = asyncio.run(evaluate(model))
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps(results, indent=2, ensure_ascii=False), encoding="utf-8")
    print(table(results))
    accuracies = [r["accuracy"] for r in results.values()]
    print(
        f"\nweakest {min(accuracies):.1%}, strongest {max(accuracies):.1%}, "
        f"gap {max(accuracies) - min(accuracies):.1%}"
    )
    print(f"(details: {OUT.relative_to(Path.cwd()) if OUT.is_relative_to(Path.cwd()) else OUT})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
