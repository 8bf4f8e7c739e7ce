"""The task inbox over HTTP: tabs and their counts, filters, due highlighting, claim, release,
a leader's assignment and an administrator's reassignment, and who may see what."""
from __future__ import annotations

import re
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from tests.api.test_lifecycle import BAN_SAO, BAN_SAO_FORM
from tests.conftest import vn
from tests.workspace.helpers import (ACCEPT, CHECKED, POLICE, POLICE_TASK, SEARCH, accept, as_officer,
                                     asked_during_processing, dossier, html,
                                     submit_lltp, task_id)


VN = ZoneInfo("Asia/Ho_Chi_Minh")


def _counts(page: str) -> dict[str, int]:
    return {label: int(n) for label, n in re.findall(r'>([^<>]+) <span class="count">(\d+)</span>', page)}


def _rows(page: str) -> int:
    return page.count("data-row ")


def test_tabs_count_and_filter_the_desks_tasks(api, clock, client):
    clock.set(vn(2026, 11, 23, 8, 0))
    for n in range(3):
        submit_lltp(api, so_ban=n + 1)
    api.post("/dossiers", "congdan", json={"procedure_code": BAN_SAO, "data": BAN_SAO_FORM})
    as_officer(client, "motcua")
    page = html(client.get("/mot-cua"))
    assert _counts(page) == {"Việc của tôi": 0, "Chờ nhận xử lý": 4, "Tất cả việc của nhóm": 4}
    assert _rows(page) == 4  # nothing claimed yet: the unclaimed tab opens first
    procedure = re.search(r'<option value="(\d+)">Cấp bản sao trích lục hộ tịch</option>', page).group(1)
    filtered = html(client.get(f"/mot-cua?tab=cho-nhan&thu_tuc={procedure}"))
    assert _rows(filtered) == 1 and _counts(filtered)["Chờ nhận xử lý"] == 1
    assert _rows(html(client.get("/mot-cua?tab=nhom&trang_thai=4"))) == 0
    assert _rows(html(client.get("/mot-cua?tab=nhom&q=Nguyễn Văn"))) == 4
    assert _rows(html(client.get("/mot-cua?tab=nhom&q=nguyen van"))) == 4  # as typed without accents
    assert _rows(html(client.get("/mot-cua?tab=nhom&q=NGUYỄN"))) == 4
    assert _rows(html(client.get("/mot-cua?tab=nhom&q=Trần Không Có"))) == 0
    # Due today, then overdue, as the clock moves: 8 working hours from Monday 08:00 is Wednesday 08:00.
    clock.set(vn(2026, 11, 25, 7, 45))
    today = html(client.get("/mot-cua?tab=nhom&han=hom-nay"))
    assert _rows(today) == 4 and "Hôm nay" in today
    clock.set(vn(2026, 11, 25, 9, 0))
    late = html(client.get("/mot-cua?tab=nhom&han=qua-han"))
    assert _rows(late) == 4 and 'class="overdue"' in late and "Quá hạn" in late
    assert _rows(html(client.get("/mot-cua?tab=nhom&han=hom-nay"))) == 0
    # Hostile filters are ignored, not errors.
    for query in ("?tab=x&thu_tuc=-1&trang_thai=abc&han=<b>&trang=-5", "?q=" + "%" * 300, "?q=%27%20OR%201=1--",
                  "?_scheme=javascript&_external=1&_anchor=x"):
        assert client.get("/mot-cua" + query).status_code == 200
    # A status no dossier can have is ignored like the rest, not a filter nothing matches.
    everything = html(client.get("/mot-cua?tab=nhom"))
    for status in ("999", "0", "-3"):
        unknown = html(client.get(f"/mot-cua?tab=nhom&trang_thai={status}"))
        assert _rows(unknown) == 4 and _counts(unknown) == _counts(everything), status


