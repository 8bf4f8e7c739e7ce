"""Reading a BPMN file's diagram interchange: which diagram to draw, and for each BPMNShape and
BPMNEdge the element it shows, where, and with which modeler-given colours. Nothing here lays
anything out: every coordinate is one the modeler wrote."""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from lxml import etree

from ..diagram_check import BPMN_NS, local, safe_parse
from . import messages
from .geometry import Box, Point, number
from .style import FONT_SIZE

COLOR_NS = "http://www.omg.org/spec/BPMN/non-normative/color/1.0"
BIOC_NS = "http://bpmn.io/schema/bpmn/biocolor/1.0"
# Only plain hex colours are copied into the SVG: any other value (url(...), expressions) could
# reference something outside the document.
HEX_COLOR = re.compile(r"^#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})$")


class DiagramRenderError(Exception):
    """The file cannot be drawn; the message says why, in Vietnamese."""


@dataclass
class Item:
    """One BPMNShape or BPMNEdge, resolved to the element it shows."""
    di: etree._Element
    element: etree._Element
    id: str
    kind: str
    bounds: Box | None = None
    waypoints: list[Point] = field(default_factory=list)
    label: Box | None = None
    font_size: float | None = None
    fill: str | None = None
    stroke: str | None = None
    text_color: str | None = None

    def flag(self, name: str) -> bool | None:
        """A boolean DI attribute (isExpanded, isHorizontal, isMarkerVisible), None when absent."""
        value = self.di.get(name)
        return None if value is None else value.strip().lower() == "true"

    @property
    def name(self) -> str:
        return clean_text(self.element.get("name"))

    @property
    def text_size(self) -> float:
        return self.font_size or FONT_SIZE


@dataclass
class Diagram:
    name: str
    shapes: list[Item]
    edges: list[Item]
    ids: dict[str, etree._Element]


def clean_text(text: str | None) -> str:
    """User text as it will be shown: NFC (Vietnamese typed on some systems arrives decomposed)."""
    return unicodedata.normalize("NFC", text or "").strip()


def parse(xml: bytes) -> etree._Element:
    try:
        tree = safe_parse(xml)
    except (etree.XMLSyntaxError, ValueError) as exc:
        raise DiagramRenderError(messages.ERRORS["xml"].format(detail=exc)) from None
    # safe_parse expands no entity, but a diagram has no reason to declare any: refuse outright.
    if tree.docinfo.doctype or tree.docinfo.internalDTD is not None:
        raise DiagramRenderError(messages.ERRORS["doctype"])
    root = tree.getroot()
    if root.tag != f"{{{BPMN_NS}}}definitions":
        raise DiagramRenderError(messages.ERRORS["not_bpmn"])
    return root


def load(xml: bytes, process_id: str | None) -> Diagram:
    root = parse(xml)
    ids: dict[str, etree._Element] = {}
    for node in root.iter(f"{{{BPMN_NS}}}*"):
        if node.get("id"):
            ids.setdefault(node.get("id"), node)
    diagram = choose_diagram(root, ids, process_id)
    fonts = label_fonts(diagram)
    shapes, edges, seen = [], [], set()
    for di in diagram.iter():
        kind = local(di.tag)
        if kind not in ("BPMNShape", "BPMNEdge"):
            continue
        item = resolve(di, ids, fonts)
        if item is None or item.id in seen:  # dangling or repeated reference: nothing to draw
            continue
        seen.add(item.id)
        if kind == "BPMNShape" and item.bounds is not None:
            shapes.append(item)
        elif kind == "BPMNEdge" and len(item.waypoints) >= 2:
            edges.append(item)
    return Diagram(clean_text(diagram.get("name")), shapes, edges, ids)


def choose_diagram(root, ids, process_id: str | None):
    diagrams = [n for n in root if local(n.tag) == "BPMNDiagram"]
    if not diagrams:
        raise DiagramRenderError(messages.ERRORS["no_diagram"])
    if process_id is None:
        return diagrams[0]
    for diagram in diagrams:
        plane = next((n for n in diagram if local(n.tag) == "BPMNPlane"), None)
        shown = ids.get(plane.get("bpmnElement", "")) if plane is not None else None
        if shown is None:
            continue
        if shown.get("id") == process_id:
            return diagram
        if local(shown.tag) == "collaboration" and any(
                local(p.tag) == "participant" and p.get("processRef") == process_id for p in shown):
            return diagram
    raise DiagramRenderError(messages.ERRORS["no_diagram_for_process"].format(process=process_id))


def label_fonts(diagram) -> dict[str, float]:
    """BPMNLabelStyle id -> font size, kept within what stays legible."""
    sizes = {}
    for style in diagram:
        if local(style.tag) != "BPMNLabelStyle":
            continue
        font = next((n for n in style if local(n.tag) == "Font"), None)
        size = number(font.get("size")) if font is not None else None
        if style.get("id") and size:
            sizes[style.get("id")] = min(max(size, 6.0), 24.0)
    return sizes


def resolve(di, ids, fonts) -> Item | None:
    ref = di.get("bpmnElement") or ""
    element = ids.get(ref)
    if element is None and ":" in ref:  # a QName some tools write: prefix:id
        element = ids.get(ref.split(":", 1)[1])
    if element is None:
        return None
    item = Item(di, element, element.get("id"), local(element.tag))
    item.fill = color(di, "background-color", "fill")
    item.stroke = color(di, "border-color", "stroke")
    for child in di:
        name = local(child.tag)
        if name == "Bounds":
            item.bounds = box(child)
        elif name == "waypoint":
            x, y = number(child.get("x")), number(child.get("y"))
            if x is not None and y is not None:
                item.waypoints.append((x, y))
        elif name == "BPMNLabel":
            bounds = next((b for b in child if local(b.tag) == "Bounds"), None)
            item.label = box(bounds) if bounds is not None else None
            item.font_size = fonts.get(child.get("labelStyle", ""))
            item.text_color = color(child, "color", None)
    return item


def box(node) -> Box | None:
    x, y, w, h = (number(node.get(a)) for a in ("x", "y", "width", "height"))
    if None in (x, y, w, h) or w < 0 or h < 0:
        return None
    return Box(x, y, w, h)


def color(node, omg_name: str, bioc_name: str | None) -> str | None:
    value = node.get(f"{{{COLOR_NS}}}{omg_name}")
    if value is None and bioc_name:
        value = node.get(f"{{{BIOC_NS}}}{bioc_name}")
    return value if value and HEX_COLOR.match(value) else None
