"""Per topic: how many turns that expect it were answered right, from the last run's results.

`python -m tests.conversations.topics fresh` reads var/results/conversations-fresh.json (written by
`make converse`) and prints one line per expected topic (a turn counts for each topic in its
`topic` and for the first of its `any_topic`).
"""

from __future__ import annotations

import json
import sys
from collections import defaultdict
from typing import Any

from tests.conversations.runner import RESULTS


def expected_topics(expect: dict[str, Any]) -> list[str]:
    named = expect.get("topic") or []
    topics = [named] if isinstance(named, str) else list(named)
    either = expect.get("any_topic") or []
    return topics + ([either] if isinstance(either, str) else list(either))[:1]


def per_topic(results: list[dict[str, Any]]) -> dict[str, tuple[int, int]]:
    counts: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for result in results:
        for topic in expected_topics(result["expect"]):
            counts[topic][0] += int(bool(result["right"]))
            counts[topic][1] += 1
    return {topic: (right, total) for topic, (right, total) in sorted(counts.items())}


def main(argv: list[str]) -> int:
    for name in argv or ["fresh"]:
        results = json.loads((RESULTS / f"conversations-{name}.json").read_text("utf-8"))
        print(f"Conversation set '{name}', per expected topic:")
        for topic, (right, total) in per_topic(results).items():
            print(f"  {topic:20} {right:4}/{total:<4} {100 * right / total:5.1f}%")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