def test_each_row_shows_the_dossiers_appointment_beside_the_steps_own_limit(api, clock, client):
    """The step's limit sorts the inbox; the appointment promised to the citizen (Mẫu 01) is what
    the agency answers for, so the row shows it too, in red once it has passed."""
    clock.set(vn(2026, 11, 23, 8, 0))
    dossier_id = submit_lltp(api)
    accept(api, dossier_id)
    due = dossier(api, dossier_id)["due_at"]
    as_officer(client, "chuyenvien")
    page = html(client.get("/mot-cua?tab=cho-nhan"))
    shown = re.findall(r'<span class="(\w+)" data-dossier-due>Hẹn trả ([^<]+)</span>', page)
    assert len(shown) == 1 and shown[0][0] == "muted", shown
    assert shown[0][1] == datetime.fromisoformat(due).astimezone(VN).strftime("%H:%M ngày %d/%m/%Y"), (shown, due)
    clock.set(datetime.fromisoformat(due) + timedelta(minutes=1))
    page = html(client.get("/mot-cua?tab=cho-nhan"))
    assert re.findall(r'<span class="(\w+)" data-dossier-due>', page) == ["late"]


def test_claim_release_and_the_code_search(api, clock, client):
    clock.set(vn(2026, 11, 23, 8, 0))
    dossier_id = submit_lltp(api)
    accept(api, dossier_id)
    code = api.get(f"/dossiers/{dossier_id}", "motcua").get_json()["code"]
    token = as_officer(client, "chuyenvien")
    page = html(client.get("/mot-cua?tab=cho-nhan"))
    task = task_id(page, SEARCH)
    assert _rows(html(client.get(f"/mot-cua?tab=nhom&q={code[-9:-5]}"))) == 0  # digits are the start of a code
    assert _rows(html(client.get(f"/mot-cua?tab=nhom&q={code[-11:-5]}"))) == 1  # or its receiving day
    assert _rows(html(client.get(f"/mot-cua?tab=nhom&q={code[:20]}"))) == 1
    response = client.post(f"/mot-cua/viec/{task}/nhan", data={"csrf_token": token, "next": "/mot-cua?tab=cua-toi"})
    assert response.status_code == 303 and response.headers["Location"] == "/mot-cua?tab=cua-toi"
    mine = html(client.get("/mot-cua?tab=cua-toi"))
    assert _counts(mine)["Việc của tôi"] == 1 and "Lê Văn Cường" in mine
    # Nobody else may work it now; the leader sees who has it.
    assert api.post(f"/tasks/{task}/complete", "lanhdao", json={"data": {}}).status_code == 403
    response = client.post(f"/mot-cua/viec/{task}/tra-lai", data={"csrf_token": token})
    assert response.status_code == 303
    assert _counts(html(client.get("/mot-cua")))["Việc của tôi"] == 0
    # A forged redirect target stays inside the one-stop system.
    response = client.post(f"/mot-cua/viec/{task}/nhan", data={"csrf_token": token, "next": "https://evil.example/"})
    assert response.headers["Location"] == "/mot-cua"


def test_a_leader_assigns_and_an_administrator_reassigns(api, clock, client, clean_app):
    from app.db import db
    from app.users.models import User
    from app.users.passwords import hash_password
    with clean_app.app_context():
        justice = db.session.execute(db.select(User).where(User.username == "chuyenvien")).scalar_one()
        db.session.add(User(username="chuyenvien2", password_hash=hash_password("MotCua@2026"), role="specialist",
                            agency_id=justice.agency_id, full_name="Đỗ Thị Hoa",
                            email_verified_at=vn(2026, 11, 2, 8, 0)))  # activated
        db.session.commit()
        second = db.session.execute(db.select(User.id).where(User.username == "chuyenvien2")).scalar_one()
        first = justice.id
        police = db.session.execute(db.select(User.id).where(User.username == "congan")).scalar_one()
        db.session.remove()
    clock.set(vn(2026, 11, 23, 8, 0))
    accept(api, submit_lltp(api))
    token = as_officer(client, "lanhdao")
    task = api.task("chuyenvien", SEARCH)["id"]
    page = html(client.get(f"/mot-cua/viec/{task}"))
    assert "Giao cho cán bộ" in page and "Đỗ Thị Hoa" in page and "Hoàng Văn Em" not in page
    assert client.post(f"/mot-cua/viec/{task}/giao", data={"csrf_token": token, "can_bo": second}).status_code == 303
    assert [t["claimed_by"] for t in api.get("/tasks?mine=1", "chuyenvien2").get_json()["items"]] == ["chuyenvien2"]
    # Someone of another role or agency cannot be given the task.
    client.post(f"/mot-cua/viec/{task}/giao", data={"csrf_token": token, "can_bo": police})
    assert api.get("/tasks?mine=1", "chuyenvien2").get_json()["items"][0]["id"] == task
    # A specialist may not assign; the administrator reassigns across agencies.
    assert api.post(f"/tasks/{task}/assign", "chuyenvien", json={"assignee": "chuyenvien"}).status_code == 403
    token = as_officer(client, "admin")
    admin_page = html(client.get("/mot-cua"))
    assert "Lấy ý kiến Công an tỉnh" in admin_page and SEARCH in admin_page
    assert client.post(f"/mot-cua/viec/{task}/giao", data={"csrf_token": token, "can_bo": first}).status_code == 303
    assert api.get("/tasks?mine=1", "chuyenvien").get_json()["items"][0]["id"] == task
    events = api.get(f"/dossiers/{api.get('/tasks', 'chuyenvien').get_json()['items'][0]['dossier']['id']}",
                     "lanhdao").get_json()["history"]
    assert [e["summary"] for e in events if e["kind"] == "assigned"] == [
        f"Giao bước «{SEARCH}» cho Đỗ Thị Hoa", f"Giao bước «{SEARCH}» cho Lê Văn Cường"]


