"""The changes this project makes to Rasa 3.6 itself, installed once by `python -m bot.rasa_server`.

Each patch says which Rasa behaviour it changes; tests/bot/rasa_ext/test_patches.py fails when
the patched Rasa internals move.

1. `RemoteAction._validate_action_result` calls jsonschema.validate(), which re-checks the schema
   against the JSON-Schema meta-schema on every custom-action call; it was a third of the Rasa
   server's time per message. The same schema is compiled once here, and the same
   ValidationError (with Rasa's message) is raised for an invalid response.
2. `Agent._create_tracker_store` wraps every tracker store in a FailSafeTrackerStore, which on any
   error falls back to an in-memory store: the messages are answered but never stored, and the
   conversation's slots (its language) are gone. The project's store handles its own failures
   (retries, then TrackerStoreUnavailable, so the channel apologises), so it is not wrapped.
3. `RemoteAction.run` waits `DEFAULT_REQUEST_TIMEOUT` (300 s, a module constant it reads on every
   call) for the action server. It becomes ACTION_TIMEOUT_SECONDS (default 5); after it the
   action fails, Rasa says nothing and the channel apologises (bot.rasa_ext.respond).
4. `rasa.core.run.configure_app` builds the Sanic app of `rasa run`; the app it returns also gets
   `/healthz`, `/readyz` and `/metrics` (bot.rasa_ext.health), and LOG_FORMAT=json takes effect
   after Rasa configured its logging (bot.logs).
5. `RemoteAction._action_call_format` serialises every event of the tracker for each action
   call (and the action server parses them all again). The action reads only the last few
   turns (bot.dialogue.history), so only the last ACTION_EVENTS events are sent; the slots and
   the latest message come with the tracker state as before.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

import rasa
import rasa.core.actions.action as action_module
import rasa.core.run as rasa_run
from jsonschema import ValidationError
from jsonschema.validators import validator_for
from rasa.core.actions.action import RemoteAction
from rasa.core.agent import Agent
from rasa.core.tracker_store import TrackerStore
from rasa.shared.constants import DOCS_BASE_URL
from rasa.shared.core.domain import Domain
from rasa.shared.core.trackers import EventVerbosity

from bot import logs
from bot.rasa_ext import health
from bot.rasa_ext.tracker_store import CachingSQLTrackerStore
from bot.settings import env

_INSTALLED = "_wegwijs_fast_validation"
ACTION_EVENTS = 40  # about eight turns: enough for the last question and "said before"
DEFAULT_ACTION_TIMEOUT_SECONDS = 5.0
_STOCK_CREATE_TRACKER_STORE = Agent._create_tracker_store
_STOCK_ACTION_CALL_FORMAT = RemoteAction._action_call_format
_STOCK_CONFIGURE_APP = rasa_run.configure_app


@lru_cache(maxsize=1)
def _validator() -> Any:
    schema = RemoteAction.action_response_format_spec()
    return validator_for(schema)(schema)


def _validate_action_result(self: RemoteAction, result: dict[str, Any]) -> bool:
    try:
        _validator().validate(result)
    except ValidationError as error:
        error.message += (
            ". Failed to validate Action server response from API, make sure your response "
            f"from the Action endpoint is valid. For more information about the format visit "
            f"{DOCS_BASE_URL}/custom-actions"
        )
        raise
    return True


def _action_call_format(self: RemoteAction, tracker: Any, domain: Domain) -> dict[str, Any]:
    state = tracker.current_state(EventVerbosity.NONE)
    state["events"] = [event.as_dict() for event in list(tracker.events)[-ACTION_EVENTS:]]
    call = {
        "next_action": self.name(),
        "sender_id": tracker.sender_id,
        "tracker": state,
        "version": rasa.__version__,
    }
    if not self._is_selective_domain_enabled() or domain.does_custom_action_explicitly_need_domain(
        self.name()
    ):
        call["domain"] = domain.as_dict()
    return call


def _create_tracker_store(store: TrackerStore | None, domain: Domain) -> TrackerStore:
    if isinstance(store, CachingSQLTrackerStore):
        store.domain = domain
        return store
    return _STOCK_CREATE_TRACKER_STORE(store, domain)


def _configure_app(*args: Any, **kwargs: Any) -> Any:
    app = _STOCK_CONFIGURE_APP(*args, **kwargs)
    logs.configure()
    return health.add_routes(app)


def action_timeout() -> float:
    return float(env("ACTION_TIMEOUT_SECONDS", str(DEFAULT_ACTION_TIMEOUT_SECONDS)))


def install() -> None:
    """Apply every patch (idempotent)."""
    if not getattr(RemoteAction, _INSTALLED, False):
        RemoteAction._validate_action_result = _validate_action_result
        RemoteAction._action_call_format = _action_call_format
        setattr(RemoteAction, _INSTALLED, True)
    Agent._create_tracker_store = staticmethod(_create_tracker_store)
    action_module.DEFAULT_REQUEST_TIMEOUT = action_timeout()
    rasa_run.configure_app = _configure_app
