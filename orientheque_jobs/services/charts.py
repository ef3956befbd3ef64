"""Small server-side SVG charts: readable without JavaScript or CSS, and accessible.

The SVG uses presentation attributes only (no `style`), so it passes a strict
Content-Security-Policy. It carries a `<title>` and a `<desc>` referenced by `aria-labelledby`,
text labels on every bar, and a `<title>` per bar; the page shows the same data in a table.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from flask_babel import gettext as _
from markupsafe import Markup, escape

BAR_COLOUR = "#00587c"
AXIS_COLOUR = "#555555"
GRID_COLOUR = "#d5dde2"
_ids = itertools.count(1)


@dataclass(frozen=True)
class Bar:
    label: str  # short label under the bar
    value: int
    long_label: str = ""  # tooltip and screen-reader text
    href: str | None = None


def nice_ceiling(value: float) -> int:
    """The smallest 1, 2 or 5 × 10^n that is at least `value` (at least 1)."""
    if value <= 1:
        return 1
    power = 10 ** math.floor(math.log10(value))
    for step in (1, 2, 5, 10):
        if step * power >= value:
            return int(step * power)
    return int(10 * power)  # pragma: no cover (the loop always returns)


def _ticks(top: int) -> list[int]:
    """Up to five round gridline values from 0 to `top`."""
    step = max(1, nice_ceiling(top / 4))
    return list(range(0, top + 1, step))


def bar_chart(
    bars: Sequence[Bar],
    *,
    title: str,
    description: str,
    number: Callable[[int], str] = str,
    width: int = 720,
    height: int = 280,
) -> Markup:
    """A vertical bar chart as an inline `<svg>` element: one `<rect class="bar">` per bar."""
    uid = next(_ids)
    left, right, top, bottom = 48, 12, 24, 44
    plot_w, plot_h = width - left - right, height - top - bottom
    highest = max((b.value for b in bars), default=0)
    scale_top = nice_ceiling(highest)
    ticks = _ticks(scale_top)
    slot = plot_w / max(len(bars), 1)
    bar_w = max(slot * 0.7, 1)
    # Label every bar when they fit, else every n-th one.
    every = max(1, math.ceil(len(bars) / 24))

    def y_of(value: float) -> float:
        return top + plot_h - plot_h * value / scale_top

    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img" '
        f'viewBox="0 0 {width} {height}" width="100%" '
        f'aria-labelledby="chart{uid}-title chart{uid}-desc" '
        f'font-family="system-ui, sans-serif" font-size="12">',
        f'<title id="chart{uid}-title">{escape(title)}</title>',
        f'<desc id="chart{uid}-desc">{escape(description)}</desc>',
    ]
    for tick in ticks:
        y = y_of(tick)
        parts.append(
            f'<line x1="{left}" x2="{width - right}" y1="{y:.1f}" y2="{y:.1f}" '
            f'stroke="{GRID_COLOUR}" stroke-width="1"/>'
            f'<text x="{left - 6}" y="{y + 4:.1f}" text-anchor="end" fill="{AXIS_COLOUR}">'
            f"{escape(number(tick))}</text>"
        )
    for index, bar in enumerate(bars):
        x = left + slot * index + (slot - bar_w) / 2
        y = y_of(bar.value)
        centre = x + bar_w / 2
        tooltip = _(
            "%(label)s : %(value)s", label=bar.long_label or bar.label, value=number(bar.value)
        )
        rect = (
            f'<rect class="bar" x="{x:.1f}" y="{y:.1f}" width="{bar_w:.1f}" '
            f'height="{top + plot_h - y:.1f}" fill="{BAR_COLOUR}">'
            f"<title>{escape(tooltip)}</title></rect>"
        )
        if bar.href:
            rect = f'<a href="{escape(bar.href)}">{rect}</a>'
        parts.append(rect)
        parts.append(
            f'<text x="{centre:.1f}" y="{y - 4:.1f}" text-anchor="middle" fill="#1b1b1b">'
            f"{escape(number(bar.value))}</text>"
        )
        if index % every == 0:
            parts.append(
                f'<text x="{centre:.1f}" y="{top + plot_h + 16}" text-anchor="middle" '
                f'fill="{AXIS_COLOUR}">{escape(bar.label)}</text>'
            )
    parts.append(
        f'<line x1="{left}" x2="{width - right}" y1="{top + plot_h}" y2="{top + plot_h}" '
        f'stroke="{AXIS_COLOUR}" stroke-width="1"/>'
    )
    parts.append("</svg>")
    return Markup("".join(parts))  # noqa: S704 (every interpolated text is escaped)
