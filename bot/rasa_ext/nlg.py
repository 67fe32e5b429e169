"""Rasa's NLG client: asks the action server's /nlg endpoint, renders locally if it is down.

Used as `nlg: type: bot.rasa_ext.nlg.CatalogNLG` in endpoints.yml. Unlike Rasa's stock callback
generator it sends only what rendering needs (response, arguments, language), not the whole
tracker, so a long conversation does not make every reply slower.
"""

from __future__ import annotations

import logging
from typing import Any

from rasa.core.nlg.generator import NaturalLanguageGenerator
from rasa.shared.core.domain import Domain
from rasa.shared.core.trackers import DialogueStateTracker
from rasa.utils.endpoints import EndpointConfig

from bot.i18n.languages import conversation_language
from bot.i18n.render import render

logger = logging.getLogger(__name__)
TIMEOUT_SECONDS = 5
_IGNORED_ARGUMENTS = ("domain_responses", "response_id", "template_name", "text")


def nlg_request(
    response: str, language: str | None, arguments: dict[str, Any], channel: str
) -> dict[str, Any]:
    return {
        "response": response,
        "arguments": arguments,
        "tracker": {"slots": {"language": language}},
        "channel": {"name": channel},
    }


class CatalogNLG(NaturalLanguageGenerator):
    def __init__(self, endpoint_config: EndpointConfig, domain: Domain | None = None) -> None:
        self.endpoint = endpoint_config

    async def generate(
        self,
        utter_action: str,
        tracker: DialogueStateTracker,
        output_channel: str,
        **kwargs: Any,
    ) -> dict[str, Any] | None:
        arguments = {
            k: v
            for k, v in kwargs.items()
            if k not in _IGNORED_ARGUMENTS and v not in (None, [], {})
        }
        # An action that changes the language in the same turn names it ("language" argument).
        language = (
            arguments.pop("language", None)
            or conversation_language(
                tracker.get_slot("language"), tracker.get_slot("language_hint")
            ).code
        )
        body = nlg_request(utter_action, language, arguments, output_channel)
        try:
            reply = await self.endpoint.request(method="post", json=body, timeout=TIMEOUT_SECONDS)
            if isinstance(reply, dict) and isinstance(reply.get("text"), str):
                return reply
            logger.error("NLG endpoint gave no text for %s: %r", utter_action, reply)
        except Exception as error:  # whatever failed, the user still gets the text
            logger.error("NLG endpoint failed for %s (%s); rendering locally", utter_action, error)
        return render(utter_action, language, arguments).as_nlg_response()
