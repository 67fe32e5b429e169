"""The fault suite, part three: the staff console with hostile stored text and login floods."""

from __future__ import annotations

import json
import re
import time
import uuid
from concurrent.futures import ThreadPoolExecutor

import requests
from sqlalchemy import insert

from bot.console.permissions import Role
from bot.console.staff.accounts import create_user
from bot.store.db import engine_for, session_scope
from bot.store.tracker_events import events
from tests.e2e.console_fixtures import PASSWORD, console  # noqa: F401  (a fixture)
from tests.e2e.faults_scenarios import p95
from tests.e2e.faults_support import client, record
from tests.e2e.stack import Stack

HOSTILE = "a\x00b \u202egnp.exe \ud800 \x1b[31m"


def log_in(session: requests.Session, url: str, email: str, password: str) -> requests.Response:
    form = session.get(f"{url}/login", timeout=10).text
    token = re.search(r'name="csrf" value="([^"]+)"', form)
    assert token is not None
    body = {"csrf": token.group(1), "email": email, "password": password}
    return session.post(f"{url}/login", data=body, allow_redirects=False, timeout=60)


def new_account(stack: Stack, role: Role = Role.REVIEWER) -> str:
    email = f"faults-{uuid.uuid4().hex[:8]}@gemeente.nl"
    with session_scope(engine_for(stack.env["DATABASE_URL"])) as db:
        create_user(db, email, PASSWORD, role)
    return email


def test_a_transcript_with_any_stored_text_renders_safely(stack: Stack, console: str) -> None:  # noqa: F811
    sender = f"rest:hostile-{uuid.uuid4().hex[:8]}"
    data = {"event": "user", "timestamp": time.time(), "text": HOSTILE, "parse_data": {}}
    with engine_for(stack.tracker_store_url).begin() as connection:
        connection.execute(
            insert(events).values(
                sender_id=sender, type_name="user", timestamp=time.time(), data=json.dumps(data)
            )
        )
    session = client()
    assert log_in(session, console, new_account(stack), PASSWORD).status_code == 302
    page = session.get(f"{console}/conversations/{sender}", timeout=30)
    assert page.status_code == 200
    assert "␀" in page.text and "⟦U+202E⟧" in page.text and "⟦U+D800⟧" in page.text
    assert "\u202e" not in page.text and "\x00" not in page.text and "\x1b" not in page.text
    assert session.get(f"{console}/conversations", timeout=30).status_code == 200
    record(
        "console: stored text with NUL, ESC, bidi override, lone surrogate",
        "transcript 200, characters shown as ␀ ␛ ⟦U+202E⟧ ⟦U+D800⟧",
        "200, shown",
    )


def test_logins_are_throttled_per_address_without_locking_the_person_out(
    stack: Stack,
    console: str,  # noqa: F811
) -> None:
    person = client("127.0.0.21")
    email = new_account(stack)
    assert log_in(person, console, email, PASSWORD).status_code == 302  # a known browser now
    stranger = client("127.0.0.22")
    for _ in range(5):
        assert log_in(stranger, console, email, "guess").status_code == 401
    new_browser = client("127.0.0.23")
    locked = log_in(new_browser, console, email, PASSWORD)
    assert locked.status_code == 401 and "Te veel mislukte pogingen" in locked.text
    assert log_in(person, console, email, PASSWORD).status_code == 302  # not locked out

    flooder, health = client("127.0.0.24"), client("127.0.0.25")
    with ThreadPoolExecutor(max_workers=8) as pool:
        attempts = pool.map(
            lambda n: log_in(flooder, console, f"nobody{n}@x.nl", "guess").status_code, range(40)
        )
        pings = []
        for _ in range(20):
            started = time.monotonic()
            assert health.get(f"{console}/health", timeout=10).status_code == 200
            pings.append(time.monotonic() - started)
        statuses = list(attempts)
    assert statuses.count(429) >= 1 and set(statuses) <= {401, 429}
    refused = log_in(flooder, console, "nobody@x.nl", "guess")
    assert refused.status_code == 429 and int(refused.headers["Retry-After"]) >= 1
    hostile = log_in(client("127.0.0.26"), console, "a\x00@x.nl", "\x00\u202e")
    assert hostile.status_code == 401
    assert p95(pings) < 0.5, pings
    record(
        "console: 5 wrong passwords by a stranger",
        "new browsers wait 15 min; the person's own browser still logs in",
        "new browser 401 'Te veel mislukte pogingen'; own browser 302",
    )
    record(
        "console: 40 logins at once from one address (unknown e-mails)",
        "429 + Retry-After after 20 failures; /health stays fast (scrypt off the loop)",
        f"{statuses.count(401)}x 401, {statuses.count(429)}x 429; /health p95 {p95(pings):.3f} s",
    )
