"""What each step recorded reaches the officers who act after it, over HTTP: the police's
opinion and the specialist's appraisal are on the leader's approval page before signing, the
leader's return instruction on the specialist's page, everything on the dossier page; the citizen
sees none of it. The justification for a further supplement request is asked only on a step that
can ask for a supplement."""
from __future__ import annotations

import re

import pytest

from tests.conftest import vn
from tests.workspace.helpers import APPROVAL, POLICE_TASK, RETURN, SEARCH, accept, as_officer, html, submit_lltp

APPRAISAL = {"ket_qua_tham_dinh": "dat", "y_kien": "Đã tra cứu cơ sở dữ liệu lý lịch tư pháp."}
OPINION = {"tinh_trang_an_tich": "co_an_tich", "noi_dung_an_tich": "Bản án số 12/2020/HS-ST.",
           "y_kien_phoi_hop": "Có 01 án tích: Bản án số 12/2020/HS-ST.", "dong_y": False}
SENT_BACK = {"quyet_dinh": "tra_lai", "y_kien": "Xác minh thêm quá trình cư trú từ năm 1990."}
RECHECK = "Xác minh lại theo ý kiến lãnh đạo"
JUSTIFICATION_BOX = 'name="ly_do_bo_sung_them"'


def _steps(page: str) -> str:
    """The section "Ý kiến, kết quả các bước đã thực hiện" of a page, whitespace collapsed."""
    found = re.search(r'<section aria-labelledby="y-kien-cac-buoc".*?</section>', page, re.S)
    assert found, "no section of the steps' records on the page"
    return " ".join(found.group(0).split())


def _task_page(api, client, user: str, name: str) -> str:
    as_officer(client, user)
    return html(client.get(f"/mot-cua/viec/{api.task(user, name)['id']}"))


def _supplemented_and_accepted(api, clock) -> int:
    """A dossier asked once for a supplement at reception, supplemented, accepted."""
    clock.set(vn(2026, 11, 23, 8, 0))
    dossier_id = submit_lltp(api)
    api.complete("motcua", "Tiếp nhận hồ sơ", {"quyet_dinh": "yeu_cau_bo_sung", "ly_do": "Thiếu giấy tờ.",
                                               "thanh_phan_can_bo_sung": [{"thanh_phan": "Căn cước", "yeu_cau": "Bản chụp"}]})
    assert api.post(f"/dossiers/{dossier_id}/supplement", "congdan", json={"data": {"so_ban": 1}}).status_code == 200
    accept(api, dossier_id)
    return dossier_id


@pytest.mark.rule("QT-44")
def test_the_leader_reads_the_appraisal_and_the_police_opinion_before_signing(api, clock, client):
    dossier_id = _supplemented_and_accepted(api, clock)
    api.complete("chuyenvien", SEARCH, APPRAISAL)
    api.complete("congan", POLICE_TASK, OPINION)
    steps = _steps(_task_page(api, client, "lanhdao", APPROVAL))
    assert "Ý kiến, kết quả các bước đã thực hiện" in steps
    # Who, when, which step, and each field in words (labels of the choices, Có / Không).
    assert re.search(f"<h4>{SEARCH}</h4> <p class=\"muted\">Lê Văn Cường \\(Sở Tư pháp tỉnh Bình An\\) · "
                     r"\d\d:\d\d ngày \d\d/\d\d/2026</p>", steps)
    assert "<dt>Kết quả thẩm định</dt> <dd>Đủ điều kiện, trình lãnh đạo phê duyệt</dd>" in steps
    assert f"<dt>Ý kiến thẩm định</dt> <dd>{APPRAISAL['y_kien']}</dd>" in steps
    # The police say the identity does not match: set apart above the records, with the question
    # they answered, and on their own record.
    assert ("<strong>Công an tỉnh Bình An trả lời «Không» cho «Nhân thân trong tờ khai khớp với cơ sở dữ liệu của "
            "Công an» (bước «Lấy ý kiến Công an tỉnh»): đọc ý kiến của bước đó dưới đây trước khi quyết "
            "định.</strong>") in steps
    assert (f'<li class="disagrees"><h4>{POLICE_TASK} <span class="badge late">Trả lời «Không»</span></h4> '
            '<p class="muted">Hoàng Văn Em (Công an tỉnh Bình An)') in steps
    assert "<dt>Tình trạng án tích</dt> <dd>Có án tích</dd>" in steps
    assert f"<dt>Ý kiến của cơ quan phối hợp</dt> <dd>{OPINION['y_kien_phoi_hop']}</dd>" in steps
    assert "<dt>Nhân thân trong tờ khai khớp với cơ sở dữ liệu của Công an</dt> <dd>Không</dd>" in steps
    assert steps.index(SEARCH) > steps.index("Tiếp nhận hồ sơ")  # oldest first
    # Approving cannot ask for a supplement: no justification box although one was asked before.
    page = _task_page(api, client, "lanhdao", APPROVAL)
    assert "Phê duyệt, ký kết quả" in page and JUSTIFICATION_BOX not in page
    # The citizen sees none of the internal opinions, on the portal or over the API.
    as_officer(client, "congdan")
    portal = html(client.get(f"/ho-so/{dossier_id}"))
    own = api.get(f"/dossiers/{dossier_id}", "congdan").get_data(as_text=True)
    for text in (OPINION["y_kien_phoi_hop"], APPRAISAL["y_kien"], "Ý kiến, kết quả các bước"):
        assert text not in portal and text not in own


