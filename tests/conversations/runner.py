"""Replay the conversation sets against the real stack and score every turn.

`python -m tests.conversations.runner [dev|fresh ...]` (what `make converse` runs) starts the
action server and Rasa on free ports (tests.e2e.stack), replays each conversation with a new
sender, and prints right/wrong per language and per kind. A turn is right when every
expectation holds (tests/conversations/README.md); what the assistant answered is read from the
REST response: each reply carries the topic it answers and the language it was written in.
Failing turns go to var/results/conversations-<set>.txt and .json.
"""

from __future__ import annotations

import json
import re
import sys
import uuid
from collections import defaultdict
from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass, field
from datetime import date
from decimal import Decimal
from functools import lru_cache
from pathlib import Path
from typing import Any

import requests
import yaml
from sqlalchemy import update

from bot.i18n.formatting import day, money
from bot.i18n.languages import load_languages, resolve
from bot.settings import ROOT
from bot.store.db import engine_for, session_scope
from bot.store.models import CaseRow
from bot.store.repository import CaseRepository
from tests.e2e.stack import Stack

SETS = ROOT / "tests" / "conversations"
RESULTS = ROOT / "var" / "results"
SUPPORTED = frozenset(load_languages(ROOT / "locales"))
# "ku" (Kurdish, ISO 639-1) is the macrolanguage: a writer's "ku" may be Sorani (ckb), whose
# notice is right for it; the assistant's "ku" is Kurmanji. Its "hr" notice is written for
# Croatian and Bosnian alike (locales/unsupported.yml: "Hrvatski / Bosanski").
SAME_LANGUAGE = {"ku": {"ku", "ckb"}, "bs": {"bs", "hr"}}
INVISIBLE = re.compile("[\u2066-\u2069\u200e\u200f\u202a-\u202e]")
DIGIT_GROUPS = re.compile(r"(?<=\d)[.,\u00a0\u202f' ](?=\d{3}\b)")
THREADS = 4


@lru_cache(maxsize=1)
def demo_languages() -> dict[str, str]:
    """Each demo case's language, as the demo data has it."""
    demo = json.loads((ROOT / "bot" / "cases" / "demo" / "cases.json").read_text("utf-8"))
    return {str(case["case_ref"]): str(case["language"]) for case in demo["cases"]}


@dataclass
class Reply:
    text: str
    topic: str | None
    language: str | None


@dataclass
class TurnResult:
    conversation: str
    language: str  # the person's language (the set's grouping)
    kinds: list[str]
    user: str
    expect: dict[str, Any]
    replies: list[Reply] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)

    @property
    def right(self) -> bool:
        return not self.problems


def load(name: str) -> list[dict[str, Any]]:
    conversations: list[dict[str, Any]] = []
    for path in sorted((SETS / name).glob("*.yml")):
        conversations += yaml.safe_load(path.read_text(encoding="utf-8"))["conversations"]
    return conversations


def _plain(text: str) -> str:
    return " ".join(INVISIBLE.sub("", text).replace("\u00a0", " ").split()).casefold()


def fact_found(fact: Any, text: str, language: str) -> bool:
    """Whether the reply states the fact, as the reply's language writes it."""
    plain = _plain(text)
    reader = resolve(language if language in SUPPORTED else "en")
    if isinstance(fact, dict) and "date" in fact:
        when = fact["date"] if isinstance(fact["date"], date) else date.fromisoformat(fact["date"])
        return _plain(day(when, reader)) in plain
    if isinstance(fact, dict) and "eur" in fact:
        amount = Decimal(str(fact["eur"]))
        if _plain(money(amount, reader)) in plain:
            return True
        whole = str(int(amount)) if amount == int(amount) else str(amount)
        return (
            re.search(rf"(?<!\d){re.escape(whole)}(?!\d)", DIGIT_GROUPS.sub("", plain)) is not None
        )
    wanted = _plain(str(fact))
    if wanted.isdigit():
        return re.search(rf"(?<!\d){wanted}(?!\d)", DIGIT_GROUPS.sub("", plain)) is not None
    return wanted in plain


