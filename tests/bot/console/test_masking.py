import pytest

from bot.console.masking import mask, valid_bsn, valid_iban


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
    assert valid_iban("NL74 INGB 0705 0034 18")  # DUO's account (FACTS.md §9)
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
