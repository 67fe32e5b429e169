"""The policy predicts what the one rule says: action_respond after a message, then listen."""

from __future__ import annotations

from rasa.engine.graph import ExecutionContext, GraphSchema
from rasa.shared.core.constants import ACTION_LISTEN_NAME
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, BotUttered, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

from bot.rasa_ext.policy import RESPOND, RespondPolicy
from bot.settings import ROOT


def predicted(*events: object) -> str:
    domain = Domain.load(str(ROOT / "domain.yml"))
    config = RespondPolicy.get_default_config()
    policy = RespondPolicy(config, None, None, ExecutionContext(GraphSchema({}), "test"))  # type: ignore[arg-type]
    tracker = DialogueStateTracker.from_events("someone", list(events))  # type: ignore[arg-type]
    prediction = policy.predict_action_probabilities(tracker, domain)
    return domain.action_names_or_texts[prediction.max_confidence_index]


def test_a_message_gets_action_respond_and_then_the_bot_listens() -> None:
    heard = [ActionExecuted(ACTION_LISTEN_NAME), UserUttered("hoi", {"name": "greet"})]
    assert predicted(*heard) == RESPOND
    assert predicted(*heard, ActionExecuted(RESPOND), BotUttered("Hallo!")) == ACTION_LISTEN_NAME


def test_a_message_not_understood_or_empty_is_answered_too() -> None:
    empty = UserUttered("", {"name": None, "confidence": 0.0})
    assert predicted(ActionExecuted(ACTION_LISTEN_NAME), empty) == RESPOND
