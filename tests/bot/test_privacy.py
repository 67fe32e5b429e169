import pytest

from bot.privacy import mask, redact, shares_personal_data, valid_bsn, valid_iban
from bot.rasa_ext.sanitize import sanitize


@pytest.mark.parametrize(
    ("bsn", "valid"),
    [
        ("111222333", True),
        ("123456782", True),
        ("123456789", False),
        ("000000000", False),
        ("12345678", False),
    ],
)
def test_the_11_check(bsn: str, valid: bool) -> None:
    assert valid_bsn(bsn) is valid


def test_iban_mod_97() -> None:
    assert valid_iban("NL74 INGB 0705 0034 18")  # DUO's account (docs/facts.md §9)
    assert not valid_iban("NL75 INGB 0705 0034 18")


@pytest.mark.parametrize(
    ("text", "masked"),
    [
        ("mijn bsn is 111222333", "mijn bsn is [BSN]"),
        ("BSN 123.456.782 graag", "BSN [BSN] graag"),
        ("my IBAN NL91ABNA0417164300 thanks", "my IBAN [IBAN] thanks"),
        ("V-nummer 1234567890", "V-nummer [V-nummer]"),
        (
            "bel me op 06-12345678 of +31 6 12345678",
            "bel me op [telefoonnummer] of [telefoonnummer]",
        ),
        ("mail naar sara.t@example.org", "mail naar [e-mailadres]"),
    ],
)
def test_personal_data_is_masked(text: str, masked: str) -> None:
    assert mask(text) == masked


def test_dates_amounts_and_other_numbers_stay() -> None:
    text = "deadline 2027-06-11, loan € 4.250,00, step 3, 123456789 is no BSN"
    assert mask(text) == text


@pytest.mark.parametrize(
    ("text", "redacted"),
    [
        ("mijn bsn is 111222333", "mijn bsn is [BSN]"),
        ("IBAN NL91 ABNA 0417 1643 00 graag", "IBAN [IBAN] graag"),
        (
            "bel me op 0612345678 of mail sara@example.org",
            "bel me op 0612345678 of mail sara@example.org",
        ),
        ("ik heb 123456789 euro geleend", "ik heb 123456789 euro geleend"),  # fails the 11-check
        ("UHLKE-28MDJ", "UHLKE-28MDJ"),  # a link code stays
        ("wet 2013 of 2021, bel 112", "wet 2013 of 2021, bel 112"),
    ],
)
def test_redact_removes_only_bsn_and_iban(text: str, redacted: str) -> None:
    assert redact(text) == redacted
    assert shares_personal_data(redact(text)) is (redacted != text)


def test_the_channels_redact_before_anything_else_sees_the_text() -> None:
    assert sanitize("mijn bsn is 111 222 333", frozenset({"nl"})) == "mijn bsn is [BSN]"


def test_the_detector_sets_the_intent_for_a_redacted_message() -> None:
    from rasa.shared.nlu.constants import INTENT, INTENT_RANKING_KEY, TEXT
    from rasa.shared.nlu.training_data.message import Message

    from bot.rasa_ext.personal_data import PersonalDataDetector

    shared, plain = Message({TEXT: "mijn bsn is [BSN]"}), Message({TEXT: "wanneer is mijn pvt"})
    shared.set(INTENT, {"name": "emergency", "confidence": 0.9})
    shared.set(INTENT_RANKING_KEY, [{"name": "emergency", "confidence": 0.9}])
    PersonalDataDetector().process([shared, plain])
    assert shared.get(INTENT) == {"name": "share_personal_data", "confidence": 1.0}
    assert [r["name"] for r in shared.get(INTENT_RANKING_KEY)] == [
        "share_personal_data",
        "emergency",
    ]
    assert plain.get(INTENT) is None


def test_a_bsn_at_the_end_of_a_sentence_is_found_but_not_inside_a_longer_number() -> None:
    assert redact("mijn bsn is 111 222 333. wanneer is mijn pvt?").startswith("mijn bsn is [BSN].")
    assert redact("bsn: 111.222.333.") == "bsn: [BSN]."
    assert redact("1.111.222.333 euro") == "1.111.222.333 euro"


@pytest.mark.parametrize(
    ("text", "redacted"),
    [
        ("mijn V-nummer is 2345678901", "mijn V-nummer is [V-nummer]"),
        ("v-nummer: 0123 456 789", "v-nummer: [V-nummer]"),
        ("my v number 23.456.789.01 please", "my v number [V-nummer] please"),
        ("V1234567890", "[V-nummer]"),
        ("rakam 3456789012 hier", "rakam [V-nummer] hier"),
        ("paspoort NPK2C3L48 verlopen", "paspoort [documentnummer] verlopen"),
        ("verblijfsdocument V123AL568", "verblijfsdocument [documentnummer]"),
        ("III-V123AL568", "III-[documentnummer]"),
        ("my passport number is AB12C345", "my passport number is [documentnummer]"),
        ("documentnummer: xr9876543", "documentnummer: [documentnummer]"),
    ],
)
def test_v_numbers_and_document_numbers_are_redacted(text: str, redacted: str) -> None:
    assert redact(text) == redacted
    assert shares_personal_data(redact(text))


@pytest.mark.parametrize(
    "text",
    [
        "bel 0612345678",  # a phone number starts with 0
        "deadline maart2027",  # a word and a year
        "code UHLKE-28MDJ",  # a link code
        "UHLKE28MDJ",
        "dossier DEMO-0007",
        "ik heb mijn paspoort kwijt, wat nu?",
        "B1-route, 1600 uur, 2027-06-11",
        "ana3ayez7",  # Arabic in Latin letters
    ],
)
def test_other_numbers_and_codes_stay(text: str) -> None:
    assert redact(text) == text


def test_a_number_called_a_bsn_is_one_also_with_a_typo() -> None:
    assert redact("BSN numaram 123456789 bakar misin") == "BSN numaram [BSN] bakar misin"
    assert redact("mijn bsn is 12345678") == "mijn bsn is [BSN]"
    assert redact("ik woon op nummer 123456789") == "ik woon op nummer 123456789"
    assert redact("BSN 2024 kreeg ik") == "BSN 2024 kreeg ik"  # not eight or nine digits


def test_words_that_happen_to_pass_the_iban_check_are_not_an_iban() -> None:
    # "AZ20 22INJA…" up to "schri" passes mod-97: it ends inside a word and is mostly letters
    text = "man az 2022 inja astam wa hanuz emtehan schrijven ra nadadum termijn man chi waqt"
    assert redact(text) == text
    assert redact("iban: NL91 ABNA 0417 1643 00, dank je") == "iban: [IBAN], dank je"
