"""The dialogue policy: every message is answered by action_respond, then the bot listens.

The project has one rule ("every intent runs action_respond", stories/rules.yml): what to answer
is decided by plain functions (bot/dialogue). Rasa's RulePolicy still trains on that rule and
checks it, but predicting with it compared the conversation's last states against one rule per
intent, twice a message: about a quarter of the Rasa server's time at 8 users (a profile, see
docs/performance.md). The prediction the rule makes is written out here instead. Training
warns that "RulePolicy" is not in the configuration (it checks the exact class): the default
intents /restart and /back get action_respond like every message; the project uses neither.
"""

from __future__ import annotations

from typing import Any

from rasa.core.policies.policy import PolicyPrediction, confidence_scores_for
from rasa.core.policies.rule_policy import RulePolicy
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.shared.core.constants import ACTION_LISTEN_NAME
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

RESPOND = "action_respond"


@DefaultV1Recipe.register(
    DefaultV1Recipe.ComponentType.POLICY_WITHOUT_END_TO_END_SUPPORT, is_trainable=True
)
class RespondPolicy(RulePolicy):
    """RulePolicy, trained and checked as usual, predicting what the one rule says."""

    def predict_action_probabilities(
        self,
        tracker: DialogueStateTracker,
        domain: Domain,
        rule_only_data: dict[str, Any] | None = None,
        **kwargs: Any,
    ) -> PolicyPrediction:
        if tracker.active_loop_name or RESPOND not in domain.action_names_or_texts:
            return super().predict_action_probabilities(tracker, domain, rule_only_data, **kwargs)
        action = RESPOND if _unanswered(tracker) else ACTION_LISTEN_NAME
        return self._prediction(confidence_scores_for(action, 1.0, domain))


def _unanswered(tracker: DialogueStateTracker) -> bool:
    """The person said something (even nothing understood) and no action has run since."""
    for event in reversed(tracker.events):
        if isinstance(event, UserUttered):
            return True
        if isinstance(event, ActionExecuted):
            return False
    return False
