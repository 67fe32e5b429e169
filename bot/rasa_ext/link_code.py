"""NLU component: a message that contains a link code is the `link_code` intent, in any language.

Deterministic, so a code is never mistaken for something else by the statistical classifier.
Listed in config.yml after the intent classifier and before the FallbackClassifier.
"""

from __future__ import annotations

from typing import Any

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.shared.nlu.constants import INTENT, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message

from bot.cases.codes import find_code

INTENT_NAME = "link_code"


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=False)
class LinkCodeDetector(GraphComponent):
    @classmethod
    def create(
        cls,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> LinkCodeDetector:
        return cls()

    def process(self, messages: list[Message]) -> list[Message]:
        for message in messages:
            text = message.get(TEXT)
            if not isinstance(text, str) or text.startswith("/") or find_code(text) is None:
                continue
            intent = {"name": INTENT_NAME, "confidence": 1.0}
            message.set(INTENT, intent, add_to_output=True)
            ranking = [
                r for r in message.get(INTENT_RANKING_KEY) or [] if r.get("name") != INTENT_NAME
            ]
            message.set(INTENT_RANKING_KEY, [intent, *ranking], add_to_output=True)
        return messages
