"""NLU component: a message in which a BSN or IBAN was redacted is `share_personal_data`.

The channels replace those numbers by "[BSN]" / "[IBAN]" before Rasa sees the text (see
bot.rasa_ext.sanitize); the reply asks the person not to send them. It comes before the
LinkCodeDetector in config.yml, so that a message with a link code still links.
"""

from __future__ import annotations

from rasa.engine.recipes.default_recipe import DefaultV1Recipe

from bot.privacy import shares_personal_data
from bot.rasa_ext.detectors import PatternIntentDetector

INTENT_NAME = "share_personal_data"


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=False)
class PersonalDataDetector(PatternIntentDetector):
    intent_name = INTENT_NAME

    def matches(self, text: str) -> bool:
        return shares_personal_data(text)
