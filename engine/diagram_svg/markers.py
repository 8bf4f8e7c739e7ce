"""The small symbols inside shapes: task types, activity markers (loop, multi-instance, [+]),
event definitions and gateway kinds, drawn in the element's palette. Event and gateway symbols
are drawn on a grid for bpmn.io's default size (36 px events, 50 px gateways) and scaled."""
from __future__ import annotations

import math

from .geometry import Box, d, polygon_path, regular_polygon, scaled
from .style import Palette
from .svg import el

PLUS = [(-2.5, -8), (2.5, -8), (2.5, -2.5), (8, -2.5), (8, 2.5), (2.5, 2.5), (2.5, 8), (-2.5, 8),
        (-2.5, 2.5), (-8, 2.5), (-8, -2.5), (-2.5, -2.5)]
EVENT_SHAPES = {  # on a grid where the event's radius is 18
    "signal": [(0, -9), (8, 6), (-8, 6)],
    "escalation": [(0, -9), (7, 8), (0, 2), (-7, 8)],
    "error": [(-8, 7), (-4, -7), (1, 1), (7, -8), (3, 7), (-2, -1)],
    "link": [(-8, -3), (1, -3), (1, -8), (8, 0), (1, 8), (1, 3), (-8, 3)],
    "parallelMultiple": PLUS,
}


def line(g, x1, y1, x2, y2, pal: Palette, width: float = 1.0, **extra):
    return el(g, "path", d=d("M", x1, y1, "L", x2, y2), stroke=pal.stroke, stroke_width=pal.width(width),
              fill="none", **extra)


def shape(g, pts, pal: Palette, filled: bool, width: float = 1.0):
    return el(g, "path", d=polygon_path(pts), fill=pal.stroke if filled else pal.fill,
              stroke=pal.stroke, stroke_width=pal.width(width), stroke_linejoin="round")


def envelope(g, x: float, y: float, w: float, h: float, pal: Palette, filled: bool) -> None:
    el(g, "rect", x=x, y=y, width=w, height=h, fill=pal.stroke if filled else pal.fill,
       stroke=pal.stroke, stroke_width=pal.width(1))
    el(g, "path", d=d("M", x, y, "L", x + w / 2, y + h * 0.55, "L", x + w, y),
       fill="none", stroke=pal.fill if filled else pal.stroke, stroke_width=pal.width(1))


# --- tasks ---------------------------------------------------------------------------------

TASK_ICONS = {"userTask", "serviceTask", "scriptTask", "sendTask", "receiveTask", "manualTask",
              "businessRuleTask"}


def task_icon(g, kind: str, box: Box, pal: Palette) -> None:
    x, y = box.x, box.y
    if kind == "userTask":
        el(g, "path", d=d("M", x + 8, y + 23, "C", x + 8, y + 18, x + 10.5, y + 16, x + 15, y + 16,
                          "C", x + 19.5, y + 16, x + 22, y + 18, x + 22, y + 23, "Z"),
           fill=pal.fill, stroke=pal.stroke, stroke_width=pal.width(1))
        el(g, "circle", cx=x + 15, cy=y + 11.5, r=3.8, fill=pal.fill, stroke=pal.stroke,
           stroke_width=pal.width(1))
    elif kind == "serviceTask":
        gear(g, x + 15, y + 15, pal)
    elif kind == "scriptTask":
        el(g, "path", d=d("M", x + 10, y + 6, "H", x + 22, "C", x + 19, y + 10, x + 23, y + 16, x + 19, y + 21,
                          "H", x + 7, "C", x + 11, y + 16, x + 7, y + 10, x + 10, y + 6, "Z"),
           fill=pal.fill, stroke=pal.stroke, stroke_width=pal.width(1))
        for row in (10, 13.5, 17):
            line(g, x + 11, y + row, x + 18.5, y + row, pal)
    elif kind in ("sendTask", "receiveTask"):
        envelope(g, x + 7, y + 8, 16, 11, pal, filled=kind == "sendTask")
    elif kind == "manualTask":  # a hand seen from the side: thumb on top, four fingers, palm
        for top, length in ((7.5, 8), (10.5, 11), (13, 12), (15.5, 11), (18, 9)):
            el(g, "rect", x=x + 9, y=y + top, width=length, height=2.5, rx=1.2, fill=pal.fill,
               stroke=pal.stroke, stroke_width=pal.width(0.9))
        el(g, "rect", x=x + 5, y=y + 9.5, width=8, height=11, rx=3, fill=pal.fill, stroke=pal.stroke,
           stroke_width=pal.width(0.9))
    elif kind == "businessRuleTask":
        el(g, "rect", x=x + 6, y=y + 7, width=17, height=13, fill=pal.fill, stroke=pal.stroke,
           stroke_width=pal.width(1))
        el(g, "rect", x=x + 6, y=y + 7, width=17, height=3.5, fill=pal.stroke, stroke=pal.stroke,
           stroke_width=pal.width(1))
        line(g, x + 6, y + 15, x + 23, y + 15, pal)
        line(g, x + 11, y + 10.5, x + 11, y + 20, pal)


