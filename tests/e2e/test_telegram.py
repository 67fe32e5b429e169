"""The Telegram relay over real HTTP: a local Bot API double, the relay process, the real stack."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import requests
from aiohttp import ClientSession, web
from sqlalchemy import update

from bot.settings import ROOT
from bot.store.db import engine_for, session_scope
from bot.store.models import CaseRow
from tests.e2e.stack import Stack, free_port
from tests.telegram.botapi import BotApiDouble, serve_in_thread


def start_relay(
    stack: Stack, double: BotApiDouble, workdir: Path, name: str, **env: str
) -> subprocess.Popen:  # type: ignore[type-arg]
    log = (workdir / f"{name}.log").open("ab")
    return subprocess.Popen(
        [sys.executable, "-m", "bot.telegram"],
        env={
            **stack.env,
            "TELEGRAM_BOT_TOKEN": double.token,
            "TELEGRAM_BASE_URL": double.base_url,
            "RASA_URL": stack.url,
            "LOG_LEVEL": "INFO",
            **env,
        },
        cwd=ROOT,
        stdout=log,
        stderr=subprocess.STDOUT,
    )


def stop(process: subprocess.Popen) -> None:  # type: ignore[type-arg]
    process.terminate()
    try:
        process.wait(timeout=15)
    except subprocess.TimeoutExpired:
        process.kill()


@pytest.fixture(scope="module")
def telegram(stack: Stack, tmp_path_factory: pytest.TempPathFactory) -> Iterator[BotApiDouble]:
    double = BotApiDouble()
    double.start()
    relay = start_relay(stack, double, tmp_path_factory.mktemp("relay"), "relay")
    try:
        double.wait_for(lambda c: c.method == "getUpdates", timeout=60)
        yield double
    finally:
        stop(relay)


def replies(double: BotApiDouble, chat: int, after: int) -> list[str]:
    return [c.params.get("text", "") for c in double.sent(chat)[after:]]


def reply_after(double: BotApiDouble, chat: int, count: int, contains: str) -> str:
    found = double.wait_for(
        lambda c: (
            c.method == "sendMessage"
            and int(c.params["chat_id"]) == chat
            and contains in c.params.get("text", "")
            and double.sent(chat).index(c) >= count
        )
    )
    return str(found[-1].params["text"])


def test_commands_are_registered_in_every_language(telegram: BotApiDouble) -> None:
    calls = telegram.wait_for(lambda c: c.method == "setMyCommands")
    time.sleep(0.5)
    codes = {c.params.get("language_code") for c in telegram.calls if c.method == "setMyCommands"}
    assert {"nl", "en", "ar", "tr", "ti", "fa", None} <= codes
    english = next(
        c
        for c in telegram.calls
        if c.method == "setMyCommands" and c.params.get("language_code") == "en"
    )
    commands = [cmd["command"] for cmd in english.params["commands"]]
    assert commands == ["help", "language", "reminders", "forget", "privacy"]
    assert calls


def test_deep_link_links_then_personal_answers_and_buttons(
    stack: Stack, telegram: BotApiDouble
) -> None:
    chat = 5001
    telegram.say(chat, f"/start {stack.link_code('DEMO-0007')}", language="en")
    reply_after(telegram, chat, 0, "Samuel")
    before = len(telegram.sent(chat))
    telegram.say(chat, "when is my deadline?", language="en")
    answer = reply_after(telegram, chat, before, "16 January 2028")
    assert answer
    assert any(
        c.method == "sendChatAction" and int(c.params["chat_id"]) == chat for c in telegram.calls
    )
    with_buttons = [c for c in telegram.sent(chat) if c.params.get("reply_markup")]
    assert with_buttons, "answers carry quick replies as an inline keyboard"
    before = len(telegram.sent(chat))
    telegram.press(chat, "/ask_step")
    assert "step 4 of 7" in reply_after(telegram, chat, before, "step")
    assert any(c.method == "answerCallbackQuery" for c in telegram.calls)
    assert any(c.method == "editMessageReplyMarkup" for c in telegram.calls)


def test_the_telegram_sender_cannot_be_reached_through_rest(
    stack: Stack, telegram: BotApiDouble
) -> None:
    chat = 5002
    telegram.say(chat, f"/start {stack.link_code('DEMO-0001')}", language="en")
    reply_after(telegram, chat, 0, "Sara")
    reply = stack.text(
        f"tg:{chat}", "when is my deadline?", language="en"
    )  # REST makes rest:tg:5002
    assert "11 June 2027" not in reply
    relay_url = f"{stack.url}/webhooks/telegram_relay/webhook"
    forged = requests.post(
        relay_url, json={"chat_id": chat, "message": "when is my deadline?"}, timeout=10
    )
    assert forged.status_code == 401


def test_an_answer_not_in_dutch_has_the_dutch_text_one_tap_away(
    stack: Stack, telegram: BotApiDouble
) -> None:
    chat = 5007
    telegram.say(chat, f"/start {stack.link_code('DEMO-0007')}", language="en")
    reply_after(telegram, chat, 0, "Samuel")
    before = len(telegram.sent(chat))
    telegram.say(chat, "when is my deadline?", language="en")
    with_button = telegram.wait_for(
        lambda c: (
            c.method == "sendMessage"
            and int(c.params["chat_id"]) == chat
            and "Show the Dutch text" in str(c.params.get("reply_markup"))
            and telegram.sent(chat).index(c) >= before
        )
    )[-1]
    rows = with_button.params["reply_markup"]["inline_keyboard"]
    data = next(
        b["callback_data"] for row in rows for b in row if b["text"] == "Show the Dutch text"
    )
    assert len(data.encode()) <= 64
    edits = len([c for c in telegram.calls if c.method == "editMessageReplyMarkup"])
    count = len(telegram.sent(chat))
    telegram.press(chat, data, language="en")
    dutch = reply_after(telegram, chat, count, "16 januari 2028")
    assert dutch.startswith(
        "Alleen de Nederlandse tekst is officieel.\nOnly the Dutch text is official."
    )
    assert len([c for c in telegram.calls if c.method == "editMessageReplyMarkup"]) == edits


def test_groups_are_refused_and_edits_and_duplicates_ignored(telegram: BotApiDouble) -> None:
    telegram.say(-7001, "when is my deadline?", language="en", chat_type="group")
    assert "private chat" in reply_after(telegram, -7001, 0, "private")
    chat = 5003
    update = {"message": telegram._message(chat, "hello there, good morning", "en")}
    first = telegram.push(update)
    telegram.push(update, update_id=first)  # delivered twice, e.g. a webhook retry
    reply_after(telegram, chat, 0, "Wegwijs")
    telegram.edit(chat, "this edit is not a new question", language="en")
    telegram.say(chat, "thank you", language="en")
    reply_after(telegram, chat, 1, "welcome")
    texts = replies(telegram, chat, 0)
    assert len([t for t in texts if "Wegwijs" in t]) == 1  # the duplicate was handled once
    assert len(texts) == 2  # greeting and "you're welcome": nothing for the edit


def events_of(stack: Stack, sender_id: str) -> int:
    from sqlalchemy import func, select

    from bot.store.db import engine_for
    from bot.store.tracker_events import events

    with engine_for(stack.tracker_store_url).connect() as connection:
        query = select(func.count()).select_from(events).where(events.c.sender_id == sender_id)
        return int(connection.execute(query).scalar_one())


def case_language(stack: Stack, case_ref: str, language: str) -> None:
    """Set a demo case's language (a language chosen in a linked chat follows the case)."""
    with session_scope(engine_for(stack.env["DATABASE_URL"])) as db:
        db.execute(update(CaseRow).where(CaseRow.case_ref == case_ref).values(language=language))


