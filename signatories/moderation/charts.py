"""Coordinates for the server-rendered SVG charts of the coordinator's view: computed here,
drawn by the template, styled by static/css/admin-report.css. No JavaScript."""

import math
from dataclasses import dataclass

WIDTH, HEIGHT = 720, 240
LEFT, RIGHT, TOP, BOTTOM = 44, 12, 12, 28


@dataclass
class Series:
    name: str
    points: list  # [(x, y, value)]

    @property
    def polyline(self):
        return " ".join(f"{x},{y}" for x, y, _value in self.points)


@dataclass
class LineChart:
    width: int
    height: int
    series: list
    y_ticks: list  # [(y, label)]
    x_labels: list  # [(x, date, text-anchor)]
    baseline: float
    left: int
    right: float


def line_chart(days, names):
    """`days`: [(date, {name: count})] evenly spaced; one line per name."""
    plot_width, plot_height = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    top_value = _nice_ceiling(max((max(c.values()) for _day, c in days), default=0))
    step = plot_width / (len(days) - 1) if len(days) > 1 else 0

    def x_of(index):
        return round(LEFT + (index * step if step else plot_width / 2), 1)

    def y_of(value):
        return round(TOP + plot_height - value / top_value * plot_height, 1)

    series = [
        Series(name, [(x_of(i), y_of(c[name]), c[name]) for i, (_day, c) in enumerate(days)])
        for name in names
    ]
    ticks = [(y_of(v), v) for v in (0, top_value // 2, top_value)]
    label_indexes = sorted({0, len(days) // 2, len(days) - 1})
    return LineChart(
        width=WIDTH,
        height=HEIGHT,
        series=series,
        y_ticks=ticks,
        x_labels=[(x_of(i), days[i][0], _anchor(i, len(days))) for i in label_indexes],
        baseline=y_of(0),
        left=LEFT,
        right=WIDTH - RIGHT,
    )


def _anchor(index, count):
    """The first date label starts at its day and the last ends at its own, so that neither
    runs past the chart's edge; the others are centred."""
    if count > 1 and index == 0:
        return "start"
    if count > 1 and index == count - 1:
        return "end"
    return "middle"


@dataclass
class Bar:
    label: str
    value: int
    y: float
    width: float


BAR_HEIGHT, BAR_GAP, BAR_LEFT, BAR_MAX = 22, 8, 110, 520


def bar_chart(values):
    """`values`: [(label, count)]; one horizontal bar each."""
    top = max((value for _label, value in values), default=0) or 1
    bars = [
        Bar(str(label), value, i * (BAR_HEIGHT + BAR_GAP), round(value / top * BAR_MAX, 1))
        for i, (label, value) in enumerate(values)
    ]
    return {
        "bars": bars,
        "height": len(bars) * (BAR_HEIGHT + BAR_GAP),
        "width": BAR_LEFT + BAR_MAX + 60,
        "left": BAR_LEFT,
        "bar_height": BAR_HEIGHT,
    }


def _nice_ceiling(value):
    """A round number at least `value` (and at least 2, so the middle tick is a whole
    number): 7 -> 8, 43 -> 50, 180 -> 200."""
    if value <= 2:
        return 2
    magnitude = 10 ** math.floor(math.log10(value))
    for multiple in (1, 2, 2.5, 4, 5, 10):
        if value <= multiple * magnitude and (multiple * magnitude) % 2 == 0:
            return int(multiple * magnitude)
    return int(10 * magnitude)
