"""The supervision page (/mot-cua/theo-doi): a leader sees how the open work of their agency is
spread over its officers, counts that lead to the inbox listing those very tasks, never another
agency's; an administrator chooses the agency; nobody else opens it. Its statements do not grow
with the officers, and it reads the open tasks through their partial index."""
from __future__ import annotations

import re
from html import unescape

import pytest
from sqlalchemy import select, text

from tests.api.test_lifecycle import BAN_SAO, BAN_SAO_FORM
from tests.api.test_statements import counted
from tests.conftest import PASSWORD, vn
from tests.plans import query_plan
from tests.workspace.helpers import CHECKED, POLICE as POLICE_ANSWER, POLICE_TASK, SEARCH, accept, as_officer, html, submit_lltp
from tests.workspace.test_inbox_plans import _province
from tests.workspace.test_staff import _agency_id

PAGE = "/mot-cua/theo-doi"
NOW = vn(2026, 11, 25, 9, 0)  # Wednesday; 24/11 is a holiday
JUSTICE, POLICE = "000.00.12.H99", "000.00.30.H99"


def _text(fragment: str) -> str:
    """What a cell shows (without what only a screen reader says)."""
    shown = re.sub(r'<span class="visually-hidden">.*?</span>', "", fragment)
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", shown)).split())


def _table(page: str) -> list[list[str]]:
    """The text of each row's cells: officers, then nobody's tasks by role, then the totals."""
    rows = re.findall(r"<tr[^>]*data-(?:officer|unclaimed|total)[^>]*>(.*?)</tr>", page, re.S)
    return [[_text(cell) for cell in re.findall(r"<td[^>]*>(.*?)</td>", row, re.S)] for row in rows]


def _links(page: str, marker: str) -> list[str]:
    """The links in the row carrying `marker` (e.g. 'data-officer="3"'), in column order."""
    row = re.search(r"<tr[^>]*" + re.escape(marker) + r"[^>]*>(.*?)</tr>", page, re.S).group(1)
    return [unescape(href) for href in re.findall(r'<a href="([^"]+)"', row)]


def _ids(app, *usernames: str) -> dict[str, int]:
    from app.db import db
    from app.users.models import User
    with app.app_context():
        found = dict(db.session.execute(select(User.username, User.id).where(User.username.in_(usernames))).all())
        db.session.remove()
    return found


def _officers(app, count: int, agency: str = JUSTICE, role: str = "specialist") -> list[str]:
    """`count` more active, activated officers of `role` at `agency`; their usernames."""
    from app.db import db
    from app.users.models import User
    from app.users.passwords import hash_password
    hashed = hash_password(PASSWORD)
    agency_id = _agency_id(app, agency)
    names = [f"chuyenvien{n}" for n in range(2, count + 2)]
    with app.app_context():
        for n, username in enumerate(names):
            db.session.add(User(username=username, password_hash=hashed, role=role, agency_id=agency_id,
                                full_name=f"Bùi Thị Hoa {n + 2}", email_verified_at=vn(2026, 11, 2, 8, 0)))
        db.session.commit()
        db.session.remove()
    return names


def _week(api, clock) -> dict[str, int]:
    """Monday 23/11/2026: dossier A received at 08:00 and accepted at 09:00 (its appraisal
    claimed by the specialist), B at 08:30 (its reception claimed by the desk), C at 15:00 and D
    (a civil-status copy) at 15:30, nobody's; E received at 08:15, accepted at 09:00 and appraised
    at 10:00 (closed tasks count nowhere). A's and E's consultations wait at the police, nobody's.
    By Wednesday 09:00 the desk's B is overdue (due 08:30) and C and D are due at the end of the day."""
    clock.set(vn(2026, 11, 23, 8, 0))
    a = submit_lltp(api)
    clock.set(vn(2026, 11, 23, 8, 15))
    e = submit_lltp(api, so_ban=5)
    clock.set(vn(2026, 11, 23, 8, 30))
    b = submit_lltp(api, so_ban=2)
    clock.set(vn(2026, 11, 23, 9, 0))
    accept(api, a)
    accept(api, e)
    search = api.task("chuyenvien", SEARCH, a)["id"]
    assert api.post(f"/tasks/{search}/claim", "chuyenvien").status_code == 200
    reception = api.task("motcua", "Tiếp nhận hồ sơ", b)["id"]
    assert api.post(f"/tasks/{reception}/claim", "motcua").status_code == 200
    clock.set(vn(2026, 11, 23, 10, 0))
    api.complete("chuyenvien", SEARCH, CHECKED, dossier=e)
    clock.set(vn(2026, 11, 23, 15, 0))
    submit_lltp(api, so_ban=3)
    clock.set(vn(2026, 11, 23, 15, 30))
    response = api.post("/dossiers", "congdan", json={"procedure_code": BAN_SAO, "data": BAN_SAO_FORM})
    assert response.status_code == 201, response.get_json()
    clock.set(NOW)
    return {"a": a, "b": b, "e": e}


