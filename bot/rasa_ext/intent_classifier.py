"""Intent classifier for many languages at once: TF-IDF word and character n-grams + linear SVM.

Character n-grams work the same for Latin, Arabic, Ge'ez and Persian script and cope with typos;
no weights are downloaded. Trains in seconds. Confidences are a softmax over the SVM scores
(`temperature` sets how sharp), so the FallbackClassifier threshold keeps its usual meaning.
"""

from __future__ import annotations

import logging
import re
from functools import cached_property
from typing import Any

import numpy as np
from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.classifiers.classifier import IntentClassifier
from rasa.shared.nlu.constants import INTENT, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.pipeline import Pipeline, make_pipeline, make_union
from sklearn.svm import LinearSVC

from bot.i18n.clauses import split
from bot.tfidf import Features, transposed

logger = logging.getLogger(__name__)
MODEL_FILE = "intent_classifier.skops"
CLAUSES = "clauses"  # the parts of a message that ask questions of their own
# Eight or more digits, maybe grouped ("111222333", "06-12345678", "01.03.2024"): a BSN, phone
# number, V-number or date says nothing about the intent, but its character n-grams did ("111222333"
# holds "112" and was taken for an emergency). Shorter numbers stay: "112", "2013", amounts.
LONG_NUMBER = re.compile(r"\d(?:[ .\-/]?\d){7,}")
TRUSTED_TYPES = ["scipy.sparse._csr.csr_matrix"]
# The parts of a message between commas and sentence ends, where a danger may hide in a story.
PIECE = re.compile(r"[^,،.!?;؟።\n]+")
DANGER, DANGER_CONFIDENCE = "emergency", 0.6


def build_pipeline(config: dict[str, Any]) -> Pipeline:
    words = TfidfVectorizer(
        sublinear_tf=True, token_pattern=r"(?u)\b\w+\b", ngram_range=tuple(config["word_ngrams"])
    )
    chars = TfidfVectorizer(
        sublinear_tf=True, analyzer="char_wb", ngram_range=tuple(config["char_ngrams"])
    )
    return make_pipeline(
        make_union(words, chars),
        LinearSVC(C=config["C"], class_weight="balanced", random_state=config["random_state"]),
    )


def normalise(text: str) -> str:
    """What the classifier reads: long numbers become one placeholder."""
    return LONG_NUMBER.sub(" # ", text)


def _clause(start: int, end: int, best: dict[str, Any]) -> dict[str, Any]:
    return {"start": start, "end": end, "intent": best["name"], "confidence": best["confidence"]}


