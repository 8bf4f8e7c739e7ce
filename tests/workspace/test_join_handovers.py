"""The control slip (Mẫu 05) and its table on the dossier page have one row per hand-over: the
leader's approval, after the join of the specialist's search and the police consultation, is
handed by both branches, each with its own early / on-time / late verdict; a step sent back and
handed again is handed only by the step that worked it again."""
from __future__ import annotations

from datetime import datetime, timedelta, timezone

from lxml import html as lxml_html

from tests.conftest import vn
from tests.workspace.helpers import (APPROVAL, CHECKED, POLICE, POLICE_TASK, SEARCH, accept, as_officer, html,
                                     pdf_text, submit_lltp)

SPECIALIST, POLICE_OFFICER, LEADER = "Lê Văn Cường", "Hoàng Văn Em", "Phạm Thị Dung"
RECHECK = "Xác minh lại theo ý kiến lãnh đạo"


def _at_approval_with_a_late_search(api, clock) -> int:
    """Received Monday 23/11/2026 08:00; the police answer on 25/11 (early), the specialist's search,
    due 01/12 08:00, is finished on 02/12 09:00 (late)."""
    clock.set(vn(2026, 11, 23, 8, 0))
    dossier_id = submit_lltp(api)
    accept(api, dossier_id)
    clock.set(vn(2026, 11, 25, 10, 0))
    api.complete("congan", POLICE_TASK, POLICE)
    clock.set(vn(2026, 12, 2, 9, 0))
    api.complete("chuyenvien", SEARCH, CHECKED)
    return dossier_id


def _slip_rows(page: str) -> list[list[str]]:
    table = lxml_html.fromstring(page).xpath("//table[contains(@class, 'control-slip')]")[0]
    return [[" ".join(td.text_content().split()) for td in tr.xpath("td")] for tr in table.xpath("tbody/tr")]


def test_both_hand_overs_into_the_join_are_on_the_printed_slip(api, clock, client, tmp_path):
    dossier_id = _at_approval_with_a_late_search(api, clock)
    as_officer(client, "motcua")
    response = client.get(f"/mot-cua/ho-so/{dossier_id}/giay-to/mau-05.pdf")
    assert response.status_code == 200
    text = " ".join(pdf_text(response.data, tmp_path).split())
    # Applicant -> desk, desk -> search, desk -> police, police -> leader, specialist -> leader.
    assert text.count("Giao:") == 5 and text.count("Nhận:") == 5
    assert f"Người giao: {SPECIALIST}" in text and f"Người giao: {POLICE_OFFICER}" in text
    # The specialist's late hand-over has its verdict; before, only the police's (early) row was printed.
    assert text.count("Quá hạn") == 1 and text.count("Trước hạn") >= 3
    assert text.index(f"Người giao: {POLICE_OFFICER}") < text.index(f"Người giao: {SPECIALIST}")  # first done first


def test_the_page_table_has_a_row_for_each_branch_handing_to_the_leader(api, clock, client):
    dossier_id = _at_approval_with_a_late_search(api, clock)
    as_officer(client, "lanhdao")
    rows = _slip_rows(html(client.get(f"/mot-cua/ho-so/{dossier_id}")))
    assert [row[0] for row in rows] == ["Tiếp nhận hồ sơ", SEARCH, POLICE_TASK, APPROVAL, APPROVAL]
    assert rows[0][1].startswith("Nguyễn Văn An")  # the applicant hands it in
    police, search = rows[3][1], rows[4][1]
    assert police.startswith(POLICE_OFFICER) and POLICE_TASK in police and police.endswith("trước hạn")
    assert search.startswith(SPECIALIST) and SEARCH in search and search.endswith("quá hạn")
    assert rows[2][-1] == "Trước hạn" and rows[1][-1] == "Quá hạn"  # each step's own verdict still shown


def test_a_step_sent_back_is_handed_again_only_by_the_step_that_reworked_it(api, clock, client, tmp_path):
    dossier_id = _at_approval_with_a_late_search(api, clock)
    clock.set(vn(2026, 12, 2, 10, 0))
    api.complete("lanhdao", APPROVAL, {"quyet_dinh": "tra_lai", "y_kien": "Xác minh thêm nơi cư trú năm 2010."})
    clock.set(vn(2026, 12, 2, 14, 0))
    api.complete("chuyenvien", RECHECK, {"ket_qua_xac_minh_lai": "dat", "y_kien": "Đã xác minh."})
    as_officer(client, "lanhdao")
    rows = _slip_rows(html(client.get(f"/mot-cua/ho-so/{dossier_id}")))
    assert [row[0] for row in rows][3:] == [APPROVAL, APPROVAL, RECHECK, APPROVAL]
    assert rows[5][1].startswith(LEADER) and APPROVAL in rows[5][1]
    assert rows[6][1].startswith(SPECIALIST) and RECHECK in rows[6][1]  # not the police or the search again
    text = " ".join(pdf_text(client.get(f"/mot-cua/ho-so/{dossier_id}/giay-to/mau-05.pdf").data, tmp_path).split())
    assert text.count("Giao:") == 7


def _row(step: str, node: str, received: datetime, finished: datetime | None, verdict: str = "early"):
    from app.dossiers.handoffs import Handoff
    return Handoff(step, node, "Sở", "Chuyên viên", None, received, None, finished, verdict)


def test_a_branch_going_on_does_not_take_the_other_branch_waiting_at_the_join():
    """Branch A: S1 then S2; branch B: P, which reaches the join before S1 is done. S2 is handed by
    S1 only; the join's step J by P and S2."""
    from app.dossiers.handoffs import givers
    t = datetime(2026, 11, 23, 1, tzinfo=timezone.utc)
    h = timedelta(hours=1)
    graph = {"D": {"S1", "P"}, "S1": {"S2"}, "S2": {"J"}, "P": {"J"}, "J": set()}
    rows = [_row("D", "D", t, t), _row("S1", "S1", t, t + 3 * h), _row("P", "P", t, t + h),
            _row("S2", "S2", t + 3 * h, t + 5 * h), _row("J", "J", t + 5 * h, None, "open")]
    leads = graph.__getitem__
    assert [givers(rows, i, leads) for i in range(len(rows))] == [[], [0], [0], [1], [2, 3]]
    # Without the diagram: the step finished last, as before.
    assert givers(rows, 4) == [3]


def test_the_police_answering_during_a_supplement_hand_nothing_to_the_applicant(api, clock, client, tmp_path):
    """The specialist asks for a supplement while the police step is open: the slip hands the
    dossier to the applicant once, from the specialist; the police's answer, given while it waits,
    goes to the Sở, not to the applicant."""
    from tests.workspace.helpers import ASK
    clock.set(vn(2026, 11, 23, 8, 0))
    dossier_id = submit_lltp(api)
    accept(api, dossier_id)
    clock.set(vn(2026, 11, 24, 9, 0))
    api.complete("chuyenvien", SEARCH, ASK, dossier=dossier_id)
    clock.set(vn(2026, 11, 24, 10, 0))
    api.complete("congan", POLICE_TASK, POLICE, dossier=dossier_id)
    as_officer(client, "motcua")
    text = " ".join(pdf_text(client.get(f"/mot-cua/ho-so/{dossier_id}/giay-to/mau-05.pdf").data, tmp_path).split())
    assert text.count("Nhận: Tổ chức, cá nhân") == 1, text  # the specialist's supplement request
    assert f"Người giao: {POLICE_OFFICER}" not in text, text  # the police hand to the leader, after the join
