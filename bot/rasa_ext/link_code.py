"""NLU component: a message that contains a link code is the `link_code` intent, in any language."""

from __future__ import annotations

from rasa.engine.recipes.default_recipe import DefaultV1Recipe

from bot.cases.codes import find_code
from bot.rasa_ext.detectors import PatternIntentDetector

INTENT_NAME = "link_code"


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=False)
class LinkCodeDetector(PatternIntentDetector):
    intent_name = INTENT_NAME

    def matches(self, text: str) -> bool:
        return not text.startswith("/") and find_code(text) is not None