def test_who_may_open_the_one_stop_system(api, clock, client):
    clock.set(vn(2026, 11, 23, 8, 0))
    dossier_id = submit_lltp(api)
    task = api.task("motcua", "Tiếp nhận hồ sơ")["id"]
    assert client.get("/mot-cua").status_code == 302  # to the login page
    as_officer(client, "congdan")
    assert client.get("/mot-cua").status_code == 403
    assert client.get(f"/mot-cua/ho-so/{dossier_id}").status_code == 403
    token = as_officer(client, "congan")  # the police: not their task, not yet their dossier
    # Neither is confirmed to exist, whatever the way in: as an unknown task, with nothing changed.
    assert client.get(f"/mot-cua/viec/{task}").status_code == 404
    assert client.get(f"/mot-cua/ho-so/{dossier_id}").status_code == 404
    assert api.get(f"/tasks/{task}", "congan").status_code == 404
    assert api.post(f"/tasks/{task}/claim", "congan").status_code == 404
    claimed = html(client.post(f"/mot-cua/viec/{task}/nhan", data={"csrf_token": token}, follow_redirects=True))
    assert "Không tìm thấy công việc này." in claimed and "không có quyền" not in claimed
    assert api.task("motcua", "Tiếp nhận hồ sơ")["claimed_by"] is None
    accept(api, dossier_id)
    assert client.get(f"/mot-cua/ho-so/{dossier_id}").status_code == 200  # consulted now
    # A step of the dossier it now sees (listed on its page) is another agency's work: refused.
    assert client.get(f"/mot-cua/viec/{api.task('chuyenvien', SEARCH)['id']}").status_code == 403
    assert client.get("/mot-cua/viec/not-a-task").status_code == 404
    assert client.get("/mot-cua/ho-so/999999").status_code == 404


