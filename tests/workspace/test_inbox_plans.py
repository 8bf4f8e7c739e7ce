"""The inbox reads the task projection through its partial indexes, never by scanning every task
row a year of dossiers leaves behind; its page costs the same statements for one task or many,
and the dossier page a bounded number (ARCHITECTURE.md §2). Figures: docs/PERFORMANCE.md."""
from __future__ import annotations

import random
import re
import uuid
from datetime import timedelta

import pytest
from sqlalchemy import insert, select, text

from tests.api.test_lifecycle import BAN_SAO, BAN_SAO_FORM
from tests.api.test_statements import counted
from tests.conftest import vn
from tests.plans import query_plan
from tests.workspace.helpers import as_officer, html, processed, submit_lltp

AT = vn(2026, 11, 26, 10, 0)
# (officer, tab, filters) as the inbox page builds them; "procedure" and "agency" are filled in.
CASES = {
    "mine": ("chuyenvien", "cua-toi", {}),
    "to-claim": ("chuyenvien", "cho-nhan", {}),
    "group": ("chuyenvien", "nhom", {}),
    "procedure": ("motcua", "nhom", {"procedure_id": "procedure"}),
    "status": ("motcua", "nhom", {"status": 1}),
    "overdue": ("motcua", "nhom", {"due": "qua-han"}),
    "due-today": ("motcua", "cho-nhan", {"due": "hom-nay"}),
    "no-due": ("lanhdao", "nhom", {"due": "khong-han"}),
    "code": ("chuyenvien", "nhom", {"q": "000.00.12.H99-2611"}),
    "name": ("motcua", "nhom", {"q": "Nguyễn Thị"}),
    "mine-overdue": ("motcua", "cua-toi", {"due": "qua-han", "status": 1}),
    "admin": ("admin", "nhom", {}),
    "admin-to-claim": ("admin", "cho-nhan", {"due": "qua-han"}),
    "admin-agency-role": ("admin", "nhom", {"agency_id": "agency", "role": "specialist"}),
    "leader-one-officer": ("lanhdao", "nhom", {"claimer_id": "officer", "due": "qua-han"}),
    "api-available": ("chuyenvien", "co-the-nhan", {"due": "qua-han"}),
}
ROLES = ("one_stop", "specialist", "leader")


def _statements(user, tab: str, values: dict, ids: dict):
    from app.dossiers import inbox
    filters = inbox.Filters(**{k: ids.get(v, v) if isinstance(v, str) else v for k, v in values.items()})
    rows = inbox.rows_statement(user, tab, filters, AT).limit(inbox.PER_PAGE).offset(inbox.PER_PAGE * 3)
    tasks = inbox.tasks_statement(user, tab, filters, AT).limit(inbox.PER_PAGE)
    return {"rows": rows, "tasks": tasks, "count": inbox.count_statement(user, tab, filters, AT)}


def _task_lines(plan: str) -> list[str]:
    return [line for line in plan.splitlines() if re.search(r"\bopen_tasks\b", line)]


