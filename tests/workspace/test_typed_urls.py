"""Addresses and fields an officer types by hand: a date no calendar holds, a day still to come,
an id no database column holds. Each gets a message in Vietnamese (or is ignored), never a
server error, and changes nothing."""
from __future__ import annotations

from tests.conftest import vn
from tests.workspace.helpers import SEARCH, accept, as_officer, dossier, html, submit_lltp


def test_a_daybook_date_not_understood_or_to_come_is_said(client, clock):
    clock.set(vn(2026, 11, 23, 10, 0))
    as_officer(client, "motcua")
    for typed in ("0001-01-01", "2026-13-45", "hôm qua"):
        page = client.get(f"/mot-cua/thu-phi?ngay={typed}")
        assert page.status_code == 422, typed
        assert "Không hiểu ngày" in html(page) and "23/11/2026" in html(page), typed
        assert client.get(f"/mot-cua/thu-phi?ngay={typed}&csv=1").status_code == 422  # no spreadsheet of another day
    future = client.get("/mot-cua/thu-phi?ngay=2026-11-24")
    assert future.status_code == 422 and "Ngày 24/11/2026 chưa tới" in html(future)
    assert client.get("/mot-cua/thu-phi?ngay=9999-12-31").status_code == 422
    assert client.get("/mot-cua/thu-phi?ngay=2026-11-23").status_code == 200
    assert "Không hiểu ngày" not in html(client.get("/mot-cua/thu-phi"))


def test_an_apology_date_absurdly_far_is_refused(api, clock, client):
    clock.set(vn(2026, 11, 23, 8, 0))
    dossier_id = submit_lltp(api)
    accept(api, dossier_id)
    token = as_officer(client, "lanhdao")
    clock.set(vn(2026, 12, 2, 10, 0))
    far = "Ngày hẹn mới không được quá một năm sau ngày hẹn hiện tại"
    for when, said in (("9999-12-31T23:59", far), ("2028-12-15T10:00", far), ("0001-01-01T00:00", "phải là một ngày sau ngày hẹn hiện tại")):
        refused = client.post(f"/mot-cua/ho-so/{dossier_id}/xin-loi",
                              data={"csrf_token": token, "ngay_hen_moi": when, "ly_do": "Chờ Công an tỉnh trả lời."})
        assert refused.status_code == 422 and said in html(refused), when
    state = dossier(api, dossier_id)
    assert state["due_at"] == "2026-12-08T08:00:00+07:00" and "apology" not in [e["kind"] for e in state["history"]]


def test_filter_ids_no_column_holds_are_ignored(api, clock, client):
    clock.set(vn(2026, 11, 23, 8, 0))
    submit_lltp(api)
    huge = "99999999999999999999"
    for user in ("motcua", "admin"):
        as_officer(client, user)
        for name in ("thu_tuc", "trang_thai", "co_quan"):
            assert client.get(f"/mot-cua?tab=nhom&{name}={huge}").status_code == 200, (user, name)
        assert client.get(f"/mot-cua/ho-so?trang_thai={huge}").status_code == 200


def test_an_assignee_id_no_column_holds_is_refused_in_words(api, clock, client):
    clock.set(vn(2026, 11, 23, 8, 0))
    accept(api, submit_lltp(api))
    task = api.task("chuyenvien", SEARCH)["id"]
    token = as_officer(client, "lanhdao")
    refused = client.post(f"/mot-cua/viec/{task}/giao", data={"csrf_token": token, "can_bo": "9" * 20},
                          follow_redirects=True)
    assert refused.status_code == 200 and "Người được giao phải là cán bộ đang hoạt động" in html(refused)
    assert api.task("chuyenvien", SEARCH)["claimed_by"] is None


def test_a_register_period_no_calendar_holds_is_not_printed(client, clock):
    clock.set(vn(2026, 11, 23, 10, 0))
    as_officer(client, "motcua")
    for query in ("tu=0001-01-01&den=0001-01-02&pdf=1", "tu=9999-12-30&den=9999-12-31&pdf=1", "tu=2026-13-45"):
        response = client.get(f"/mot-cua/so-theo-doi?{query}")  # refused in words, the default period shown
        assert (response.status_code, response.mimetype) == (422, "text/html"), query
        assert "Đang hiện sổ mặc định" in html(response), query