def test_completing_a_task_through_its_page(api, clock, client):
    clock.set(vn(2026, 11, 23, 8, 0))
    dossier_id = submit_lltp(api)
    token = as_officer(client, "motcua")
    task = api.task("motcua", "Tiếp nhận hồ sơ")["id"]
    page = html(client.get(f"/mot-cua/viec/{task}"))
    assert "Có: Giấy tờ tùy thân" in page and "Nguyễn Văn An" in page and "15/01/1990" in page
    # A refusal without its reason is sent back, with what was typed kept.
    response = client.post(f"/mot-cua/viec/{task}/xu-ly", data={"csrf_token": token, "action": "submit",
                                                                  "f.quyet_dinh": "tu_choi", "f.ghi_chu": "Ghi chú của tôi"})
    assert response.status_code == 422 and "Ghi chú của tôi" in html(response)
    # Adding a row to the supplement table keeps the page and the data.
    response = client.post(f"/mot-cua/viec/{task}/xu-ly", data={
        "csrf_token": token, "action": "add:thanh_phan_can_bo_sung", "f.quyet_dinh": "yeu_cau_bo_sung",
        "f.ly_do": "Thiếu", "f.thanh_phan_can_bo_sung.0.thanh_phan": "CCCD", "f.thanh_phan_can_bo_sung.0.yeu_cau": "Bản chụp"})
    assert response.status_code == 200 and "f.thanh_phan_can_bo_sung.1.thanh_phan" in html(response)
    response = client.post(f"/mot-cua/viec/{task}/xu-ly", data={"csrf_token": token, "action": "submit",
                                                                  "f.quyet_dinh": "tiep_nhan"})
    assert response.status_code == 303 and response.headers["Location"].endswith(f"/mot-cua/ho-so/{dossier_id}#giay-to")
    page = html(client.get(response.headers["Location"]))
    assert "Đã tiếp nhận hồ sơ, cấp mã 000.00.12.H99-261123-0001" in page
    # The same form again: the task is closed, the officer is told so and nothing changes.
    again = client.post(f"/mot-cua/viec/{task}/xu-ly", data={"csrf_token": token, "action": "submit",
                                                               "f.quyet_dinh": "tu_choi", "f.ly_do": "x"})
    assert again.status_code == 409 and ("Công việc này đã được Trần Thị Bình xử lý lúc 08:00 ngày 23/11/2026. "
                                         "Những gì bạn nhập chưa được ghi.") in html(again)
    assert html(again).count("xử lý lúc 08:00 ngày 23/11/2026") == 1 and "lỗi cần sửa" not in html(again)
    # Claiming it now: told who did it, and nothing about typed text (none was sent).
    claimed = html(client.get(client.post(f"/mot-cua/viec/{task}/nhan", data={"csrf_token": token}).location))
    assert "đã được Trần Thị Bình xử lý lúc 08:00 ngày 23/11/2026." in claimed and "bạn nhập" not in claimed
    assert api.get(f"/dossiers/{dossier_id}", "motcua").get_json()["status"]["code"] == 6  # waiting for the fee
    # Without the page's CSRF token nothing happens.
    assert client.post(f"/mot-cua/viec/{task}/nhan", data={}).status_code == 400


def _coded_and_not(api, clock) -> tuple[int, int]:
    """A dossier received (coded) and one still waiting for reception (listed by its number)."""
    clock.set(vn(2026, 11, 23, 8, 0))
    coded = submit_lltp(api)
    api.complete("motcua", "Tiếp nhận hồ sơ", ACCEPT)
    return coded, submit_lltp(api, ho_ten="Đặng Thị Cúc", so_ban=2)


def test_the_dossier_search_finds_the_agencys_dossiers_only(api, clock, client):
    first, second = _coded_and_not(api, clock)
    as_officer(client, "lanhdao")
    page = html(client.get("/mot-cua/ho-so"))
    assert "000.00.12.H99-261123-0001" in page and f"Số {second} (chưa cấp mã)" in page
    found = html(client.get("/mot-cua/ho-so?q=000.00.12.H99-2611"))
    assert "000.00.12.H99-261123-0001" in found and "chưa cấp mã" not in found
    assert f'href="/mot-cua/ho-so/{first}"' in found
    assert "Nguyễn Văn An" not in html(client.get("/mot-cua/ho-so?q=Không Có Ai"))
    # Names as officers type them: without accents, in any case, «đ» as «d», the middle of a name.
    for typed in ("dang thi cuc", "ĐẶNG THỊ", "thi cúc", "Đặng Thị Cúc", "cu"):
        assert f"Số {second} (chưa cấp mã)" in html(client.get(f"/mot-cua/ho-so?q={typed}")), typed
    # A name matches from the start of its words: "an" is Nguyễn Văn An, not every "Văn" or "Lan".
    assert f"Số {second} (chưa cấp mã)" not in html(client.get("/mot-cua/ho-so?q=uc"))
    found = html(client.get("/mot-cua/ho-so?q=an"))
    assert f'href="/mot-cua/ho-so/{first}"' in found and f"Số {second} (chưa cấp mã)" not in found
    # The end of a code, as the receipt prints it, with or without the running number's zeros.
    for typed in ("261123-0001", "261123-1"):
        found = html(client.get(f"/mot-cua/ho-so?q={typed}"))
        assert f'href="/mot-cua/ho-so/{first}"' in found and "chưa cấp mã" not in found, typed
    assert f'href="/mot-cua/ho-so/{first}"' not in html(client.get("/mot-cua/ho-so?q=261123-0002"))
    # The receiving day as the code writes it, and a middle part of the code.
    for typed in ("261123", "H99-261123-0001", "h99-261123"):
        found = html(client.get(f"/mot-cua/ho-so?q={typed}"))
        assert f'href="/mot-cua/ho-so/{first}"' in found and "chưa cấp mã" not in found, typed
    assert f'href="/mot-cua/ho-so/{first}"' not in html(client.get("/mot-cua/ho-so?q=261124"))
    assert _rows(html(client.get("/mot-cua?tab=nhom&q=nguyen van an"))) == 0  # leaders have no such tasks
    as_officer(client, "dieuphoi")  # the provincial office: another agency
    assert "000.00.12.H99-261123-0001" not in html(client.get("/mot-cua/ho-so?q=000.00.12"))
    as_officer(client, "admin")
    assert "000.00.12.H99-261123-0001" in html(client.get("/mot-cua/ho-so?q=000.00.12"))


