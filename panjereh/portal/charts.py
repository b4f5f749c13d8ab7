"""Geometry of the evaluation pages' charts, drawn as SVG by the templates: no JavaScript, each with a
text alternative (its title and a sentence of its numbers). Right to left, as the pages read.
Coordinates are strings made here, so no template filter can localise a decimal point in them."""

from __future__ import annotations

from dataclasses import dataclass

from panjereh.persian import format_decimal

WIDTH = 600  # the SVG's own units; it scales to the page


def _n(number: float) -> str:
    return f"{number:.1f}"


@dataclass(frozen=True)
class Bar:
    label: str
    text: str  # the value in Persian digits
    x: str  # the bar grows leftwards from the label column
    y: str
    width: str
    label_y: str
    value_x: str


def bars(items: list[tuple[str, float | None]], *, row: int = 28, label_width: int = 200) -> tuple[list[Bar], int]:
    """Horizontal bars for values out of 100, labels on the right; returns the bars and the height."""
    span = WIDTH - label_width - 70
    drawn = []
    for n, (label, value) in enumerate(items):
        width = span * max(0.0, min(100.0, value or 0.0)) / 100
        x, y = WIDTH - label_width - 8 - width, n * row + 6
        text = "داده کافی نیست" if value is None else format_decimal(value, 1)
        drawn.append(Bar(label, text, _n(x), _n(y), _n(width), _n(y + 14), _n(x - 6)))
    return drawn, len(items) * row + 12


@dataclass(frozen=True)
class Point:
    label: str
    text: str
    x: str
    y: str
    label_y: str


def trend(items: list[tuple[str, float | None]], *, height: int = 170) -> tuple[list[Point], str]:
    """A line of scores (0–100) across rounds, the oldest on the right; the points and the polyline."""
    scored = [(label, score) for label, score in items if score is not None]
    if not scored:
        return [], ""
    step = (WIDTH - 120) / max(1, len(scored) - 1)
    points = []
    for n, (label, score) in enumerate(scored):
        x, y = WIDTH - 60 - n * step, height - 30 - (height - 60) * score / 100
        points.append(Point(label, format_decimal(score, 1), _n(x), _n(y), _n(height - 8)))
    return points, " ".join(f"{p.x},{p.y}" for p in points)


@dataclass(frozen=True)
class Segment:
    label: str
    count: int
    x: str
    width: str
    css: str


def stack(items: list[tuple[str, int, str]]) -> list[Segment]:
    """One bar split by counts (label, count, CSS class), from the right."""
    total = sum(count for _, count, _ in items) or 1
    right, segments = float(WIDTH), []
    for label, count, css in items:
        width = WIDTH * count / total
        right -= width
        segments.append(Segment(label, count, _n(right), _n(width), css))
    return segments
