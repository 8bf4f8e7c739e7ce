"""The officer's dossier page: the position drawn on the dossier's own diagram version, the
control slip's verdicts, the timeline."""
from __future__ import annotations

import re

from lxml import etree

from tests.conftest import vn
from tests.workspace.helpers import (CHECKED, POLICE, POLICE_TASK, SEARCH, accept, as_officer, html,
                                     submit_lltp)


def _states(page: str) -> dict[str, str]:
    svg = re.search(r'<svg [^>]*class="bpmn-diagram".*?</svg>', page, re.S).group(0)
    tree = etree.fromstring(svg.encode())
    found = {}
    for group in tree.iter("{http://www.w3.org/2000/svg}g"):
        classes = (group.get("class") or "").split()
        state = next((c[len("state-"):] for c in classes if c.startswith("state-")), None)
        if state and group.get("data-element-id"):
            found[group.get("data-element-id")] = state
    return found


def test_the_diagram_shows_done_current_and_late_steps(api, clock, client):
    clock.set(vn(2026, 11, 23, 8, 0))
    dossier_id = submit_lltp(api)
    clock.set(vn(2026, 11, 23, 9, 0))
    accept(api, dossier_id)
    clock.set(vn(2026, 11, 26, 9, 0))
    api.complete("chuyenvien", SEARCH, CHECKED)
    clock.set(vn(2026, 12, 2, 9, 0))  # the police's five working days ended on 1/12 09:00
    as_officer(client, "lanhdao")
    states = _states(html(client.get(f"/mot-cua/ho-so/{dossier_id}")))
    assert states["Task_tiep_nhan"] == "done" and states["Task_tra_cuu"] == "done"
    assert states["Task_y_kien_cong_an"] == "current-late"  # open past its own sub-deadline
    assert states["Flow_tiep_nhan"] == "done" and "Sub_giai_quyet" not in states
    assert "Task_phe_duyet" not in states and "Boundary_rut_ho_so_xu_ly" not in states
    api.complete("congan", POLICE_TASK, POLICE)
    page = html(client.get(f"/mot-cua/ho-so/{dossier_id}"))
    states = _states(page)
    # Finished late, the consultation is done with a late mark: the approval is where the dossier is.
    assert states["Task_phe_duyet"] == "current" and states["Task_y_kien_cong_an"] == "done-late"
    # The control slip: reception and search done on days before their due days (early), the
    # consultation after its due instant (late), the approval open within its own 2 working days
    # and handed over by both branches that met before it.
    rows = re.findall(r'<tr class="verdict-(\w+)"><td>([^<]+)</td>', page)
    assert rows == [("early", "Tiếp nhận hồ sơ"), ("early", SEARCH), ("late", POLICE_TASK),
                    ("open", "Phê duyệt, ký Phiếu"), ("open", "Phê duyệt, ký Phiếu")]


def test_verdicts_of_a_step_against_its_due_instant(clean_app):
    from app.dossiers.handoffs import verdict
    due = vn(2026, 11, 25, 10, 0)
    with clean_app.app_context():
        assert verdict(due, vn(2026, 11, 24, 17, 0), due) == "early"
        assert verdict(due, vn(2026, 11, 25, 8, 0), due) == "on_time"
        assert verdict(due, due, due) == "on_time"
        assert verdict(due, vn(2026, 11, 25, 10, 1), due) == "late"
        assert verdict(due, None, vn(2026, 11, 25, 9, 0)) == "open"
        assert verdict(due, None, vn(2026, 11, 25, 11, 0)) == "open_late"
        assert verdict(None, None, due) == "none"


def test_a_closed_dossier_and_a_finished_task_say_what_happened(api, clock, client):
    clock.set(vn(2026, 11, 23, 8, 0))
    dossier_id = submit_lltp(api)
    task = api.task("motcua", "Tiếp nhận hồ sơ")["id"]
    api.complete("motcua", "Tiếp nhận hồ sơ", {"quyet_dinh": "tu_choi", "ly_do": "Không thuộc thẩm quyền."})
    as_officer(client, "lanhdao")
    page = html(client.get(f"/mot-cua/ho-so/{dossier_id}"))
    assert "Hồ sơ đã kết thúc mà không có kết quả điện tử." in page
    assert "Kết quả điện tử được tạo và ký số khi lãnh đạo phê duyệt" not in page
    assert "Xin lỗi và hẹn lại ngày trả kết quả" not in page  # nothing to apologise for any more
    as_officer(client, "motcua")
    finished = html(client.get(f"/mot-cua/viec/{task}"))
    assert "Người xử lý: Trần Thị Bình" in finished and "Chưa có người nhận" not in finished


def test_only_the_flows_the_dossier_went_along_are_drawn_done(api, clock, client):
    """Loops make both ends of a flow done without the flow being taken: the search proposed no
    stop and nothing was sent back to it, the re-check was not resubmitted."""
    from tests.workspace.helpers import APPROVAL, STOP_APPROVAL
    clock.set(vn(2026, 11, 23, 8, 0))
    dossier_id = submit_lltp(api)
    accept(api, dossier_id)
    api.complete("chuyenvien", SEARCH, CHECKED)
    api.complete("congan", POLICE_TASK, POLICE)
    api.complete("lanhdao", APPROVAL, {"quyet_dinh": "tra_lai", "y_kien": "Xác minh lại nơi cư trú."})
    recheck = "Xác minh lại theo ý kiến lãnh đạo"
    api.complete("chuyenvien", recheck, {"ket_qua_xac_minh_lai": "dung_xu_ly", "y_kien": "Đã xác minh.",
                                         "ly_do": "Khai sai nơi cư trú."})
    api.complete("lanhdao", STOP_APPROVAL, {"quyet_dinh_dung": "khong_dong_y", "y_kien": "Mời người yêu cầu đến."})
    as_officer(client, "lanhdao")
    states = _states(html(client.get(f"/mot-cua/ho-so/{dossier_id}")))
    assert states["Task_xac_minh_lai"] == "current"
    for taken in ("Flow_du_dieu_kien", "Flow_tra_lai", "Flow_dung_sau_xac_minh", "Flow_duyet_dung_xong",
                  "Flow_xac_minh_tiep", "Flow_y_kien_xong", "Flow_trinh_ky"):
        assert states.get(taken) == "done", taken
    for never in ("Flow_khong_du_dieu_kien", "Flow_khong_dong_y_dung", "Flow_trinh_lai", "Flow_dong_y_dung"):
        assert never not in states, never