def test_the_specialist_reads_the_leader_s_return_instruction(api, clock, client):
    dossier_id = _supplemented_and_accepted(api, clock)
    api.complete("chuyenvien", SEARCH, APPRAISAL)
    api.complete("congan", POLICE_TASK, {**OPINION, "dong_y": True})  # agreeing: nothing set apart
    api.complete("lanhdao", APPROVAL, SENT_BACK)
    page = _task_page(api, client, "chuyenvien", RECHECK)
    steps = _steps(page)
    assert re.search(f"<h4>{APPROVAL}</h4> <p class=\"muted\">Phạm Thị Dung", steps)
    assert "<dt>Quyết định</dt> <dd>Trả lại để xem xét lại</dd>" in steps
    assert f"<dt>Ý kiến chỉ đạo</dt> <dd>{SENT_BACK['y_kien']}</dd>" in steps
    # Re-checking cannot ask for a supplement (it may stop the dossier): no justification box.
    assert JUSTIFICATION_BOX not in page and "Đề xuất dừng xử lý: không đủ điều kiện cấp Phiếu" in page
    # The dossier page has every step's record too, under its own heading.
    dossier_page = html(client.get(f"/mot-cua/ho-so/{dossier_id}"))
    whole = _steps(dossier_page)
    assert '<h2 id="y-kien-cac-buoc">' in whole
    for text in (APPRAISAL["y_kien"], OPINION["y_kien_phoi_hop"], SENT_BACK["y_kien"], "Thiếu giấy tờ."):
        assert text in whole, text
    assert "không thống nhất" not in whole and 'class="disagrees"' not in whole
    # Returning the result cannot ask for a supplement either.
    api.complete("chuyenvien", RECHECK, {"ket_qua_xac_minh_lai": "dat", "y_kien": "Đã xác minh lại."})
    api.complete("lanhdao", APPROVAL, {"quyet_dinh": "phe_duyet", "y_kien": "Đồng ý."})
    page = _task_page(api, client, "motcua", "Trả kết quả")
    assert "Hình thức trả kết quả" in page and JUSTIFICATION_BOX not in page
    api.complete("motcua", "Trả kết quả", RETURN)


def test_a_dossier_nobody_has_worked_on_says_so(api, clock, client):
    clock.set(vn(2026, 11, 23, 8, 0))
    dossier_id = submit_lltp(api)
    as_officer(client, "motcua")
    assert "Chưa có bước nào ghi ý kiến hoặc kết quả." in _steps(html(client.get(f"/mot-cua/ho-so/{dossier_id}")))
    # The first step's page has nothing before it to show.
    assert 'id="y-kien-cac-buoc"' not in _task_page(api, client, "motcua", "Tiếp nhận hồ sơ")


@pytest.mark.rule("QT-44")
def test_a_consulted_answer_given_before_a_supplement_says_what_changed_since(api, clock, client, clean_app):
    """The police answered on the application as it was; the citizen's supplement changed the
    name since: the police are asked again (QT-66), and the leader reads, on their first record,
    that it predates the change and what changed. Their second answer and the Sở's own steps
    carry no such note."""
    from tests.workspace.helpers import ASK, CHECKED, POLICE
    clock.set(vn(2026, 11, 23, 8, 0))
    dossier_id = submit_lltp(api)
    accept(api, dossier_id)
    api.complete("congan", POLICE_TASK, POLICE)
    api.complete("chuyenvien", SEARCH, ASK)
    clock.set(vn(2026, 11, 25, 10, 0))
    response = api.post(f"/dossiers/{dossier_id}/supplement", "congdan",
                        json={"data": {"ho_ten": "Nguyễn Văn Ân", "noi_cu_tru": "12 Lê Lợi, phường An Bình (từ 1990)"}})
    assert response.status_code == 200, response.get_json()
    api.complete("chuyenvien", SEARCH, CHECKED)
    api.complete("congan", "Lấy lại ý kiến Công an tỉnh theo nhân thân đã bổ sung", POLICE)
    steps = _steps(_task_page(api, client, "lanhdao", APPROVAL))
    police = steps[steps.index(f"<h4>{POLICE_TASK}"):]
    police = police[:police.index("</li>")]
    assert "Tờ khai được bổ sung sau ý kiến này (lúc 10:00 ngày 25/11/2026), đổi: Họ và tên" in police
    assert "<h4>Lấy lại ý kiến Công an tỉnh theo nhân thân đã bổ sung" in steps
    assert steps.count("Tờ khai được bổ sung sau ý kiến này") == 1  # the second answer, the Sở's steps: none
