"""What runs where: each procedure diagram with the version new dossiers start on, the versions
dossiers still run on and how many, and the catalogue entries that use it; for administrators
and analysts checking that a change went live (ANALYST.md QT-26)."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import func, select

from ..catalogue.models import Procedure
from ..db import db
from ..dossiers.models import Dossier, OpenTask
from .models import ProcessVersionRecord
from .service import workflow


@dataclass
class VersionUse:
    version: str
    running: int  # dossiers not finished on it
    first_used: datetime | None  # when a dossier first started on it (None: not yet)
    current: bool  # the version new dossiers start on


@dataclass
class ProcessSummary:
    process_id: str
    name: str
    file_name: str | None  # None: the diagram is no longer in the bpmn folder
    procedures: list[Procedure] = field(default_factory=list)
    versions: list[VersionUse] = field(default_factory=list)
    # Why its file does not load, when it does not: the process then runs the version it ran
    # before (the one marked current), or none when there is none to run.
    load_problems: list[str] = field(default_factory=list)

    @property
    def running(self) -> int:
        return sum(v.running for v in self.versions)


def recorded(process_id: str, version: str) -> bool:
    """Whether dossiers have started on this version (its XML is kept)."""
    return db.session.get(ProcessVersionRecord, (process_id, version)) is not None


def problems() -> list[str]:
    """What the last load left out: diagrams that do not load, catalogue entries refused."""
    current = workflow()
    return [str(p) for p in current.problems] + list(current.catalogue_problems)


def running_statement(only: str | None = None):
    """(process, version, unfinished dossiers): one range of ix_dossiers_running_version."""
    running = select(Dossier.process_id, Dossier.process_version, func.count()).where(Dossier.finished_at.is_(None))
    if only is not None:
        running = running.where(Dossier.process_id == only)
    return running.group_by(Dossier.process_id, Dossier.process_version)


def summaries(only: str | None = None) -> list[ProcessSummary]:
    """Every loaded diagram, and every one that dossiers still run on though its file is gone;
    `only`: just that process."""
    wf = workflow()
    registry = wf.registry
    latest = [v for v in registry.all_latest() if only in (None, v.process_id)]
    found = {v.process_id: ProcessSummary(v.process_id, v.name, v.file_name) for v in latest}
    records = select(ProcessVersionRecord.process_id, ProcessVersionRecord.version, ProcessVersionRecord.created_at)
    if only is not None:
        records = records.where(ProcessVersionRecord.process_id == only)
    counts = {(p, v): n for p, v, n in db.session.execute(running_statement(only))}
    first_used = {(p, v): at for p, v, at in db.session.execute(records)}
    for process_id, version in sorted(set(counts) | {(v.process_id, v.version) for v in latest}):
        summary = found.setdefault(process_id, ProcessSummary(process_id, process_id, None))
        latest = registry.latest(process_id)
        summary.versions.append(VersionUse(version, counts.get((process_id, version), 0),
                                           first_used.get((process_id, version)),
                                           latest is not None and latest.version == version))
    procedures = select(Procedure).order_by(Procedure.code)
    if only is not None:
        procedures = procedures.where(Procedure.bpmn_process_id == only)
    for procedure in db.session.execute(procedures).scalars():
        if procedure.bpmn_process_id in found:
            found[procedure.bpmn_process_id].procedures.append(procedure)
    for summary in found.values():
        # A file that does not load is still there: say why, not that it is gone.
        summary.file_name = summary.file_name or registry.unloaded.get(summary.process_id)
        summary.load_problems = [str(p) for p in wf.problems if p.file == summary.file_name]
    for summary in found.values():  # the current version first, then the newest used
        summary.versions.sort(key=lambda v: (not v.current, -(v.first_used.timestamp() if v.first_used else 0)))
    return sorted(found.values(), key=lambda s: s.name)


def waiting_statement(process_id: str, version: str):
    """(element id, step name, open tasks) on a version: the running dossiers come from
    ix_dossiers_running_version (a finished dossier has no open task), so the province's
    finished years are never read."""
    return (select(OpenTask.node_id, OpenTask.name, func.count())
            .join(Dossier, Dossier.id == OpenTask.dossier_id)
            .where(Dossier.process_id == process_id, Dossier.process_version == version,
                   Dossier.finished_at.is_(None), OpenTask.closed_at.is_(None))
            .group_by(OpenTask.node_id, OpenTask.name))


def waiting_at(process_id: str, version: str) -> list[tuple[str, str, int]]:
    """(element id, step name, open tasks) of the dossiers running on a version, busiest first."""
    rows = db.session.execute(waiting_statement(process_id, version)).all()
    return sorted(((node, name, n) for node, name, n in rows), key=lambda r: (-r[2], r[1]))
