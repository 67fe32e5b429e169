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
