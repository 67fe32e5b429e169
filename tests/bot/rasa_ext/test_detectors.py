from rasa.shared.nlu.constants import INTENT, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message

from bot.rasa_ext.link_code import LinkCodeDetector


def test_a_link_code_in_any_sentence_is_the_link_code_intent() -> None:
    coded = Message({TEXT: "mijn code is uhlke-28mdj"})
    coded.set(INTENT_RANKING_KEY, [{"name": "ask_contact", "confidence": 0.6}])
    button, plain = Message({TEXT: "/ask_deadline"}), Message({TEXT: "wanneer is mijn pvt"})
    LinkCodeDetector().process([coded, button, plain])
    assert coded.get(INTENT) == {"name": "link_code", "confidence": 1.0}
    assert [r["name"] for r in coded.get(INTENT_RANKING_KEY)] == ["link_code", "ask_contact"]
    assert button.get(INTENT) is None and plain.get(INTENT) is None


def test_an_empty_message_gets_no_intent_so_it_is_not_understood() -> None:
    from bot.rasa_ext.intent_classifier import NgramSvmIntentClassifier

    empty = Message({TEXT: ""})
    NgramSvmIntentClassifier({}, None, None).process([empty])  # type: ignore[arg-type]
    assert empty.get(INTENT) == {"name": None, "confidence": 0.0}
