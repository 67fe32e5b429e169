from typing import Any

import pytest
from actions.answers import ANSWER_ACTIONS, ExplainMoreAction
from rasa_sdk.executor import CollectingDispatcher
from sqlalchemy.exc import OperationalError

from actions import common
from tests.actions.conftest import link, make_tracker, sent

pytestmark = pytest.mark.usefixtures("store")


def action(topic: str) -> Any:
    return next(cls() for cls in ANSWER_ACTIONS if cls.topic == topic)


async def test_a_linked_sender_gets_their_own_deadline() -> None:
    link("rest:sara", "DEMO-0001")
    dispatcher = CollectingDispatcher()
    events = await action("deadline").run(dispatcher, make_tracker("rest:sara"), {})
    ((key, args),) = sent(dispatcher)
    assert key == "utter_deadline" and args["end"] == "2027-06-11"
    assert events == [
        {"event": "slot", "timestamp": None, "name": "last_topic", "value": "deadline"}
    ]


async def test_an_unlinked_sender_gets_the_rule_and_how_to_link() -> None:
    dispatcher = CollectingDispatcher()
    await action("deadline").run(dispatcher, make_tracker("rest:nobody"), {})
    assert [key for key, _ in sent(dispatcher)] == ["utter_deadline_general", "utter_not_linked"]


async def test_a_sender_never_sees_another_senders_case() -> None:
    link("rest:sara", "DEMO-0001")
    dispatcher = CollectingDispatcher()
    await action("step").run(dispatcher, make_tracker("web:sara"), {})
    assert [key for key, _ in sent(dispatcher)] == ["utter_steps_overview", "utter_not_linked"]


async def test_store_down_gives_an_apology(monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(*_args: Any, **_kwargs: Any) -> Any:
        raise OperationalError("select", {}, Exception("database is down"))

    monkeypatch.setattr(common, "session_scope", broken)
    dispatcher = CollectingDispatcher()
    assert await action("deadline").run(dispatcher, make_tracker(), {}) == []
    assert [key for key, _ in sent(dispatcher)] == ["utter_service_unavailable"]


async def test_explain_more_uses_the_last_topic() -> None:
    dispatcher = CollectingDispatcher()
    await ExplainMoreAction().run(dispatcher, make_tracker(slots={"last_topic": "route"}), {})
    assert [key for key, _ in sent(dispatcher)] == ["utter_routes_overview"]
    dispatcher = CollectingDispatcher()
    await ExplainMoreAction().run(dispatcher, make_tracker(), {})
    assert [key for key, _ in sent(dispatcher)] == ["utter_help"]
