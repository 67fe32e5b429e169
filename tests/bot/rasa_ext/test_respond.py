"""The guaranteed reply when the store fails: the apology, in the remembered language."""

from __future__ import annotations

from typing import Any

from rasa.core.channels.channel import CollectingOutputChannel, UserMessage

from bot import metrics
from bot.i18n.render import render
from bot.rasa_ext.respond import LANGUAGES, respond
from bot.rasa_ext.tracker_store import TrackerStoreUnavailable


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
