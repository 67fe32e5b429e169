"""`make evaluate`: intent accuracy and macro-F1 per language on two evaluation sets.

- held-out (tests/nlu/<lang>.yml): written separately and never trained on, but later rounds of
  training data were aimed at the intents that were weak on it, so its figures lean optimistic;
- fresh (tests/nlu/fresh/<lang>.yml): written after the model was frozen and never used to
  change the training data; the honest check.
"topic answered" also counts a follow-up intent whose name in the message makes the assistant
answer the right topic ("PVT, how many hours?" → ask_hours with the PVT → the PVT's hours).
Prints Markdown tables and writes var/results/nlu-evaluation.json.
"""

from __future__ import annotations

import asyncio
import json
import os
import sys
from collections import Counter
from pathlib import Path
from typing import Any

from sklearn.metrics import f1_score

from bot.dialogue.intents import SUBJECT_OF_INTENT, TOPIC_OF_INTENT
from bot.dialogue.questions import question_for
from bot.dialogue.turn import from_parse_data
from bot.settings import ROOT
from tests.nlu.sets import SETS, examples, normalised, plain, set_files, training_texts

OUT = ROOT / "var" / "results" / "nlu-evaluation.json"

# The evaluation sets were written for the first 33 intents. Later intents split some of them
# (ask_exemption → ask_who_must, ask_cost → ask_how_much, out_of_scope → ask_after_integration,
# ...): a prediction of a later intent counts as right for the intent it was split from.
SPLIT_FROM: dict[str, frozenset[str]] = {
    "ask_who_must": frozenset({"ask_exemption"}),
    "ask_foreign_diploma": frozenset({"ask_exemption"}),
    "ask_family": frozenset({"ask_exemption", "out_of_scope"}),
    "ask_extension_documents": frozenset({"ask_extension"}),
    "ask_how_much": frozenset({"ask_cost", "ask_loan"}),
    "ask_who_pays": frozenset({"ask_cost"}),
    "ask_when": frozenset({"ask_appointment", "ask_deadline"}),
    "ask_hours": frozenset({"ask_route"}),
    "ask_duration": frozenset({"ask_deadline", "ask_route"}),
    "ask_documents": frozenset({"ask_extension", "ask_exemption"}),
    "ask_where": frozenset({"ask_contact", "ask_exam_register"}),
    "ask_intake": frozenset({"ask_step", "ask_appointment"}),
    "ask_learnability": frozenset({"ask_step", "ask_appointment"}),
    "ask_pip": frozenset({"ask_step", "ask_objection"}),
    "ask_reschedule": frozenset({"ask_appointment"}),
    "ask_levels": frozenset({"ask_route", "ask_route_change", "ask_exams"}),
    "ask_exam_form": frozenset({"ask_exams"}),
    "ask_diploma": frozenset({"ask_exams", "ask_next_step"}),
    "ask_digid": frozenset({"ask_exam_register", "ask_contact"}),
    "ask_school": frozenset({"ask_cost", "ask_loan", "ask_exam_register"}),
    "ask_study": frozenset({"ask_route", "out_of_scope"}),
    "ask_work": frozenset({"out_of_scope"}),
    "ask_childcare": frozenset({"ask_cost", "out_of_scope"}),
    "ask_moving": frozenset({"out_of_scope", "ask_route_change"}),
    "ask_after_integration": frozenset({"out_of_scope"}),
    "problem_housing": frozenset({"out_of_scope"}),
    "problem_money": frozenset({"out_of_scope"}),
    "problem_health": frozenset({"out_of_scope", "ask_exemption", "ask_extension"}),
    "feeling_down": frozenset({"request_human"}),
    "complaint": frozenset({"request_human", "feedback_bad"}),
    "ask_link_help": frozenset({"help"}),
}


def right(truth: str, predicted: str) -> bool:
    return predicted == truth or truth in SPLIT_FROM.get(predicted, frozenset())


def topic_answered(parsed: dict[str, Any]) -> str | None:
    """The topic the assistant answers for this message alone (no context): a follow-up
    intent with a name in it ("PVT, how many hours?") is answered for that name."""
    turn = from_parse_data(parsed)
    asked = question_for(turn.intent, turn.terms, None)
    return asked.topic if asked else None


def answered_right(truth: str, parsed: dict[str, Any]) -> bool:
    topic = TOPIC_OF_INTENT.get(truth) or SUBJECT_OF_INTENT.get(truth, ("", ""))[0]
    return right(truth, parsed["intent"]["name"]) or (
        bool(topic) and topic_answered(parsed) == topic
    )


async def evaluate(model: str) -> dict[str, dict[str, dict]]:  # type: ignore[type-arg]
    from rasa.core.agent import Agent

    agent = Agent.load(model)
    results: dict[str, dict[str, dict]] = {}  # type: ignore[type-arg]
    for name in SETS:
        results[name] = await evaluate_set(agent, name)
    return results


async def evaluate_set(agent: Any, name: str) -> dict[str, dict]:  # type: ignore[type-arg]
    results: dict[str, dict] = {}  # type: ignore[type-arg]
    for path in set_files(name):
        seen = training_texts(path.stem)
        pairs = examples(path)
        kept = [(intent, plain(text)) for intent, text in pairs if normalised(text) not in seen]
        truth, predicted, answered = [], [], 0
        for intent, text in kept:
            parsed = await agent.parse_message(text)
            name = parsed["intent"]["name"]
            truth.append(intent)
            predicted.append(intent if right(intent, name) else name)
            answered += answered_right(intent, parsed)
        confused = Counter((t, p) for t, p in zip(truth, predicted, strict=True) if t != p)
        results[path.stem] = {
            "examples": len(truth),
            "dropped_as_in_training": len(pairs) - len(kept),
            "accuracy": sum(t == p for t, p in zip(truth, predicted, strict=True)) / len(truth),
            "topic_accuracy": answered / len(truth),
            "macro_f1": f1_score(
                truth, predicted, average="macro", labels=sorted(set(truth)), zero_division=0
            ),
            "confused": [f"{t} → {p} ({n})" for (t, p), n in confused.most_common(3)],
        }
    return results


def table(results: dict[str, dict]) -> str:  # type: ignore[type-arg]
    """One set's results as a Markdown table."""
    lines = [
        "| language | examples | intent accuracy | topic answered | macro-F1 | most confused |",
        "|---|---|---|---|---|---|",
    ]
    for language, r in results.items():
        lines.append(
            f"| {language} | {r['examples']} | {r['accuracy']:.1%} | {r['topic_accuracy']:.1%} "
            f"| {r['macro_f1']:.3f} | {'; '.join(r['confused'])} |"
        )
    return "\n".join(lines)


def main() -> int:
    model = os.environ.get("MODEL_PATH") or str(
        max((ROOT / "models").glob("*.tar.gz"), key=os.path.getmtime)
    )
    results = asyncio.run(evaluate(model))
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps(results, indent=2, ensure_ascii=False), encoding="utf-8")
    for name, per_language in results.items():
        if not per_language:
            continue
        dropped = sum(r["dropped_as_in_training"] for r in per_language.values())
        print(f"\n{name} set ({dropped} examples left out because the training data has them):")
        print(table(per_language))
        accuracies = [r["accuracy"] for r in per_language.values()]
        print(
            f"weakest {min(accuracies):.1%}, strongest {max(accuracies):.1%}, "
            f"gap {max(accuracies) - min(accuracies):.1%}"
        )
    print(f"(details: {OUT.relative_to(Path.cwd()) if OUT.is_relative_to(Path.cwd()) else OUT})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
