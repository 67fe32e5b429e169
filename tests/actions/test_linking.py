from datetime import datetime

import pytest
from actions.linking import ForgetMe, LinkCase
from rasa_sdk.executor import CollectingDispatcher

from bot.settings import get_settings
from bot.store.db import session_scope
from bot.store.linking import issue_code
from bot.store.repository import CaseRepository
from tests.actions.conftest import make_tracker, sent

pytestmark = pytest.mark.usefixtures("store")


def new_code(case_ref: str) -> str:
    with session_scope() as session:
        return issue_code(CaseRepository(session), case_ref, get_settings(), datetime.utcnow())


async def test_linking_confirms_by_first_name_in_the_cases_language() -> None:
    code = new_code("DEMO-0005")  # Noor Hassan, language nl
    dispatcher = CollectingDispatcher()
    events = await LinkCase().run(
        dispatcher,
        make_tracker("rest:noor", text=f"my code is {code.lower()}", intent="link_code"),
        {},
    )
    ((key, args),) = sent(dispatcher)
    assert key == "utter_link_success" and args["first_name"] == "Noor" and args["language"] == "nl"
    assert {"event": "slot", "timestamp": None, "name": "language", "value": "nl"} in events


async def test_a_wrong_code_and_then_the_lockout() -> None:
    tracker = make_tracker("rest:guess", text="ABCDE-23456", intent="link_code")
    for _ in range(5):
        dispatcher = CollectingDispatcher()
        await LinkCase().run(dispatcher, tracker, {})
        assert sent(dispatcher)[0][0] == "utter_link_invalid"
    dispatcher = CollectingDispatcher()
    await LinkCase().run(dispatcher, tracker, {})
    assert sent(dispatcher) == [("utter_link_locked", {"count": 60})]


async def test_forget_me_unlinks() -> None:
    code = new_code("DEMO-0007")
    await LinkCase().run(
        CollectingDispatcher(), make_tracker("rest:sam", text=code, intent="link_code"), {}
    )
    dispatcher = CollectingDispatcher()
    await ForgetMe().run(dispatcher, make_tracker("rest:sam", intent="forget_me"), {})
    assert sent(dispatcher)[0][0] == "utter_forgotten"
    dispatcher = CollectingDispatcher()
    await ForgetMe().run(dispatcher, make_tracker("rest:sam", intent="forget_me"), {})
    assert sent(dispatcher)[0][0] == "utter_forget_nothing"
