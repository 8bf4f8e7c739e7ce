"""Administrators' view of the procedures in use: each diagram, the version new dossiers start on,
the versions running dossiers are still on, the catalogue entries using it, and what the last
load of the analysts' files left out; one diagram drawn as the version chosen."""
from __future__ import annotations

from flask import abort, render_template, request
from markupsafe import Markup

from engine.diagram_svg import DiagramRenderError, render_svg
from engine.runtime import UnknownProcess

from ..web.session import login_required
from ..workflow import versions
from ..workflow.service import workflow
from .blueprint import workspace
from .messages import PROCEDURES


@workspace.get("/quy-trinh")
@login_required("admin")
def procedures_page():
    return render_template("workspace/procedures.html", summaries=versions.summaries(),
                           problems=versions.problems(), messages=PROCEDURES)


@workspace.get("/quy-trinh/<process_id>")
@login_required("admin")
def procedure_page(process_id: str):
    found = versions.summaries(only=process_id)
    if not found:
        abort(404)
    summary = found[0]
    chosen = request.args.get("phien_ban") or next((v.version for v in summary.versions if v.current), None)
    if chosen not in {v.version for v in summary.versions}:
        abort(404)
    steps = versions.waiting_at(process_id, chosen)
    try:
        version = workflow().engine.version(process_id, chosen)
        drawing = Markup(render_svg(version.xml, process_id, {node: "current" for node, _, _ in steps},
                                    title=PROCEDURES["diagram_title"].format(name=version.name, version=chosen[:10])))
    except (UnknownProcess, DiagramRenderError):
        drawing = None  # the Markup above is lxml's output: every text in it is escaped
    return render_template("workspace/procedure.html", summary=summary, chosen=chosen, svg=drawing,
                           steps=steps, messages=PROCEDURES)
