"""`python -m bot ...`: cases, link codes, database, demo data, catalogs and a chat client."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from datetime import datetime
from pathlib import Path
from typing import Any

from bot.cli_privacy import add_privacy_commands
from bot.settings import ROOT, CliSettings

DEMO_FILE = ROOT / "bot" / "cases" / "demo" / "cases.json"


def cmd_import(args: argparse.Namespace, settings: CliSettings) -> int:
    from bot.cases.importer import parse_file
    from bot.store.case_import import save_cases
    from bot.store.db import migrate, session_scope

    result = parse_file(Path(args.file))
    if result.problems:
        for problem in result.problems:
            print(problem, file=sys.stderr)
        count = len(result.problems)
        problems = "probleem" if count == 1 else "problemen"
        print(f"Niets geïmporteerd: {count} {problems}.", file=sys.stderr)
        return 1
    migrate()
    with session_scope() as session, _progress(len(result.cases), args.quiet) as bar:
        imported = save_cases(session, result.cases, bar.update)  # one transaction: all or none
    cases = "dossier" if imported.total == 1 else "dossiers"
    print(
        f"{imported.total} {cases} geïmporteerd "
        f"({imported.created} nieuw, {imported.updated} bijgewerkt)."
    )
    return 0


def _progress(total: int, quiet: bool) -> Any:
    """A progress bar on a terminal for large files; silent otherwise."""
    from tqdm import tqdm

    from bot.store.case_import import CHUNK

    disable = quiet or total < CHUNK or not sys.stderr.isatty()
    return tqdm(total=total, desc="importing", unit="case", disable=disable)


def cmd_list(args: argparse.Namespace, settings: CliSettings) -> int:
    from bot.cases.rules import current_step, law_for
    from bot.store.db import session_scope
    from bot.store.repository import CaseRepository

    with session_scope() as session:
        for case in CaseRepository(session).list(limit=args.limit):
            step = current_step(case)
            print(
                f"{case.case_ref:<12} {case.full_name:<24} Wi{law_for(case.obligation_start).value}"
                f"  {case.category:<7} route={case.route or '-':<9} step={step or '-'}"
            )
    return 0


def cmd_show(args: argparse.Namespace, settings: CliSettings) -> int:
    from bot.cases.rules import current_step, law_for, still_to_do, term_for
    from bot.store.db import session_scope
    from bot.store.repository import CaseRepository

    with session_scope() as session:
        case = CaseRepository(session).get(args.case_ref)
    if case is None:
        print(f"No case {args.case_ref}.", file=sys.stderr)
        return 1
    term = term_for(case)
    print(f"{case.case_ref}: {case.full_name} ({case.category}, language {case.language or '-'})")
    print(
        f"  law: Wet inburgering {law_for(case.obligation_start).value}; "
        f"step: {current_step(case) or '-'}"
    )
    print(f"  term: {term.source.value} {term.start or '-'} .. {term.end or '-'}")
    print(
        f"  route: {case.route or '-'}; PVT: {case.pvt_status} {case.pvt_date or ''}; "
        f"MAP: {case.map_status} {case.map_date or ''}"
    )
    for exam in case.exams:
        print(f"  exam {exam.part}: {exam.status} {exam.date or ''}")
    print(f"  still to do: {', '.join(item.value for item in still_to_do(case)) or 'nothing'}")
    return 0


def cmd_link_code(args: argparse.Namespace, settings: CliSettings) -> int:
    from bot.store.db import session_scope
    from bot.store.linking import UnknownCase, issue_code
    from bot.store.repository import CaseRepository

    try:
        with session_scope() as session:
            code = issue_code(
                CaseRepository(session), args.case_ref, settings.core, datetime.utcnow()
            )
    except UnknownCase:
        print(f"No case {args.case_ref}.", file=sys.stderr)
        return 1
    days = settings.core.link_code_ttl_days
    print(f"One-time link code for {args.case_ref} (valid {days} days, works once):")
    print(code)
    return 0


def cmd_migrate(_: argparse.Namespace, settings: CliSettings) -> int:
    from bot.store.db import migrate

    migrate()
    print("Case store is up to date.")
    return 0


def cmd_db_check(_: argparse.Namespace, settings: CliSettings) -> int:
    """The migrations produce exactly the models' schema (alembic check on a scratch database)."""
    import tempfile

    from alembic import command
    from alembic.util.exc import CommandError

    from bot.store.db import alembic_config, migrate

    with tempfile.TemporaryDirectory() as scratch:
        url = f"sqlite:///{scratch}/check.db"
        migrate(url)
        try:
            command.check(alembic_config(url))
        except CommandError as error:
            print(f"Models and migrations differ: {error}", file=sys.stderr)
            return 1
    print("Models and migrations agree.")
    return 0


