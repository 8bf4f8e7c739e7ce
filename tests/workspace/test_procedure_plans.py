"""The administrator's procedures pages count the running dossiers of each diagram version
from the partial index of unfinished dossiers, not by reading a province's years of finished
ones."""
from __future__ import annotations

import uuid
from datetime import timedelta

import pytest
from sqlalchemy import func, insert, select, text

from tests.conftest import vn
from tests.plans import query_plan

AT = vn(2026, 11, 23, 9, 0)


def _years_of_dossiers(db) -> None:
    from app.catalogue.models import Procedure
    from app.dossiers.models import Dossier
    from app.users.models import User
    owner = db.session.execute(select(User.id).where(User.role == "citizen")).scalars().first()
    procedures = db.session.execute(select(Procedure.id, Procedure.agency_id, Procedure.bpmn_process_id)).all()
    rows = []
    for n in range(1, 6001):
        procedure_id, agency_id, process_id = procedures[n % len(procedures)]
        at = AT - timedelta(hours=n)
        rows.append({
            "owner_id": owner, "procedure_id": procedure_id, "agency_id": agency_id, "applicant_name": f"Trần Văn {n}",
            "channel": "online", "status": 4 if n % 20 == 0 else 10, "late": False, "submitted_at": at,
            "counts_from": at, "form_data": {}, "submission_key": uuid.uuid4().hex, "process_id": process_id,
            "process_version": f"v{n % 3}", "workflow_state": "{}", "waiting_messages": [], "version": 1,
            "created_at": at, "updated_at": at, "supplement_count": 0,
            "finished_at": None if n % 20 == 0 else at + timedelta(days=5)})
    db.session.execute(insert(Dossier.__table__), rows)
    _their_tasks(db, procedures)
    db.session.execute(text("ANALYZE dossiers"))
    db.session.execute(text("ANALYZE open_tasks"))


def _their_tasks(db, procedures) -> None:
    """Three closed steps behind every dossier and one open step for each running one: the task
    table as a year of work leaves it."""
    from app.dossiers.models import Dossier, OpenTask
    rows = []
    for dossier_id, procedure_id, agency_id, finished_at, at in db.session.execute(
            select(Dossier.id, Dossier.procedure_id, Dossier.agency_id, Dossier.finished_at, Dossier.submitted_at)):
        for step in range(3 if finished_at else 4):
            closed = None if finished_at is None and step == 3 else at + timedelta(hours=step + 1)
            rows.append({"id": str(uuid.uuid4()), "dossier_id": dossier_id, "procedure_id": procedure_id,
                         "node_id": f"Task_{step}", "name": f"Bước {step}", "role": "specialist",
                         "agency_id": agency_id, "form": None, "ui_form": None, "status": 4,
                         "due_at": at + timedelta(days=2), "opened_at": at + timedelta(hours=step),
                         "claimed_by_id": None, "claimed_at": None, "closed_at": closed, "closed_by_id": None})
    db.session.execute(insert(OpenTask.__table__), rows)


@pytest.mark.parametrize("only", [None, "cap_phieu_ly_lich_tu_phap"])
def test_running_dossiers_are_counted_from_their_partial_index(clean_app, only):
    from app.db import db
    from app.dossiers.models import Dossier
    from app.workflow.versions import running_statement
    with clean_app.app_context():
        _years_of_dossiers(db)
        plan = query_plan(db, running_statement(only))
        assert "ix_dossiers_running_version" in plan, plan
        assert "Seq Scan on dossiers" not in plan, plan
        assert not any(line.startswith("SCAN dossiers") and "INDEX" not in line for line in plan.splitlines()), plan
        counts = {(p, v): n for p, v, n in db.session.execute(running_statement(only))}
        running = select(func.count()).select_from(Dossier).where(Dossier.finished_at.is_(None))
        if only is not None:
            running = running.where(Dossier.process_id == only)
        assert sum(counts.values()) == db.session.execute(running).scalar() > 0
        db.session.rollback()
        db.session.remove()


def test_open_steps_of_a_version_never_read_finished_dossiers(clean_app):
    """The diagram page's "waiting here" counts read the running dossiers (the partial index) or the
    open tasks, whichever the planner prefers, never every dossier of the process."""
    from app.db import db
    from app.dossiers.models import Dossier
    from app.workflow.versions import waiting_at, waiting_statement
    with clean_app.app_context():
        _years_of_dossiers(db)
        plan = query_plan(db, waiting_statement("cap_phieu_ly_lich_tu_phap", "v1"))
        assert "Seq Scan on dossiers" not in plan, plan
        assert not any(line.startswith("SCAN dossiers") and "INDEX" not in line for line in plan.splitlines()), plan
        running = db.session.execute(select(func.count()).select_from(Dossier).where(
            Dossier.process_id == "cap_phieu_ly_lich_tu_phap", Dossier.process_version == "v1",
            Dossier.finished_at.is_(None))).scalar()
        assert running > 0
        assert waiting_at("cap_phieu_ly_lich_tu_phap", "v1") == [("Task_3", "Bước 3", running)]
        db.session.rollback()
        db.session.remove()