def test_the_leader_sees_each_officers_open_work(api, clock, client, clean_app):
    _officers(clean_app, 1)  # Bùi Thị Hoa 2: a specialist with nothing yet
    _week(api, clock)
    as_officer(client, "lanhdao")
    page = html(client.get(PAGE))
    assert "Sở Tư pháp tỉnh Bình An" in page and "Hoàng Văn Em" not in page
    # Most overdue first, then most tasks, then by name; nobody's tasks by role; the totals.
    assert _table(page) == [
        ["Trần Thị Bình", "Bộ phận Một cửa", "1", "1", "0", "0", "08:30 ngày 25/11/2026"],
        ["Lê Văn Cường", "Chuyên viên", "1", "0", "0", "0", "09:00 ngày 01/12/2026"],
        ["Bùi Thị Hoa 2", "Chuyên viên", "0", "0", "0", "0", "—"],
        ["Phạm Thị Dung", "Lãnh đạo", "0", "0", "0", "0", "—"],
        ["Chưa ai nhận", "Bộ phận Một cửa", "2", "0", "2", "2", "15:00 ngày 25/11/2026"],
        ["Tổng cộng", "", "4", "1", "2", "2", "08:30 ngày 25/11/2026"],
    ]
    # The overdue in red, as in the inbox; the page is reached from the navigation.
    assert re.search(r'<tr class="overdue"[^>]*data-officer', page)
    assert '<strong class="badge late"><a href=' in page
    assert 'href="/mot-cua/theo-doi"' in html(client.get("/mot-cua"))


def test_a_count_leads_to_the_inbox_listing_those_tasks(api, clock, client, clean_app):
    ids = _ids(clean_app, "motcua", "chuyenvien", "congan")
    _week(api, clock)
    as_officer(client, "lanhdao")
    page = html(client.get(PAGE))
    desk = _links(page, f'data-officer="{ids["motcua"]}"')
    assert desk == [f"/mot-cua?tab=nhom&nguoi_xu_ly={ids['motcua']}",
                    f"/mot-cua?tab=nhom&nguoi_xu_ly={ids['motcua']}&han=qua-han"]
    listed = html(client.get(desk[1]))
    assert listed.count("data-row ") == 1 and "Công việc Trần Thị Bình (Bộ phận Một cửa) đang xử lý" in listed
    assert f'<option value="{ids["motcua"]}" selected>Trần Thị Bình (Bộ phận Một cửa)</option>' in listed
    # A specialist's task, which the leader's own group tab never lists.
    specialist = html(client.get(_links(page, f'data-officer="{ids["chuyenvien"]}"')[0]))
    assert specialist.count("data-row ") == 1 and SEARCH in specialist
    assert html(client.get("/mot-cua?tab=nhom")).count("data-row ") == 0
    # Nobody's tasks of another role: the leader, who assigns them, lists that lane's waiting tasks.
    unclaimed = _links(page, 'data-unclaimed="one_stop"')
    assert unclaimed == ["/mot-cua?tab=cho-nhan&vai_tro=one_stop", "/mot-cua?tab=cho-nhan&vai_tro=one_stop&han=hom-nay",
                         "/mot-cua?tab=cho-nhan&vai_tro=one_stop&han=3-ngay"]
    waiting = html(client.get(unclaimed[0]))
    assert waiting.count("data-row ") == 2 and '<option value="one_stop" selected>' in waiting
    task_link = re.search(r'href="(/mot-cua/viec/[^"]+)"', waiting).group(1)
    assert 'name="can_bo"' in html(client.get(task_link))  # where the leader gives it to someone
    # The leader's other lanes stay their agency's: never another agency's, whatever the address.
    assert html(client.get("/mot-cua?tab=nhom&vai_tro=specialist&co_quan=999")).count("data-row ") == 1
    # Another agency's officer, named by hand in the address: nothing of theirs shows.
    police = html(client.get(f"/mot-cua?tab=nhom&nguoi_xu_ly={ids['congan']}"))
    assert police.count("data-row ") == 0 and "Hoàng Văn Em" not in police
    assert "Công việc của cán bộ đã chọn" in police
    # Other officers may not narrow the group's tab to someone: the filter is ignored.
    as_officer(client, "motcua")
    group = html(client.get("/mot-cua?tab=nhom"))
    assert html(client.get(f"/mot-cua?tab=nhom&nguoi_xu_ly={ids['motcua']}")).count("data-row ") \
        == group.count("data-row ") == 3
    assert 'name="nguoi_xu_ly"' not in group and "Theo dõi xử lý" not in group
    # Nor list another lane: the role asked for is ignored.
    assert html(client.get("/mot-cua?tab=nhom&vai_tro=specialist")).count("data-row ") == 3


