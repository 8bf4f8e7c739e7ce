"""BPMNEdges along their waypoints: sequence flows (arrow, default slash, conditional diamond),
message flows (dashed, circle to open arrow), associations (dotted). Arrowheads are drawn as
paths in place rather than <marker> references, so they take the edge's own colour and no id
can collide with another SVG on the same page."""
from __future__ import annotations

from ..diagram_check import local
from . import labels, markers
from .geometry import Box, along, d, direction, fmt, first_segment, last_segment, midpoint, polygon_path
from .model import Item
from .shapes import ACTIVITIES, Context
from .style import Palette
from .svg import el

DATA_ASSOCIATIONS = {"dataInputAssociation", "dataOutputAssociation"}


def draw(g, item: Item, pal: Palette, ctx: Context) -> list[Box]:
    pts, kind, element = item.waypoints, item.kind, item.element
    path = "M " + " L ".join(f"{fmt(x)} {fmt(y)}" for x, y in pts)
    if kind == "messageFlow":
        el(g, "path", d=path, fill="none", stroke=pal.stroke, stroke_width=pal.width(1.2),
           stroke_dasharray="8,5", stroke_linejoin="round")
        start_circle(g, pts, pal)
        arrowhead(g, pts, pal, filled=False)
        if item.di.get("messageVisibleKind"):
            (mx, my), _ = midpoint(pts)
            markers.envelope(g, mx - 10, my - 7, 20, 14, pal,
                             filled=item.di.get("messageVisibleKind") == "non_initiating")
    elif kind == "association" or kind in DATA_ASSOCIATIONS:
        el(g, "path", d=path, fill="none", stroke=pal.stroke, stroke_width=pal.width(1.2),
           stroke_dasharray="2,4", stroke_linecap="round", stroke_linejoin="round")
        way = element.get("associationDirection", "None") if kind == "association" else "One"
        if way in ("One", "Both"):
            open_arrow(g, pts, pal)
        if way == "Both":
            open_arrow(g, pts[::-1], pal)
    else:
        el(g, "path", d=path, fill="none", stroke=pal.stroke, stroke_width=pal.width(1.5), stroke_linejoin="round")
        if kind == "sequenceFlow":
            sequence_flow_start(g, item, pal, ctx)
            arrowhead(g, pts, pal, filled=True)
    if not item.name:
        return []
    if item.label is not None:
        return [labels.external(g, item.name, Box(0, 0, 0, 0), item.label, pal, item.text_size)]
    at, vertical = midpoint(pts)
    return [labels.beside_line(g, item.name, at, vertical, pal, item.text_size)]


def sequence_flow_start(g, item: Item, pal: Palette, ctx: Context) -> None:
    """A slash for the default flow; a hollow diamond for a conditional flow leaving an activity."""
    segment = first_segment(item.waypoints)
    if segment is None:
        return
    start = segment[0]
    u, n = direction(*segment)
    source = ctx.element(item.element.get("sourceRef"))
    if source is not None and source.get("default") == item.id:
        a, b = along(start, u, n, 6, -6), along(start, u, n, 14, 6)
        el(g, "path", d=d("M", *a, "L", *b), stroke=pal.stroke, stroke_width=pal.width(1.5), fill="none")
    elif source is not None and local(source.tag) in ACTIVITIES and any(
            local(c.tag) == "conditionExpression" for c in item.element):
        diamond = [start, along(start, u, n, 8, 5), along(start, u, n, 16), along(start, u, n, 8, -5)]
        el(g, "path", d=polygon_path(diamond), fill=pal.fill, stroke=pal.stroke, stroke_width=pal.width(1.2))


def arrowhead(g, pts, pal: Palette, filled: bool) -> None:
    segment = last_segment(pts)
    if segment is None:
        return
    u, n = direction(*segment)
    tip = segment[1]
    head = [tip, along(tip, u, n, -11, 4), along(tip, u, n, -11, -4)]
    el(g, "path", d=polygon_path(head), fill=pal.stroke if filled else pal.fill, stroke=pal.stroke,
       stroke_width=pal.width(1), stroke_linejoin="round")


def open_arrow(g, pts, pal: Palette) -> None:
    segment = last_segment(pts)
    if segment is None:
        return
    u, n = direction(*segment)
    tip = segment[1]
    el(g, "path", d=d("M", *along(tip, u, n, -10, 5), "L", *tip, "L", *along(tip, u, n, -10, -5)),
       fill="none", stroke=pal.stroke, stroke_width=pal.width(1.2))


def start_circle(g, pts, pal: Palette) -> None:
    segment = first_segment(pts)
    if segment is None:
        return
    u, n = direction(*segment)
    cx, cy = along(segment[0], u, n, 4)
    el(g, "circle", cx=cx, cy=cy, r=4, fill=pal.fill, stroke=pal.stroke, stroke_width=pal.width(1.2))
