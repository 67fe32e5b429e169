"""The staff console as a real process against the e2e stack's databases, and a browser login."""

from __future__ import annotations

import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
import requests

from bot.console.permissions import Role
from bot.console.staff.accounts import create_user, find_user
from bot.settings import ROOT
from bot.store.db import engine_for, session_scope
from tests.e2e.stack import Stack, free_port

PASSWORD = "console test password"
USERS = (
    ("reviewer@gemeente.nl", Role.REVIEWER),
    ("k.bakker@example.org", Role.CONSULTANT),
    ("admin@gemeente.nl", Role.ADMIN),
)


@pytest.fixture(scope="module")
def console(stack: Stack, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A console process for this test module; the three staff users exist once per stack."""
    engine = engine_for(stack.env["DATABASE_URL"])
    with session_scope(engine) as db:
        for email, role in USERS:
            if find_user(db, email) is None:
                create_user(db, email, PASSWORD, role)
    yield from running_console(stack, tmp_path_factory.mktemp("console") / "console.log")


def running_console(stack: Stack, log_path: Path) -> Iterator[str]:
    """A console process on a free port against the stack's databases, until the caller is done."""
    port = free_port()
    log = log_path.open("ab")
    env = {**stack.env, "CONSOLE_SECRET": uuid.uuid4().hex}
    process = subprocess.Popen(
        [sys.executable, "-m", "bot.console", "--port", str(port)],
        env=env,
        cwd=ROOT,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    for _ in range(100):
        try:
            if requests.get(f"{url}/health", timeout=1).status_code == 200:
                break
        except requests.RequestException:
            time.sleep(0.2)
    try:
        yield url
    finally:
        process.terminate()
        process.wait(timeout=15)


def login(browser, console: str, email: str, password: str = PASSWORD):  # type: ignore[no-untyped-def]
    """A new page, logged in as this user (checks that anonymous visitors go to the login page)."""
    page = browser.new_page()
    page.goto(f"{console}/conversations")
    assert page.url.endswith("/login")  # anonymous visitors are sent to the login page
    page.fill("#email", email)
    page.fill("#password", password)
    page.get_by_role("button", name="Inloggen").click()
    return page
