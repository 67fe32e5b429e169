"""The website widget in real headless Chromium (Debian's package) against the real stack."""

from __future__ import annotations

from sqlalchemy import func, select

from bot.console.conversations import events
from bot.i18n.languages import resolve
from bot.i18n.render import lookup
from bot.store.db import engine_for
from tests.e2e.conftest import SHOTS
from tests.e2e.stack import Stack


def bot_says(page, contains: str, timeout: float = 20_000) -> str:  # type: ignore[no-untyped-def]
    locator = page.locator(".wegwijs-bot", has_text=contains).last
    locator.wait_for(timeout=timeout)
    return str(locator.inner_text())


def ask(page, text: str) -> None:  # type: ignore[no-untyped-def]
    page.fill("#wegwijs-input", text)
    page.keyboard.press("Enter")


def test_widget_links_answers_switches_language_and_survives_a_reload(
    stack: Stack, browser
) -> None:  # type: ignore[no-untyped-def]
    page = browser.new_page(viewport={"width": 390, "height": 800})
    page.add_init_script("localStorage.setItem('wegwijs.language', 'en')")
    page.goto(f"{stack.url}/webhooks/web/demo")
    launcher = page.get_by_role("button", name="Questions? Chat with us")
    launcher.wait_for(timeout=60_000)
    launcher.click()
    page.wait_for_selector(".wegwijs-status[hidden]", state="attached")
    ask(page, stack.link_code("DEMO-0007"))
    bot_says(page, "Samuel")
    ask(page, "when is my deadline?")
    assert "16 January 2028" in bot_says(page, "16 January 2028")
    page.screenshot(path=str(SHOTS / "1-deadline.png"))

    page.locator(".wegwijs-replies button").first.click()  # a quick reply
    bot_says(page, "step")

    page.select_option("#wegwijs-language", "ar")
    page.wait_for_function("document.getElementById('wegwijs-root').getAttribute('dir') === 'rtl'")
    bot_says(page, "بالعربية")
    ask(page, "متى ينتهي موعدي النهائي؟")
    bot_says(page, "2028")
    assert page.get_attribute("#wegwijs-root", "dir") == "rtl"
    assert page.locator(".wegwijs-msg").last.get_attribute("dir") == "auto"
    page.screenshot(path=str(SHOTS / "2-arabic.png"))

    page.reload()
    page.locator(".wegwijs-launcher").click()
    bot_says(page, "Samuel")  # history restored from the server
    ask(page, "when is my deadline?")
    assert "2028" in bot_says(page, "2028", timeout=20_000)  # still linked after the reload
    page.close()


def test_markup_from_a_user_is_shown_as_text(stack: Stack, browser) -> None:  # type: ignore[no-untyped-def]
    page = browser.new_page()
    page.add_init_script("localStorage.setItem('wegwijs.language', 'en')")
    page.goto(f"{stack.url}/webhooks/web/demo")
    page.locator(".wegwijs-launcher").click()
    attack = "<img src=x onerror=alert(1)>"
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    ask(page, attack)
    page.locator(".wegwijs-user", has_text=attack).wait_for()
    page.locator(".wegwijs-bot").last.wait_for()
    assert page.locator("#wegwijs-root img").count() == 0 and dialogs == []
    page.screenshot(path=str(SHOTS / "3-markup-as-text.png"))
    page.close()


def test_keyboard_and_screen_reader_basics(stack: Stack, browser) -> None:  # type: ignore[no-untyped-def]
    page = browser.new_page(viewport={"width": 320, "height": 640})
    page.add_init_script("localStorage.setItem('wegwijs.language', 'nl')")
    page.goto(f"{stack.url}/webhooks/web/demo")
    page.locator(".wegwijs-launcher").focus()
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "wegwijs-input"
    log = page.locator("[role=log]")
    assert (
        log.get_attribute("aria-live") == "polite"
        and log.get_attribute("aria-relevant") == "additions"
    )
    label = lookup("widget_input_label", resolve("nl"))
    assert page.get_by_label(label).count() == 1  # the input has its Dutch label
    page.keyboard.type("hallo, goedemorgen")
    page.keyboard.press("Enter")
    bot_says(page, "Wegwijs")
    width = page.evaluate("document.getElementById('wegwijs-panel').getBoundingClientRect().width")
    assert width <= 320
    page.keyboard.press("Escape")
    assert page.evaluate("document.activeElement.className") == "wegwijs-launcher"
    page.screenshot(path=str(SHOTS / "4-320px.png"))
    page.close()


def test_forget_me_unlinks_and_starts_a_new_conversation(stack: Stack, browser) -> None:  # type: ignore[no-untyped-def]
    page = browser.new_page()
    page.add_init_script("localStorage.setItem('wegwijs.language', 'en')")
    page.goto(f"{stack.url}/webhooks/web/demo")
    page.locator(".wegwijs-launcher").click()
    ask(page, stack.link_code("DEMO-0001"))
    bot_says(page, "Sara")
    old_session = page.evaluate("localStorage.getItem('wegwijs.session')")
    page.locator(".wegwijs-forget").click()
    current = "localStorage.getItem('wegwijs.session')"
    page.wait_for_function(f"{current} && {current} !== '{old_session}'", timeout=30_000)
    ask(page, "when is my deadline?")
    assert "link code" in bot_says(page, "link code")
    with engine_for(stack.tracker_store_url).connect() as connection:
        kept = connection.execute(
            select(func.count())
            .select_from(events)
            .where(events.c.sender_id == f"web:{old_session}")
        ).scalar_one()
    assert kept == 0  # the old conversation is deleted, not only unlinked
    page.close()
