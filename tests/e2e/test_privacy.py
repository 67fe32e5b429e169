"""Privacy on the real stack (SQLite): forget in every way, the purge, access and erasure in the
console, redaction before storage, and no message text, code or BSN in any process log.

The log test comes last: it reads the logs of everything the tests before it did.
"""

from __future__ import annotations

import json
import time
import uuid
from datetime import date, timedelta
from pathlib import Path

import requests
import sqlalchemy as sa

from bot.i18n.languages import resolve
from bot.i18n.render import lookup
from bot.store.db import engine_for
from bot.store.forget import CONVERSATION_ROWS
from bot.store.models import AuditEntry, ConversationTag, HandoffRequest
from tests.e2e.console_fixtures import login
from tests.e2e.privacy_support import (
    ADMIN,
    SAID,
    console,
    info_stack,
    leftovers,
    link,
    log_files,
    say,
    shift_back,
)
from tests.e2e.stack import Stack
from tests.e2e.test_telegram import reply_after, start_relay, stop
from tests.e2e.widget_pages import ask, bot_says, open_widget
from tests.telegram.botapi import BotApiDouble

__all__ = ["console", "info_stack"]  # fixtures


def test_forget_typed_in_arabic_deletes_every_row_of_the_conversation(info_stack: Stack) -> None:
    sender = uuid.uuid4().hex  # the REST channel makes it "rest:<hex>"
    assert "Samuel" in link(info_stack, sender, "DEMO-0007", "ar")
    say(info_stack, sender, "رقم حسابي NL91ABNA0417164300 متى موعدي النهائي؟", "ar")
    say(info_stack, sender, "بدي احكي مع موظف", "ar")  # a hand-off row with the question
    with engine_for(info_stack.env["DATABASE_URL"]).connect() as connection:
        questions = connection.execute(
            sa.select(HandoffRequest.question).where(HandoffRequest.sender_id == sender)
        ).scalars()
        assert all("NL91" not in question for question in questions)  # redacted before storage
    assert {"channel_links", "handoff_requests", "events"} <= set(leftovers(info_stack, sender))
    asked = say(info_stack, sender, "امسح كل بياناتي عندكم")
    assert "ملفك في البلدية" in asked and "سأحذف" in asked  # what goes, what stays, in Arabic
    assert "events" in leftovers(info_stack, sender)  # nothing is deleted before the yes
    done = say(info_stack, sender, "نعم")
    assert "حذفت هذه المحادثة" in done
    assert leftovers(info_stack, sender) == {}
    assert "رمز" in say(info_stack, sender, "متى موعدي النهائي؟")  # a new, unlinked chat


def test_forget_with_nothing_stored_answers_kindly(info_stack: Stack) -> None:
    sender, other = uuid.uuid4().hex, uuid.uuid4().hex  # the REST channel adds "rest:"
    say(info_stack, other, "hallo", "nl")
    assert "niets om te verwijderen" in say(info_stack, sender, "/forget_me", "nl")
    assert leftovers(info_stack, sender) == {}
    assert "events" in leftovers(info_stack, other)  # nothing else was deleted


def test_telegram_forget_privacy_and_start(info_stack: Stack) -> None:
    double = BotApiDouble()
    double.start()
    relay = start_relay(info_stack, double, info_stack.workdir, "relay")
    try:
        double.wait_for(lambda c: c.method == "getUpdates", timeout=60)
        chat = 7001
        code = info_stack.link_code("DEMO-0005")  # Noor Hassan, Dutch
        SAID.extend([code, code.replace("-", "")])
        double.say(chat, f"/start {code}", language="nl")
        reply_after(double, chat, 0, "Noor")
        reply_after(double, chat, 0, "/privacy")  # /start says where to read about privacy
        count = len(double.sent(chat))
        double.say(chat, "/privacy", language="nl")
        short = reply_after(double, chat, count, "Je privacy bij Wegwijs")
        assert "30 dagen na je laatste bericht" in short
        count = len(double.sent(chat))
        SAID.append("ik wil met iemand praten over mijn zebrapaarden")
        double.say(chat, SAID[-1], language="nl")
        reply_after(double, chat, count, "doorgegeven")
        assert "handoff_requests" in leftovers(info_stack, f"tg:{chat}")
        count = len(double.sent(chat))
        double.say(chat, "/forget", language="nl")
        assert "Telegram bewaart zelf ook een kopie" in reply_after(double, chat, count, "Telegram")
        count = len(double.sent(chat))
        double.press(chat, "/affirm", language="nl")
        reply_after(double, chat, count, "De kopie van Telegram zelf")
        assert leftovers(info_stack, f"tg:{chat}") == {}
    finally:
        stop(relay)


def test_widget_button_privacy_link_and_a_fresh_start(info_stack: Stack, browser) -> None:  # type: ignore[no-untyped-def]
    english = resolve("en")
    page = open_widget(browser, info_stack, language="en")
    privacy = page.locator(".wegwijs-intro a", has_text=lookup("widget_privacy_link", english))
    text = requests.get(str(privacy.get_attribute("href")), timeout=10).text
    assert "Your privacy at Wegwijs" in text and "30 days after your last message" in text
    code = info_stack.link_code("DEMO-0007")  # Samuel Okafor, English
    SAID.extend([code, code.replace("-", "")])
    ask(page, code)
    bot_says(page, "Samuel", timeout=20_000)
    old = page.evaluate("localStorage.getItem('wegwijs.session')")
    page.locator(".wegwijs-more").click()
    page.get_by_role("button", name=lookup("widget_forget", english)).click()
    bot_says(page, lookup("utter_forget_confirm", english).split("\n")[0][:20])
    assert page.evaluate("localStorage.getItem('wegwijs.session')") == old  # asked, not done
    page.get_by_role("button", name=lookup("button_forget_yes", english)).click()
    current = "localStorage.getItem('wegwijs.session')"
    page.wait_for_function(f"{current} && {current} !== '{old}'", timeout=30_000)
    page.locator(".wegwijs-notice").wait_for()
    assert "Samuel" not in page.locator(".wegwijs-log").inner_text()
    assert leftovers(info_stack, f"web:{old}") == {}
    page.context.close()