def test_forget_unlinks_and_deletes_after_confirmation(
    stack: Stack, telegram: BotApiDouble
) -> None:
    chat = 5004
    case_language(stack, "DEMO-0006", "en")  # another test may have chosen Tigrinya for Yonas
    telegram.say(chat, f"/start {stack.link_code('DEMO-0006')}", language="nl")
    reply_after(telegram, chat, 0, "Yonas")
    telegram.say(chat, "/forget", language="nl")
    question = telegram.wait_for(
        lambda c: (
            c.method == "sendMessage"
            and int(c.params["chat_id"]) == chat
            and c.params.get("reply_markup")
            and "/affirm" in str(c.params["reply_markup"])
        )
    )
    assert question  # the assistant asks first, in the conversation's language
    count = len(telegram.sent(chat))
    telegram.press(chat, "/affirm", language="nl")
    reply_after(telegram, chat, count, "Your case at the municipality stays")  # Yonas: English
    reply_after(telegram, chat, count, "Telegram's own copy")
    stored = events_of(stack, f"tg:{chat}")
    assert stored == 0
    count = len(telegram.sent(chat))
    telegram.say(chat, "wanneer is mijn deadline?", language="nl")
    assert "koppelcode" in reply_after(telegram, chat, count, "koppelcode")


def test_rasa_away_gives_an_apology_in_the_users_language(stack: Stack, tmp_path: Path) -> None:
    double = BotApiDouble()
    double.start()
    closed = free_port()
    relay = start_relay(
        stack, double, tmp_path, "relay-down", RASA_URL=f"http://127.0.0.1:{closed}"
    )
    try:
        double.wait_for(lambda c: c.method == "getUpdates", timeout=60)
        double.say(6001, "wanneer is mijn deadline?", language="nl")
        assert "Probeer het over een paar minuten opnieuw" in reply_after(double, 6001, 0, "Sorry")
        log = (tmp_path / "relay-down.log").read_text()
        assert double.token not in log and double.token.split(":")[1] not in log
    finally:
        stop(relay)


