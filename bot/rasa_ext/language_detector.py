"""NLU component: which language a message is written in, as entities for the dialogue.

- `detected_language`: a supported language the message is written in, with `strong` (clearly
  this language) and `confidence_entity`; the dialogue decides whether the conversation switches
  (bot.i18n.conversation), so a greeting, a name or "ok" never flips it.
- `unsupported_language`: the message is written in a language the assistant does not speak.
- `language_hint`: the channel's language (Telegram's language_code, the browser's language).
- `gibberish`: the letters form no language the examples know (keyboard mashing).

The model is trained with the NLU model from the examples per language (`languages_from`: one
folder per language code) and from `others_from` (`<code>.txt`, one message per line, for
languages the assistant does not speak). Runs inside the Rasa server: no extra call per message.
"""

from __future__ import annotations

import json
import logging
from collections import Counter
from pathlib import Path
from typing import Any

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.shared.nlu.constants import ENTITIES, TEXT
from rasa.shared.nlu.training_data.loading import load_data
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from bot.i18n import detect
from bot.i18n.language_model import LanguageModel, familiarity, train
from bot.i18n.languages import languages, match
from bot.i18n.words import Script, normalise, script_of

logger = logging.getLogger(__name__)
MODEL_FILE, SCRIPTS_FILE = "language_model.skops", "language_scripts.json"
VOCABULARIES_FILE = "mixed_in_words.json"
TRUSTED_TYPES = ["scipy.sparse._csr.csr_matrix"]
TRANSLITERATED = "latin.yml"  # a language written in Latin letters (Arabizi, Finglish)
DETECTED, UNSUPPORTED, HINT = "detected_language", "unsupported_language", "language_hint"
GIBBERISH = "gibberish"  # letters that are no language at all ("asdfghjkk")


def folder_examples(folder: Path) -> list[str]:
    """A language folder's examples in the language's own script, and its `latin.yml`.

    Examples in another script (an English question in `nlu/ti/`, a Dutch word on its own) teach
    the intent classifier, but would teach the language identifier that English is Tigrinya.
    """
    texts: dict[str, list[str]] = {}
    for path in sorted(folder.glob("*.yml")):
        data = load_data(str(path))
        texts[path.name] = [m.get(TEXT) for m in data.training_examples if m.get(TEXT)]
    scripts = Counter(script_of(normalise(t)) for ts in texts.values() for t in ts)
    scripts.pop(None, None)
    main = scripts.most_common(1)[0][0] if scripts else None
    return [
        text
        for name, found in texts.items()
        for text in found
        if name == TRANSLITERATED or script_of(normalise(text)) is main
    ]


def examples(languages_from: Path, others_from: Path) -> list[tuple[str, str]]:
    """(text, language code) pairs: NLU examples per language folder, and other languages."""
    samples: list[tuple[str, str]] = []
    for folder in sorted(p for p in languages_from.iterdir() if p.is_dir()):
        if folder.name in languages():
            samples += [(text, folder.name) for text in folder_examples(folder)]
    for path in sorted(others_from.glob("*.txt")):
        lines = path.read_text(encoding="utf-8").splitlines()
        samples += [(line.strip(), path.stem) for line in lines if line.strip()]
    return samples


def _entity(name: str, value: str, text: str, **attributes: Any) -> dict[str, Any]:
    return {
        "entity": name,
        "value": value,
        "start": 0,
        "end": len(text),
        "extractor": "LanguageDetector",
        **attributes,
    }


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.ENTITY_EXTRACTOR], is_trainable=True)
class LanguageDetector(GraphComponent):
    @staticmethod
    def get_default_config() -> dict[str, Any]:
        return {"languages_from": "nlu", "others_from": "bot/i18n/langid"}

    def __init__(
        self,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        model: LanguageModel | None = None,
    ) -> None:
        self.config = {**self.get_default_config(), **config}
        self.model_storage, self.resource, self.model = model_storage, resource, model

    @classmethod
    def create(
        cls,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> LanguageDetector:
        return cls(config, model_storage, resource)

    def train(self, training_data: TrainingData) -> Resource:
        samples = examples(Path(self.config["languages_from"]), Path(self.config["others_from"]))
        self.model = train(samples)
        import skops.io as sio

        with self.model_storage.write_to(self.resource) as directory:
            sio.dump(self.model.pipeline, directory / MODEL_FILE)
            scripts = {label: sorted(values) for label, values in self.model.scripts.items()}
            (directory / SCRIPTS_FILE).write_text(json.dumps(scripts), encoding="utf-8")
            words = {code: sorted(found) for code, found in self.model.vocabularies.items()}
            (directory / VOCABULARIES_FILE).write_text(json.dumps(words), encoding="utf-8")
        return self.resource

    @classmethod
    def load(
        cls,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
        **kwargs: Any,
    ) -> LanguageDetector:
        import skops.io as sio

        try:
            with model_storage.read_from(resource) as directory:
                pipeline = sio.load(directory / MODEL_FILE, trusted=TRUSTED_TYPES)
                scripts = json.loads((directory / SCRIPTS_FILE).read_text(encoding="utf-8"))
                words = json.loads((directory / VOCABULARIES_FILE).read_text(encoding="utf-8"))
            model = LanguageModel(
                pipeline,
                {label: frozenset(values) for label, values in scripts.items()},
                {code: frozenset(found) for code, found in words.items()},
            )
        except (ValueError, FileNotFoundError):
            logger.warning("no trained language model; only scripts identify languages")
            model = None
        return cls(config, model_storage, resource, model)

    def process(self, messages: list[Message]) -> list[Message]:
        supported = tuple(languages())
        for message in messages:
            text = message.get(TEXT)
            if not isinstance(text, str):
                continue
            found = []
            detection = detect.identify(self.model, text, supported)
            if detection is not None:
                name = DETECTED if detection.supported else UNSUPPORTED
                attributes = detect.as_entity_attributes(detection)
                found.append(_entity(name, detection.language, text, **attributes))
            known = familiarity(self.model, text)
            latin = script_of(text) is Script.LATIN
            if latin and known is not None and known < detect.GIBBERISH_BELOW:
                found.append(_entity(GIBBERISH, "yes", text, confidence_entity=round(known, 3)))
            channel = match((message.get("metadata") or {}).get("language"))
            if channel is not None:
                found.append(_entity(HINT, channel.code, text))
            if found:
                message.set(ENTITIES, [*(message.get(ENTITIES) or []), *found], add_to_output=True)
        return messages
