"""An officer of a consulted agency (liên thông: the police asked for an opinion) sees what the
opinion needs, the application, its components and the steps, and not what the resolving agency
issued: its fees and receipts, its results, its printouts; the agency's own officers see all."""
from __future__ import annotations

import re

import pytest

from tests.conftest import vn
from tests.workspace.helpers import (CHECKED, POLICE_TASK, SEARCH, accept, as_officer, dossier, html, processed,
                                     submit_lltp, task_id)


def _files(page: str, dossier_id: int) -> list[str]:
    return re.findall(rf'href="(/mot-cua/ho-so/{dossier_id}/tep/\d+)"', page)


@pytest.mark.rule("QT-07")
def test_the_police_see_the_application_not_the_fees_receipts_results_or_printouts(client, api, clock):
    clock.set(vn(2026, 11, 23, 8, 0))
    dossier_id = submit_lltp(api)
    returned = processed(api, dossier_id)
    assert returned["status"]["code"] == 9
    codes = {f["component_code"] for f in returned["files"]}
    assert {"KQ", "BL"} <= codes  # the desk's view: the signed result and the fee receipt

    as_officer(client, "motcua")
    own = html(client.get(f"/mot-cua/ho-so/{dossier_id}"))
    assert "Phí, lệ phí" in own and "Kết quả giải quyết" in own and "mau-01.pdf" in own
    own_files = _files(own, dossier_id)

    as_officer(client, "congan")
    page = client.get(f"/mot-cua/ho-so/{dossier_id}")
    text = html(page)
    assert page.status_code == 200 and "Cơ quan phối hợp xem tờ khai" in text and "Sở Tư pháp tỉnh Bình An quản lý" in text
    assert "Họ và tên" in text and "Lấy ý kiến Công an tỉnh" in text  # the application and the steps
    assert "Phí, lệ phí" not in text and "Biên lai" not in text and "Tải tệp đã ký số" not in text
    for said in ("Yêu cầu nộp phí, lệ phí", "Đã nộp phí, lệ phí", "Ban hành kết quả", "biên lai điện tử"):
        assert said not in text, said  # nor in the timeline
    assert "giay-to/mau-01.pdf" not in text
    seen = _files(text, dossier_id)
    assert seen and set(seen) < set(own_files)  # the citizen's components only
    for path in seen:
        assert client.get(path).status_code == 200
    for path in set(own_files) - set(seen):  # the result and the receipt, by their address
        assert client.get(path).status_code == 404
    for path in ("giay-to/mau-01.pdf", "ket-qua/1/ban-giay.pdf"):
        assert client.get(f"/mot-cua/ho-so/{dossier_id}/{path}").status_code == 404, path
    # The control slip it took part in: printed as the page shows it.
    assert "giay-to/mau-05.pdf" in text
    assert client.get(f"/mot-cua/ho-so/{dossier_id}/giay-to/mau-05.pdf").status_code == 200
    seen_by_api = dossier(api, dossier_id, "congan")
    assert {f["component_code"] for f in seen_by_api["files"]} == codes - {"KQ", "BL"}
    kinds = {e["kind"] for e in seen_by_api["history"]}
    assert "task_completed" in kinds and not kinds & {"fee_requested", "fee_paid", "receipt_issued", "result_issued"}
    assert {"fee_paid", "result_issued"} <= {e["kind"] for e in returned["history"]}  # the agency's own view
    # The resolving agency's leader still has it all.
    as_officer(client, "lanhdao")
    assert client.get(f"/mot-cua/ho-so/{dossier_id}/giay-to/mau-01.pdf").status_code == 200


def test_the_police_task_page_lists_the_components_not_the_fee_receipt(client, api, clock):
    clock.set(vn(2026, 11, 23, 8, 0))
    dossier_id = submit_lltp(api)
    accept(api, dossier_id)  # the fee paid at the counter: a signed receipt on the dossier
    api.complete("chuyenvien", SEARCH, CHECKED, dossier=dossier_id)
    as_officer(client, "motcua")
    assert "Biên lai thu phí" in html(client.get(f"/mot-cua/ho-so/{dossier_id}"))
    as_officer(client, "congan")
    task = task_id(html(client.get("/mot-cua?tab=cho-nhan")), POLICE_TASK)
    page = client.get(f"/mot-cua/viec/{task}")
    assert page.status_code == 200 and "Biên lai thu phí" not in html(page) and "Giấy tờ tùy thân" in html(page)