def test_webhook_mode_checks_the_secret_token(stack: Stack, tmp_path: Path) -> None:
    double = BotApiDouble()
    double.start()
    port = free_port()
    secret = "s3cret-token_for-webhooks"
    relay = start_relay(
        stack,
        double,
        tmp_path,
        "relay-webhook",
        TELEGRAM_MODE="webhook",
        TELEGRAM_WEBHOOK_SECRET=secret,
        TELEGRAM_WEBHOOK_URL=f"http://127.0.0.1:{port}/telegram",
        TELEGRAM_WEBHOOK_PORT=str(port),
    )
    try:
        double.wait_for(lambda c: c.method == "setWebhook", timeout=60)
        url = f"http://127.0.0.1:{port}/telegram"
        update = {
            "update_id": 1,
            "message": double._message(6002, "hello there, good morning", "en"),
        }
        wait_until_listening(port)
        assert requests.post(url, json=update, timeout=10).status_code == 403
        wrong = {"X-Telegram-Bot-Api-Secret-Token": "nope"}
        assert requests.post(url, json=update, headers=wrong, timeout=10).status_code == 403
        right = {"X-Telegram-Bot-Api-Secret-Token": secret}
        assert requests.post(url, json=update, headers=right, timeout=10).status_code == 200
        assert "Wegwijs" in reply_after(double, 6002, 0, "Wegwijs")
    finally:
        stop(relay)


def wait_until_listening(port: int) -> None:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        with socket.socket() as sock:
            if sock.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.1)
    raise AssertionError("webhook server did not listen")


def test_a_typed_code_links_and_the_language_menu_switches(
    stack: Stack, telegram: BotApiDouble
) -> None:
    chat = 5005
    telegram.say(chat, f"my code is {stack.link_code('DEMO-0003')}", language="en")
    reply_after(telegram, chat, 0, "Elif")
    count = len(telegram.sent(chat))
    telegram.say(chat, "/language", language="en")
    menu = telegram.wait_for(
        lambda c: (
            c.method == "sendMessage"
            and int(c.params["chat_id"]) == chat
            and "choose_language" in str(c.params.get("reply_markup"))
        )
    )
    titles = [
        row[0]["text"]
        for row in menu[-1].params["reply_markup"]["inline_keyboard"]
        if not row[0]["callback_data"].startswith("dutch:")
    ]
    assert titles == ["Nederlands", "English", "العربية", "Türkçe", "ትግርኛ", "فارسی / دری"]
    telegram.press(chat, '/choose_language{"language": "nl"}')
    reply_after(telegram, chat, count + 1, "Nederlands")
    count = len(telegram.sent(chat))
    telegram.press(chat, "/ask_deadline")
    assert "21 mei 2028" in reply_after(telegram, chat, count, "2028")


def test_a_429_is_waited_out_and_retried(telegram: BotApiDouble) -> None:
    chat = 5006
    telegram.too_many_requests = 1
    telegram.say(chat, "hello there, good morning", language="en")
    reply_after(telegram, chat, 0, "Wegwijs")
    refused = [
        c
        for c in telegram.calls
        if c.method == "sendMessage (429)" and int(c.params["chat_id"]) == chat
    ]
    assert len(refused) == 1 and "Wegwijs" in refused[0].params["text"]


class SwitchableRasa:
    """A proxy in front of the real Rasa that can be 'down' (502) or 'up'."""

    def __init__(self, target: str) -> None:
        self.target, self.up, self.port = target, False, 0

    async def handle(self, request: web.Request) -> web.Response:
        if not self.up:
            return web.Response(status=502)
        async with (
            ClientSession() as session,
            session.post(
                self.target + request.path,
                data=await request.read(),
                headers={
                    "Authorization": request.headers.get("Authorization", ""),
                    "Content-Type": "application/json",
                },
            ) as upstream,
        ):
            return web.Response(
                status=upstream.status, body=await upstream.read(), content_type="application/json"
            )

    def start(self) -> None:
        app = web.Application()
        app.router.add_post("/{tail:.*}", self.handle)
        self.port = serve_in_thread(app)


def test_rasa_down_then_back(stack: Stack, tmp_path: Path) -> None:
    double = BotApiDouble()
    double.start()
    proxy = SwitchableRasa(stack.url)
    proxy.start()
    relay = start_relay(
        stack, double, tmp_path, "relay-switch", RASA_URL=f"http://127.0.0.1:{proxy.port}"
    )
    try:
        double.wait_for(lambda c: c.method == "getUpdates", timeout=60)
        double.say(6003, "when is my deadline?", language="en")
        assert "try again" in reply_after(double, 6003, 0, "Sorry")
        proxy.up = True
        double.say(6003, "when is my deadline?", language="en")
        assert "link code" in reply_after(double, 6003, 1, "link code")
    finally:
        stop(relay)
