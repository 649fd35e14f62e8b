"""Bar charts drawn on the server as inline SVG: no script, no style attribute (the CSP
forbids inline styles), only SVG presentation attributes. Each chart is decorative
(aria-hidden): the page follows it with a table of the same numbers.
"""

from dataclasses import dataclass

from django import template
from django.utils.formats import number_format

register = template.Library()

WIDTH = 400  # the viewBox: the chart scales to its box (static/css/portal.css)
LABEL_HEIGHT = 18
BAR_HEIGHT = 16
ROW_GAP = 10
VALUE_SPACE = 90  # right of the longest bar, for its number


@dataclass(frozen=True)
class Bar:
    """One row of a chart: `value` sets the bar's length; `part` (not more than `value`)
    is drawn over it in the accent colour (e.g. the overdue share of the open cases);
    `text` is written after the bar (the formatted value when empty)."""

    label: str
    value: float
    part: float = 0
    text: str = ""


@dataclass(frozen=True)
class DrawnBar:
    label: str
    text: str
    label_y: int
    bar_y: int
    width: float
    part_width: float
    text_x: float
    text_y: int


@register.inclusion_tag("guidance/partials/chart_bars.html")
def bar_chart(bars, maximum=None, chart_id=""):
    """A horizontal bar chart of `bars` (a list of `Bar`); bars are scaled to `maximum`
    (e.g. 100 for percentages), or to the largest value."""
    bars = list(bars)
    largest = maximum or max((bar.value for bar in bars), default=0) or 1
    room = WIDTH - VALUE_SPACE
    drawn = []
    y = 0
    for bar in bars:
        width = round(room * min(bar.value, largest) / largest, 1)
        bar_y = y + LABEL_HEIGHT
        drawn.append(
            DrawnBar(
                label=bar.label,
                text=bar.text or number_format(bar.value, force_grouping=True),
                label_y=y + LABEL_HEIGHT - 5,
                bar_y=bar_y,
                width=width,
                part_width=round(room * min(bar.part, largest) / largest, 1),
                text_x=width + 6,
                text_y=bar_y + BAR_HEIGHT - 3,
            )
        )
        y = bar_y + BAR_HEIGHT + ROW_GAP
    return {
        "bars": drawn,
        "width": WIDTH,
        "height": max(y - ROW_GAP, 1),
        "bar_height": BAR_HEIGHT,
        "chart_id": chart_id,
    }