@pytest.mark.rule("QT-07")
def test_a_consulted_agency_finds_the_dossiers_it_was_consulted_on(api, clock, client):
    """The police (another agency) find a criminal-record dossier they are asked about, by code or
    by name, from the time their step opens and after it is done; not a dossier of the same
    procedure they have not been asked about (still at the desk)."""
    clock.set(vn(2026, 11, 23, 8, 0))
    consulted = submit_lltp(api)
    other = submit_lltp(api, ho_ten="Đặng Thị Cúc")
    as_officer(client, "congan")
    assert f'href="/mot-cua/ho-so/{consulted}"' not in html(client.get("/mot-cua/ho-so?q=nguyen van an"))
    accept(api, consulted)
    for typed in ("000.00.12.H99-261123-0001", "261123-1", "nguyen van an", ""):
        found = html(client.get(f"/mot-cua/ho-so?q={typed}"))
        assert f'href="/mot-cua/ho-so/{consulted}"' in found and f'href="/mot-cua/ho-so/{other}"' not in found, typed
    api.complete("chuyenvien", SEARCH, CHECKED, dossier=consulted)
    api.complete("congan", POLICE_TASK, POLICE, dossier=consulted)
    assert f'href="/mot-cua/ho-so/{consulted}"' in html(client.get("/mot-cua/ho-so?q=261123-0001"))
    assert f'href="/mot-cua/ho-so/{other}"' not in html(client.get("/mot-cua/ho-so?q=dang thi cuc"))
    assert client.get(f"/mot-cua/ho-so/{consulted}").status_code == 200


def test_dossiers_past_their_due_instant_are_marked_unless_the_citizen_has_the_turn(api, clock, client):
    clock.set(vn(2026, 11, 23, 8, 0))
    accepted = submit_lltp(api)
    accept(api, accepted)
    waiting = submit_lltp(api, ho_ten="Lê Thị Cúc")
    api.complete("motcua", "Tiếp nhận hồ sơ", {
        "quyet_dinh": "yeu_cau_bo_sung", "ly_do": "Thiếu giấy tờ.",
        "thanh_phan_can_bo_sung": [{"thanh_phan": "Giấy tờ tùy thân", "yeu_cau": "Bản chụp rõ nét"}]})
    as_officer(client, "lanhdao")
    assert "Quá hạn" not in html(client.get("/mot-cua/ho-so"))
    clock.set(vn(2026, 12, 8, 9, 0))
    rows = {row.split("</tr>")[0].split('href="/mot-cua/ho-so/')[1].split('"')[0]: row
            for row in html(client.get("/mot-cua/ho-so")).split("<tr>")[2:]}
    assert "Quá hạn" in rows[str(accepted)]
    assert "Quá hạn" not in rows[str(waiting)]  # the supplement is the citizen's to send
    badge = '<strong class="badge late">Quá hạn</strong>'  # the diagram's legend says "Quá hạn" too
    assert badge in html(client.get(f"/mot-cua/ho-so/{accepted}"))
    assert badge not in html(client.get(f"/mot-cua/ho-so/{waiting}"))