def test_a_leader_never_sees_another_agency(api, clock, client, clean_app):
    _week(api, clock)
    _officers(clean_app, 2, agency=POLICE)
    as_officer(client, "lanhdao")
    own = _table(html(client.get(PAGE)))
    assert _table(html(client.get(f"{PAGE}?co_quan={_agency_id(clean_app, POLICE)}"))) == own
    assert own[-1][2] == "4"  # the police's consultation is not counted
    assert not any("Hoàng Văn Em" in row[0] or "Bùi Thị Hoa" in row[0] for row in own)


@pytest.mark.parametrize("username", ["chuyenvien", "motcua", "congan", "dieuphoi", "congdan"])
def test_only_leaders_and_administrators_open_it(clock, client, username):
    clock.set(NOW)
    assert client.get(PAGE).status_code == 302  # to the login page
    as_officer(client, username)
    assert client.get(PAGE).status_code == 403


def test_an_administrator_chooses_the_agency(api, clock, client, clean_app):
    ids = _ids(clean_app, "congan")
    police = _agency_id(clean_app, POLICE)
    _week(api, clock)
    as_officer(client, "admin")
    own = html(client.get(PAGE))  # their own agency first: the province's coordinator
    assert _table(own)[0][:3] == ["Võ Thị Giang", "Điều phối", "0"]
    assert '<select id="co_quan" name="co_quan">' in own
    page = html(client.get(f"{PAGE}?co_quan={police}"))
    assert f'<option value="{police}" selected>Công an tỉnh Bình An</option>' in page
    assert _table(page) == [
        ["Hoàng Văn Em", "Chuyên viên", "0", "0", "0", "0", "—"],
        ["Chưa ai nhận", "Chuyên viên", "2", "0", "0", "0", "09:00 ngày 01/12/2026"],
        ["Tổng cộng", "", "2", "0", "0", "0", "09:00 ngày 01/12/2026"],
    ]
    # Every count leads somewhere for an administrator, the agency kept.
    assert _links(page, 'data-unclaimed="specialist"') == [
        f"/mot-cua?tab=cho-nhan&vai_tro=specialist&co_quan={police}"]
    assert html(client.get(_links(page, 'data-unclaimed="specialist"')[0])).count("data-row ") == 2
    listed = html(client.get(f"/mot-cua?tab=nhom&co_quan={police}&nguoi_xu_ly={ids['congan']}"))
    assert "Công việc Hoàng Văn Em (Chuyên viên) đang xử lý" in listed
    assert f'href="/mot-cua/theo-doi?co_quan={police}"' in listed
    # An agency that does not exist, or nonsense: their own agency again.
    assert _table(html(client.get(f"{PAGE}?co_quan=99999999999"))) == _table(own)
    assert _table(html(client.get(f"{PAGE}?co_quan=x"))) == _table(own)


