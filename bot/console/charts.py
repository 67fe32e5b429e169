"""Small SVG charts, drawn on the server: no JavaScript, no chart library, readable when printed.

Every chart has a text alternative; the statistics page also shows the numbers in a table."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from html import escape

# Colours with at least 3:1 contrast on white, told apart by more than hue alone (the legend
# and the tables carry the same information).
PALETTE = ("#154273", "#e17000", "#39870c", "#a90061", "#5b5b5b")
FONT = 'font-family="system-ui, sans-serif" font-size="12"'


@dataclass(frozen=True)
class Series:
    name: str
    values: Sequence[float]


def _svg(width: int, height: int, label: str, body: list[str]) -> str:
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-label="{escape(label)}" '
        f'viewBox="0 0 {width} {height}" width="100%" style="max-width:{width}px">'
        f"<title>{escape(label)}</title>{''.join(body)}</svg>"
    )


def stacked_columns(
    label: str, categories: Sequence[str], series: Sequence[Series], height: int = 220
) -> str:
    """Columns per category (e.g. a day), stacked per series (e.g. a channel), with a legend."""
    left, bottom, top = 36, 34, 24
    step = max(6, min(28, 760 // max(len(categories), 1)))
    width = left + step * len(categories) + 10
    totals = [sum(s.values[n] for s in series) for n in range(len(categories))]
    highest = max(totals, default=0) or 1
    scale = (height - bottom - top) / highest
    body = [
        f'<text x="{left - 4}" y="{top + 4}" text-anchor="end" {FONT}>{highest:g}</text>',
        f'<text x="{left - 4}" y="{height - bottom}" text-anchor="end" {FONT}>0</text>',
        f'<line x1="{left}" y1="{height - bottom}" x2="{width}" y2="{height - bottom}" '
        'stroke="#767676"/>',
    ]
    for n, category in enumerate(categories):
        x, y = left + n * step + 1, float(height - bottom)
        for colour, s in zip(PALETTE, series, strict=False):
            value = s.values[n]
            if value:
                h = value * scale
                y -= h
                body.append(
                    f'<rect x="{x}" y="{y:.1f}" width="{step - 2}" height="{h:.1f}" '
                    f'fill="{colour}">'
                    f"<title>{escape(category)} · {escape(s.name)}: {value:g}</title></rect>"
                )
        if n % max(1, len(categories) // 8) == 0:
            body.append(
                f'<text x="{x}" y="{height - bottom + 14}" {FONT}>{escape(category)}</text>'
            )
    for n, (colour, s) in enumerate(zip(PALETTE, series, strict=False)):
        x = left + n * 110
        body.append(f'<rect x="{x}" y="{height - 14}" width="10" height="10" fill="{colour}"/>')
        body.append(f'<text x="{x + 14}" y="{height - 5}" {FONT}>{escape(s.name)}</text>')
    return _svg(width, height, label, body)


def bars(label: str, items: Sequence[tuple[str, float]], percent: bool = False) -> str:
    """Horizontal bars, one per item, with the value written after the bar."""
    left, row, width = 170, 22, 560
    highest = max((value for _, value in items), default=0) or 1
    room = width - left - 60
    body = []
    for n, (name, value) in enumerate(items):
        y = n * row + 4
        shown = f"{value:.0%}" if percent else f"{value:g}"
        length = value / highest * room
        body.append(
            f'<text x="{left - 6}" y="{y + 13}" text-anchor="end" {FONT}>{escape(name)}</text>'
            f'<rect x="{left}" y="{y}" width="{length:.1f}" height="{row - 6}" '
            f'fill="{PALETTE[0]}"/>'
            f'<text x="{left + length + 4:.1f}" y="{y + 13}" {FONT}>{shown}</text>'
        )
    return _svg(width, max(len(items), 1) * row + 8, label, body)
