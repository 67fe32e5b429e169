"""The website widget in real headless Chromium (Debian's package) against the real stack."""

from __future__ import annotations

import re

from sqlalchemy import func, select

from bot.i18n.languages import resolve
from bot.i18n.render import lookup
from bot.store.db import engine_for
from bot.store.tracker_events import events
from tests.e2e.stack import Stack
from tests.e2e.widget_pages import (
    answers,
    ask,
    bot_says,
    interface_becomes,
    next_answer,
    open_widget,
    shot,
)

SESSION = "localStorage.getItem('wegwijs.session')"


def test_widget_links_answers_switches_language_and_survives_a_reload(
    stack: Stack, browser
) -> None:  # type: ignore[no-untyped-def]
    page = open_widget(browser, stack, language="en", click=False)
    launcher = page.get_by_role("button", name="Questions? Chat with us")
    launcher.wait_for(timeout=60_000)
    launcher.click()
    ask(page, stack.link_code("DEMO-0007"))
    bot_says(page, "Samuel")
    ask(page, "when is my deadline?")
    assert "16 January 2028" in bot_says(page, "16 January 2028").inner_text()
    shot(page, "1-deadline")

    page.locator(".wegwijs-replies button").first.click()  # a quick reply
    bot_says(page, "step")

    page.select_option("#wegwijs-language", "ar")
    page.wait_for_function("document.getElementById('wegwijs-root').getAttribute('dir') === 'rtl'")
    bot_says(page, "بالعربية")
    before = answers(page)
    ask(page, "متى ينتهي موعدي النهائي؟")
    answer = next_answer(page, before)
    assert answer.get_attribute("dir") == "rtl" and answer.get_attribute("lang") == "ar"
    assert page.get_attribute("#wegwijs-input", "dir") == "auto"
    shot(page, "2-arabic")

    page.reload()  # the panel was open: it opens again, with the conversation
    page.wait_for_selector(".wegwijs-panel", state="visible", timeout=30_000)
    bot_says(page, "Samuel")  # history restored from the server
    ask(page, "when is my deadline?")
    assert "2028" in bot_says(page, "2028").inner_text()  # still linked after the reload
    page.context.close()


def test_markup_from_a_user_is_shown_as_text(stack: Stack, browser) -> None:  # type: ignore[no-untyped-def]
    page = open_widget(browser, stack, language="en")
    attack = "<img src=x onerror=alert(1)>"
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    before = answers(page)
    ask(page, attack)
    page.locator(".wegwijs-user", has_text=attack).wait_for()
    next_answer(page, before)
    assert page.locator("#wegwijs-root img").count() == 0 and dialogs == []
    shot(page, "3-markup-as-text")
    page.context.close()


def test_keyboard_focus_stays_in_the_widget_and_escape_always_closes(stack: Stack, browser) -> None:  # type: ignore[no-untyped-def]
    page = open_widget(browser, stack, language="nl", viewport=(320, 640), click=False)
    page.locator(".wegwijs-launcher").focus()
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "wegwijs-input"
    log = page.locator("[role=log]")
    assert log.get_attribute("aria-live") == "polite"
    assert log.get_attribute("aria-relevant") == "additions"
    label = lookup("widget_input_label", resolve("nl"))
    assert page.get_by_label(label).count() == 1  # the input has its Dutch label
    page.keyboard.type("hallo, goedemorgen")
    page.keyboard.press("Enter")
    bot_says(page, "Wegwijs")
    before = answers(page)
    page.locator(".wegwijs-replies button").first.focus()
    page.keyboard.press("Enter")  # a quick reply, chosen with the keyboard
    assert page.evaluate("document.activeElement.id") == "wegwijs-input"
    next_answer(page, before)
    panel = page.locator("#wegwijs-panel").bounding_box()
    assert panel and panel["width"] <= 320
    shot(page, "4-320px-after-quick-reply")
    page.keyboard.press("Escape")
    assert page.evaluate("document.activeElement.className") == "wegwijs-launcher"
    assert page.locator(".wegwijs-panel").is_hidden()
    page.context.close()


def test_forget_me_asks_first_then_deletes_and_starts_a_new_conversation(
    stack: Stack, browser
) -> None:  # type: ignore[no-untyped-def]
    page = open_widget(browser, stack, language="ti")
    ask(page, stack.link_code("DEMO-0006"))
    bot_says(page, "Yonas")
    old_session = page.evaluate(SESSION)
    page.select_option("#wegwijs-language", "ti")
    bot_says(page, "ትግርኛ")
    interface_becomes(page, "ti")
    menu = page.locator(".wegwijs-more")
    close = page.locator(".wegwijs-close").bounding_box()
    menu.click()
    forget = page.get_by_role("button", name=lookup("widget_forget", resolve("ti")))
    box = forget.bounding_box()
    assert close and box
    apart = max(close["x"] - box["x"] - box["width"], box["x"] - close["x"] - close["width"])
    assert apart >= 100  # not next to close
    forget.click()
    question = lookup("utter_forget_confirm", resolve("ti")).split("\n")[0]
    bot_says(page, question[:20])  # the assistant asks first, in Tigrinya
    shot(page, "5-forget-confirmation")
    assert page.evaluate(SESSION) == old_session and kept(stack, old_session) > 0
    page.get_by_role("button", name=lookup("button_forget_yes", resolve("ti"))).click()
    page.wait_for_function(f"{SESSION} && {SESSION} !== '{old_session}'", timeout=30_000)
    page.locator(".wegwijs-notice").wait_for()
    assert page.locator(".wegwijs-bot", has_text="Yonas").count() == 0
    shot(page, "6-forgotten")
    ask(page, "when is my deadline?")
    bot_says(page, "link code")  # a new conversation: not linked
    assert kept(stack, old_session) == 0  # the old conversation is deleted, not only unlinked
    page.context.close()