def test_a_dossier_without_a_code_is_found_by_its_number(api, clock, client):
    """Listed as «Số 8 (chưa cấp mã)»: typing that number finds it; a number is also the start of
    a code, never the number of a coded dossier."""
    coded, waiting = _coded_and_not(api, clock)
    as_officer(client, "motcua")
    for typed in (str(waiting), f"Số {waiting}", f"số  {waiting}"):
        found = html(client.get(f"/mot-cua/ho-so?q={typed}"))
        assert f"Số {waiting} (chưa cấp mã)" in found and f'href="/mot-cua/ho-so/{coded}"' not in found, typed
    assert f'href="/mot-cua/ho-so/{coded}"' not in html(client.get(f"/mot-cua/ho-so?q={coded}"))
    assert f'href="/mot-cua/ho-so/{coded}"' in html(client.get("/mot-cua/ho-so?q=000"))


def test_a_task_closed_meanwhile_says_what_happened(api, clock, client):
    """An officer who worked from a stale page hears who completed the task, or how the dossier
    ended, and the form keeps what they typed."""
    clock.set(vn(2026, 11, 23, 8, 0))
    dossier_id = submit_lltp(api)
    accept(api, dossier_id)
    police = api.task("congan", "Lấy ý kiến Công an tỉnh", dossier_id)["id"]
    token = as_officer(client, "congan")
    client.post(f"/mot-cua/viec/{police}/nhan", data={"csrf_token": token})
    clock.set(vn(2026, 11, 24, 9, 0))
    assert api.post(f"/dossiers/{dossier_id}/withdraw", "congdan",
                    json={"data": {"ly_do_rut": "Không cần nữa."}}).status_code == 200
    stale = client.post(f"/mot-cua/viec/{police}/xu-ly", data={
        "csrf_token": token, "action": "submit", "f.tinh_trang_an_tich": "khong_co_an_tich",
        "f.y_kien_phoi_hop": "Không có án tích.", "f.dong_y": "true"})
    page = html(stale)
    assert stale.status_code == 409
    assert "hồ sơ chuyển sang «Công dân yêu cầu rút hồ sơ» lúc 09:00 ngày 24/11/2026" in page
    assert "Không có án tích." in page  # what was typed is still on the page



def _second_specialist(app) -> None:
    """Đỗ Thị Hoa, a second specialist of the Department of Justice who can log in."""
    from app.db import db
    from app.users.models import User
    from app.users.passwords import hash_password
    from tests.conftest import PASSWORD
    with app.app_context():
        colleague = db.session.execute(db.select(User).filter_by(username="chuyenvien")).scalar_one()
        db.session.add(User(username="dothihoa.stp", password_hash=hash_password(PASSWORD), role="specialist",
                            full_name="Đỗ Thị Hoa", agency_id=colleague.agency_id, email="hoa@binhan.example.vn",
                            email_verified_at=colleague.email_verified_at or vn(2026, 11, 1, 8, 0)))
        db.session.commit()