def test_the_page_costs_the_same_for_few_officers_or_many(api, clock, client, clean_app):
    _week(api, clock)
    as_officer(client, "lanhdao")
    client.get(PAGE)
    with counted(clean_app) as few:
        assert len(_table(html(client.get(PAGE)))) == 5
    clock.set(vn(2026, 11, 24, 8, 0))
    for n, username in enumerate(_officers(clean_app, 6)):  # each given a new dossier's appraisal
        clock.set(vn(2026, 11, 25, 8, n))
        dossier_id = submit_lltp(api, so_ban=n + 3)
        accept(api, dossier_id)
        task = api.task("chuyenvien", SEARCH, dossier_id)["id"]
        assert api.post(f"/tasks/{task}/assign", "lanhdao", json={"assignee": username}).status_code == 200
    clock.set(NOW)
    with counted(clean_app) as many:
        rows = _table(html(client.get(PAGE)))
    assert len(rows) == 11 and rows[-1][2] == "10"
    # The workload's statements, then the waited steps' (a count, the rows, who could take them),
    # whatever the number of officers or of dossiers waiting at the police (2, then 8).
    assert len(many) == len(few) <= 7, many
    assert not any("workflow_state" in s for s in many)


def test_the_open_tasks_are_read_through_their_index(clean_app):
    from app.db import db
    from app.dossiers import supervision
    with clean_app.app_context():
        postgres = db.engine.dialect.name == "postgresql"
        if postgres:
            _province(db)  # a year of task rows, with statistics, so the planner weighs the indexes
        plan = query_plan(db, supervision.loads_statement(_agency_id(clean_app, JUSTICE), NOW))
        if postgres:
            assert "Seq Scan on open_tasks" not in plan, plan
            assert re.search(r"(Index Only Scan|Index Scan|Bitmap Index Scan) (using|on) ix_open_tasks_", plan), plan
        else:
            lines = [line for line in plan.splitlines() if "open_tasks" in line]
            assert lines and all(re.search(r"SEARCH open_tasks USING (COVERING )?INDEX ix_open_tasks_", line)
                                 for line in lines), plan
        db.session.rollback()
        db.session.remove()


def test_a_role_left_with_no_active_officer_is_flagged(api, clock, client, clean_app):
    """The police's only specialist locked: their agency's waiting consultations have nobody to
    take them, which the page says where the administrator looks, not just "nobody has taken"."""
    from app.db import db
    from app.users.models import User
    police = _agency_id(clean_app, POLICE)
    _week(api, clock)
    as_officer(client, "admin")
    assert "data-stranded" not in html(client.get(f"{PAGE}?co_quan={police}"))
    with clean_app.app_context():
        db.session.execute(db.update(User).where(User.username == "congan").values(active=False))
        db.session.commit()
        db.session.remove()
    page = html(client.get(f"{PAGE}?co_quan={police}"))
    row = re.search(r'<tr class="overdue" data-stranded="specialist">(.*?)</tr>', page, re.S).group(1)
    assert "Không còn cán bộ nào có vai trò này đăng nhập được ở cơ quan" in _text(row)
    assert _table(page)[0][:3] == ["Chưa ai nhận", "Chuyên viên", "2"]
    # A specialist opened in their place who has not activated the account takes nothing yet either.
    with clean_app.app_context():
        db.session.add(User(username="congan2", password_hash="!", role="specialist", full_name="Công An Hai",
                            agency_id=police, email="congan2@binhan.example.vn"))
        db.session.commit()
        db.session.remove()
    assert 'data-stranded="specialist"' in html(client.get(f"{PAGE}?co_quan={police}"))


def _waits(page: str) -> list[list[str]]:
    """The text of each row of the table of steps waited on at other agencies."""
    rows = re.findall(r"<tr[^>]*data-wait[^>]*>(.*?)</tr>", page, re.S)
    return [[_text(cell) for cell in re.findall(r"<td[^>]*>(.*?)</td>", row, re.S)] for row in rows]


