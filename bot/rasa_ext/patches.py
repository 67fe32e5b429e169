"""The changes this project makes to Rasa 3.6 itself, installed once by `python -m bot.rasa_server`.

Each patch says which Rasa behaviour it changes; tests/bot/rasa_ext/test_patches.py fails when
the patched Rasa internals move.

1. `RemoteAction._validate_action_result` calls jsonschema.validate(), which re-checks the schema
   against the JSON-Schema meta-schema on every custom-action call; it was a third of the Rasa
   server's time per message. The same schema is compiled once here, and the same
   ValidationError (with Rasa's message) is raised for an invalid response.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from jsonschema import ValidationError
from jsonschema.validators import validator_for
from rasa.core.actions.action import RemoteAction
from rasa.shared.constants import DOCS_BASE_URL

_INSTALLED = "_wegwijs_fast_validation"


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


def install() -> None:
    """Apply every patch (idempotent)."""
    if not getattr(RemoteAction, _INSTALLED, False):
        RemoteAction._validate_action_result = _validate_action_result
        setattr(RemoteAction, _INSTALLED, True)
