"""The intent classifier's parts of a message: a danger hidden in a story is its own part."""

from __future__ import annotations

from bot.rasa_ext.intent_classifier import NgramSvmIntentClassifier, build_pipeline

EXAMPLES = {
    "emergency": ["i want to die", "i dont want to live anymore", "i will kill myself"],
    "feeling_down": ["i am alone", "i am so tired", "no family here and i am sad"],
    "ask_exam_failed": ["exam failed two times", "i failed my exam", "failed the test again"],
}


def classifier() -> NgramSvmIntentClassifier:
    config = NgramSvmIntentClassifier.get_default_config()
    pipeline = build_pipeline(config)
    texts = [t for examples in EXAMPLES.values() for t in examples]
    pipeline.fit(texts, [intent for intent, ts in EXAMPLES.items() for _ in ts])
    return NgramSvmIntentClassifier(config, None, None, pipeline)  # type: ignore[arg-type]


def test_a_danger_in_one_part_of_a_story_becomes_a_part_of_its_own() -> None:
    text = "i am alone no family here, exam failed two times, i dont want to live anymore"
    clauses = classifier().clauses(text, {"name": "feeling_down", "confidence": 0.7})
    assert clauses[0] == {"start": 0, "end": len(text), "intent": "feeling_down", "confidence": 0.7}
    assert clauses[-1]["intent"] == "emergency"
    assert text[clauses[-1]["start"] : clauses[-1]["end"]].strip() == "i dont want to live anymore"


def test_a_story_without_danger_stays_one_part() -> None:
    assert classifier().clauses("i am alone, i am so tired") == []