def test_the_leader_sees_the_dossiers_waiting_on_another_agency(api, clock, client, clean_app):
    """A's and E's consultations wait at the police: the Sở's leader, who answers for the whole
    time limit, sees both on the supervision page, the overdue one first once a step's time has
    passed, and which of them nobody at the police could take; the police's own page lists none."""
    from app.db import db
    from app.users.models import User
    ids = _week(api, clock)
    codes = {}
    with clean_app.app_context():
        from app.dossiers.models import Dossier
        for key in ("a", "e"):
            codes[key] = db.session.get(Dossier, ids[key]).code
        db.session.remove()
    as_officer(client, "lanhdao")
    page = html(client.get(PAGE))
    assert "2 bước đang mở ở cơ quan khác trên hồ sơ của Sở Tư pháp tỉnh Bình An; 0 bước đã quá hạn." in _text(page)
    rows = _waits(page)
    assert [r[0].split(" ")[0] for r in rows] == [codes["a"], codes["e"]]  # due at the same instant: by dossier
    assert rows[0][1:4] == [POLICE_TASK, "Công an tỉnh Bình An", "Chưa ai nhận"]
    assert f'href="/mot-cua/ho-so/{ids["a"]}"' in page and "Quá hạn" not in "".join(rows[0])
    # A week later both steps are past their time: in red, counted. The police's only specialist
    # is locked, and the one opened in their place has not activated the account: nobody can take them.
    clock.set(vn(2026, 12, 2, 9, 0))
    with clean_app.app_context():
        db.session.execute(db.update(User).where(User.username == "congan").values(active=False))
        db.session.add(User(username="congan2", password_hash="!", role="specialist", full_name="Công An Hai",
                            agency_id=_agency_id(clean_app, POLICE), email="congan2@binhan.example.vn"))
        db.session.commit()
        db.session.remove()
    page = html(client.get(PAGE))
    assert "; 2 bước đã quá hạn." in _text(page)
    assert re.search(r'<tr class="overdue" data-row data-href="/mot-cua/ho-so/\d+" data-wait', page)
    assert all(r[5].startswith("Quá hạn") for r in _waits(page))
    assert all("Ở cơ quan này không còn chuyên viên nào đăng nhập được" in r[3] for r in _waits(page))
    # The police's own supervision lists no dossier of theirs waiting on anyone.
    as_officer(client, "admin")
    police = html(client.get(f"{PAGE}?co_quan={_agency_id(clean_app, POLICE)}"))
    assert "Không hồ sơ nào của Công an tỉnh Bình An đang chờ cơ quan khác." in police and not _waits(police)
    # Answered, a step leaves the list.
    with clean_app.app_context():
        db.session.execute(db.update(User).where(User.username == "congan").values(active=True))
        db.session.commit()
        db.session.remove()
    api.complete("congan", POLICE_TASK, POLICE_ANSWER, dossier=ids["a"])
    as_officer(client, "lanhdao")
    assert [r[0].split(" ")[0] for r in _waits(html(client.get(PAGE)))] == [codes["e"]]


def test_the_waited_steps_are_read_through_their_index(clean_app):
    from app.db import db
    from app.dossiers import consultations
    with clean_app.app_context():
        postgres = db.engine.dialect.name == "postgresql"
        if postgres:
            _province(db)
            db.session.execute(text("UPDATE open_tasks SET consulted = (agency_id <> "
                                    "(SELECT dossiers.agency_id FROM dossiers WHERE dossiers.id = open_tasks.dossier_id))"))
            db.session.execute(text("ANALYZE open_tasks"))
        agency = _agency_id(clean_app, JUSTICE)
        for statement in (consultations.rows_statement(agency), consultations._open_consultations(agency)
                          .with_only_columns(db.func.count())):
            plan = query_plan(db, statement)
            if postgres:
                assert "Seq Scan on open_tasks" not in plan and "ix_open_tasks_consulted_open" in plan, plan
            else:
                assert re.search(r"open_tasks USING (COVERING )?INDEX ix_open_tasks_consulted_open", plan), plan
        db.session.rollback()
        db.session.remove()


def test_an_agency_the_administrator_cannot_have_asked_for_is_said(api, clock, client, clean_app):
    """?co_quan=99 (no such agency), or not a number: the page says so, and which agency it shows."""
    as_officer(client, "admin")
    for asked in ("99999", "abc"):
        page = html(client.get(f"{PAGE}?co_quan={asked}"))
        assert f"Không có cơ quan nào mang số «{asked}»: trang đang hiện Ủy ban nhân dân tỉnh Bình An." in page
    assert "Không có cơ quan nào" not in html(client.get(f"{PAGE}?co_quan={_agency_id(clean_app, POLICE)}"))
    assert "Không có cơ quan nào" not in html(client.get(PAGE))
