"""Deterministic intents: a message that matches a pattern is that intent, in any language.

Listed in config.yml after the statistical intent classifier and before the FallbackClassifier,
so a pattern is never mistaken for something else.
"""

from __future__ import annotations

from typing import Any, ClassVar

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.shared.nlu.constants import INTENT, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message


class PatternIntentDetector(GraphComponent):
    """Sets `intent_name` with confidence 1.0 on every message for which `matches` holds."""

    intent_name: ClassVar[str]

    @classmethod
    def create(
        cls,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> PatternIntentDetector:
        return cls()

    def matches(self, text: str) -> bool:
        raise NotImplementedError

    def process(self, messages: list[Message]) -> list[Message]:
        for message in messages:
            text = message.get(TEXT)
            if not isinstance(text, str) or not self.matches(text):
                continue
            intent = {"name": self.intent_name, "confidence": 1.0}
            ranking = [
                r
                for r in message.get(INTENT_RANKING_KEY) or []
                if r.get("name") != self.intent_name
            ]
            message.set(INTENT, intent, add_to_output=True)
            message.set(INTENT_RANKING_KEY, [intent, *ranking], add_to_output=True)
        return messages