def kept(stack: Stack, session: str) -> int:
    with engine_for(stack.tracker_store_url).connect() as connection:
        return int(
            connection.execute(
                select(func.count())
                .select_from(events)
                .where(events.c.sender_id == f"web:{session}")
            ).scalar_one()
        )


def test_phone_numbers_and_addresses_can_be_tapped(stack: Stack, browser) -> None:  # type: ignore[no-untyped-def]
    page = open_widget(browser, stack, language="nl")
    ask(page, stack.link_code("DEMO-0007"))
    bot_says(page, "Samuel")
    ask(page, "hoe kan ik mijn consulent bereiken?")
    answer = bot_says(page, "example.org")
    calls = answer.locator("a[href^='tel:']")
    calls.first.wait_for()
    assert calls.first.get_attribute("href", timeout=1000).replace("tel:", "").isdigit()
    assert answer.locator("a[href^='mailto:']").count() >= 1
    assert answer.locator("a[href^='tel:'] *").count() == 0  # text, never markup
    shot(page, "7-contact-links")
    page.context.close()


def test_the_dutch_text_is_one_tap_away_with_the_same_date(stack: Stack, browser) -> None:  # type: ignore[no-untyped-def]
    page = open_widget(browser, stack, language="ar")
    ask(page, stack.link_code("DEMO-0007"))
    bot_says(page, "Samuel")
    page.select_option("#wegwijs-language", "ar")
    bot_says(page, "بالعربية")
    before = answers(page)
    ask(page, "متى ينتهي موعدي النهائي؟")
    answer = next_answer(page, before)
    assert "16 يناير 2028" in answer.locator(".wegwijs-text").first.inner_text()
    interface_becomes(page, "ar")
    answer.get_by_role("button", name=lookup("dutch_show", resolve("ar"))).click()
    hide = answer.get_by_role("button", name=lookup("dutch_hide", resolve("ar")))
    assert hide.get_attribute("aria-expanded") == "true"
    dutch = answer.locator(".wegwijs-dutch")
    assert dutch.get_attribute("lang") == "nl" and dutch.get_attribute("dir") == "ltr"
    assert dutch.evaluate("n => getComputedStyle(n).direction") == "ltr"
    text = dutch.inner_text()
    assert "16 januari 2028" in text
    assert lookup("dutch_official", resolve("nl")) in text  # marked official in Dutch
    assert lookup("dutch_official", resolve("ar")) in text  # and in the reader's language
    shot(page, "8-dutch-text")
    page.context.close()


FAKE_VOICES = """
(() => {
  const spoken = [];
  window.__spoken = spoken;
  const voices = [{lang: 'ar-SA', name: 'Arabic'}, {lang: 'nl-NL', name: 'Dutch'}];
  const synth = {getVoices: () => voices, speak: (u) => { spoken.push({text: u.text, lang: u.lang});
                   setTimeout(() => u.onend && u.onend(), 50); },
                 cancel: () => {}, addEventListener: () => {}};
  Object.defineProperty(window, 'speechSynthesis', {value: synth});
  window.SpeechSynthesisUtterance = function (text) { this.text = text; };
})();
"""


def test_read_aloud_only_where_the_device_has_a_voice(stack: Stack, browser) -> None:  # type: ignore[no-untyped-def]
    page = open_widget(browser, stack, language="ar", init=FAKE_VOICES)
    ask(page, "مرحبا")
    answer = bot_says(page, "Wegwijs")
    speak = answer.get_by_role("button", name=lookup("widget_read_aloud", resolve("ar")))
    speak.click()
    spoken = page.evaluate("window.__spoken")
    assert spoken and spoken[0]["lang"] == "ar-SA" and "Wegwijs" in spoken[0]["text"]
    assert "\u200f" not in spoken[0]["text"]  # direction marks are not read
    page.select_option("#wegwijs-language", "ti")
    tigrinya = bot_says(page, "ትግርኛ")
    assert tigrinya.locator(".wegwijs-speak").is_hidden()  # no Tigrinya voice on this device
    page.context.close()


def test_an_answer_that_arrives_while_closed_shows_an_unread_badge(stack: Stack, browser) -> None:  # type: ignore[no-untyped-def]
    page = open_widget(browser, stack, language="en")
    before = answers(page)
    page.fill("#wegwijs-input", "what is the PVT?")
    # send and close in one go: the answer (tens of milliseconds away) always comes while closed
    page.evaluate(
        """() => {
        document.getElementById("wegwijs-input").form.requestSubmit();
        document.dispatchEvent(new KeyboardEvent("keydown", {key: "Escape", bubbles: true}));
    }"""
    )
    badge = page.locator(".wegwijs-badge")
    badge.wait_for(state="visible", timeout=30_000)
    page.wait_for_timeout(1500)  # an answer may come in more than one message
    count = answers(page) - before
    assert count >= 1 and badge.inner_text() == str(count)
    page.get_by_role("button", name=re.compile(f"New messages: {count}")).wait_for()
    shot(page, "9-unread-badge")
    page.locator(".wegwijs-launcher").click()
    assert badge.is_hidden()
    page.context.close()
