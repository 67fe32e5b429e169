from pathlib import Path

from rasa.shared.nlu.training_data.formats.rasa_yaml import RasaYAMLReader

from bot.console.nlu_export import Flag, export


def test_flagged_messages_become_valid_nlu_yaml_per_language(tmp_path: Path) -> None:
    files = export(
        [
            Flag("nl", "wanneer moet ik klaar zijn", "ask_deadline"),
            Flag("nl", "wanneer moet ik klaar zijn", "ask_deadline"),
            Flag("nl", "[klik] {hier} (nu)", "out_of_scope"),
            Flag("ar", "متى موعدي", "ask_appointment"),
        ]
    )
    assert set(files) == {"ar", "nl"}
    data = RasaYAMLReader().reads(files["nl"])
    examples = {(m.get("text"), m.get("intent")) for m in data.intent_examples}
    assert examples == {
        ("wanneer moet ik klaar zijn", "ask_deadline"),
        ("klik hier nu", "out_of_scope"),
    }
    assert not data.entity_examples
    assert RasaYAMLReader().reads(files["ar"]).intent_examples[0].get("text") == "متى موعدي"
