"""What the widget's browser tests share: opening the demo page as a visitor would, asking,
waiting for answers, axe-core (vendored: tests/e2e/vendor) and measuring what a person sees."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from bot.i18n.languages import Language, resolve
from tests.e2e.conftest import SHOTS
from tests.e2e.stack import Stack

AXE = Path(__file__).resolve().parent / "vendor" / "axe.min.js"
VIEWPORTS = ((320, 640), (390, 844), (1280, 800))
LANGUAGES = ("nl", "ar", "fa", "ti")
MIN_TARGET = 44  # px, WCAG 2.2 target size (enhanced)
MIN_FOCUS_CONTRAST = 3.0


def open_widget(  # type: ignore[no-untyped-def]
    browser,
    stack: Stack,
    *,
    language: str | None = None,
    locale: str = "en-US",
    viewport: tuple[int, int] = (390, 844),
    session: str | None = None,
    init: str = "",
    click: bool = True,
):
    """A new visitor (own storage) on the demo page; the widget opened and connected."""
    context = browser.new_context(
        viewport={"width": viewport[0], "height": viewport[1]}, locale=locale
    )
    page = context.new_page()
    stored = {"wegwijs.language": language, "wegwijs.session": session}
    script = "".join(
        f"if (!localStorage.getItem({json.dumps(k)})) localStorage.setItem({json.dumps(k)}, "
        f"{json.dumps(v)});"
        for k, v in stored.items()
        if v
    )
    page.add_init_script(script + init)
    page.goto(f"{stack.url}/webhooks/web/demo")
    if click:
        page.locator(".wegwijs-launcher").click()
        connected(page)
    return page


def connected(page) -> None:  # type: ignore[no-untyped-def]
    page.wait_for_selector(
        "#wegwijs-root[data-connection=connected]", state="attached", timeout=60_000
    )


def interface(page) -> Language:  # type: ignore[no-untyped-def]
    """The language the widget's labels are in now (they follow the conversation)."""
    return resolve(page.get_attribute("#wegwijs-root", "lang"))


def interface_becomes(page, code: str) -> None:  # type: ignore[no-untyped-def]
    page.wait_for_function(f"document.getElementById('wegwijs-root').lang === '{code}'")


def ask(page, text: str) -> None:  # type: ignore[no-untyped-def]
    page.fill("#wegwijs-input", text)
    page.keyboard.press("Enter")


def bot_says(page, contains: str, timeout: float = 30_000) -> Any:  # type: ignore[no-untyped-def]
    locator = page.locator(".wegwijs-bot", has_text=contains).last
    locator.wait_for(timeout=timeout)
    return locator


def answers(page) -> int:  # type: ignore[no-untyped-def]
    return int(page.locator(".wegwijs-bot").count())


def next_answer(page, before: int, timeout: float = 30_000) -> Any:  # type: ignore[no-untyped-def]
    page.wait_for_function(
        f"document.querySelectorAll('.wegwijs-bot').length > {before}", timeout=timeout
    )
    return page.locator(".wegwijs-bot").last


def shot(page, name: str) -> None:  # type: ignore[no-untyped-def]
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"))


def axe_violations(page) -> list[dict[str, Any]]:  # type: ignore[no-untyped-def]
    """axe-core's WCAG 2.x A/AA rules over the whole page, with the widget in it."""
    if not page.evaluate("Boolean(window.axe)"):
        page.add_script_tag(path=str(AXE))
    result = page.evaluate(
        """() => axe.run(document, {runOnly: {type: 'tag', values:
            ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice']}})
          .then(r => r.violations.map(v => ({id: v.id, impact: v.impact,
                 nodes: v.nodes.map(n => n.target.join(' '))})))"""
    )
    return list(result)


def _channels(color: str) -> tuple[float, float, float, float]:
    numbers = [float(n) for n in re.findall(r"[\d.]+", color)]
    alpha = numbers[3] if len(numbers) > 3 else 1.0
    return numbers[0], numbers[1], numbers[2], alpha


def luminance(color: str) -> float:
    def linear(c: float) -> float:
        c = c / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b, _ = _channels(color)
    return 0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b)


def contrast(one: str, other: str) -> float:
    high, low = sorted((luminance(one), luminance(other)), reverse=True)
    return (high + 0.05) / (low + 0.05)


FOCUS_PROBE = """() => {
  const el = document.activeElement;
  const opaque = (node) => {
    for (; node && node.nodeType === 1; node = node.parentElement) {
      const bg = getComputedStyle(node).backgroundColor;
      const alpha = bg.startsWith('rgba') ? parseFloat(bg.split(',')[3]) : 1;
      if (alpha > 0.5) return bg;
    }
    return 'rgb(255, 255, 255)';
  };
  const style = getComputedStyle(el);
  const shadow = (style.boxShadow.match(/rgba?\\([^)]*\\)/) || [''])[0];
  return {inside: Boolean(el.closest('#wegwijs-root')), tag: el.tagName, cls: el.className,
          visible: el.matches(':focus-visible'), outline: style.outlineColor,
          outlineWidth: parseFloat(style.outlineWidth), shadow: shadow,
          own: opaque(el), around: opaque(el.parentElement)};
}"""


def focus_ring_problems(page, presses: int = 40) -> list[str]:  # type: ignore[no-untyped-def]
    """Tab through the open widget; every focused control must show a ring with at least 3:1
    against its own background and against what is around it."""
    problems = []
    seen = 0
    for _ in range(presses):
        page.keyboard.press("Tab")
        probe = page.evaluate(FOCUS_PROBE)
        if not probe["inside"]:
            continue
        seen += 1
        name = f"{probe['tag']}.{probe['cls']}"
        if not probe["visible"] or probe["outlineWidth"] < 2:
            problems.append(f"{name}: no visible focus ring")
            continue
        rings = [probe["outline"]] + ([probe["shadow"]] if probe["shadow"] else [])
        for where in ("own", "around"):
            best = max(contrast(ring, probe[where]) for ring in rings)
            if best < MIN_FOCUS_CONTRAST:
                problems.append(f"{name}: ring {best:.1f}:1 against {probe[where]} ({where})")
    if not seen:
        problems.append("Tab never reached the widget")
    return problems


SMALL_TARGETS = """() => Array.from(document.querySelectorAll(
    '#wegwijs-root button, #wegwijs-root select, #wegwijs-root input, #wegwijs-root a'))
  .filter(el => el.offsetParent !== null || getComputedStyle(el).position === 'fixed')
  .filter(el => !(el.tagName === 'A' && el.closest('p, .wegwijs-text')))  // links in a sentence
  .map(el => ({el, r: el.getBoundingClientRect()}))
  .filter(({r}) => r.width > 0 && (r.width < 44 || r.height < 44))
  .map(({el, r}) =>
       `${el.tagName}.${el.className} ${Math.round(r.width)}x${Math.round(r.height)}`)"""


def small_targets(page) -> list[str]:  # type: ignore[no-untyped-def]
    return list(page.evaluate(SMALL_TARGETS))
