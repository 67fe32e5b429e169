"""Rasa's NLG: every response is rendered inside the Rasa process from the gettext catalogs.

Used as `nlg: type: bot.rasa_ext.nlg.CatalogNLG` in endpoints.yml. The catalogs are local files,
so rendering here costs no HTTP round trip per reply (the stock callback generator posts the
whole tracker to a server for every reply). The action passes the language it decided for each
reply; a response Rasa utters on its own is rendered in the conversation's language.
"""

from __future__ import annotations

import logging
from typing import Any

from rasa.core.nlg.generator import NaturalLanguageGenerator
from rasa.shared.core.domain import Domain
from rasa.shared.core.trackers import DialogueStateTracker
from rasa.utils.endpoints import EndpointConfig

from bot.i18n.conversation import language_of
from bot.i18n.languages import match
from bot.i18n.render import UNSUPPORTED_NOTICE, render, render_notice

logger = logging.getLogger(__name__)
APOLOGY = "utter_service_unavailable"
OFFICIAL_LANGUAGE = "nl"  # the language of the law and of the municipality's letters
DUTCH = "dutch"
# Keys Rasa or rasa_sdk add to a response's arguments that are not message arguments.
_IGNORED_ARGUMENTS = ("domain_responses", "response_id", "template_name", "text", "topic")


def render_response(key: str, language: str | None, arguments: dict[str, Any]) -> dict[str, Any]:
    """{text, buttons, language} for a response key in a language (or the notice for an
    unsupported one); a reply that is not in Dutch also carries its official Dutch text
    (`dutch`), rendered from the same key with the same values."""
    if key == UNSUPPORTED_NOTICE and language and match(language) is None:
        notice = render_notice(language)
        return {**notice.as_nlg_response(), "language": notice.language}
    rendered = render(key, language, arguments)
    response = {**rendered.as_nlg_response(), "language": rendered.language}
    if rendered.language != OFFICIAL_LANGUAGE:
        response[DUTCH] = render(key, OFFICIAL_LANGUAGE, arguments).text
    return response


class CatalogNLG(NaturalLanguageGenerator):
    def __init__(
        self, endpoint_config: EndpointConfig | None = None, domain: Domain | None = None
    ) -> None:
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
        language = (
            arguments.pop("language", None) or language_of(tracker.current_slot_values()).code
        )
        return render_response(utter_action, language, arguments)
