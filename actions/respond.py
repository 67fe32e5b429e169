"""The one action: read what was understood, decide (bot.dialogue), carry it out, reply.

Every user message runs `action_respond` (stories/rules.yml). The decisions are plain functions;
this action only reads the tracker, loads the case, carries out the steps (actions.steps) and
sends each reply with the conversation's language and the topic it answers.
"""

from __future__ import annotations

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.common import StoreUnavailable, sender_case, today
from actions.steps import Situation, Tagged, carry_out
from bot.answers.base import Reply
from bot.dialogue.context import Context
from bot.dialogue.history import last_question, said_before
from bot.dialogue.plan import plan
from bot.dialogue.turn import from_parse_data
from bot.i18n.conversation import GUESS, LanguageState, language_of, next_language

ACTION_NAME = "action_respond"


class Respond(Action):
    def name(self) -> str:
        return ACTION_NAME

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[dict[str, Any]]:
        turn = from_parse_data(tracker.latest_message)
        context = Context.from_slots(tracker.slots)
        try:
            case, store_ok = await sender_case(tracker.sender_id), True
        except StoreUnavailable:
            case, store_ok = None, False
        before = LanguageState(
            context.language, context.language_candidate, context.language_source
        )
        hint = turn.signals.hint or context.language_hint
        state = next_language(before, turn.signals, case_language=case.language if case else None)
        decided = plan(turn, context)
        situation = Situation(
            tracker.sender_id,
            case,
            store_ok,
            today(),
            answer_language(state, hint),
            last_question(tracker.events),
            said_before(tracker.events),
        )
        outcome = await carry_out(decided.steps, situation)
        if outcome.chosen_language or outcome.linked_case:  # the language may follow the case
            linked = outcome.linked_case.language if outcome.linked_case else None
            state = next_language(
                before, turn.signals, chosen=outcome.chosen_language, case_language=linked
            )
        if state.source == GUESS and any(t.topic == "greeting" for t in outcome.replies):
            # "salam", "selam": a guess from one word; the person can choose at once
            outcome.replies.append(Tagged(Reply("utter_language_offer"), "language_menu"))
        language = answer_language(state, hint)
        for tagged in outcome.replies:
            dispatcher.utter_message(
                response=tagged.reply.key,
                **tagged.reply.args,
                language=tagged.language or language,
                topic=tagged.topic,
            )
        slots = {
            **decided.context.as_slots(),
            **language_slots(state, hint),
            "forget_now": True if outcome.forget else None,
            **({"pending": outcome.pending} if outcome.pending else {}),
        }
        return [
            SlotSet(name, value) for name, value in slots.items() if tracker.get_slot(name) != value
        ]


def language_slots(state: LanguageState, hint: str | None) -> dict[str, Any]:
    return {
        "language": state.language,
        "language_candidate": state.candidate,
        "language_source": state.source,
        "language_hint": hint,
    }


def answer_language(state: LanguageState, hint: str | None) -> str:
    return language_of({"language": state.language, "language_hint": hint}).code