def _province(db) -> None:
    """A year of a small province in the task table: most rows closed, the open ones spread over
    roles, agencies, officers and due instants around AT, so PostgreSQL's planner weighs the
    partial indexes as it would in production."""
    from app.agencies.models import Agency
    from app.catalogue.models import Procedure
    from app.dossiers.models import Dossier, OpenTask
    from app.users.models import User
    rng = random.Random(5)
    agencies = db.session.execute(select(Agency.id)).scalars().all()
    procedures = db.session.execute(select(Procedure.id, Procedure.agency_id)).all()
    owner = db.session.execute(select(User.id).where(User.role == "citizen")).scalars().first()
    officers = {}
    for user_id, role, agency_id in db.session.execute(select(User.id, User.role, User.agency_id)):
        officers.setdefault((role, agency_id), []).append(user_id)
    first = db.session.execute(select(db.func.coalesce(db.func.max(Dossier.id), 0))).scalar() + 1
    dossiers, tasks = [], []
    for n in range(first, first + 4000):
        procedure_id, agency_id = rng.choice(procedures)
        submitted = AT - timedelta(days=rng.uniform(0.1, 365))
        is_open = rng.random() < 0.12
        dossiers.append({
            "id": n, "code": f"000.00.12.H99-{submitted:%y%m%d}-{n:04d}", "owner_id": owner,
            "procedure_id": procedure_id, "agency_id": agency_id, "applicant_name": f"Nguyễn Thị {n}",
            "channel": "online", "status": 4 if is_open else 10, "late": False, "submitted_at": submitted,
            "counts_from": submitted, "form_data": {}, "submission_key": uuid.uuid4().hex, "process_id": "x",
            "process_version": "x", "workflow_state": "{}", "waiting_messages": [], "version": 1,
            "created_at": submitted, "updated_at": submitted, "supplement_count": 0})
        for step in range(4 if not is_open else rng.randint(1, 3)):
            opened = submitted + timedelta(hours=8 * step)
            closed = None if is_open and step == 0 else opened + timedelta(hours=rng.uniform(1, 30))
            role = rng.choice(ROLES)
            task_agency = rng.choice(agencies)
            claimer = rng.choice(officers.get((role, task_agency), [None])) if rng.random() < 0.5 else None
            due = AT + timedelta(hours=rng.uniform(-72, 120)) if closed is None else opened + timedelta(hours=16)
            tasks.append({
                "id": str(uuid.uuid4()), "dossier_id": n, "procedure_id": procedure_id, "node_id": "Task_x",
                "name": "Thẩm định hồ sơ", "role": role, "agency_id": task_agency, "form": None, "ui_form": None,
                "status": rng.choice((1, 4, 9)), "due_at": None if rng.random() < 0.2 else due, "opened_at": opened,
                "claimed_by_id": claimer, "claimed_at": opened if claimer else None, "closed_at": closed,
                "closed_by_id": None})
    db.session.execute(insert(Dossier.__table__), dossiers)
    db.session.execute(insert(OpenTask.__table__), tasks)
    db.session.execute(text("ANALYZE open_tasks"))
    db.session.execute(text("ANALYZE dossiers"))


@pytest.mark.parametrize("case", CASES)
def test_the_inbox_reads_the_open_tasks_through_their_indexes(clean_app, case):
    from app.agencies.models import Agency
    from app.catalogue.models import Procedure
    from app.db import db
    from app.users.models import User
    username, tab, values = CASES[case]
    with clean_app.app_context():
        postgres = db.engine.dialect.name == "postgresql"
        if postgres:
            _province(db)
        user = db.session.execute(select(User).where(User.username == username)).scalar_one()
        ids = {"procedure": db.session.execute(select(Procedure.id).where(Procedure.code == BAN_SAO)).scalar(),
               "agency": db.session.execute(select(Agency.id).where(Agency.code == "000.00.12.H99")).scalar(),
               "officer": db.session.execute(select(User.id).where(User.username == "chuyenvien")).scalar()}
        for kind, statement in _statements(user, tab, values, ids).items():
            plan = query_plan(db, statement)
            lines = _task_lines(plan)
            if postgres:
                assert "Seq Scan on open_tasks" not in plan, plan
                assert re.search(r"(Index Only Scan|Index Scan|Bitmap Index Scan) (using|on) ix_open_tasks_",
                                 plan), plan
            else:
                assert any(re.search(r"USING (COVERING )?INDEX ix_open_tasks_", line) for line in lines), plan
                # Every other read of the table is by its key, never a scan of all of it.
                assert all("ix_open_tasks_" in line or "(id=?)" in line for line in lines), plan
        db.session.rollback()
        db.session.remove()


def _claim(app, username: str, count: int) -> None:
    from app.db import db
    from app.dossiers import inbox, work
    from app.users.models import User
    with app.app_context():
        user = db.session.execute(select(User).where(User.username == username)).scalar_one()
        unclaimed = inbox.tasks_statement(user, "cho-nhan", inbox.Filters(), AT)
        for task in db.session.execute(unclaimed.limit(count)).scalars().all():
            work.claim(user, task.id, AT)
        db.session.remove()


@pytest.mark.parametrize("username, path", [("motcua", "/mot-cua?tab=nhom"),
                                            ("motcua", "/mot-cua?tab=nhom&han=qua-han&q=Nguyễn"),
                                            ("admin", "/mot-cua")])
