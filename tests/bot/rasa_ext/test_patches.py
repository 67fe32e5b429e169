import inspect

import pytest
from jsonschema import ValidationError
from rasa.core.actions.action import RemoteAction
from rasa.utils.endpoints import EndpointConfig

from bot.rasa_ext import patches


def test_action_responses_are_validated_as_before() -> None:
    patches.install()
    patches.install()  # idempotent
    action = RemoteAction("action_x", EndpointConfig("http://127.0.0.1:1"))
    assert action._validate_action_result({"events": [], "responses": [{"response": "utter_help"}]})
    with pytest.raises(ValidationError, match="Failed to validate Action server response"):
        action._validate_action_result({"events": "not a list"})


def test_the_patched_rasa_method_still_exists_with_its_signature() -> None:
    """Fails when Rasa renames or changes what the patch replaces."""
    original = inspect.signature(RemoteAction.action_response_format_spec)
    assert list(original.parameters) == []
    assert list(inspect.signature(patches._validate_action_result).parameters) == [
        "self",
        "result",
    ]


def test_an_action_call_carries_the_last_events_and_the_domain_only_when_asked() -> None:
    from rasa.shared.core.domain import Domain
    from rasa.shared.core.events import SlotSet, UserUttered
    from rasa.shared.core.trackers import DialogueStateTracker

    patches.install()
    domain = Domain.from_dict({"slots": {"language": {"type": "any", "mappings": []}}})
    events = [UserUttered(f"question {i}") for i in range(100)]
    tracker = DialogueStateTracker.from_events("s", [*events, SlotSet("language", "ti")])
    selective = RemoteAction(
        "action_x", EndpointConfig("http://x", enable_selective_domain=True)
    )._action_call_format(tracker, domain)
    state = selective["tracker"]
    assert len(state["events"]) == patches.ACTION_EVENTS
    assert state["events"][-1]["event"] == "slot"
    assert state["slots"]["language"] == "ti"
    assert state["latest_message"]["text"] == "question 99"
    assert "domain" not in selective and selective["next_action"] == "action_x"
    full = RemoteAction("action_x", EndpointConfig("http://x"))._action_call_format(tracker, domain)
    assert "domain" in full


def test_the_stock_action_call_format_is_what_the_patch_rebuilds() -> None:
    """Fails when Rasa changes the request it sends to the action server."""
    source = inspect.getsource(patches._STOCK_ACTION_CALL_FORMAT)
    for part in ('"next_action"', '"sender_id"', '"tracker"', '"version"', '"domain"'):
        assert part in source
    assert "EventVerbosity.ALL" in source


def test_rasa_still_reads_the_action_timeout_from_the_patched_module_constant() -> None:
    """Fails when Rasa stops passing DEFAULT_REQUEST_TIMEOUT to the action call."""
    import rasa.core.actions.action as action_module

    assert "timeout=DEFAULT_REQUEST_TIMEOUT" in inspect.getsource(RemoteAction.run)
    assert hasattr(action_module, "DEFAULT_REQUEST_TIMEOUT")


async def test_a_hanging_action_server_fails_after_the_configured_timeout(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import asyncio
    import time

    from rasa.shared.core.domain import Domain
    from rasa.shared.core.trackers import DialogueStateTracker

    monkeypatch.setenv("ACTION_TIMEOUT_SECONDS", "0.5")
    patches.install()

    async def never_answer(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        await asyncio.sleep(30)

    server = await asyncio.start_server(never_answer, "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]
    action = RemoteAction("action_x", EndpointConfig(f"http://127.0.0.1:{port}/webhook"))
    started = time.monotonic()
    with pytest.raises(asyncio.TimeoutError):
        await action.run(None, None, DialogueStateTracker("s", []), Domain.empty())
    assert time.monotonic() - started < 3
    server.close()
    monkeypatch.delenv("ACTION_TIMEOUT_SECONDS")
    patches.install()  # back to the default for other tests


def test_the_stock_tracker_store_factory_still_wraps_in_fail_safe() -> None:
    """Fails when Rasa changes what the tracker-store patch replaces."""
    assert "FailSafeTrackerStore" in inspect.getsource(patches._STOCK_CREATE_TRACKER_STORE)
    assert list(inspect.signature(patches._STOCK_CREATE_TRACKER_STORE).parameters) == [
        "store",
        "domain",
    ]


async def test_the_rasa_app_gets_health_and_metrics_and_is_not_ready_without_a_model() -> None:
    """Fails when `rasa run` stops building its app with rasa.core.run.configure_app."""
    import httpx
    import rasa.core.run as rasa_run

    from tests.bot.test_health import serving

    assert "app = configure_app(" in inspect.getsource(rasa_run.serve_application)
    patches.install()
    app = rasa_run.configure_app(port=0)
    async with serving(app) as base, httpx.AsyncClient() as client:
        alive, ready = await client.get(f"{base}/healthz"), await client.get(f"{base}/readyz")
        exported = await client.get(f"{base}/metrics")
    assert alive.status_code == 200
    assert ready.status_code == 503 and ready.json()["checks"]["model"].startswith("failing")
    assert "wegwijs_messages_total" in exported.text or "# HELP wegwijs_messages" in exported.text