def gear(g, cx: float, cy: float, pal: Palette) -> None:
    pts = []
    for tooth in range(8):
        base = tooth * math.pi / 4
        for offset, radius in ((-0.34, 6.2), (-0.19, 8.6), (0.19, 8.6), (0.34, 6.2)):
            pts.append((cx + radius * math.cos(base + offset), cy + radius * math.sin(base + offset)))
    shape(g, pts, pal, filled=False)
    el(g, "circle", cx=cx, cy=cy, r=2.8, fill=pal.fill, stroke=pal.stroke, stroke_width=pal.width(1))


def activity_markers(g, box: Box, pal: Palette, names: list[str]) -> None:
    """Markers centred along the bottom edge, in bpmn.io's order, 14 px each."""
    size, gap = 14.0, 4.0
    left = box.cx - (len(names) * size + (len(names) - 1) * gap) / 2
    top = box.bottom - size - 5
    for i, name in enumerate(names):
        bottom_marker(g, name, left + i * (size + gap), top, size, pal)


def bottom_marker(g, name: str, x: float, y: float, s: float, pal: Palette) -> None:
    if name == "collapsed":
        el(g, "rect", x=x, y=y, width=s, height=s, fill=pal.fill, stroke=pal.stroke, stroke_width=pal.width(1))
        line(g, x + 3, y + s / 2, x + s - 3, y + s / 2, pal, 1.5)
        line(g, x + s / 2, y + 3, x + s / 2, y + s - 3, pal, 1.5)
    elif name in ("parallel", "sequential"):
        for i in (2.5, 7, 11.5):
            if name == "parallel":
                line(g, x + i, y + 1.5, x + i, y + s - 1.5, pal, 1.8)
            else:
                line(g, x + 1.5, y + i, x + s - 1.5, y + i, pal, 1.8)
    elif name == "loop":
        cx, cy, r = x + s / 2, y + s / 2, 5.0
        k = r * math.sqrt(0.5)
        el(g, "path", d=d("M", cx - k, cy + k, "A", r, r, 0, 1, 1, cx + k, cy + k),
           fill="none", stroke=pal.stroke, stroke_width=pal.width(1.5))
        el(g, "path", d=d("M", cx + k - 4, cy + k - 0.5, "L", cx + k, cy + k, "L", cx + k + 0.5, cy + k - 4),
           fill="none", stroke=pal.stroke, stroke_width=pal.width(1.5))
    elif name == "compensation":
        shape(g, [(x, y + s / 2), (x + s / 2, y + 2), (x + s / 2, y + s - 2)], pal, filled=False)
        shape(g, [(x + s / 2, y + s / 2), (x + s, y + 2), (x + s, y + s - 2)], pal, filled=False)
    elif name == "adhoc":
        el(g, "path", d=d("M", x + 1, y + s / 2 + 1, "C", x + 3, y + s / 2 - 3, x + 6, y + s / 2 - 3, x + s / 2,
                          y + s / 2, "S", x + s - 3, y + s / 2 + 3, x + s - 1, y + s / 2 - 1),
           fill="none", stroke=pal.stroke, stroke_width=pal.width(1.5))


# --- events --------------------------------------------------------------------------------