def test_the_inbox_page_costs_the_same_for_one_task_or_many(api, clock, client, clean_app, username, path):
    clock.set(vn(2026, 11, 23, 8, 0))
    submit_lltp(api)
    as_officer(client, username)
    clock.set(AT)  # overdue by now
    client.get(path)
    with counted(clean_app) as one:
        assert html(client.get(path)).count("data-row ") == 1
    clock.set(vn(2026, 11, 23, 8, 30))
    for n in range(2, 8):  # both procedures, some claimed by the desk, due at different instants
        if n % 2:
            submit_lltp(api, so_ban=n)
        else:
            api.post("/dossiers", "congdan", json={"procedure_code": BAN_SAO, "data": {**BAN_SAO_FORM, "so_ban": n}})
        clock.advance(timedelta(minutes=30))
    _claim(clean_app, "motcua", 3)
    clock.set(AT)
    with counted(clean_app) as many:
        page = html(client.get(path))
    assert page.count("data-row ") == 7
    assert len(many) == len(one), many
    assert not any("workflow_state" in s for s in many)


def test_the_dossier_page_costs_a_bounded_number_of_statements(api, clock, client, clean_app):
    clock.set(vn(2026, 11, 23, 8, 0))
    long = submit_lltp(api)
    processed(api, long)  # accepted, checked, consulted, approved with a signed result
    api.complete("motcua", "Trả kết quả", {"hinh_thuc_tra": "truc_tuyen"})
    fresh = submit_lltp(api, so_ban=3)
    as_officer(client, "lanhdao")
    client.get(f"/mot-cua/ho-so/{fresh}")
    with counted(clean_app) as new:
        assert client.get(f"/mot-cua/ho-so/{fresh}").status_code == 200
    with counted(clean_app) as old:
        page = html(client.get(f"/mot-cua/ho-so/{long}"))
    assert "<svg" in page
    # A long history (tasks, events, files, a signed result) costs what a new dossier costs: 10 today.
    assert len(old) == len(new) <= 12, (new, old)


@pytest.mark.parametrize("q, status", [("000.00.12.H99-2611", None), ("Nguyễn Thị 12", None), ("", 5)])
def test_the_dossier_search_reads_an_index(clean_app, q, status):
    """Through an index of dossiers (the agency's, or on PostgreSQL the pattern index on codes),
    never a scan of every dossier of the province."""
    from app.db import db
    from app.users.models import User
    from app.dossiers.search import dossiers_statement
    with clean_app.app_context():
        postgres = db.engine.dialect.name == "postgresql"
        if postgres:
            _province(db)
        user = db.session.execute(select(User).where(User.username == "lanhdao")).scalar_one()
        plan = query_plan(db, dossiers_statement(user, q, status))
        if not postgres:
            index = "ix_dossiers_agency_received" if status is None else "ix_dossiers_"
            assert re.search(r"SEARCH dossiers USING (COVERING )?INDEX " + index, plan), plan
        elif status is not None:  # those waiting for a supplement are few among a year's dossiers
            assert "Seq Scan on dossiers" not in plan, plan
        elif q[0].isdigit():  # a name is a substring: on a few thousand rows PostgreSQL rightly scans
            assert "Seq Scan on dossiers" not in plan, plan
            assert re.search(r"Index (Only )?Scan( Backward)? using ix_dossiers_(agency_received|code_pattern)",
                             plan) or "Bitmap Index Scan on ix_dossiers_" in plan, plan
        db.session.rollback()
        db.session.remove()


