"""Which language a message is written in: trained on the project's own examples."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.i18n import detect
from bot.i18n.language_model import LanguageModel, train
from bot.rasa_ext.language_detector import examples
from bot.settings import ROOT

SUPPORTED = ("nl", "en", "ar", "tr", "ti", "fa")


@pytest.fixture(scope="module")
def model() -> LanguageModel:
    return train(examples(ROOT / "nlu", ROOT / "bot" / "i18n" / "langid"))


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("wanneer is mijn deadline", "nl"),
        ("when is my deadline please", "en"),
        ("متى ينتهي موعدي النهائي", "ar"),
        ("چقدر وقت دارم برای امتحان", "fa"),
        ("ቀነ-ገደበይ መዓስ እዩ", "ti"),
        ("እሺ", "ti"),  # a word Amharic and Tigrinya share: the conversation stays Tigrinya
        ("sinavim ne zaman acaba", "tr"),
        ("salam 3likom shu a5bar el imti7an", "ar"),
        ("salam man key emtehan daram", "fa"),
        ("selam kemey aleki", "ti"),
        ("where can I register for the KNM exam and lezen", "en"),
        ("ik begrijp de brief niet, wat moet ik doen?", "nl"),  # not Afrikaans
        ("bu belgeyi nereden alabilirim?", "tr"),  # not Azerbaijani
    ],
)
def test_supported_languages_also_in_latin_letters(
    model: LanguageModel, text: str, language: str
) -> None:
    found = detect.identify(model, text, SUPPORTED)
    assert found is not None and found.language == language and found.supported


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Привіт, коли мій іспит?", "uk"),
        ("Здравствуйте, когда мой экзамен по голландскому", "ru"),
        ("Waxaan rabaa inaan ogaado goorta ay dhammaanayso muddadayda", "so"),
        ("Dzień dobry, kiedy mam egzamin z niderlandzkiego?", "pl"),
        ("dobryj den, ja ne ponimaju pismo, kogda moj ekzamen?", "ru"),
        ("Здравейте, кога ми е изпитът по нидерландски?", "bg"),
        ("bună ziua, când am examenul de limba olandeză?", "ro"),
        ("buna ziua, cand am examenul de limba olandeza?", "ro"),
        ("مجھے اپنے امتحان کی تاریخ معلوم کرنی ہے", "ur"),
        ("bhai mera exam kab hai, mujhe nahi pata", "ur"),
        ("ፈተናዬን መቼ ነው የምወስደው?", "am"),
        ("मुझे नहीं पता कि मेरी क्लास कहाँ है", "hi"),
        ("bhai sahab kripya batayein ki pariksha kab hogi", "hi"),
        ("Dobro jutro, zanima me koliko dugo traje tečaj i gdje se održava", "hr"),
        ("sta da radim sa ovim pismom, nista ne kontam", "hr"),
        ("Добар дан, добио сам писмо од DUO и не знам шта да радим", "sr"),
        ("Mirëdita, si mund ta gjej një mësues për holandisht?", "sq"),
        ("nuk e di ku duhet te shkoj neser", "sq"),
        ("Szia, segítenél? Nem tudom, hol van az iskola", "hu"),
        ("Habari, ningependa kujua kama naweza kusoma jioni", "sw"),
        ("Kedu, achọrọ m ịmata ebe ụlọ akwụkwọ dị", "ig"),
        ("请问我的荷兰语考试是什么时候？", "zh"),
        ("我看不懂DUO寄来的信，可以帮我吗", "zh"),
        ("வணக்கம், என் தேர்வு எந்த நாளில் நடக்கும்?", "ta"),
        ("நான் டச்சு மொழி வகுப்புக்கு பதிவு செய்ய விரும்புகிறேன்", "ta"),
        ("Chào chị, cho em hỏi khi nào em phải thi tiếng Hà Lan?", "vi"),
        ("toi khong biet phai dang ky khoa hoc o dau", "vi"),
        ("Akkam, qormaanni koo guyyaa kam?", "om"),
        ("xalayaa gemeente irraa dhufe hin hubanne, maaloo na gargaaraa", "om"),
        ("Goeie môre, ek wil asseblief weet wanneer my eksamen is", "af"),
        ("ek het nog nie my uitslae gekry nie, wat moet ek doen?", "af"),
        ("Magandang araw po, kailan po ba ang schedule ng exam ko?", "tl"),
        ("hindi ko po alam kung magkano ang kailangan kong bayaran", "tl"),
        ("Salam, mənim imtahanım haqqında sual vermək istəyirəm", "az"),
        ("xahis edirem, menim usaqlarim ucun mekteb tapmaga komek edin", "az"),
        ("ya ne rozumiyu, shcho napysano v lysti vid hromady", "uk"),
        ("selam, ene amarigna bicha negn, englizegna algebagnim", "am"),
    ],
)
def test_languages_the_assistant_does_not_speak(
    model: LanguageModel, text: str, language: str
) -> None:
    found = detect.identify(model, text, SUPPORTED)
    assert found is not None and found.language == language and not found.supported


@pytest.mark.parametrize("text", ["ok", "B1", "PVT DUO KNM boete", "ABCDE-23456", "/ask_deadline"])
def test_neutral_messages_say_nothing_about_language(model: LanguageModel, text: str) -> None:
    assert detect.identify(model, text, SUPPORTED) is None


def test_short_messages_are_never_strong(model: LanguageModel) -> None:
    found = detect.identify(model, "hallo", SUPPORTED)
    assert found is not None and not found.strong


def test_a_language_folder_teaches_only_its_own_script(tmp_path: Path) -> None:
    folder = tmp_path / "nlu" / "ti"
    folder.mkdir(parents=True)
    (folder / "basics.yml").write_text(
        'version: "3.1"\nnlu:\n- intent: greet\n  examples: |\n'
        "    - ሰላም ከመይ ኣለኻ\n    - ሰላም\n    - ከመይ ኣሎኻ\n    - hello how are you\n",
        encoding="utf-8",
    )
    (folder / "latin.yml").write_text(
        'version: "3.1"\nnlu:\n- intent: greet\n  examples: |\n    - selam kemey aleka\n',
        encoding="utf-8",
    )
    (tmp_path / "other").mkdir()
    texts = [text for text, _ in examples(tmp_path / "nlu", tmp_path / "other")]
    assert "hello how are you" not in texts and "selam kemey aleka" in texts


def test_two_words_in_geez_letters_make_a_mixed_message_tigrinya(model: LanguageModel) -> None:
    found = detect.identify(model, "hoi ik spreek beetje nederlands. ትግርኛ ይሓይሸኒ", SUPPORTED)
    assert found is not None and found.language == "ti" and found.certain
    one = detect.identify(model, "oke እሺ", SUPPORTED)
    assert one is None or not one.certain


def test_a_script_none_of_ours_uses_is_certainly_unsupported(model: LanguageModel) -> None:
    for text, language in (("有中文服务吗", "zh"), ("என் தேர்வு எப்போது", "ta")):
        found = detect.identify(model, text, SUPPORTED)
        assert found is not None and found.language == language
        assert found.certain and not found.supported


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Γεια σας, μιλάτε ελληνικά;", "el"),
        ("สวัสดีค่ะ อยากสมัครสอบ", "th"),
        ("হ্যালো, আপনি কি বাংলা বলতে পারেন?", "bn"),
        ("안녕하세요 시험이 언제예요", "ko"),
        ("こんにちは、しけんはいつですか", "ja"),
    ],
)
def test_a_script_without_samples_still_names_its_language(
    model: LanguageModel, text: str, language: str
) -> None:
    found = detect.identify(model, text, SUPPORTED)
    assert found is not None and found.language == language
    assert found.certain and not found.supported


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("obrigada", "pt"),
        ("asante", "sw"),
        ("spasibo", "ru"),
        ("parli italiano?", "it"),
        ("ne rozumiyu", "uk"),
        ("hindi nahi aati aapko?", "hi"),
        ("gelek spas", "ku"),
        ("tamil theriyatha?", "ta"),
        ("persona real porfa", "es"),
    ],
)
def test_a_few_words_that_give_a_language_away(
    model: LanguageModel, text: str, language: str
) -> None:
    """Too short for the character model, but each word is only of that language."""
    found = detect.identify(model, text, SUPPORTED)
    assert found is not None and found.language == language and found.certain


@pytest.mark.parametrize(
    "text", ["can you speak Somali?", "merci kheili mamnoon", "salam habibi", "selam kemey"]
)
def test_a_language_named_in_a_sentence_or_shared_words_give_nothing_away(
    model: LanguageModel, text: str
) -> None:
    found = detect.identify(model, text, SUPPORTED)
    assert found is None or not found.certain


def test_a_greeting_said_in_every_language_is_only_a_guess_at_english(
    model: LanguageModel,
) -> None:
    found = detect.identify(model, "Hello!", SUPPORTED)
    assert found is not None and found.language == "en" and found.guess and not found.strong
