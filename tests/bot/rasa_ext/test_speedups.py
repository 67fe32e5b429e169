import pytest
from jsonschema import ValidationError
from rasa.core.actions.action import RemoteAction
from rasa.utils.endpoints import EndpointConfig

from bot.rasa_ext import speedups


def test_action_responses_are_validated_as_before() -> None:
    speedups.install()
    speedups.install()  # idempotent
    action = RemoteAction("action_x", EndpointConfig("http://127.0.0.1:1"))
    assert action._validate_action_result({"events": [], "responses": [{"response": "utter_help"}]})
    with pytest.raises(ValidationError, match="Failed to validate Action server response"):
        action._validate_action_result({"events": "not a list"})