@pytest.mark.parametrize("q", ["000.00.12.H99-2611", "Nguyễn Thị 12", ""])
def test_a_consulted_agencys_search_reads_the_tasks_index_by_agency(clean_app, q):
    """The dossiers another agency was consulted on are found through the partial index of consulted
    steps by agency, never by a scan of every task or every dossier (on PostgreSQL: an agency consulted on 60 of a
    year's 4,000 dossiers, as the police are on the criminal-record ones)."""
    from types import SimpleNamespace

    from app.agencies.models import Agency
    from app.db import db
    from app.dossiers.models import OpenTask
    from app.dossiers.search import dossiers_statement
    with clean_app.app_context():
        postgres = db.engine.dialect.name == "postgresql"
        police = db.session.execute(select(Agency).where(Agency.code == "000.00.30.H99")).scalar_one_or_none()
        user = SimpleNamespace(role="specialist", agency_id=police.id if police else None)
        if postgres:
            _province(db)
            user.agency_id = _consulted_on(db, Agency, OpenTask, 60)
        plan = query_plan(db, dossiers_statement(user, q, None, consulted=True))
        # An agency's own steps are no consulted ones: its own search reads none of them either.
        own = query_plan(db, dossiers_statement(SimpleNamespace(role="leader", agency_id=police.id + 1000), q, None,
                                                consulted=True)) if police else plan
        assert "ix_open_tasks_consulted" in own, own
        if not postgres:
            assert re.search(r"(SEARCH|USING) .*INDEX ix_open_tasks_consulted", plan), plan
            assert not re.search(r"SCAN (dossiers|open_tasks)\b(?! USING)", plan), plan
        else:
            assert "ix_open_tasks_consulted" in plan and "Seq Scan on open_tasks" not in plan, plan
            if not q or q[0].isdigit():  # a name is a substring: on a few thousand rows PostgreSQL rightly scans
                assert "Seq Scan on dossiers" not in plan, plan
        db.session.rollback()
        db.session.remove()


def _consulted_on(db, Agency, OpenTask, count: int) -> int:
    """A new agency with one closed step on each of `count` dossiers of the province."""
    agency = Agency(code="000.00.99.H99", name="Cơ quan được lấy ý kiến")
    db.session.add(agency)
    db.session.flush()
    for task in db.session.execute(select(OpenTask).limit(count)).scalars().all():
        db.session.add(OpenTask(id=str(uuid.uuid4()), dossier_id=task.dossier_id, procedure_id=task.procedure_id,
                                node_id="Task_y_kien", name="Lấy ý kiến", role="specialist", agency_id=agency.id,
                                opened_at=task.opened_at, closed_at=task.opened_at, consulted=True))
    db.session.flush()
    db.session.execute(text("ANALYZE open_tasks"))
    return agency.id


def test_whether_an_agency_was_consulted_is_one_probe_of_the_partial_index(clean_app):
    """An agency with many steps of its own and no consulted one: PostgreSQL, misjudging how soon
    a match comes, would read every task row; asked in the index's order it reads the index."""
    from app.agencies.models import Agency
    from app.db import db
    from app.dossiers import search
    from app.dossiers.models import OpenTask
    with clean_app.app_context():
        postgres = db.engine.dialect.name == "postgresql"
        if postgres:
            _province(db)
        justice = db.session.execute(select(Agency.id).where(Agency.code == "000.00.12.H99")).scalar_one()
        statement = select(OpenTask.opened_at).where(OpenTask.agency_id == justice, OpenTask.consulted == True)  # noqa: E712
        probe = statement.order_by(OpenTask.opened_at.desc()).limit(1)
        plan = query_plan(db, probe)
        assert "ix_open_tasks_consulted" in plan and "Seq Scan" not in plan and not re.search(r"SCAN open_tasks\b(?! USING)", plan), plan
        assert search.was_consulted(db.session, justice) is False
        db.session.rollback()
        db.session.remove()


def test_a_postal_item_number_is_looked_up_through_its_index(clean_app):
    """EB123456789VN: the item numbers' index, never a scan of every item the province recorded."""
    from app.db import db
    from app.dossiers.search import dossiers_statement
    from app.users.models import User
    with clean_app.app_context():
        user = db.session.execute(select(User).where(User.username == "lanhdao")).scalar_one()
        if db.engine.dialect.name == "postgresql":
            db.session.execute(text("SET LOCAL enable_seqscan = off"))  # an empty table is no year's worth
        plan = query_plan(db, dossiers_statement(user, "EB 123456789 VN", None))
        assert "ix_postal_items_number" in plan, plan
        assert not re.search(r"SCAN postal_items\b(?! USING)|Seq Scan on postal_items", plan), plan
        db.session.rollback()
        db.session.remove()
