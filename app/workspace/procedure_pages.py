"""Administrators' view of the procedures in use: each diagram, the version new dossiers start on,
the versions running dossiers are still on, the catalogue entries using it, and what the last
load of the analysts' files left out; one diagram drawn as the version chosen."""
from __future__ import annotations

from flask import abort, flash, g, redirect, render_template, request, url_for
from markupsafe import Markup

from engine.diagram_svg import DiagramRenderError, render_svg
from engine.runtime import UnknownProcess
from engine.statuses import LABELS as STATUS_LABELS

from ..clock import now
from ..web.session import login_required
from ..workflow import migration, versions
from ..workflow.messages import MOVE
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
    current = next((v.version for v in summary.versions if v.current), None)
    return render_template("workspace/procedure.html", summary=summary, chosen=chosen, svg=drawing,
                           steps=steps, messages=PROCEDURES, move_messages=MOVE, current=current)


def _chosen_version(process_id: str) -> tuple[versions.ProcessSummary, str]:
    """The procedure's summary and the version chosen (`phien_ban`): one listed on its page, or
    one dossiers ran on (all of whose dossiers may have moved since); else 404."""
    found = versions.summaries(only=process_id)
    chosen = request.values.get("phien_ban", "")
    if not found or not (chosen in {v.version for v in found[0].versions} or versions.recorded(process_id, chosen)):
        abort(404)
    return found[0], chosen


@workspace.get("/quy-trinh/<process_id>/chuyen-phien-ban")
@login_required("admin")
def move_preview(process_id: str):
    """Which dossiers of an older version can move to the current one, and why not the others."""
    summary, version = _chosen_version(process_id)
    current = migration.current_version(process_id)
    notice, entries = None, []
    if current is None:
        notice = MOVE["no_current"]
    elif current.version == version:
        notice = MOVE["is_current"].format(version=version[:10])
    else:
        entries = migration.preview(process_id, version, now())
        if not entries:
            notice = MOVE["none_running"].format(version=version[:10])
    return render_template("workspace/procedure_move.html", summary=summary, version=version,
                           current=current.version if current else None, entries=entries, notice=notice,
                           movable=sum(e.movable for e in entries), statuses=STATUS_LABELS,
                           messages=MOVE, procedure_messages=PROCEDURES)


@workspace.post("/quy-trinh/<process_id>/chuyen-phien-ban")
@login_required("admin")
def move_confirm(process_id: str):
    """Move the dossiers that can, each in its own transaction; back to the list, which shows
    what stays and why."""
    _, version = _chosen_version(process_id)
    back = redirect(url_for("workspace.move_preview", process_id=process_id, phien_ban=version), 303)
    current = migration.current_version(process_id)
    if current is None or current.version == version:
        return back
    if request.form.get("den_phien_ban") != current.version:  # saved again since the preview
        flash(MOVE["current_changed"].format(current=current.version[:10]), "error")
        return back
    done = migration.move_all(process_id, version, current.version, g.user, now())
    moved = sum(d.moved for d in done)
    flash(MOVE["moved"].format(moved=moved, current=current.version[:10]))
    if moved < len(done):
        flash(MOVE["left"].format(count=len(done) - moved, version=version[:10]), "error")
    return back
