"""A BPMN diagram as a standalone, inline-safe SVG, drawn from its diagram interchange (the
coordinates the modeler wrote), for the officers' dossier page.

The output has no script, no external or internal reference to resolve (arrowheads are paths,
colours are presentation attributes, not CSS), and every string from the file is text that lxml
escapes: it is safe inline under a strict CSP even for a diagram an administrator uploaded.
"""
from __future__ import annotations

import hashlib

from lxml import etree

from . import edges, messages, shapes
from .geometry import Extent, fmt
from .model import DiagramRenderError, Item, load
from .style import FONT_FAMILY, FONT_SIZE, palette_for
from .svg import SVG_NS, el

__all__ = ["render_svg", "DiagramRenderError"]

MARGIN = 20.0
# Drawing order, back to front: what contains other things first, then the flows, then the nodes
# (so their labels sit over any flow that crosses them), boundary events over their activity,
# groups (outlines only) last.
LAYERS = {"participant": 0, "lane": 1, "boundaryEvent": 5, "group": 6}
EXPANDED_LAYER, EDGE_LAYER, NODE_LAYER = 2, 3, 4


def render_svg(xml: bytes, process_id: str | None = None, marks: dict[str, str] | None = None,
               title: str | None = None) -> str:
    """The diagram as a standalone SVG document (text). `marks` maps a BPMN element id (flow node
    or sequence flow) to one of "done", "current", "late"; those elements get the class
    `state-done` / `state-current` / `state-late` and distinct fill+stroke colours (done: green,
    current: blue, late: red) drawn inline (no external CSS needed), plus a <title> child saying
    the state in Vietnamese for screen readers. `process_id`: which BPMNDiagram to draw when a
    file has several (the one whose plane shows that process or the collaboration containing it);
    default the first. `title`: the SVG's accessible name (role="img", aria-labelledby a <title>).
    Raises DiagramRenderError (Vietnamese message) for a file that is not BPMN XML or has no
    diagram interchange."""
    if isinstance(xml, str):
        xml = xml.encode("utf-8")
    diagram = load(xml, process_id)
    marks = {k: v for k, v in (marks or {}).items() if v in messages.STATES}
    # Unique enough for two diagrams on one page, and the same for the same input.
    title_id = "bpmn-title-" + hashlib.sha256(xml + (process_id or "").encode()).hexdigest()[:12]
    root = etree.Element(f"{{{SVG_NS}}}svg", nsmap={None: SVG_NS})
    root.set("role", "img")
    root.set("aria-labelledby", title_id)
    root.set("class", "bpmn-diagram")
    root.set("font-family", FONT_FAMILY)
    root.set("font-size", fmt(FONT_SIZE))
    el(root, "title", id=title_id).text = title or diagram.name or process_name(diagram) or messages.DEFAULT_TITLE

    ctx = shapes.Context(diagram, {item.id for item in diagram.shapes})
    extent = Extent()
    keys = {id(item): (layer(item, ctx), depth(item), i) for i, item in enumerate(diagram.shapes)}
    keys.update({id(item): (EDGE_LAYER, 0, i) for i, item in enumerate(diagram.edges)})
    for item in sorted(diagram.shapes + diagram.edges, key=lambda item: keys[id(item)]):
        state = marks.get(item.id)
        g = el(root, "g", {"data-element-id": item.id},
               **{"class": f"bpmn-{item.kind}" + (f" state-{state}" if state else "")})
        if state:
            el(g, "title").text = (f"{item.name}: " if item.name else "") + messages.STATES[state]
        pal = palette_for(item, state)
        if item.bounds is not None:
            extent.add_box(item.bounds)
            drawn = shapes.draw(g, item, pal, ctx)
        else:
            for x, y in item.waypoints:
                extent.add_point(x, y)
            drawn = edges.draw(g, item, pal, ctx)
        for box in drawn:
            if box.w or box.h:
                extent.add_box(box)
        if item.label is not None:
            extent.add_box(item.label)
    view = extent.view_box(MARGIN)
    root.set("viewBox", f"{fmt(view.x)} {fmt(view.y)} {fmt(view.w)} {fmt(view.h)}")
    root.set("width", "100%")
    return etree.tostring(root, encoding="unicode")


def layer(item: Item, ctx: shapes.Context) -> int:
    if item.kind in LAYERS:
        return LAYERS[item.kind]
    if item.kind in shapes.ACTIVITIES and shapes.expanded(item, ctx):
        return EXPANDED_LAYER
    return NODE_LAYER


def depth(item: Item) -> int:
    """How deep the element sits in the model: a nested sub-process is drawn over its parent."""
    return sum(1 for _ in item.element.iterancestors())


def process_name(diagram) -> str:
    pools = [item.name for item in diagram.shapes if item.kind == "participant" and item.name]
    return pools[0] if len(pools) == 1 else ""