def event_icon(g, definitions: list[str], cx: float, cy: float, r: float, pal: Palette,
               filled: bool, parallel: bool) -> None:
    """The symbol for an event's definitions; several definitions make 'multiple'."""
    if not definitions:
        return
    s = r / 18
    kind = definitions[0] if len(definitions) == 1 else ("parallelMultiple" if parallel else "multiple")
    if kind == "message":
        envelope(g, cx - 10 * s, cy - 7 * s, 20 * s, 14 * s, pal, filled)
    elif kind == "timer":
        el(g, "circle", cx=cx, cy=cy, r=11 * s, fill=pal.fill, stroke=pal.stroke, stroke_width=pal.width(1.5))
        for hour in range(12):
            angle = hour * math.pi / 6
            line(g, cx + 8.5 * s * math.cos(angle), cy + 8.5 * s * math.sin(angle),
                 cx + 10.5 * s * math.cos(angle), cy + 10.5 * s * math.sin(angle), pal)
        el(g, "path", d=d("M", cx, cy - 8 * s, "L", cx, cy, "L", cx + 6 * s, cy - 3 * s), fill="none",
           stroke=pal.stroke, stroke_width=pal.width(1.5))
    elif kind == "conditional":
        el(g, "rect", x=cx - 6 * s, y=cy - 8 * s, width=12 * s, height=16 * s, fill=pal.fill,
           stroke=pal.stroke, stroke_width=pal.width(1))
        for row in (-4.5, -1.5, 1.5, 4.5):
            line(g, cx - 4 * s, cy + row * s, cx + 4 * s, cy + row * s, pal)
    elif kind == "compensate":
        shape(g, scaled(cx, cy, s, [(-9, 0), (-1, -6), (-1, 6)]), pal, filled)
        shape(g, scaled(cx, cy, s, [(-1, 0), (7, -6), (7, 6)]), pal, filled)
    elif kind == "terminate":
        el(g, "circle", cx=cx, cy=cy, r=11 * s, fill=pal.stroke, stroke=pal.stroke)
    elif kind == "cancel":
        for sign in (1, -1):
            line(g, cx - 6 * s, cy - 6 * s * sign, cx + 6 * s, cy + 6 * s * sign, pal, 3 * s)
    elif kind == "multiple":
        shape(g, regular_polygon(cx, cy, 9 * s, 5), pal, filled)
    elif kind in EVENT_SHAPES:
        shape(g, scaled(cx, cy, s, EVENT_SHAPES[kind]), pal, filled)


# --- gateways ------------------------------------------------------------------------------

def gateway_icon(g, kind: str, box: Box, pal: Palette, marker_visible: bool,
                 instantiate: bool, parallel_events: bool) -> None:
    cx, cy, s = box.cx, box.cy, min(box.w, box.h) / 50
    if kind == "exclusiveGateway" and marker_visible:
        for sign in (1, -1):
            line(g, cx - 8 * s, cy - 8 * s * sign, cx + 8 * s, cy + 8 * s * sign, pal, 4 * s)
    elif kind == "parallelGateway":
        line(g, cx, cy - 12 * s, cx, cy + 12 * s, pal, 4 * s)
        line(g, cx - 12 * s, cy, cx + 12 * s, cy, pal, 4 * s)
    elif kind == "inclusiveGateway":
        el(g, "circle", cx=cx, cy=cy, r=10.5 * s, fill="none", stroke=pal.stroke, stroke_width=pal.width(2.5 * s))
    elif kind == "complexGateway":
        for dx, dy in ((0, 12), (12, 0), (8.5, 8.5), (8.5, -8.5)):
            line(g, cx - dx * s, cy - dy * s, cx + dx * s, cy + dy * s, pal, 3.5 * s)
    elif kind == "eventBasedGateway":
        el(g, "circle", cx=cx, cy=cy, r=12.5 * s, fill="none", stroke=pal.stroke, stroke_width=pal.width(1))
        if not instantiate:
            el(g, "circle", cx=cx, cy=cy, r=10 * s, fill="none", stroke=pal.stroke, stroke_width=pal.width(1))
        if parallel_events:
            shape(g, scaled(cx, cy, s * 0.8, PLUS), pal, filled=False)
        else:
            shape(g, regular_polygon(cx, cy, 6.5 * s, 5), pal, filled=False, width=1.3)


# --- data ----------------------------------------------------------------------------------

def data_arrow(g, box: Box, pal: Palette, filled: bool) -> None:
    """Data input (hollow arrow) or output (filled arrow) in a data object's top-left corner."""
    shape(g, [(box.x + 4 + px, box.y + 5 + py) for px, py in
              [(0, 3), (6, 3), (6, 0), (11, 5), (6, 10), (6, 7), (0, 7)]], pal, filled)


def collection(g, box: Box, pal: Palette) -> None:
    for dx in (-4, 0, 4):
        line(g, box.cx + dx, box.bottom - 12, box.cx + dx, box.bottom - 3, pal, 1.8)
