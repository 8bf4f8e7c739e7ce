"""Boxes, points and numbers: DI coordinates read once, written compactly and always the same way
(the output must be byte-identical for the same input)."""
from __future__ import annotations

import math
from dataclasses import dataclass

Point = tuple[float, float]


@dataclass(frozen=True)
class Box:
    x: float
    y: float
    w: float
    h: float

    @property
    def cx(self) -> float:
        return self.x + self.w / 2

    @property
    def cy(self) -> float:
        return self.y + self.h / 2

    @property
    def right(self) -> float:
        return self.x + self.w

    @property
    def bottom(self) -> float:
        return self.y + self.h


def number(text: str | None) -> float | None:
    """A DI coordinate, or None when it is missing or not a finite number (nan, inf, garbage)."""
    try:
        value = float(text)
    except (TypeError, ValueError):
        return None
    return value if math.isfinite(value) else None


def fmt(value: float) -> str:
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def d(*parts) -> str:
    """Path data from commands and numbers: d("M", 1, 2.5, "L", 3, 4) -> "M 1 2.5 L 3 4"."""
    return " ".join(p if isinstance(p, str) else fmt(p) for p in parts)


def points(pts) -> str:
    return " ".join(f"{fmt(x)},{fmt(y)}" for x, y in pts)


def polygon_path(pts) -> str:
    return "M " + " L ".join(f"{fmt(x)} {fmt(y)}" for x, y in pts) + " Z"


def regular_polygon(cx: float, cy: float, r: float, sides: int, start_deg: float = -90) -> list[Point]:
    step = 2 * math.pi / sides
    start = math.radians(start_deg)
    return [(cx + r * math.cos(start + i * step), cy + r * math.sin(start + i * step)) for i in range(sides)]


def scaled(cx: float, cy: float, s: float, pts) -> list[Point]:
    """Points drawn on a unit grid around (0, 0), placed at (cx, cy) and scaled by s."""
    return [(cx + x * s, cy + y * s) for x, y in pts]


def direction(a: Point, b: Point) -> tuple[Point, Point] | None:
    """Unit vector from a to b and its left normal; None when the points coincide."""
    dx, dy = b[0] - a[0], b[1] - a[1]
    length = math.hypot(dx, dy)
    if length < 1e-9:
        return None
    u = (dx / length, dy / length)
    return u, (-u[1], u[0])


def along(p: Point, u: Point, n: Point, forward: float, side: float = 0.0) -> Point:
    return (p[0] + u[0] * forward + n[0] * side, p[1] + u[1] * forward + n[1] * side)


def last_segment(pts: list[Point]) -> tuple[Point, Point] | None:
    """The last segment of non-zero length, pointing into the end point."""
    end = pts[-1]
    for p in reversed(pts[:-1]):
        if direction(p, end):
            return p, end
    return None


def first_segment(pts: list[Point]) -> tuple[Point, Point] | None:
    start = pts[0]
    for p in pts[1:]:
        if direction(start, p):
            return start, p
    return None


def midpoint(pts: list[Point]) -> tuple[Point, bool]:
    """The point halfway along a polyline, and whether the segment there is mostly vertical."""
    lengths = [math.dist(a, b) for a, b in zip(pts, pts[1:])]
    half = sum(lengths) / 2
    for (a, b), length in zip(zip(pts, pts[1:]), lengths):
        if half <= length and length > 0:
            t = half / length
            point = (a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t)
            return point, abs(b[1] - a[1]) > abs(b[0] - a[0])
        half -= length
    return pts[0], False


class Extent:
    """The smallest box around everything drawn, grown as things are drawn."""

    def __init__(self) -> None:
        self.x0 = self.y0 = math.inf
        self.x1 = self.y1 = -math.inf

    def add_point(self, x: float, y: float) -> None:
        self.x0, self.y0 = min(self.x0, x), min(self.y0, y)
        self.x1, self.y1 = max(self.x1, x), max(self.y1, y)

    def add_box(self, box: Box) -> None:
        self.add_point(box.x, box.y)
        self.add_point(box.right, box.bottom)

    def view_box(self, margin: float) -> Box:
        if self.x0 > self.x1:
            return Box(0, 0, 100, 100)
        return Box(self.x0 - margin, self.y0 - margin,
                   self.x1 - self.x0 + 2 * margin, self.y1 - self.y0 + 2 * margin)