def softmax(scores: np.ndarray, temperature: float) -> np.ndarray:
    shifted = np.exp((scores - scores.max(axis=1, keepdims=True)) * temperature)
    return np.asarray(shifted / shifted.sum(axis=1, keepdims=True))


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=True)
class NgramSvmIntentClassifier(GraphComponent, IntentClassifier):
    @staticmethod
    def get_default_config() -> dict[str, Any]:
        return {
            "C": 1.0,
            "temperature": 8.0,
            "word_ngrams": [1, 2],
            "char_ngrams": [1, 5],
            "ranking_length": 10,
            "random_state": 42,
        }

    def __init__(
        self,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        pipeline: Pipeline | None = None,
    ) -> None:
        self.config = {**self.get_default_config(), **config}
        self.model_storage, self.resource, self.pipeline = model_storage, resource, pipeline

    @classmethod
    def create(
        cls,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> NgramSvmIntentClassifier:
        return cls(config, model_storage, resource)

    def train(self, training_data: TrainingData) -> Resource:
        examples = [e for e in training_data.intent_examples if e.get(INTENT) and e.get(TEXT)]
        if len({e.get(INTENT) for e in examples}) < 2:
            logger.warning("fewer than two intents with examples: the classifier is not trained")
            return self.resource
        pipeline = build_pipeline(self.config)
        pipeline.fit([normalise(e.get(TEXT)) for e in examples], [e.get(INTENT) for e in examples])
        self.pipeline = pipeline
        self.persist()
        return self.resource

    def persist(self) -> None:
        import skops.io as sio

        with self.model_storage.write_to(self.resource) as directory:
            sio.dump(self.pipeline, directory / MODEL_FILE)

    @classmethod
    def load(
        cls,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
        **kwargs: Any,
    ) -> NgramSvmIntentClassifier:
        import skops.io as sio

        try:
            with model_storage.read_from(resource) as directory:
                pipeline = sio.load(directory / MODEL_FILE, trusted=TRUSTED_TYPES)
        except ValueError:
            logger.warning(
                "no trained intent classifier in the model; intents will not be predicted"
            )
            pipeline = None
        return cls(config, model_storage, resource, pipeline)

    def rankings(self, texts: list[str]) -> list[list[dict[str, Any]]]:
        """For each text, the intents with their confidences, best first."""
        assert self.pipeline is not None
        scores = self.scores([normalise(text) for text in texts])
        probabilities = softmax(np.atleast_2d(scores), float(self.config["temperature"]))
        classes = self.pipeline.classes_
        found = []
        for row in probabilities:
            order = np.argsort(-row)[: int(self.config["ranking_length"])]
            found.append([{"name": str(classes[i]), "confidence": float(row[i])} for i in order])
        return found

    def scores(self, texts: list[str]) -> np.ndarray:
        """The SVM's decision function, computed as scikit-learn would (bot.tfidf)."""
        assert self.pipeline is not None
        svm = self.pipeline.steps[-1][1]
        if svm.coef_.shape[0] == 1:  # two intents: one score per text
            return np.asarray(self.pipeline.decision_function(texts))
        features, weights = self._fitted
        return np.asarray(features.transform(texts) @ weights) + svm.intercept_

    @cached_property
    def _fitted(self) -> tuple[Features, np.ndarray]:
        assert self.pipeline is not None
        return Features(self.pipeline.steps[0][1]), transposed(self.pipeline.steps[-1][1].coef_)

    def clauses(self, text: str, best: dict[str, Any] | None = None) -> list[dict[str, Any]]:
        """The intent of each part of a message that may ask a question of its own."""
        if text.startswith("/"):
            return []
        spans = split(text)
        found = []
        if len(spans) > 1:
            rankings = self.rankings([text[start:end] for start, end in spans])
            found = [
                _clause(start, end, ranking[0])
                for (start, end), ranking in zip(spans, rankings, strict=True)
            ]
        if not any(clause["intent"] == DANGER for clause in found):
            danger = self._danger(text)
            if danger is not None:
                whole = _clause(0, len(text), best or self.rankings([text])[0][0])
                found = [*(found or [whole]), danger]
        return found

    def _danger(self, text: str) -> dict[str, Any] | None:
        """A danger said in one part of a story ("i am alone no family here, exam failed two
        times, i dont want to live anymore"), as a clause of its own, so that the emergency
        number comes first; None when no part is one."""
        pieces = [(m.start(), m.end()) for m in PIECE.finditer(text) if len(m.group().split()) >= 2]
        if len(pieces) < 2:
            return None
        for (start, end), ranking in zip(
            pieces, self.rankings([text[a:b] for a, b in pieces]), strict=True
        ):
            if ranking[0]["name"] == DANGER and ranking[0]["confidence"] >= DANGER_CONFIDENCE:
                return _clause(start, end, ranking[0])
        return None

    def process(self, messages: list[Message]) -> list[Message]:
        texts = [m.get(TEXT) for m in messages]
        indexes = [i for i, text in enumerate(texts) if isinstance(text, str) and text.strip()]
        for index, message in enumerate(messages):
            if index not in indexes:  # an empty message: no intent, so it is not understood
                message.set(INTENT, {"name": None, "confidence": 0.0}, add_to_output=True)
                message.set(INTENT_RANKING_KEY, [], add_to_output=True)
        if self.pipeline is None or not indexes:
            return messages
        for index, ranking in zip(indexes, self.rankings([texts[i] for i in indexes]), strict=True):
            messages[index].set(INTENT, ranking[0], add_to_output=True)
            messages[index].set(INTENT_RANKING_KEY, ranking, add_to_output=True)
            clauses = self.clauses(texts[index], ranking[0])
            if clauses:
                messages[index].set(CLAUSES, clauses, add_to_output=True)
        return messages
