"""No lost messages: a question typed while the server is down arrives after it is back, and a
long conversation comes back whole after a reload."""

from __future__ import annotations

import json
import time
import uuid

from bot.i18n.languages import resolve
from bot.i18n.render import lookup
from bot.store.db import engine_for
from bot.store.tracker_events import events
from tests.e2e.stack import Stack
from tests.e2e.widget_pages import answers, ask, bot_says, connected, next_answer, open_widget, shot

TURNS = 100


def test_a_message_typed_while_the_server_is_down_arrives_after_it_restarts(
    stack: Stack, browser
) -> None:  # type: ignore[no-untyped-def]
    dutch = resolve("nl")
    page = open_widget(browser, stack, language="nl", viewport=(390, 844))
    ask(page, "hallo, goedemorgen")
    bot_says(page, "Wegwijs")
    stack.stop_rasa()
    try:
        page.wait_for_selector(
            "#wegwijs-root[data-connection=reconnecting]", state="attached", timeout=30_000
        )
        before = answers(page)
        ask(page, "wat is het PVT?")
        mine = page.locator(".wegwijs-user", has_text="wat is het PVT?")
        assert lookup("widget_sending", dutch) in mine.inner_text()
        retry = mine.get_by_role("button", name=lookup("widget_retry", dutch))
        retry.wait_for(state="visible", timeout=20_000)  # shown as failed, with a retry
        assert lookup("widget_failed", dutch) in mine.inner_text()
        assert lookup("widget_reconnecting", dutch) in page.inner_text(".wegwijs-status")
        shot(page, "14-not-sent-while-server-down")
    finally:
        stack.start_rasa()
    connected(page)
    pvt = "participatieverklaringstraject"
    bot_says(page, pvt, timeout=90_000)  # sent again by itself after the restart
    assert lookup("widget_sent", dutch) in mine.inner_text() and retry.is_hidden()
    page.wait_for_timeout(2_000)
    assert page.locator(".wegwijs-bot", has_text=pvt).count() == 1  # answered once
    assert mine.count() == 1
    assert answers(page) > before
    shot(page, "15-sent-after-restart")
    page.context.close()


def write_long_conversation(stack: Stack, session: str) -> None:
    """TURNS earlier turns, stored as Rasa stores them (user, action, reply, listen)."""
    sender, start = f"web:{session}", time.time() - TURNS * 60
    rows = []
    for turn in range(1, TURNS + 1):
        at = start + turn * 60
        user = {
            "event": "user",
            "timestamp": at,
            "text": f"Vraag {turn}: wat is stap {turn % 7 + 1}?",
            "parse_data": {"intent": {"name": "ask_step", "confidence": 0.9}, "entities": []},
            "message_id": uuid.uuid4().hex,
            "metadata": {"channel": "web"},
        }
        action = {"event": "action", "timestamp": at + 1, "name": "action_respond"}
        bot = {
            "event": "bot",
            "timestamp": at + 2,
            "text": f"Antwoord {turn}.",
            "data": {"buttons": []},
            "metadata": {"language": "nl", "topic": "step"},
        }
        listen = {"event": "action", "timestamp": at + 3, "name": "action_listen"}
        for event in (user, action, bot, listen):
            rows.append(
                {
                    "sender_id": sender,
                    "type_name": event["event"],
                    "timestamp": event["timestamp"],
                    "intent_name": "ask_step" if event["event"] == "user" else None,
                    "action_name": event.get("name"),
                    "data": json.dumps(event),
                }
            )
    with engine_for(stack.tracker_store_url).begin() as connection:
        connection.execute(events.insert(), rows)


def test_a_reload_brings_back_the_whole_long_conversation_in_order(stack: Stack, browser) -> None:  # type: ignore[no-untyped-def]
    session = uuid.uuid4().hex
    write_long_conversation(stack, session)
    page = open_widget(browser, stack, language="nl", session=session)
    bot_says(page, f"Antwoord {TURNS}.")
    before = answers(page)
    ask(page, "wanneer is mijn einddatum?")  # one more turn on top of the long conversation
    next_answer(page, before)
    page.reload()
    page.wait_for_selector(".wegwijs-panel", state="visible", timeout=30_000)  # it was open
    page.locator(".wegwijs-user", has_text="wanneer is mijn einddatum?").wait_for()
    first = page.locator(".wegwijs-user", has_text="Vraag 1:")
    for _ in range(20):  # scrolling up loads earlier pages
        if first.count():
            break
        page.locator(".wegwijs-scroll").evaluate("n => { n.scrollTop = 0; }")
        page.wait_for_timeout(500)
    first.wait_for(timeout=5_000)
    first.scroll_into_view_if_needed()
    shot(page, "16-first-of-100-turns")
    texts = page.locator(".wegwijs-user").all_inner_texts()
    questions = [t.split("Vraag ")[1].split(":")[0] for t in texts if "Vraag " in t]
    assert questions == [str(n) for n in range(1, TURNS + 1)]  # every turn, in order
    assert "einddatum" in texts[-1]
    page.context.close()
