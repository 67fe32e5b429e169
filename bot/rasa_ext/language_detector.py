"""NLU component: which language a message is written in, as entities for the `language` slots.

- `detected_language`: the message is clearly in a supported language (fills `language`);
- `language_hint`: the channel's language (Telegram language_code, browser language), or a
  guess from a short message (fills `language_hint`, used only while `language` is empty).
Short or neutral messages ("ok", "B1", a link code, a button) give no `detected_language`, so
the conversation keeps its language. Runs inside the Rasa server: no extra call per message.
"""

from __future__ import annotations

from typing import Any

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.shared.nlu.constants import ENTITIES, TEXT
from rasa.shared.nlu.training_data.message import Message

from bot.i18n.detect import language_signals, warm_up
from bot.i18n.languages import languages

DETECTED, HINT = "detected_language", "language_hint"


def _entity(name: str, value: str, text: str) -> dict[str, Any]:
    return {
        "entity": name,
        "value": value,
        "start": 0,
        "end": len(text),
        "extractor": "LanguageDetector",
    }


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.ENTITY_EXTRACTOR], is_trainable=False)
class LanguageDetector(GraphComponent):
    @classmethod
    def create(
        cls,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> LanguageDetector:
        return cls()

    @classmethod
    def load(cls, *args: Any, **kwargs: Any) -> LanguageDetector:
        warm_up(languages())  # load the language models when the server starts
        return cls()

    def process(self, messages: list[Message]) -> list[Message]:
        for message in messages:
            text = message.get(TEXT)
            if not isinstance(text, str):
                continue
            metadata = message.get("metadata") or {}
            detected, hint = language_signals(text, metadata.get("language"), tuple(languages()))
            found = [_entity(DETECTED, detected, text)] if detected else []
            found += [_entity(HINT, hint, text)] if hint else []
            if found:
                message.set(ENTITIES, [*(message.get(ENTITIES) or []), *found], add_to_output=True)
        return messages
