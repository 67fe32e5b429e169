"""The widget on phones and desktops, in Dutch, Arabic, Persian and Tigrinya: direction per
bubble, mirrored sides, target sizes, focus rings, axe-core, the first screen and the keyboard."""

from __future__ import annotations

import pytest

from bot.i18n.languages import resolve
from bot.i18n.render import lookup
from tests.e2e.stack import Stack
from tests.e2e.widget_pages import (
    LANGUAGES,
    MIN_TARGET,
    VIEWPORTS,
    answers,
    ask,
    axe_violations,
    bot_says,
    connected,
    focus_ring_problems,
    next_answer,
    open_widget,
    shot,
    small_targets,
)

BUBBLES = """() => Array.from(document.querySelectorAll('.wegwijs-msg')).map(n => {
  const r = n.getBoundingClientRect(), log = n.parentElement.getBoundingClientRect();
  return {bot: n.classList.contains('wegwijs-bot'), lang: n.lang,
          text: n.querySelector('.wegwijs-text').innerText,
          direction: getComputedStyle(n).direction, left: r.left - log.left,
          right: log.right - r.right};
})"""
RTL_SCRIPT = ("\u0600", "\u06ff")


@pytest.fixture(scope="module")
def rtl_conversation(stack: Stack, browser) -> str:  # type: ignore[no-untyped-def]
    """A conversation with English, Arabic and Persian answers, had through the widget."""
    page = open_widget(browser, stack, language="ar")
    ask(page, stack.link_code("DEMO-0007"))
    bot_says(page, "Samuel")
    before = answers(page)
    ask(page, "متى ينتهي موعدي النهائي؟")
    assert "2028" in next_answer(page, before).inner_text()
    page.select_option("#wegwijs-language", "fa")
    bot_says(page, "فارسی")
    ask(page, "مهلت من کی تمام می‌شود؟")
    page.wait_for_function(
        "[...document.querySelectorAll('.wegwijs-bot')].filter(n => n.lang === 'fa').length >= 2"
    )
    session = str(page.evaluate("localStorage.getItem('wegwijs.session')"))
    page.context.close()
    return session


def arabic_script(text: str) -> bool:
    return sum(RTL_SCRIPT[0] <= c <= RTL_SCRIPT[1] for c in text) > 5


@pytest.mark.parametrize("viewport", VIEWPORTS, ids=lambda v: f"{v[0]}x{v[1]}")
@pytest.mark.parametrize("language", LANGUAGES)
def test_arabic_and_persian_bubbles_are_right_to_left_on_the_right_in_any_interface_language(
    stack: Stack, browser, rtl_conversation: str, language: str, viewport: tuple[int, int]
) -> None:  # type: ignore[no-untyped-def]
    page = open_widget(
        browser, stack, language=language, viewport=viewport, session=rtl_conversation
    )
    bot_says(page, "2028")
    assert page.get_attribute("#wegwijs-root", "lang") == language
    bubbles = page.evaluate(BUBBLES)
    right_to_left = [b for b in bubbles if b["lang"] in ("ar", "fa") or arabic_script(b["text"])]
    assert len([b for b in right_to_left if b["bot"]]) >= 3
    for bubble in right_to_left:
        assert bubble["direction"] == "rtl", bubble["text"][:60]
        if bubble["bot"]:  # the assistant's side, mirrored: the right
            assert bubble["right"] < 2 and bubble["left"] > 10, bubble
        else:  # the person's side, mirrored: the left
            assert bubble["left"] < 2, bubble
    if viewport[0] < 600:  # a phone: the panel fills the screen
        box = page.locator(".wegwijs-panel").bounding_box()
        assert box and box["width"] == viewport[0] and box["height"] == viewport[1]
    assert small_targets(page) == []
    assert axe_violations(page) == []
    shot(page, f"10-rtl-bubbles-{language}-{viewport[0]}x{viewport[1]}")
    page.context.close()


@pytest.mark.parametrize("language", ["nl", "ar"])
def test_every_control_shows_a_focus_ring_of_3_to_1(
    stack: Stack, browser, rtl_conversation: str, language: str
) -> None:  # type: ignore[no-untyped-def]
    page = open_widget(browser, stack, language=language, session=rtl_conversation, click=False)
    page.locator(".wegwijs-launcher").focus()
    page.keyboard.press("Enter")
    connected(page)
    bot_says(page, "2028")
    page.locator(".wegwijs-more").focus()
    page.keyboard.press("Enter")  # the menu open too
    assert focus_ring_problems(page, presses=60) == []
    page.locator(".wegwijs-close").focus()
    shot(page, f"11-focus-ring-{language}")
    page.context.close()


