"""The municipality's JSON export: {"cases": [...]}, one object per case, each problem on the line
where the field stands."""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator

from bot.cases.validation import Problem, Record


def json_records(text: str, file: str, problems: list[Problem]) -> Iterator[Record]:
    """The cases of a JSON file; what is not a case goes to `problems`."""
    try:
        document = json.loads(text)
    except json.JSONDecodeError as error:
        problems.append(Problem(file, error.lineno, "(bestand)", f"geen geldige JSON: {error.msg}"))
        return
    if not isinstance(document, dict) or not isinstance(document.get("cases"), list):
        problems.append(
            Problem(file, 1, "cases", 'het bestand moet de vorm {"cases": [...]} hebben')
        )
        return
    starts = _array_item_offsets(text)
    for index, values in enumerate(document["cases"]):
        start = starts[index] if index < len(starts) else 0
        if not isinstance(values, dict):
            problems.append(
                Problem(file, _line(text, start), f"cases[{index}]", "moet een object zijn")
            )
            continue
        yield Record(values, _json_line_finder(text, start))


def _line(text: str, offset: int) -> int:
    return text.count("\n", 0, offset) + 1


def _array_item_offsets(text: str) -> list[int]:
    """Character offsets where each element of the top-level "cases" array starts."""
    decoder = json.JSONDecoder()
    match = re.search(r'"cases"\s*:\s*\[', text)
    if not match:
        return []
    offsets: list[int] = []
    position = match.end()
    while True:
        while position < len(text) and text[position] in " \t\r\n,":
            position += 1
        if position >= len(text) or text[position] == "]":
            return offsets
        offsets.append(position)
        _, position = decoder.raw_decode(text, position)


def _json_line_finder(text: str, start: int) -> Callable[[str], int]:
    end = _object_end(text, start)

    def line_of(field: str) -> int:
        position = start
        item = re.match(r"exams\[(\d+)\]", field)
        if item:  # the n-th object after "exams"
            position = text.find('"exams"', start, end)
            for _ in range(int(item.group(1)) + 1):
                position = text.find("{", position + 1, end)
        key = field.split(".")[-1].split("[")[0]
        found = text.find(f'"{key}"', max(position, start), end)
        return _line(text, found if found >= 0 else max(position, start))

    return line_of


def _object_end(text: str, start: int) -> int:
    try:
        _, end = json.JSONDecoder().raw_decode(text, start)
        return int(end)
    except json.JSONDecodeError:
        return len(text)