def test_a_task_given_to_another_officer_meanwhile_shows_back_what_was_typed(api, clock, client, clean_app):
    """The officer who typed on a task the leader gave to someone else meanwhile is refused, and
    reads back, in words, what they typed and the files they chose, to pass them on."""
    import io

    from tests.web.pages import pdf_bytes
    clock.set(vn(2026, 11, 23, 8, 0))
    _second_specialist(clean_app)
    dossier_id = submit_lltp(api)
    accept(api, dossier_id)
    task = api.task("chuyenvien", SEARCH, dossier_id)["id"]
    token = as_officer(client, "chuyenvien")
    assert client.get(f"/mot-cua/viec/{task}").status_code == 200  # open, with nobody holding the task
    assert api.post(f"/tasks/{task}/assign", "lanhdao", json={"assignee": "dothihoa.stp"}).status_code == 200
    stale = client.post(f"/mot-cua/viec/{task}/xu-ly", content_type="multipart/form-data", data={
        "csrf_token": token, "action": "submit", "f.ket_qua_tham_dinh": "dat",
        "f.y_kien": "Không có thông tin về án tích của người này.",
        "tep_kem_theo": (io.BytesIO(pdf_bytes("Bien ban")), "bien-ban-tra-cuu.pdf")})
    page = html(stale)
    # Given to her, not taken by her; said once, at the top, not as something to fix in the form.
    assert stale.status_code == 409 and "Công việc này đã được giao cho Đỗ Thị Hoa xử lý. Những gì bạn nhập " \
        "chưa được ghi." in page
    assert "lỗi cần sửa" not in page and "Hạn bước" in page
    assert "Nội dung bạn đã nhập (chưa được ghi vào hồ sơ)" in page
    assert "Không có thông tin về án tích của người này." in page and "bien-ban-tra-cuu.pdf" in page
    assert api.task("dothihoa.stp", SEARCH, dossier_id)["id"] == task  # still open, with her
    # Opening the page again is not a sending: nothing is said to be unsaved.
    assert "chưa được ghi vào hồ sơ" not in html(client.get(f"/mot-cua/viec/{task}"))


def test_who_may_put_a_claimed_task_back_and_a_release_of_nothing_says_so(api, clock, client, clean_app):
    """The officer holding a task, or one who may assign it (the leader, the administrator: its
    holder is away), puts it back to the group; a colleague may not; an unclaimed task is said
    to be unclaimed, not "put back"."""
    clock.set(vn(2026, 11, 23, 8, 0))
    _second_specialist(clean_app)
    accept(api, submit_lltp(api))
    task = api.task("chuyenvien", SEARCH)["id"]
    token = as_officer(client, "chuyenvien")
    nothing = client.post(f"/mot-cua/viec/{task}/tra-lai", data={"csrf_token": token}, follow_redirects=True)
    assert "Công việc này chưa có ai nhận xử lý: không có gì để trả về nhóm." in html(nothing)
    assert api.post(f"/tasks/{task}/release", "chuyenvien").status_code == 200  # the API: nothing to do, no error
    client.post(f"/mot-cua/viec/{task}/nhan", data={"csrf_token": token})
    token = as_officer(client, "dothihoa.stp")
    taken = client.post(f"/mot-cua/viec/{task}/tra-lai", data={"csrf_token": token}, follow_redirects=True)
    assert "đã được Lê Văn Cường nhận xử lý" in html(taken)
    assert api.task("chuyenvien", SEARCH)["claimed_by"] == "chuyenvien"
    for leader in ("lanhdao", "admin"):
        token = as_officer(client, leader)
        assert "Trả về nhóm" in html(client.get(f"/mot-cua/viec/{task}"))
        released = client.post(f"/mot-cua/viec/{task}/tra-lai", data={"csrf_token": token}, follow_redirects=True)
        assert f"Đã trả «{SEARCH}» về nhóm." in html(released)
        assert api.task("chuyenvien", SEARCH)["claimed_by"] is None
        api.post(f"/tasks/{task}/claim", "chuyenvien")


def test_the_inbox_offers_a_claim_only_on_tasks_the_officer_may_work(api, clock, client):
    clock.set(vn(2026, 11, 23, 8, 0))
    submit_lltp(api)
    as_officer(client, "admin")
    page = html(client.get("/mot-cua?tab=nhom"))
    assert _rows(page) >= 1 and "data-claim" not in page  # the administrator assigns, never claims
    as_officer(client, "motcua")
    assert "data-claim" in html(client.get("/mot-cua?tab=cho-nhan"))


def test_a_form_sent_twice_is_said_done_to_the_officer_who_did_it(api, clock, client):
    """A double click: the second sending finds the task completed by the same officer with the
    same data, and says it is done instead of "what you typed was not kept"."""
    clock.set(vn(2026, 11, 23, 8, 0))
    dossier_id = submit_lltp(api)
    accept(api, dossier_id)
    task = api.task("chuyenvien", SEARCH, dossier_id)["id"]
    token = as_officer(client, "chuyenvien")
    form = {"csrf_token": token, "action": "submit", "f.ket_qua_tham_dinh": "dat", "f.y_kien": "Không có án tích."}
    first = client.post(f"/mot-cua/viec/{task}/xu-ly", data=form)
    second = client.post(f"/mot-cua/viec/{task}/xu-ly", data=form)
    assert first.status_code == 303 and second.status_code == 303
    assert f"Đã hoàn thành «{SEARCH}»" in html(client.get(second.location))
    other = client.post(f"/mot-cua/viec/{task}/xu-ly", data={**form, "f.y_kien": "Khác."})
    assert other.status_code == 409 and "Những gì bạn nhập chưa được ghi." in html(other)


