"""What a push logs for the widget: who has the chat after each message, live and in its history."""

from __future__ import annotations

from rasa.shared.core.events import BotUttered, SlotSet

from bot.i18n.render import render
from bot.i18n.values import Label
from bot.push.messages import PushMessage, PushRequest
from bot.rasa_ext.push_channel import push_events
from bot.web.history import items_of

SENDER = "web:" + "a" * 32


def pushed(key: str, with_staff: str | None = None, **args: object) -> PushRequest:
    message = PushMessage(key, {"signature": Label("label_staff_team"), **args})
    return PushRequest(SENDER, f"handoff:1:{key}", (message,), with_staff, "team@gemeente.nl")


def test_a_staff_reply_names_the_team_that_has_the_chat_also_in_the_history() -> None:
    reply = pushed("utter_staff_reply", message="Yes, your husband may come along.")
    rendered = [render(m.key, "en", m.args) for m in reply.messages]
    events = push_events(reply, rendered, "general")
    assert [type(e) for e in events] == [BotUttered]  # the slot is unchanged
    (item,) = items_of([e.as_dict() for e in events])
    assert item["metadata"] == {"language": "en", "topic": "staff_reply", "with_staff": "general"}


def test_handing_back_clears_the_slot_and_says_the_assistant_answers_again() -> None:
    closed = pushed("utter_handoff_closed", with_staff="")
    rendered = [render(m.key, "nl", m.args) for m in closed.messages]
    slot, said = push_events(closed, rendered, "")
    assert isinstance(slot, SlotSet) and slot.value is None
    (item,) = items_of([said.as_dict()])
    assert item["metadata"]["with_staff"] == ""
