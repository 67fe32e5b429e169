"""`python -m bot privacy ...`: the retention purge (once, or as the nightly worker), and a
person's data on request from the command line (the console's admin page does the same)."""

from __future__ import annotations

import argparse
import json
import signal
import sys
import threading
from datetime import datetime
from typing import Any

from bot.settings import CliSettings, log_level


def _engines(settings: CliSettings) -> tuple[Any, Any]:
    from bot.store.db import engine_for, migrate

    migrate()
    return engine_for(settings.core.database_url), engine_for(settings.tracker_store_url)


def _policy(settings: CliSettings) -> Any:
    from bot.store.retention import Policy

    return Policy(settings.core.retention_days, settings.core.audit_retention_days)


def cmd_purge(args: argparse.Namespace, settings: CliSettings) -> int:
    from bot.store.retention import plan_purge, purge

    case_store, tracker = _engines(settings)
    policy, now = _policy(settings), datetime.utcnow()
    if args.dry_run:
        report = plan_purge(case_store, tracker, now, policy)
        for stale in report.conversations:
            last = stale.last.strftime("%Y-%m-%d %H:%M UTC") if stale.last else "no events left"
            print(f"{stale.sender_id}\tlast message {last}")
    else:
        report = purge(case_store, tracker, now, policy)
        if not report.ran:
            print("Another purge is running; nothing done.")
            return 0
    verb = "would be deleted" if args.dry_run else "deleted"
    print(
        f"{len(report.conversations)} conversation(s) older than {policy.conversation_days} days"
        f" and {report.audit_entries} audit log entr(y/ies) older than {policy.audit_days} days"
        f" {verb}."
    )
    return 0


def cmd_worker(_: argparse.Namespace, settings: CliSettings) -> int:
    import logging

    from bot.retention_worker import parse_time, run_worker

    logging.basicConfig(
        level=log_level(),
        format="%(asctime)s %(name)s %(levelname)s %(message)s",
    )
    at = parse_time(settings.purge_at)
    case_store, tracker = _engines(settings)
    stop = threading.Event()
    for signum in (signal.SIGTERM, signal.SIGINT):
        signal.signal(signum, lambda *_: stop.set())
    run_worker(case_store, tracker, _policy(settings), at, stop)
    return 0


def _person(args: argparse.Namespace, case_store: Any) -> Any:
    from bot.store.access import UnknownCase, find_person

    try:
        return find_person(case_store, args.case or "", args.sender or "")
    except UnknownCase:
        print(f"No case {args.case}.", file=sys.stderr)
        return None


def cmd_export(args: argparse.Namespace, settings: CliSettings) -> int:
    from bot.store.access import export, record_export

    case_store, tracker = _engines(settings)
    person = _person(args, case_store)
    if person is None:
        return 1
    data = export(person, case_store, tracker)
    record_export(case_store, person, args.by)
    json.dump(data, sys.stdout, ensure_ascii=False, indent=2)
    print()
    return 0


def cmd_erase(args: argparse.Namespace, settings: CliSettings) -> int:
    from bot.store.access import erase

    case_store, tracker = _engines(settings)
    person = _person(args, case_store)
    if person is None:
        return 1
    receipt = erase(person, case_store, tracker, args.by)
    print(f"Erased ({receipt.text}); the receipt is in the audit log.")
    return 0


def add_privacy_commands(commands: Any) -> None:
    privacy = commands.add_parser(
        "privacy", help="retention purge and worker; a person's data on request"
    ).add_subparsers(dest="privacy_command", required=True)
    purge = privacy.add_parser("purge", help="delete what is older than its retention period")
    purge.add_argument("--dry-run", action="store_true", help="list what would go; delete nothing")
    purge.set_defaults(func=cmd_purge)
    privacy.add_parser(
        "worker", help="purge every night at PURGE_AT (a Procfile process)"
    ).set_defaults(func=cmd_worker)
    for name, func, what in (
        ("export", cmd_export, "print everything kept about a person as JSON (AVG art. 15)"),
        ("erase", cmd_erase, "erase a person's conversations, with a receipt (AVG art. 17)"),
    ):
        command = privacy.add_parser(name, help=what)
        who = command.add_mutually_exclusive_group(required=True)
        who.add_argument("--case", help="case reference")
        who.add_argument("--sender", help="sender id, e.g. tg:12345 or web:<session>")
        command.add_argument("--by", required=True, help="who handles the request (audit log)")
        command.set_defaults(func=func)