def _script_fits(text: str, language: str) -> bool:
    letters = [c for c in INVISIBLE.sub("", text) if c.isalpha()]
    if not letters or language not in SUPPORTED:
        return True
    ethiopic = sum(0x1200 <= ord(c) <= 0x139F for c in letters)
    arabic = sum(0x0600 <= ord(c) <= 0x06FF for c in letters)
    if language == "ti":
        return ethiopic > len(letters) / 3
    if language in ("ar", "fa"):
        return arabic > len(letters) / 3
    return ethiopic == 0 and arabic < len(letters) / 3


def _as_list(value: Any) -> list[Any]:
    if value is None:
        return []
    return list(value) if isinstance(value, list) else [value]


def judge(result: TurnResult, expected_language: str) -> None:
    expect = result.expect
    replies = result.replies
    if not replies:
        result.problems.append("no reply")
        return
    topics = list(dict.fromkeys(r.topic for r in replies if r.topic))
    wanted = _as_list(expect.get("topic"))
    missing = [t for t in wanted if t not in topics]
    if missing:
        result.problems.append(f"topic {missing} not answered (answered {topics})")
    elif [t for t in topics if t in wanted] != [t for t in wanted if t in topics]:
        result.problems.append(f"topics out of order: {topics}")
    if expect.get("any_topic") and not set(_as_list(expect["any_topic"])) & set(topics):
        result.problems.append(f"none of {expect['any_topic']} answered (answered {topics})")
    wrong = set(_as_list(expect.get("not_topic"))) & set(topics)
    if wrong:
        result.problems.append(f"answered {sorted(wrong)}, which it must not")
    text = "\n".join(r.text for r in replies)
    for fact in _as_list(expect.get("facts")):
        if not fact_found(fact, text, expected_language):
            result.problems.append(f"fact {fact} missing")
    for fact in _as_list(expect.get("no_facts")):
        if fact_found(fact, text, expected_language):
            result.problems.append(f"fact {fact} stated, which it must not")
    languages = {r.language for r in replies if r.language}
    accepted = SAME_LANGUAGE.get(expected_language, {expected_language})
    if not languages or not languages <= accepted or not _script_fits(text, expected_language):
        result.problems.append(f"language {sorted(languages)} instead of {expected_language}")


class Replayer:
    def __init__(self, stack: Stack) -> None:
        self.stack = stack

    def link_directly(self, sender_id: str, case_ref: str) -> None:
        """The chat was linked before the conversation starts (e.g. a Telegram deep link)."""
        with session_scope(engine_for(self.stack.env["DATABASE_URL"])) as session:
            repo = CaseRepository(session)
            row = repo.get_row(case_ref)
            if row is None:
                raise LookupError(f"no demo case {case_ref}")
            repo.link_sender(sender_id, row.id)

    def reset_language(self, case_ref: str) -> None:
        """Each conversation meets the case as the demo data has it: a language chosen in an
        earlier conversation follows that person's case, and would leak into the next one."""
        language = demo_languages()[case_ref]
        with session_scope(engine_for(self.stack.env["DATABASE_URL"])) as session:
            session.execute(
                update(CaseRow).where(CaseRow.case_ref == case_ref).values(language=language)
            )

    def replay(self, conversation: dict[str, Any]) -> list[TurnResult]:
        sender = f"conv-{conversation['id']}-{uuid.uuid4().hex[:8]}"
        sender_id = f"rest:{sender}"
        case = conversation.get("case")
        if case:
            self.reset_language(case)
        if case and conversation.get("linked"):
            self.link_directly(sender_id, case)
        results = []
        for turn in conversation["turns"]:
            text = str(turn["user"])
            if "{code}" in text:
                text = text.replace("{code}", self.stack.link_code(case))
            body: dict[str, Any] = {"sender": sender, "message": text}
            if conversation.get("channel_language"):
                body["metadata"] = {"language": conversation["channel_language"]}
            result = TurnResult(
                conversation["id"],
                conversation["language"],
                _as_list(turn.get("kind")) or ["plain"],
                text,
                dict(turn.get("expect") or {}),
            )
            try:
                response = requests.post(
                    f"{self.stack.url}/webhooks/rest/webhook", json=body, timeout=60
                )
                response.raise_for_status()
                result.replies = [
                    Reply(
                        str(m.get("text") or ""),
                        (m.get("metadata") or {}).get("topic"),
                        (m.get("metadata") or {}).get("language"),
                    )
                    for m in response.json()
                ]
            except requests.RequestException as error:
                result.problems.append(f"request failed: {error}")
            else:
                judge(result, str(result.expect.get("lang") or conversation["language"]))
            results.append(result)
        return results


