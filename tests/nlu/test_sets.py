from tests.nlu.sets import SETS, examples, normalised, plain, set_files


def test_annotations_are_removed_and_spelling_noise_ignored() -> None:
    assert plain('[العربية]{"entity": "language", "value": "ar"}') == "العربية"
    assert plain("ik wil [Nederlands](language)") == "ik wil Nederlands"
    assert normalised("Hallo,  Daar!!") == normalised("hallo daar") == "hallo daar"
    assert normalised("Türkçe?") == "türkçe"


def test_every_evaluation_set_has_every_language_and_parses() -> None:
    for name in SETS:
        files = set_files(name)
        assert [path.stem for path in files] == ["ar", "en", "fa", "nl", "ti", "tr"], name
        for path in files:
            found = examples(path)
            assert len(found) >= 200, path
            assert len({text for _, text in found}) == len(found), f"duplicates in {path}"