def test_the_input_stays_visible_on_a_small_phone_with_the_keyboard_open(
    stack: Stack, browser
) -> None:  # type: ignore[no-untyped-def]
    page = open_widget(browser, stack, language="ar", viewport=(320, 360))
    ask(page, "مرحبا")
    bot_says(page, "Wegwijs")
    box = page.locator("#wegwijs-input").bounding_box()
    header = page.locator(".wegwijs-header").bounding_box()
    messages = page.locator(".wegwijs-scroll").bounding_box()
    assert box and header and messages
    assert box["y"] >= 0 and box["y"] + box["height"] <= 360
    assert header["height"] <= 60  # one compact row
    assert messages["height"] >= 120
    assert page.get_attribute("#wegwijs-input", "dir") == "auto"
    shot(page, "12-320x360")
    page.context.close()


def test_the_first_screen_explains_itself_in_the_browsers_language(stack: Stack, browser) -> None:  # type: ignore[no-untyped-def]
    arabic = resolve("ar")
    page = open_widget(browser, stack, locale="ar-EG", viewport=(390, 844), click=False)
    name = lookup("widget_open", arabic)
    launcher = page.get_by_role("button", name=name)  # Arabic, though the page says data-lang=nl
    launcher.wait_for(timeout=60_000)
    assert launcher.locator("svg").count() == 1
    box = launcher.bounding_box()
    assert box and box["x"] + box["width"] > 390 - 30  # the page's bottom right corner
    launcher.click()
    connected(page)
    intro = page.locator(".wegwijs-intro")
    text = intro.inner_text()
    for key in ("widget_greeting", "widget_can_do", "widget_topics", "widget_other_languages"):
        assert lookup(key, arabic).replace("\u200f", "")[:25] in text.replace("\u200f", "")
    assert intro.get_by_role("button", name=lookup("button_ask_deadline", arabic)).count() == 1
    assert intro.get_by_role("button", name="Nederlands").get_attribute("lang") == "nl"
    privacy = intro.get_by_role("link", name=lookup("widget_privacy_link", arabic))
    assert privacy.get_attribute("href", timeout=1000).endswith("/webhooks/web/privacy/ar")
    shot(page, "13-first-screen-ar")
    before = page.locator(".wegwijs-bot").count()
    intro.get_by_role("button", name=lookup("button_ask_deadline", arabic)).click()
    assert page.evaluate("document.activeElement.id") == "wegwijs-input"
    page.wait_for_function(f"document.querySelectorAll('.wegwijs-bot').length > {before}")
    with page.context.expect_page() as opened:
        page.locator(".wegwijs-more").click()
        page.locator(".wegwijs-menu a").click()
    privacy_page = opened.value
    privacy_page.wait_for_load_state()
    assert privacy_page.get_attribute("html", "dir") == "rtl"
    assert "30" in privacy_page.inner_text("main")
    page.context.close()


def test_a_right_to_left_page_does_not_move_or_flip_the_widget(stack: Stack, browser) -> None:  # type: ignore[no-untyped-def]
    rtl_page = "document.documentElement.setAttribute('dir', 'rtl');"
    page = open_widget(browser, stack, language="nl", init=rtl_page, viewport=(1280, 800))
    panel = page.locator(".wegwijs-panel").bounding_box()
    assert panel and panel["x"] + panel["width"] > 1280 - 30
    log = page.locator(".wegwijs-log")
    assert log.evaluate("n => getComputedStyle(n).direction") == "ltr"
    ask(page, "hallo, goedemorgen")
    answer = bot_says(page, "Wegwijs")
    assert answer.evaluate("n => getComputedStyle(n).direction") == "ltr"
    assert axe_violations(page) == []
    page.context.close()


def test_target_sizes_hold_with_the_menu_and_quick_replies(stack: Stack, browser) -> None:  # type: ignore[no-untyped-def]
    page = open_widget(browser, stack, language="ti", viewport=(320, 640))
    page.locator(".wegwijs-more").click()
    assert small_targets(page) == [], f"targets under {MIN_TARGET} px"
    page.context.close()
