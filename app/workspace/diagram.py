"""A dossier's position drawn on its procedure's own diagram (the version it runs on): steps done
in green, where it is now in blue inside a ring, and lateness marked by dashes, never by colour
alone: a step finished late keeps its done colours with a red dashed outline, and the step open
past its due is drawn red inside a red dashed ring. Each marked step's <title> says its state."""
from __future__ import annotations

from functools import lru_cache

from lxml import etree
from markupsafe import Markup

from engine.diagram_svg import DiagramRenderError, render_svg
from engine.diagram_svg.model import load
from engine.diagram_svg.style import STATES

from ..workflow.service import workflow
from .messages import DIAGRAM_STATES

CONTAINERS = ("subProcess", "transaction", "adHocSubProcess")  # drawn around steps, not a step
EVENTS = ("startEvent", "endEvent", "intermediateCatchEvent", "intermediateThrowEvent", "boundaryEvent")
SVG = "http://www.w3.org/2000/svg"
LATE = STATES["late"].stroke  # 6.5:1 on the white page, 5.7:1 on the done fill (AA for graphics: 3:1)
DASH = "6,3"
RING = 5.0  # how far the ring around the current step stands off its shape
# What the renderer draws each mark as (one of its three palettes); the late outline and the
# ring around the current step are added on top.
DRAWN = {"done": "done", "done_late": "done", "current": "current", "current_late": "late"}
ORDER = ("done", "done_late", "current", "current_late")


def _legend(state: str) -> dict:
    palette = STATES[DRAWN[state]]
    late, current = state.endswith("_late"), state.startswith("current")
    return {"state": state, "label": DIAGRAM_STATES[state], "fill": palette.fill,
            "stroke": LATE if state == "done_late" else palette.stroke,
            "dash": DASH if state == "done_late" else None,
            "ring": (LATE if late else palette.stroke) if current else None,
            "ring_dash": DASH if current and late else None}


# The legend under the diagram: each kind with the same colours, dashes and ring.
LEGEND = [_legend(state) for state in ORDER]


def marks(version, trail, handoffs) -> dict[str, str]:
    """Diagram element id -> done, done_late, current or current_late (the flows it went along:
    done). A step open again after a loop is where the dossier is, whatever it was before."""
    def step(node: str) -> bool:  # a sub-process frames steps; colouring it would hide them
        info = version.node(node)
        return not (info and info.kind in CONTAINERS)

    late_done = {row.node_id for row in handoffs if row.verdict == "late"}
    late_open = {row.node_id for row in handoffs if row.verdict == "open_late"}
    found = {node: "done_late" if node in late_done else "done" for node in trail.completed if step(node)}
    found.update({node: "current_late" if node in late_open else "current" for node in trail.active if step(node)})
    found.update({node: "done_late" for node in late_done if step(node) and node not in found})
    found.update({node: "current_late" for node in late_open if step(node)})
    found.update(dict.fromkeys(trail.taken, "done"))  # the flows it went along, not every pair of done ends
    return found


def svg(dossier, handoffs) -> Markup | None:
    """The inline SVG, or None when the diagram cannot be drawn (no diagram interchange)."""
    engine = workflow().engine
    version = engine.version(dossier.process_id, dossier.process_version)
    trail = engine.trail(dossier.process_id, dossier.process_version, dossier.workflow_state)
    drawing = _drawing(version.process_id, version.version, tuple(sorted(marks(version, trail, handoffs).items())))
    return None if drawing is None else Markup(drawing)  # every text escaped by lxml (engine/diagram_svg)


@lru_cache(maxsize=256)
def _drawing(process_id: str, version_id: str, found: tuple[tuple[str, str], ...]) -> str | None:
    """Drawn once per version and set of marks: dossiers at the same step with the same history
    share it, and drawing costs most of the dossier page. A version is its content's hash, so the
    key never goes stale."""
    version, marked = workflow().engine.version(process_id, version_id), dict(found)
    try:
        drawing = render_svg(version.xml, version.process_id, {k: DRAWN[v] for k, v in marked.items()},
                             title=f"Sơ đồ quy trình «{version.name}»: vị trí hiện tại của hồ sơ")
        bounds = {item.id: item for item in load(version.xml, version.process_id).shapes}
    except DiagramRenderError:
        return None
    return _marked(drawing, marked, bounds)


def _marked(drawing: str, found: dict[str, str], shapes: dict) -> str:
    """The drawing with each mark's state class and title, the late outline and the ring."""
    root = etree.fromstring(drawing.encode(), etree.XMLParser(resolve_entities=False, no_network=True))
    for group in root.iter(f"{{{SVG}}}g"):
        node = group.get("data-element-id") or ""
        state, item = found.get(node), shapes.get(node)
        if state is None or item is None:  # a flow keeps the renderer's "done"
            continue
        drawn = f"state-{DRAWN[state]}"
        group.set("class", " ".join(f"state-{state.replace('_', '-')}" if c == drawn else c
                                    for c in group.get("class", "").split()))
        title = group.find(f"{{{SVG}}}title")
        if title is not None:
            title.text = (f"{item.name}: " if item.name else "") + DIAGRAM_STATES[state]
        if state == "done_late":
            outline = next((child for child in group if child.get("stroke") and child.tag != f"{{{SVG}}}title"), None)
            if outline is not None:
                outline.set("stroke", LATE)
                outline.set("stroke-dasharray", DASH)
        if state.startswith("current"):
            _ring(group, item, state == "current_late")
    return etree.tostring(root, encoding="unicode")


def _ring(group, item, late: bool) -> None:
    """A ring around the step the dossier is at: solid, or dashed when it is past its due."""
    box = item.bounds
    colour = LATE if late else STATES["current"].stroke
    attrs = {"fill": "none", "stroke": colour, "stroke-width": "2", "class": "current-ring"}
    if late:
        attrs["stroke-dasharray"] = DASH
    if item.kind in EVENTS:
        tag, place = "circle", {"cx": box.x + box.w / 2, "cy": box.y + box.h / 2, "r": min(box.w, box.h) / 2 + RING}
    else:
        tag, place = "rect", {"x": box.x - RING, "y": box.y - RING, "width": box.w + 2 * RING,
                              "height": box.h + 2 * RING, "rx": 10 + RING}
    ring = etree.SubElement(group, f"{{{SVG}}}{tag}")
    for name, value in {**{k: _n(v) for k, v in place.items()}, **attrs}.items():
        ring.set(name, value)


def _n(value: float) -> str:
    return f"{round(value, 2):g}"
