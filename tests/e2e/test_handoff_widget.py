"""Live hand-off in the website widget, end to end (Chromium for the widget and the console):
the integration team answers a person who is not linked, live over Socket.IO; a reply that
arrives while the widget is closed is there after a reload; closing hands back."""

from __future__ import annotations

from tests.e2e.console_fixtures import console, login
from tests.e2e.handoff_support import add_team_member, log_lines, write_transcript
from tests.e2e.stack import Stack
from tests.e2e.widget_pages import ask, bot_says, open_widget, shot

__all__ = ["console"]
TYPING = ".wegwijs-typing"


def test_the_team_answers_in_the_widget_live_and_after_a_reload(
    stack: Stack, console: str, browser
) -> None:  # type: ignore[no-untyped-def]
    add_team_member(stack)
    person = open_widget(browser, stack, language="en", viewport=(390, 800))
    ask(person, "can my husband come to the intake?")
    bot_says(person, "intake")
    ask(person, "I want to talk to someone from the gemeente")
    told = bot_says(person, "integration team").inner_text()
    assert "at the latest on" in told
    session = person.evaluate("localStorage.getItem('wegwijs.session')")
    sender = f"web:{session}"

    staff = login(browser, console, "team@gemeente.nl")
    staff.goto(f"{console}/handoffs?channel=web")
    row = staff.locator("tr", has_text=sender)
    assert "can my husband come to the intake?" in row.inner_text()
    row.get_by_role("link", name=sender).click()
    staff.get_by_role("button", name="Oppakken").click()
    bot_says(person, "is now in this chat")  # live, over Socket.IO

    ask(person, "is the intake in the town hall?")  # the assistant is quiet: nothing to wait for
    sent = person.locator(".wegwijs-user", has_text="is the intake in the town hall?")
    sent.locator("[data-delivery=sent]").wait_for()
    assert person.locator(TYPING).is_hidden()

    staff.fill("#reply", "Yes, your husband may come along. Shall I note that down?")
    staff.get_by_role("button", name="Versturen").click()
    live = bot_says(person, "may come along")
    assert "The integration team of the municipality:\nYes, your husband" in live.inner_text()
    who = live.locator(".wegwijs-sr").first  # read out as the team, not as the assistant
    assert who.text_content() == "The integration team of the municipality"
    assert (who.get_attribute("lang"), who.get_attribute("dir")) == ("en", "ltr")
    shot(person, "handoff-widget-live")

    ask(person, "yes please, thank you")
    staff.locator("#chat tr", has_text="yes please, thank you").wait_for(timeout=20_000)

    person.context.close()  # the person leaves the page; the next message waits in the conversation
    staff.fill("#reply", "Done: it is in your file.")
    staff.get_by_role("button", name="Versturen").click()
    staff.get_by_role("button", name="Afsluiten").click()
    staff.close()

    back = open_widget(browser, stack, language="en", viewport=(390, 800), session=session)
    done = bot_says(back, "Done: it is in your file.")  # from the conversation's history
    assert (
        done.locator(".wegwijs-sr").first.text_content()
        == "The integration team of the municipality"
    )
    bot_says(back, "I am the assistant again")
    ask(back, "what is the PVT?")
    bot_says(back, "PVT")  # the assistant answers again
    shot(back, "handoff-widget-after-reload")
    seen = back.locator(".wegwijs-msg").all_inner_texts()
    back.context.close()
    write_transcript(
        "widget-handoff",
        [
            "== what the widget showed after the reload ==",
            *[text.replace("\n", "\n    ") for text in seen],
            "",
            "== the conversation log (tracker store) ==",
            *log_lines(stack, sender),
        ],
    )


def test_the_reminder_toggle_appears_once_linked(stack: Stack, browser) -> None:  # type: ignore[no-untyped-def]
    page = open_widget(browser, stack, language="en", viewport=(390, 800))
    toggle = page.locator(".wegwijs-reminders")
    assert toggle.is_hidden()
    ask(page, stack.link_code("DEMO-0007"))
    bot_says(page, "Samuel")
    bot_says(page, "reminder")  # asked once, after linking
    toggle.wait_for(state="visible", timeout=10_000)
    assert toggle.get_attribute("aria-pressed") == "false"
    toggle.click()
    bot_says(page, "Reminders are on")
    page.wait_for_function(
        "document.querySelector('.wegwijs-reminders').getAttribute('aria-pressed') === 'true'"
    )
    shot(page, "widget-reminders-on")
    toggle.click()
    bot_says(page, "Reminders are off")
    page.wait_for_function(
        "document.querySelector('.wegwijs-reminders').getAttribute('aria-pressed') === 'false'"
    )
    page.context.close()