def test_a_step_still_open_shows_and_filters_by_its_dossiers_status_now(api, clock, client):
    """The appraisal asks for a supplement while the police's consultation is still open: the
    police's step reads "waiting for a supplement" (status 5), in its row and its filter, and the
    dossier page shows the wait beside the open step."""
    dossier_id = asked_during_processing(api, clock)
    as_officer(client, "congan")
    waiting = html(client.get("/mot-cua?tab=nhom&trang_thai=5"))
    assert _rows(waiting) == 1 and "Yêu cầu bổ sung giấy tờ" in waiting
    assert _rows(html(client.get("/mot-cua?tab=nhom&trang_thai=4"))) == 0
    page = html(client.get(f"/mot-cua/ho-so/{dossier_id}"))
    assert POLICE_TASK in page and "Đang chờ công dân bổ sung hồ sơ." in page


def test_a_task_opened_from_the_inbox_goes_back_to_the_view_it_came_from(api, clock, client):
    """The inbox's tab and filters ride along to the task page: its back link (also Esc), and
    where claiming and releasing it lead, return to that view; only the inbox's own names are
    carried, and only into the inbox's address."""
    from urllib.parse import parse_qs, urlsplit

    def view(address: str) -> tuple[str, dict]:
        parts = urlsplit(address.replace("&amp;", "&"))
        return parts.path, parse_qs(parts.query)

    clock.set(vn(2026, 11, 23, 8, 0))
    submit_lltp(api)
    token = as_officer(client, "motcua")
    wanted = ("/mot-cua", {"tab": ["nhom"], "trang_thai": ["1"], "q": ["Nguyễn"]})
    page = html(client.get("/mot-cua?tab=nhom&trang_thai=1&q=Nguyễn"))
    link = re.search(r'<a href="(/mot-cua/viec/[^"]+)">Tiếp nhận hồ sơ<', page).group(1).replace("&amp;", "&")
    task = task_id(page, "Tiếp nhận hồ sơ")
    assert view(link) == (f"/mot-cua/viec/{task}", wanted[1])
    back = re.compile(r'<a href="([^"]+)" data-key="Escape">')
    assert view(back.search(html(client.get(link))).group(1)) == wanted
    claimed = client.post(f"/mot-cua/viec/{task}/nhan", data={
        "csrf_token": token, "next": re.search(r'name="next" value="([^"]+)"', html(client.get(link))).group(1)
        .replace("&amp;", "&")})
    assert view(claimed.location) == (f"/mot-cua/viec/{task}", wanted[1])
    page = html(client.get(claimed.location))
    release_next = re.search(r'/tra-lai">\s*<input[^>]+>\s*<input type="hidden" name="next" value="([^"]+)"', page)
    assert view(release_next.group(1)) == wanted
    # Anything else in the address stays out of the way back.
    odd = html(client.get(f"/mot-cua/viec/{task}?tab=nhom&next=//evil.example&_external=1&_scheme=javascript"))
    assert view(back.search(odd).group(1)) == ("/mot-cua", {"tab": ["nhom"]})
    assert view(back.search(html(client.get(f"/mot-cua/viec/{task}"))).group(1)) == ("/mot-cua", {})


def test_an_administrator_asking_for_an_agency_there_is_not_is_told_so(client, clean_app):
    as_officer(client, "admin")
    for asked in ("999", "abc"):
        page = html(client.get(f"/mot-cua?co_quan={asked}"))
        assert f"Không có cơ quan nào mang số «{asked}»: trang đang hiện việc của mọi cơ quan" in page
    assert "Không có cơ quan nào" not in html(client.get("/mot-cua"))
