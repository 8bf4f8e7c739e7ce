"""What the pages hand the officers' script (static/forms.js) to ask before an irreversible
action, over plain HTTP: a step's decision the UI schema marks final carries its question on that
value only (ui:confirm), a step without one carries none; the apology, the fee taken at the desk,
the refund and the written withdrawal carry theirs on the form; every page says what to ask before
unsaved changes are left, and a step's form shown back unrecorded says it holds some."""
from __future__ import annotations

from lxml import html as lxml_html

from tests.conftest import vn
from tests.workspace.helpers import (ACCEPT, APPROVAL, CHECKED, POLICE, POLICE_TASK, SEARCH, STOP_APPROVAL, accept,
                                     as_officer, html, submit_lltp)
from tests.workspace.helpers import STOP as PROPOSAL

UNSAVED = "Bạn có thay đổi chưa lưu trên trang này. Rời trang và bỏ các thay đổi?"
REFUSE = ("Từ chối tiếp nhận hồ sơ? Hồ sơ kết thúc và công dân nhận Phiếu từ chối tiếp nhận (Mẫu 03) kèm lý do; "
          "không hoàn tác được.")
STOP = ("Dừng xử lý hồ sơ? Hồ sơ kết thúc ở trạng thái «Dừng xử lý» và công dân nhận thông báo kèm lý do; "
        "không hoàn tác được.")
SIGN = "Phê duyệt và ký số kết quả? Kết quả được ký bằng khóa của cơ quan và gửi cho công dân."


def _page(client, path: str):
    response = client.get(path)
    assert response.status_code == 200, path
    return lxml_html.fromstring(html(response))


def _task_form(client, api, user: str, name: str, dossier_id: int):
    page = _page(client, f"/mot-cua/viec/{api.task(user, name, dossier_id)['id']}")
    assert page.xpath('//script[contains(@src, "forms.js")]/@data-unsaved-question')[0] == UNSAVED
    [form] = page.xpath('//form[@id="bieu-mau"]')
    return form


def _asking(form) -> dict[str, str]:
    """value → question of the controls that ask before the form is sent."""
    return {c.get("value"): c.get("data-confirm") for c in form.xpath(".//*[@data-confirm]")}


def test_only_the_final_values_of_a_step_ask_before_it_is_completed(api, clock, client):
    clock.set(vn(2026, 11, 23, 8, 0))
    dossier_id = submit_lltp(api)
    as_officer(client, "motcua")
    reception = _task_form(client, api, "motcua", "Tiếp nhận hồ sơ", dossier_id)
    assert _asking(reception) == {"tu_choi": REFUSE}
    assert reception.get("data-confirm") is None and reception.get("data-unsaved") is None
    # Growing the list of what to supplement never asks, it only shows the form back.
    assert reception.xpath('.//button[starts-with(@value, "add:")]/@data-no-confirm') == [""]
    accept(api, dossier_id)
    api.complete("chuyenvien", SEARCH, CHECKED)
    as_officer(client, "congan")
    assert _asking(_task_form(client, api, "congan", POLICE_TASK, dossier_id)) == {}  # its UI schema has none
    api.complete("congan", POLICE_TASK, POLICE)
    as_officer(client, "lanhdao")
    assert _asking(_task_form(client, api, "lanhdao", APPROVAL, dossier_id)) == {"phe_duyet": SIGN}


def test_a_stop_asks_and_a_form_shown_back_is_unsaved(api, clock, client):
    """The specialist only proposes a stop (nothing final: no question); the leader's agreement
    ends the dossier, so it asks."""
    clock.set(vn(2026, 11, 23, 8, 0))
    dossier_id = submit_lltp(api)
    accept(api, dossier_id)
    as_officer(client, "chuyenvien")
    assert _asking(_task_form(client, api, "chuyenvien", SEARCH, dossier_id)) == {}
    api.complete("chuyenvien", SEARCH, PROPOSAL, dossier=dossier_id)
    token = as_officer(client, "lanhdao")
    task = api.task("lanhdao", STOP_APPROVAL, dossier_id)["id"]
    form = _task_form(client, api, "lanhdao", STOP_APPROVAL, dossier_id)
    assert _asking(form) == {"dong_y": STOP}
    # Disagreeing without the instruction it needs: shown back, with what was typed, as not recorded.
    refused = client.post(f"/mot-cua/viec/{task}/xu-ly", data={
        "csrf_token": token, "action": "submit", "f.quyet_dinh_dung": "khong_dong_y"})
    assert refused.status_code == 422
    [shown] = lxml_html.fromstring(html(refused)).xpath('//form[@id="bieu-mau"]')
    assert shown.get("data-unsaved") == "" and _asking(shown) == {"dong_y": STOP}
    assert shown.xpath('.//input[@value="khong_dong_y"]/@checked')


def test_the_irreversible_forms_of_the_dossier_page_ask(api, clock, client):
    clock.set(vn(2026, 11, 23, 8, 0))
    waiting_fee = submit_lltp(api)
    api.complete("motcua", "Tiếp nhận hồ sơ", ACCEPT, dossier=waiting_fee)
    paid = submit_lltp(api, so_ban=3)
    accept(api, paid)
    as_officer(client, "lanhdao")
    [apology] = _page(client, f"/mot-cua/ho-so/{paid}").xpath('//form[contains(@action, "/xin-loi")]')
    assert apology.get("data-confirm") == ("Gửi thư xin lỗi (Mẫu 04) và hẹn ngày trả kết quả mới? Mỗi hồ sơ chỉ "
                                           "được hẹn lại một lần; thư đã gửi không sửa hay rút lại được.")
    as_officer(client, "motcua")
    page = _page(client, f"/mot-cua/ho-so/{waiting_fee}")
    assert page.xpath('//script[contains(@src, "forms.js")]/@data-unsaved-question')[0] == UNSAVED
    [collect] = page.xpath('//form[contains(@action, "/thu-phi")]')
    assert collect.get("data-confirm") == ("Xác nhận đã thu 200.000 đồng của công dân và ký biên lai điện tử? "
                                           "Biên lai đã ký không hủy được.")
    [withdraw] = _page(client, f"/mot-cua/ho-so/{paid}").xpath('//form[contains(@action, "/rut")]')
    assert withdraw.get("data-confirm") == ("Nhận đơn rút hồ sơ và dừng giải quyết? Hồ sơ dừng giải quyết ngay "
                                            "(trạng thái 7), không hoàn tác được.")
    assert api.post(f"/dossiers/{paid}/withdraw", "motcua", json={
        "channel": "counter", "data": {"ly_do_rut": "Đơn rút ngày 23/11."}}).status_code == 200
    [refund] = _page(client, f"/mot-cua/ho-so/{paid}").xpath('//form[contains(@action, "/hoan-phi/1")]')
    assert refund.get("data-confirm") == ("Ghi nhận đã hoàn trả 205.000 đồng (lần nộp 1) cho công dân? Ghi nhận "
                                          "này không sửa lại được.")
    # Forms that only look something up, or whose action can be done again, do not ask.
    assert _page(client, "/mot-cua/thu-phi").xpath("//form[@data-confirm]") == []
