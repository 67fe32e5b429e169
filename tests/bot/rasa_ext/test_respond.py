"""The guaranteed reply when the store fails: the apology, in the remembered language."""

from __future__ import annotations

from typing import Any

from rasa.core.channels.channel import CollectingOutputChannel, UserMessage

from bot import metrics
from bot.i18n.render import render
from bot.rasa_ext.respond import LANGUAGES, respond
from bot.rasa_ext.tracker_store import TrackerStoreUnavailable
from tests.bot.test_metrics import sample


async def test_an_unstored_message_is_withdrawn_and_apologised_for_in_its_language() -> None:
    LANGUAGES.remember("rest:ar-person", "ar")
    output = CollectingOutputChannel()

    async def rasa(message: UserMessage) -> Any:
        await message.output_channel.send_text_message(message.sender_id, "an answer")
        raise TrackerStoreUnavailable("database away", transient=True)

    message = UserMessage("ok", output, "rest:ar-person", input_channel="rest")
    before = metrics.value("messages_not_stored", channel="rest")
    await respond(None, rasa, message, lambda: len(output.messages))
    assert [m["text"] for m in output.messages] == [render("utter_service_unavailable", "ar").text]
    assert metrics.value("messages_not_stored", channel="rest") == before + 1


async def test_nothing_said_gets_the_apology_in_the_channels_language() -> None:
    output = CollectingOutputChannel()

    async def silent(message: UserMessage) -> Any:
        return None

    message = UserMessage("x", output, "rest:new", metadata={"language": "tr"})
    await respond(None, silent, message, lambda: len(output.messages))
    assert [m["text"] for m in output.messages] == [render("utter_service_unavailable", "tr").text]


async def test_no_lock_for_the_conversation_gets_the_apology_and_is_counted() -> None:
    """Redis down with several servers: the message is not handled, the person is told."""
    from rasa.core.lock_store import LockError

    LANGUAGES.remember("rest:locked", "fa")
    output = CollectingOutputChannel()

    async def no_lock(message: UserMessage) -> Any:
        raise LockError("The lock store is unreachable")

    message = UserMessage("x", output, "rest:locked", input_channel="rest")
    before = metrics.value("lock_failures")
    await respond(None, no_lock, message, lambda: len(output.messages))
    assert [m["text"] for m in output.messages] == [render("utter_service_unavailable", "fa").text]
    assert metrics.value("lock_failures") == before + 1


async def test_each_message_is_counted_by_channel_and_language_and_timed() -> None:
    LANGUAGES.remember("web:counted", "ti")
    output = CollectingOutputChannel()

    async def answers(message: UserMessage) -> Any:
        await message.output_channel.send_text_message(message.sender_id, "an answer")

    message = UserMessage("x", output, "web:counted", input_channel="web")
    before = metrics.value("messages", channel="web", language="ti")
    timed = sample("wegwijs_message_seconds_count", channel="web")
    await respond(None, answers, message, lambda: len(output.messages))
    assert metrics.value("messages", channel="web", language="ti") == before + 1
    assert sample("wegwijs_message_seconds_count", channel="web") == timed + 1


async def test_without_catalogs_the_apology_is_still_sent(monkeypatch: Any) -> None:
    """A broken installation (no compiled catalogs) still answers every message."""
    from bot.i18n.catalog import MissingCatalog
    from bot.rasa_ext import respond as module

    def no_catalog(*args: Any, **kwargs: Any) -> Any:
        raise MissingCatalog("locales/nl/LC_MESSAGES/messages.mo is missing")

    monkeypatch.setattr(module, "render", no_catalog)
    output = CollectingOutputChannel()

    async def broken(message: UserMessage) -> Any:
        raise no_catalog()

    message = UserMessage("hallo", output, "rest:broken", input_channel="rest")
    await respond(None, broken, message, lambda: len(output.messages))
    assert [m["text"] for m in output.messages] == [module.LAST_RESORT]
