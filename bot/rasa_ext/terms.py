"""NLU component: the names in a message that change the answer, as entities.

Reads the lookup tables named `<entity>:<value>` from the training data (nlu/<lang>/terms.yml,
nlu/common/languages.yml) and finds them in every message (bot.i18n.terms): `route`,
`exam_part`, `subject`, `group` and `language`, each with its normalised value.
"""

from __future__ import annotations

import json
import logging
from typing import Any

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.shared.nlu.constants import ENTITIES, TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from bot.i18n.terms import TermFinder

logger = logging.getLogger(__name__)
TABLES_FILE = "terms.json"


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.ENTITY_EXTRACTOR], is_trainable=True)
class TermExtractor(GraphComponent):
    def __init__(
        self,
        model_storage: ModelStorage,
        resource: Resource,
        tables: dict[str, list[str]] | None = None,
    ) -> None:
        self.model_storage, self.resource = model_storage, resource
        self.tables = tables or {}
        self.finder = TermFinder(self.tables)

    @classmethod
    def create(
        cls,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> TermExtractor:
        return cls(model_storage, resource)

    def train(self, training_data: TrainingData) -> Resource:
        tables: dict[str, list[str]] = {}
        for table in training_data.lookup_tables:
            elements = table.get("elements")
            if isinstance(elements, list):
                tables.setdefault(str(table["name"]), []).extend(str(e) for e in elements)
        self.tables, self.finder = tables, TermFinder(tables)
        with self.model_storage.write_to(self.resource) as directory:
            (directory / TABLES_FILE).write_text(json.dumps(tables), encoding="utf-8")
        return self.resource

    @classmethod
    def load(
        cls,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
        **kwargs: Any,
    ) -> TermExtractor:
        try:
            with model_storage.read_from(resource) as directory:
                tables = json.loads((directory / TABLES_FILE).read_text(encoding="utf-8"))
        except (ValueError, FileNotFoundError):
            logger.warning("no terms in the model; names in messages will not be found")
            tables = {}
        return cls(model_storage, resource, tables)

    def process(self, messages: list[Message]) -> list[Message]:
        for message in messages:
            text = message.get(TEXT)
            if not isinstance(text, str) or text.startswith("/"):
                continue
            found = [
                {
                    "entity": item.entity,
                    "value": item.value,
                    "start": item.start,
                    "end": item.end,
                    "extractor": "TermExtractor",
                }
                for item in self.finder.find(text)
            ]
            if found:
                message.set(ENTITIES, [*(message.get(ENTITIES) or []), *found], add_to_output=True)
        return messages
