"""Carrying out the steps of a plan (bot.dialogue.plan): the only place that touches the stores.

Each step gives replies, tagged with their topic (bot.answers.registry). Answers are plain
functions; linking, hand-off and storing a chosen language write to the case store.
"""

from __future__ import annotations

import contextlib
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from actions import reminder_steps
from actions.common import StoreUnavailable, in_store
from actions.handoff import hand_off
from bot import metrics
from bot.answers.base import NOT_LINKED, NOT_LINKED_SHORT, Reply
from bot.answers.registry import TOPICS
from bot.cases.domain import Case
from bot.dialogue import steps
from bot.i18n.render import UNSUPPORTED_NOTICE
from bot.i18n.values import LanguageName
from bot.settings import get_settings
from bot.store.linking import LinkOutcome, redeem_code

SERVICE_UNAVAILABLE = Reply("utter_service_unavailable")
FORGET_BUTTONS = ["forget_yes", "forget_no"]


@dataclass(frozen=True)
class Tagged:
    """A reply, the topic it answers, and the language it must be in (None: the
    conversation's)."""

    reply: Reply
    topic: str
    language: str | None = None


@dataclass
class Situation:
    """What the steps need to know: who, their case, and what the conversation holds."""

    sender_id: str
    case: Case | None
    store_ok: bool
    today: date
    language: str
    question_text: str = ""
    said_before: bool = True  # the person sent something before this message

    @property
    def on_telegram(self) -> bool:
        return self.sender_id.startswith("tg:")

    @property
    def nothing_kept(self) -> bool:
        """A new chat, not linked: only this message would be deleted."""
        return self.case is None and not self.said_before


@dataclass
class Outcome:
    replies: list[Tagged] = field(default_factory=list)
    chosen_language: str | None = None
    linked_case: Case | None = None
    forget: bool = False
    pending: str | None = None  # a question asked in this turn ("reminders": yes or no)


def answer(step: steps.Answer, situation: Situation) -> list[Tagged]:
    question = step.question
    replies = TOPICS[question.topic](question, situation.case, situation.today)
    if not situation.store_ok and (NOT_LINKED in replies or NOT_LINKED_SHORT in replies):
        general = [r for r in replies if r not in (NOT_LINKED, NOT_LINKED_SHORT)]
        replies = [Reply("utter_case_unavailable"), *general]
    return [
        Tagged(r, "not_linked" if r in (NOT_LINKED, NOT_LINKED_SHORT) else question.topic)
        for r in replies
    ]


async def link(step: steps.Link, situation: Situation, outcome: Outcome) -> None:
    settings = get_settings()
    try:
        result = await in_store(
            lambda repo: redeem_code(
                repo, situation.sender_id, step.code, settings, datetime.utcnow()
            )
        )
    except StoreUnavailable:
        outcome.replies.append(Tagged(SERVICE_UNAVAILABLE, "link_invalid"))
        return
    if result.outcome is LinkOutcome.LOCKED:
        locked = Reply("utter_link_locked", {"count": settings.link_lockout_minutes})
        outcome.replies.append(Tagged(locked, "link_invalid"))
    elif result.outcome is LinkOutcome.INVALID or result.case is None:
        outcome.replies.append(Tagged(Reply("utter_link_invalid"), "link_invalid"))
    else:
        outcome.linked_case = situation.case = result.case
        args: dict[str, Any] = {
            "first_name": result.case.first_name,
            "button_intents": ["ask_step", "ask_deadline"],
        }
        outcome.replies.append(Tagged(Reply("utter_link_success", args), "link"))
        offer = await reminder_steps.offer_once(situation)
        if offer is not None:
            outcome.replies.append(Tagged(offer, "reminders"))
            outcome.pending = "reminders"


async def choose_language(
    step: steps.ChooseLanguage, situation: Situation, outcome: Outcome
) -> None:
    outcome.chosen_language = step.code
    # The chosen language follows the person to their other channels; if the store is down the
    # conversation still switches and the case keeps its language.
    with contextlib.suppress(StoreUnavailable):
        await in_store(lambda repo: repo.set_language(situation.sender_id, step.code))
    changed = Reply("utter_language_changed")
    outcome.replies.append(Tagged(changed, "language_changed", step.code))


def forget(step: steps.Forget, situation: Situation, outcome: Outcome) -> None:
    """Ask first and say what goes and what stays; yes deletes (the channel does it after the
    reply). With nothing kept yet, say so kindly and delete the request itself."""
    telegram = situation.on_telegram
    if step.confirmed:
        outcome.forget = True
        key = "utter_forgotten_telegram" if telegram else "utter_forgotten"
        outcome.replies.append(Tagged(Reply(key), "forget"))
    elif situation.nothing_kept:
        outcome.forget = True
        outcome.replies.append(Tagged(Reply("utter_forget_nothing"), "forget"))
    else:
        key = "utter_forget_confirm_telegram" if telegram else "utter_forget_confirm"
        confirm = Reply(key, {"button_intents": FORGET_BUTTONS})
        outcome.replies.append(Tagged(confirm, "forget"))


def unsupported(step: steps.Unsupported) -> Tagged:
    if step.named:
        named = Reply(
            "utter_language_unsupported_named", {"language_name": LanguageName(step.code)}
        )
        return Tagged(named, "unsupported_language")
    return Tagged(Reply(UNSUPPORTED_NOTICE), "unsupported_language", step.code)


def fallback(step: steps.Fallback) -> Tagged:
    if step.count >= 2:
        return Tagged(
            Reply("utter_fallback_human", {"button_intents": ["request_human"]}), "fallback"
        )
    return Tagged(
        Reply("utter_fallback_rephrase", {"button_intents": list(step.likely)}), "fallback"
    )


async def carry_out(plan_steps: tuple[steps.Step, ...], situation: Situation) -> Outcome:
    outcome = Outcome()
    for step in plan_steps:
        if isinstance(step, steps.Answer):
            outcome.replies += answer(step, situation)
        elif isinstance(step, steps.Say):
            args = {"button_intents": list(step.buttons)} if step.buttons else {}
            outcome.replies.append(Tagged(Reply(step.key, args), step.topic))
        elif isinstance(step, steps.Link):
            await link(step, situation, outcome)
        elif isinstance(step, steps.Forget):
            forget(step, situation, outcome)
        elif isinstance(step, steps.Handoff):
            metrics.count("handoffs", language=situation.language)
            outcome.replies += [Tagged(r, "handoff") for r in await hand_off(situation)]
        elif isinstance(step, steps.Reminders):
            reply = await reminder_steps.reminders(step, situation)
            outcome.replies.append(Tagged(reply, "reminders"))
        elif isinstance(step, steps.ChooseLanguage):
            await choose_language(step, situation, outcome)
        elif isinstance(step, steps.Unsupported):
            outcome.replies.append(unsupported(step))
        elif isinstance(step, steps.Fallback):
            metrics.count("fallbacks", language=situation.language)
            outcome.replies.append(fallback(step))
    return outcome
