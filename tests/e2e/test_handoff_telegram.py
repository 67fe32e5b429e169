"""Live hand-off over Telegram, end to end: the real Rasa and action servers, the relay against
the Bot API double, the console in Chromium. A person asks for a person, their consultant takes
it and answers in the same chat, the person answers back, and closing hands the chat back."""

from __future__ import annotations

import re
import time
import uuid

import requests

from bot.store.db import engine_for, session_scope
from bot.store.models import HandoffRequest
from bot.store.push_models import UnreachableSender
from tests.e2e.conftest import SHOTS
from tests.e2e.console_fixtures import console, login
from tests.e2e.handoff_support import (
    add_team_member,
    log_lines,
    relay,
    texts_to,
    tracker_events,
    wait_for_text,
    write_transcript,
)
from tests.e2e.stack import Stack
from tests.telegram.botapi import BotApiDouble

__all__ = ["console", "relay"]  # module-scoped fixtures, imported for pytest


def open_request(page, stack: Stack, console: str, sender: str) -> None:  # type: ignore[no-untyped-def]
    """The person's open request in the console (directly: the queue is paged, and earlier
    tests on this stack may have filled its first page)."""
    with session_scope(engine_for(stack.env["DATABASE_URL"])) as db:
        request = db.query(HandoffRequest).filter_by(sender_id=sender, status="open").one()
    page.goto(f"{console}/handoffs/{request.id}")


def test_a_consultant_answers_in_telegram_and_hands_back(
    stack: Stack, relay: BotApiDouble, console: str, browser
) -> None:  # type: ignore[no-untyped-def]
    chat, sender = 7101, "tg:7101"
    relay.say(chat, f"/start {stack.link_code('DEMO-0007')}", language="en")
    wait_for_text(relay, chat, "Samuel")
    relay.say(chat, "why is my exam not registered yet", language="en")
    wait_for_text(relay, chat, "exam", after=2)
    count = len(relay.sent(chat))
    relay.say(chat, "I want to talk to a real person please", language="en")
    told = wait_for_text(relay, chat, "passed on your question to your consultant", after=count)
    assert "at the latest on" in told and "in this chat" in told

    page = login(browser, console, "k.bakker@example.org")
    page.goto(f"{console}/handoffs")
    row = page.locator("tr", has_text=sender)
    assert "why is my exam not registered yet" in row.inner_text()  # the last real question
    assert "DEMO-0007" in row.inner_text() and "Telegram" in row.inner_text()
    waiting = re.search(r"(\d+) wachtend", page.inner_text("#nav-handoffs"))
    assert waiting and int(waiting.group(1)) >= 1  # earlier tests on this stack may add more
    open_request(page, stack, console, sender)
    count = len(relay.sent(chat))
    page.get_by_role("button", name="Oppakken").click()
    assert "Your consultant is now in this chat" in wait_for_text(relay, chat, "now", count)

    count = len(relay.sent(chat))
    page.fill("#reply", "Hello Samuel, I checked: your exam is registered for 3 February.")
    page.get_by_role("button", name="Versturen").click()
    reply = wait_for_text(relay, chat, "3 February", count)
    assert reply.startswith("Your consultant:\n")
    logged = [e for e in tracker_events(stack, sender) if "3 February" in str(e.get("text"))]
    assert logged and logged[0]["metadata"]["author"] == "k.bakker@example.org"

    count = len(relay.sent(chat))
    relay.say(chat, "thank you! and where is the exam?", language="en")
    page.locator("#chat tr", has_text="where is the exam").wait_for(timeout=20_000)
    time.sleep(2)
    assert len(relay.sent(chat)) == count  # the assistant stays quiet while staff are in
    page.screenshot(path=str(SHOTS / "handoff-telegram-console.png"))

    count = len(relay.sent(chat))
    page.get_by_role("button", name="Afsluiten").click()
    back = wait_for_text(relay, chat, "I am the assistant again", count)
    assert "Your consultant has ended the conversation" in back
    count = len(relay.sent(chat))
    relay.say(chat, "when is my deadline?", language="en")
    assert "16 January 2028" in wait_for_text(relay, chat, "2028", count)
    page.close()
    write_transcript(
        "telegram-handoff",
        [
            "== what the Telegram user saw (Bot API double, chat 7101) ==",
            *[f"bot: {t}" for t in texts_to(relay, chat)],
            "",
            "== the conversation log (tracker store) ==",
            *log_lines(stack, sender),
        ],
    )