def test_a_purge_deletes_the_old_conversation_and_keeps_the_new(info_stack: Stack) -> None:
    old, new = uuid.uuid4().hex, uuid.uuid4().hex
    for sender in (old, new):
        link(info_stack, sender, "DEMO-0002", "en")
        say(info_stack, sender, "I want to talk to a person", "en")
    shift_back(info_stack, f"rest:{old}", 31)
    dry = info_stack.cli("privacy", "purge", "--dry-run")
    assert old in dry and new not in dry and "events" in leftovers(info_stack, old)
    assert "deleted." in info_stack.cli("privacy", "purge")
    assert leftovers(info_stack, old) == {}
    assert {"channel_links", "handoff_requests", "events"} <= set(leftovers(info_stack, new))


def wait_until_indexed(stack: Stack, sender: str) -> None:
    for _ in range(100):
        if "conversation_summaries" in leftovers(stack, sender):
            return
        time.sleep(0.2)
    raise AssertionError(f"the console did not index {sender}")


def exported_counts(conversation: dict, audit: list[dict]) -> dict[str, int]:  # type: ignore[type-arg]
    sender = conversation["sender_id"]
    counts = {"events": len(conversation["events"])}
    counts |= {rows.table: len(conversation["tables"][rows.table]) for rows in CONVERSATION_ROWS}
    counts["link_codes"] = len(conversation["tables"]["link_codes (used_by)"])
    counts["audit_log"] = sum(1 for entry in audit if entry["target"] == sender)
    return {table: count for table, count in counts.items() if count}


def test_console_export_has_every_row_and_erase_leaves_a_receipt(
    info_stack: Stack, console: str, browser
) -> None:  # type: ignore[no-untyped-def]
    sender = uuid.uuid4().hex  # the REST channel makes it "rest:<hex>"
    link(info_stack, sender, "DEMO-0003", "en")
    say(info_stack, sender, "I want to talk to a person", "en")
    with engine_for(info_stack.env["DATABASE_URL"]).begin() as connection:
        connection.execute(
            sa.insert(ConversationTag).values(
                sender_id=f"rest:{sender}", tag="check", added_by=ADMIN
            )
        )
    wait_until_indexed(info_stack, f"rest:{sender}")  # so that export and check see the same
    page = login(browser, console, ADMIN)
    page.goto(f"{console}/conversations")
    day = (date.today() + timedelta(days=30)).isoformat()
    assert day in page.locator("td.deleted-on").first.inner_text()  # the deletion date
    page.goto(f"{console}/admin/privacy?case_ref=NOPE-9")
    assert "Er is geen dossier met nummer NOPE-9." in page.inner_text("main")
    page.goto(f"{console}/admin/privacy?case_ref=DEMO-0003")
    assert sender in page.inner_text("main")
    with page.expect_download() as download:
        page.click("#export")
    data = json.loads(Path(download.value.path()).read_text(encoding="utf-8"))
    (conversation,) = [c for c in data["conversations"] if c["sender_id"] == f"rest:{sender}"]
    assert exported_counts(conversation, data["audit_log"]) == leftovers(info_stack, sender)
    assert data["case"]["case_ref"] == "DEMO-0003"
    page.click("text=Gesprekken verwijderen")
    assert "Vink het vakje aan" in page.inner_text("main")  # not without confirming
    page.check("input[name=confirm]")
    page.click("text=Gesprekken verwijderen")
    assert "Het bewijs staat in het auditlog" in page.locator("#erased").inner_text()
    page.close()
    assert leftovers(info_stack, sender) == {}
    with engine_for(info_stack.env["DATABASE_URL"]).connect() as connection:
        receipt = connection.execute(
            sa.select(AuditEntry.user_email, AuditEntry.target).where(
                AuditEntry.action == "privacy_erase"
            )
        ).one()
    assert receipt.user_email == ADMIN and receipt.target.startswith("case DEMO-0003: ")
    assert "person" not in receipt.target  # what was deleted is counted, never quoted


def test_personal_numbers_never_reach_the_tracker_store(info_stack: Stack) -> None:
    sender = uuid.uuid4().hex  # the REST channel makes it "rest:<hex>"
    numbers = ("111222333", "2345678901", "NPK2C3L48")
    reply = say(info_stack, sender, "mijn bsn 111222333 v-nummer 2345678901 paspoort NPK2C3L48")
    assert "V-nummer" in reply  # the assistant asks not to send them
    for number in numbers:
        assert leftovers(info_stack, number) == {}


def test_no_process_log_holds_message_text_codes_or_numbers(info_stack: Stack) -> None:
    """Runs last: every log of this module's processes (Rasa, actions, console, relay)."""
    logs = {
        path.name: path.read_text(encoding="utf-8", errors="replace")
        for path in log_files(info_stack.workdir)
    }
    assert {"rasa.log", "actions.log", "console.log", "relay.log"} <= set(logs)
    secrets = [*SAID, "111222333", "2345678901", "NPK2C3L48", "zebrapaarden", "NL91ABNA0417164300"]
    found = [(name, s) for name, text in logs.items() for s in secrets if s and s in text]
    assert found == []