def cmd_create_user(args: argparse.Namespace, settings: CliSettings) -> int:
    import getpass

    from bot.console.permissions import Role
    from bot.console.staff.accounts import create_user
    from bot.store.db import migrate, session_scope

    password = settings.new_password or getpass.getpass("Password (12+ characters): ")
    migrate()
    try:
        with session_scope() as session:
            create_user(session, args.email, password, Role(args.role), args.name)
    except ValueError as error:
        print(error, file=sys.stderr)
        return 1
    print(f"Staff user {args.email.strip().lower()} ({args.role}) created.")
    return 0


def cmd_demo(args: argparse.Namespace, settings: CliSettings) -> int:
    args.file, args.quiet = str(DEMO_FILE), True
    return cmd_import(args, settings)


def cmd_env(args: argparse.Namespace, settings: CliSettings) -> int:
    from bot.envfile import ensure_env

    written = ensure_env(ROOT / ".env", ROOT / ".env.example")
    print(f".env: wrote {', '.join(written)}." if written else ".env is complete.")
    return 0


def cmd_chat(args: argparse.Namespace, settings: CliSettings) -> int:
    from bot.chat import chat

    return chat(args.url or settings.core.rasa_url, args.language)


def cmd_catalogs(_: argparse.Namespace, settings: CliSettings) -> int:
    from bot.console import i18n as console
    from bot.i18n.template import write_template

    count = write_template(settings.core.locales_dir)
    print(f"locales/messages.pot written ({count} entries).")
    count = console.write_template(settings.core.locales_dir)
    print(f"locales/{console.DOMAIN}.pot written ({count} entries).")
    return 0


def cmd_wait(args: argparse.Namespace, settings: CliSettings) -> int:
    from bot.readiness import announce

    return announce(args.timeout, settings.ready)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m bot", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    _case_commands(
        commands.add_parser("cases", help="import, list and show cases; make link codes")
    )
    db = commands.add_parser("db", help="database")
    db_commands = db.add_subparsers(dest="db_command", required=True)
    db_commands.add_parser("migrate", help="apply migrations").set_defaults(func=cmd_migrate)
    db_commands.add_parser("check", help="models and migrations agree").set_defaults(
        func=cmd_db_check
    )
    _staff_commands(commands.add_parser("staff", help="staff console accounts"))
    add_privacy_commands(commands)
    demo = commands.add_parser("demo", help="demo data")
    demo.add_subparsers(dest="demo_command", required=True).add_parser(
        "load", help="load the fictional demo cases"
    ).set_defaults(func=cmd_demo)
    env = commands.add_parser("env", help="the .env file")
    env.add_subparsers(dest="env_command", required=True).add_parser(
        "init", help="create .env from .env.example with fresh secrets, or add missing variables"
    ).set_defaults(func=cmd_env)
    commands.add_parser(
        "catalogs", help="write the catalog templates (locales/*.pot) from their sources"
    ).set_defaults(func=cmd_catalogs)
    wait = commands.add_parser("ready", help="wait for the servers, then print how to chat")
    wait.add_argument("--timeout", type=float, default=600)
    wait.set_defaults(func=cmd_wait)
    chat = commands.add_parser("chat", help="talk to the assistant in the terminal (REST channel)")
    chat.add_argument("--url", help="Rasa server (default RASA_URL)")
    chat.add_argument("--language", help="language to start in, e.g. en or nl")
    chat.set_defaults(func=cmd_chat)
    return parser


def _case_commands(cases: argparse.ArgumentParser) -> None:
    case_commands = cases.add_subparsers(dest="case_command", required=True)
    imp = case_commands.add_parser("import", help="import a JSON or CSV file (all or nothing)")
    imp.add_argument("file")
    imp.add_argument("--quiet", action="store_true", help="no progress bar")
    imp.set_defaults(func=cmd_import)
    lst = case_commands.add_parser("list", help="list cases")
    lst.add_argument("--limit", type=int, default=100)
    lst.set_defaults(func=cmd_list)
    show = case_commands.add_parser("show", help="show one case and what the rules make of it")
    show.add_argument("case_ref")
    show.set_defaults(func=cmd_show)
    code = case_commands.add_parser("link-code", help="a new one-time link code (last line)")
    code.add_argument("case_ref")
    code.set_defaults(func=cmd_link_code)


def _staff_commands(staff: argparse.ArgumentParser) -> None:
    user = staff.add_subparsers(dest="staff_command", required=True).add_parser(
        "create-user", help="create a console user (password asked, or WEGWIJS_NEW_PASSWORD)"
    )
    user.add_argument("--email", required=True)
    user.add_argument(
        "--role", choices=["admin", "consultant", "general", "reviewer"], default="admin"
    )
    user.add_argument("--name", default="")
    user.set_defaults(func=cmd_create_user)


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    return int(args.func(args, CliSettings.from_env()))