def run(stack: Stack, conversations: Iterable[dict[str, Any]]) -> list[TurnResult]:
    """Replay every conversation, THREADS at a time; the conversations of one demo case one
    after another (a language chosen in one follows the case), each from the demo's language."""
    replayer = Replayer(stack)
    by_case: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for conversation in conversations:
        by_case[str(conversation.get("case") or conversation["id"])].append(conversation)

    def replay_all(group: list[dict[str, Any]]) -> list[TurnResult]:
        return [result for conversation in group for result in replayer.replay(conversation)]

    with ThreadPoolExecutor(THREADS) as pool:
        batches = list(pool.map(replay_all, by_case.values()))
    return [result for batch in batches for result in batch]


def table(results: list[TurnResult], key: str) -> dict[str, tuple[int, int]]:
    counts: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for result in results:
        groups = result.kinds if key == "kind" else [getattr(result, key)]
        for group in groups:
            counts[group][0] += result.right
            counts[group][1] += 1
    return {group: (right, total) for group, (right, total) in sorted(counts.items())}


def report(name: str, results: list[TurnResult]) -> str:
    right = sum(r.right for r in results)
    lines = [
        f"Conversation set '{name}': {right}/{len(results)} turns right "
        f"({100 * right / max(len(results), 1):.1f}%)"
    ]
    for key in ("language", "kind"):
        lines.append(f"\n  per {key}:")
        for group, (good, total) in table(results, key).items():
            lines.append(f"    {group:<12} {good:>4}/{total:<4} {100 * good / total:5.1f}%")
    return "\n".join(lines)


def write_failures(name: str, results: list[TurnResult]) -> Path:
    RESULTS.mkdir(parents=True, exist_ok=True)
    failing = [r for r in results if not r.right]
    lines = []
    for r in failing:
        lines.append(f"[{r.conversation}] ({r.language}; {', '.join(r.kinds)}) {r.user!r}")
        lines += [f"    ✗ {problem}" for problem in r.problems]
        lines += [f"    → [{x.topic}/{x.language}] {x.text[:300]!r}" for x in r.replies]
    (RESULTS / f"conversations-{name}.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
    path = RESULTS / f"conversations-{name}.json"
    path.write_text(
        json.dumps(
            [asdict(r) | {"right": r.right} for r in results],
            ensure_ascii=False,
            indent=1,
            default=str,
        ),
        encoding="utf-8",
    )
    return path


def main(argv: list[str]) -> int:
    names = argv or ["dev", "fresh"]
    workdir = RESULTS / "converse-stack"
    workdir.mkdir(parents=True, exist_ok=True)
    for stale in [*workdir.glob("*.db*"), *workdir.glob("*.log")]:
        stale.unlink()
    stack = Stack(workdir, f"sqlite:///{workdir / 'tracker.db'}")
    try:
        stack.start()
        for name in names:
            conversations = load(name)
            if not conversations:
                print(f"(no conversations in tests/conversations/{name})")
                continue
            results = run(stack, conversations)
            write_failures(name, results)
            print(report(name, results))
            print(f"  failing turns: var/results/conversations-{name}.txt\n")
    finally:
        stack.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
