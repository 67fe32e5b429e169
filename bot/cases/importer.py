"""Reading cases from the municipality's JSON and CSV exports, with every problem reported.

A file is accepted whole or not at all: `parse_file` returns either cases or a list of problems
(`file:line: field: reason`); the caller writes only when there are no problems. A caller may add
its own check per case (the console: a consultant's own caseload); its problems count the same.
The readers (`json_reader`, `csv_reader`) turn a file into records; `validation` checks each.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path, PurePath

from bot.cases.csv_reader import CSV_COLUMNS, csv_records
from bot.cases.domain import Case
from bot.cases.json_reader import json_records
from bot.cases.validation import CaseCheck, Problem, Record, check_case

__all__ = [  # what callers use: the CLI, the console and the tests
    "CSV_COLUMNS",
    "CaseCheck",
    "NotUtf8",
    "ParseResult",
    "Problem",
    "decode",
    "kind_of",
    "parse_file",
    "parse_text",
]
KINDS = ("json", "csv")
READERS = {"json": json_records, "csv": csv_records}


@dataclass(frozen=True)
class ParseResult:
    cases: list[Case]
    problems: list[Problem]


def parse_text(text: str, file: str, kind: str, check: CaseCheck | None = None) -> ParseResult:
    problems: list[Problem] = []
    cases = list(_accepted(READERS[kind](text, file, problems), file, problems, check))
    if not problems and not cases:
        problems.append(Problem(file, 1, "cases", "het bestand bevat geen dossiers"))
    return ParseResult([] if problems else cases, sorted(problems, key=lambda p: p.line))


def _accepted(
    records: Iterable[Record], file: str, problems: list[Problem], check: CaseCheck | None
) -> Iterable[Case]:
    """The valid cases, each case_ref once, that pass the caller's check."""
    first_line: dict[str, int] = {}
    for record in records:
        case, found = check_case(file, record)
        problems.extend(found)
        if case is None:
            continue
        line = record.line_of("case_ref")
        if case.case_ref in first_line:
            reason = f"'{case.case_ref}' staat ook op regel {first_line[case.case_ref]}"
            problems.append(Problem(file, line, "case_ref", reason))
            continue
        first_line[case.case_ref] = line
        refused = [
            record.problem(file, field, reason) for field, reason in (check(case) if check else ())
        ]
        problems.extend(refused)
        if not refused:
            yield case


def kind_of(name: str) -> str | None:
    """ "json" or "csv" from a file name's extension; None for any other file."""
    kind = PurePath(name).suffix.lower().lstrip(".")
    return kind if kind in KINDS else None


class NotUtf8(ValueError):
    def __init__(self, line: int) -> None:
        super().__init__(f"geen UTF-8-tekst (regel {line})")
        self.line = line


def decode(data: bytes) -> str:
    """A file's bytes as text (UTF-8, with or without BOM; newlines as \\n); NotUtf8 otherwise."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise NotUtf8(data[: error.start].count(b"\n") + 1) from None
    return text.replace("\r\n", "\n").replace("\r", "\n")


def parse_file(path: Path) -> ParseResult:
    kind = kind_of(path.name)
    if kind is None:
        return ParseResult(
            [], [Problem(str(path), 1, "(bestand)", "gebruik een .json- of .csv-bestand")]
        )
    try:
        text = decode(path.read_bytes())
    except NotUtf8 as error:
        return ParseResult([], [Problem(str(path), error.line, "(bestand)", "geen UTF-8-tekst")])
    return parse_text(text, str(path), kind)