def test_a_reply_after_forget_me_is_refused_in_the_console(
    stack: Stack, relay: BotApiDouble, console: str, browser
) -> None:  # type: ignore[no-untyped-def]
    add_team_member(stack)
    chat, sender = 7102, "tg:7102"
    relay.say(chat, "what is the PVT?", language="en")
    wait_for_text(relay, chat, "PVT")
    relay.say(chat, "can I talk to a person", language="en")
    wait_for_text(relay, chat, "integration team", after=1)
    page = login(browser, console, "team@gemeente.nl")
    open_request(page, stack, console, sender)
    page.get_by_role("button", name="Oppakken").click()
    wait_for_text(relay, chat, "integration team of the municipality is now", after=2)
    count = len(relay.sent(chat))
    relay.say(chat, "/forget", language="en")
    relay.wait_for(lambda c: "/affirm" in str(c.params.get("reply_markup")))
    relay.press(chat, "/affirm", language="en")
    wait_for_text(relay, chat, "municipality", after=count + 1)
    page.fill("#reply", "Are you still there?")
    page.get_by_role("button", name="Versturen").click()
    alert = page.inner_text("[role=alert]")
    assert "vergeet mij" in alert and "niets verstuurd" in alert.lower()
    assert not any("Are you still there" in t for t in texts_to(relay, chat))
    page.close()


def test_a_user_who_blocked_the_bot_is_marked_and_not_retried(
    stack: Stack, relay: BotApiDouble, console: str, browser
) -> None:  # type: ignore[no-untyped-def]
    add_team_member(stack)
    chat, sender = 7103, "tg:7103"
    relay.say(chat, "I need help from a human", language="en")
    wait_for_text(relay, chat, "integration team")
    relay.blocked.add(chat)
    with session_scope(engine_for(stack.env["DATABASE_URL"])) as db:
        handoff_id = db.query(HandoffRequest).filter_by(sender_id=sender).one().id
    page = login(browser, console, "team@gemeente.nl")
    page.goto(f"{console}/handoffs/{handoff_id}")
    page.get_by_role("button", name="Oppakken").click()  # the joined message hits the block
    relay.wait_for(lambda c: c.method == "sendMessage (403)" and int(c.params["chat_id"]) == chat)
    deadline = time.monotonic() + 30  # the relay marks the chat unreachable after the refusal
    while time.monotonic() < deadline:
        with session_scope(engine_for(stack.env["DATABASE_URL"])) as db:
            if db.get(UnreachableSender, sender) is not None:
                break
        time.sleep(0.2)
    page.goto(f"{console}/handoffs/{handoff_id}")
    page.fill("#reply", "Hello?")
    page.get_by_role("button", name="Versturen").click()
    assert "niet bereikbaar" in page.inner_text("[role=alert]")
    time.sleep(3)
    refused = [c for c in relay.calls if c.method == "sendMessage (403)"]
    assert len([c for c in refused if int(c.params["chat_id"]) == chat]) == 1  # not retried
    page.close()


def test_the_push_channel_needs_its_token(stack: Stack) -> None:
    body = {
        "sender_id": f"rest:{uuid.uuid4().hex}",
        "push_id": "x",
        "messages": [{"key": "utter_staff_reply", "args": {"message": "hi"}}],
    }
    url = f"{stack.url}/webhooks/push/webhook"
    assert requests.post(url, json=body, timeout=10).status_code == 401
    wrong = {"Authorization": "Bearer nope"}
    assert requests.post(url, json=body, headers=wrong, timeout=10).status_code == 401
    right = {"Authorization": f"Bearer {stack.env['PUSH_TOKEN']}"}
    assert requests.post(url, json=body, headers=right, timeout=10).status_code == 410  # none
