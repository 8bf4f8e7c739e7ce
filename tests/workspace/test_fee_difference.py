"""A supplement during processing that asks for more copies costs more: the shipped diagrams
recompute the fee and wait for the difference before the leader signs (a result for five copies is
never signed for the price of one), with its own signed receipt; the same supplement without a
change of copies goes straight back to appraisal."""
from __future__ import annotations

import pytest

from tests.api.test_lifecycle import BAN_SAO, BAN_SAO_FORM, pay, submit
from tests.conftest import vn
from tests.workspace.helpers import as_officer, dossier, html

ASK = {"ket_qua_tham_dinh": "yeu_cau_bo_sung", "ly_do": "Nơi đăng ký chưa khớp sổ hộ tịch.",
       "thanh_phan_can_bo_sung": [{"thanh_phan": "Đơn đề nghị", "yeu_cau": "Ghi đúng nơi đăng ký."}]}
APPRAISE = "Thẩm định hồ sơ"


def _asked(api, clock) -> int:
    clock.set(vn(2026, 11, 23, 8, 0))
    dossier_id = submit(api, BAN_SAO, BAN_SAO_FORM)["id"]  # one copy: 8.000 đồng
    api.complete("motcua", "Tiếp nhận hồ sơ", {"quyet_dinh": "tiep_nhan"}, dossier=dossier_id)
    pay(api, dossier_id)
    clock.set(vn(2026, 11, 25, 8, 0))
    api.complete("chuyenvien", APPRAISE, ASK, dossier=dossier_id)
    return dossier_id


@pytest.mark.rule("QT-40")
def test_more_copies_asked_in_a_supplement_wait_for_the_difference(api, clock, client):
    dossier_id = _asked(api, clock)
    clock.set(vn(2026, 11, 25, 9, 0))
    supplied = api.post(f"/dossiers/{dossier_id}/supplement", "congdan", json={"data": {"so_ban": 5}})
    assert supplied.status_code == 200, supplied.get_json()
    state = dossier(api, dossier_id)
    assert (state["status"]["code"], state["amount_due"], state["open_tasks"]) == (6, 32000, [])
    clock.set(vn(2026, 11, 25, 10, 0))
    paid = pay(api, dossier_id)
    assert paid["status"]["code"] == 4 and paid["amount_due"] is None
    assert [t["name"] for t in paid["open_tasks"]] == [APPRAISE]
    as_officer(client, "motcua")
    page = html(client.get(f"/mot-cua/ho-so/{dossier_id}"))
    code = state["code"]
    # Two receipts, numbered in order, for the two sums.
    assert f"{code}-BL1" in page and f"{code}-BL2" in page and "32.000" in page


def test_a_supplement_that_changes_no_copies_goes_back_to_appraisal(api, clock):
    dossier_id = _asked(api, clock)
    clock.set(vn(2026, 11, 25, 9, 0))
    supplied = api.post(f"/dossiers/{dossier_id}/supplement", "congdan",
                        json={"data": {"noi_dang_ky": "Ủy ban nhân dân xã Phước Hòa"}})
    assert supplied.status_code == 200, supplied.get_json()
    state = dossier(api, dossier_id)
    assert state["status"]["code"] == 4 and state["amount_due"] is None
    assert [t["name"] for t in state["open_tasks"]] == [APPRAISE]
