"""A dossier's position drawn on its procedure's own diagram (the version it runs on): steps
done in green, where it is now in blue, steps finished or still open past their due in red."""
from __future__ import annotations

from markupsafe import Markup

from engine.diagram_svg import DiagramRenderError, render_svg
from engine.diagram_svg.messages import STATES as STATE_LABELS
from engine.diagram_svg.style import STATES

from ..workflow.service import workflow

LATE_VERDICTS = ("late", "open_late")
CONTAINERS = ("subProcess", "transaction", "adHocSubProcess")  # drawn around steps, not a step
LEGEND = [(state, STATE_LABELS[state], STATES[state].stroke, STATES[state].fill) for state in ("done", "current", "late")]


def marks(version, trail, handoffs) -> dict[str, str]:
    def step(node: str) -> bool:  # a sub-process frames steps; colouring it would hide them
        info = version.node(node)
        return not (info and info.kind in CONTAINERS)

    found = {node: "done" for node in trail.completed if step(node)}
    found.update({node: "current" for node in trail.active if step(node)})
    found.update({row.node_id: "late" for row in handoffs if row.verdict in LATE_VERDICTS})
    found.update(dict.fromkeys(trail.taken, "done"))  # the flows it went along, not every pair of done ends
    return found


def svg(dossier, handoffs) -> Markup | None:
    """The inline SVG, or None when the diagram cannot be drawn (no diagram interchange)."""
    engine = workflow().engine
    version = engine.version(dossier.process_id, dossier.process_version)
    trail = engine.trail(dossier.process_id, dossier.process_version, dossier.workflow_state)
    try:
        drawing = render_svg(version.xml, dossier.process_id, marks(version, trail, handoffs),
                             title=f"Sơ đồ quy trình «{version.name}»: vị trí hiện tại của hồ sơ")
    except DiagramRenderError:
        return None
    return Markup(drawing)  # built by lxml from the diagram, every text escaped (engine/diagram_svg)
