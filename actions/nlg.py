"""Rasa's NLG endpoint: render a response key from the catalogs in the conversation's language."""

from __future__ import annotations

from typing import Any

from bot.i18n.render import UnknownResponse, render


class BadNlgRequest(ValueError):
    pass


def handle_nlg_request(body: Any) -> dict[str, Any]:
    """Rasa's NLG request (response, arguments, tracker.slots.language) -> {text, buttons}."""
    if not isinstance(body, dict) or not isinstance(body.get("response"), str):
        raise BadNlgRequest("expected a JSON object with 'response'")
    arguments = body.get("arguments") or {}
    if not isinstance(arguments, dict):
        raise BadNlgRequest("'arguments' must be an object")
    slots = (body.get("tracker") or {}).get("slots") or {}
    language = arguments.pop("language", None) or slots.get("language")
    try:
        return render(body["response"], language, arguments).as_nlg_response()
    except UnknownResponse as error:
        raise BadNlgRequest(f"unknown response {error}") from error
