"""Documents an officer attaches when completing a step («Văn bản, tài liệu kèm theo»), over
HTTP: the police's reply to the consultation is kept with the dossier in the same transaction as
the completion, listed on the officers' dossier page under the step's name with who attached it
and when, its signature checked as at reception; a refused file completes nothing and loses
nothing; a completion refused keeps no file; the citizen never sees them."""
from __future__ import annotations

import io
import re

from sqlalchemy import select

from tests.conftest import vn
from tests.web.pages import pdf_bytes
from tests.web.test_uploads import MINIMAL_PNG
from tests.workspace.helpers import CHECKED, POLICE, POLICE_TASK, SEARCH, accept, as_officer, dossier, html, submit_lltp

OPINION = "Đối chiếu cơ sở dữ liệu: không có án tích."
EXECUTABLE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + b"\x00" * 48 + b"This program cannot be run"


def _consulted(api, clock) -> tuple[int, str]:
    """A criminal-record dossier received Monday 23/11/2026 08:00, fee paid, appraised: the
    police's consultation is open. Returns the dossier and the police task's id."""
    clock.set(vn(2026, 11, 23, 8, 0))
    dossier_id = submit_lltp(api)
    accept(api, dossier_id)
    api.complete("chuyenvien", SEARCH, CHECKED)
    clock.set(vn(2026, 11, 23, 10, 30))
    return dossier_id, api.task("congan", POLICE_TASK, dossier_id)["id"]


def _send(client, token: str, task: str, files: list[tuple[bytes, str]], opinion: str = OPINION, **extra):
    data = {"csrf_token": token, "action": "submit", "f.tinh_trang_an_tich": "khong_co_an_tich", "f.y_kien_phoi_hop": opinion, "f.dong_y": "true",
            "tep_kem_theo": [(io.BytesIO(content), name) for content, name in files], **extra}
    return client.post(f"/mot-cua/viec/{task}/xu-ly", data=data, content_type="multipart/form-data")


def _step_rows(app, dossier_id: int) -> list[tuple]:
    from app.db import db
    from app.dossiers.models import DossierFile
    with app.app_context():
        rows = db.session.execute(select(DossierFile).where(DossierFile.dossier_id == dossier_id,
                                                            DossierFile.source.like("task:%"))
                                  .order_by(DossierFile.id)).scalars().all()
        found = [(f.id, f.file_name, f.content_type, f.component_code, f.source, f.uploaded_by.username,
                  f.signature) for f in rows]
        db.session.remove()
        return found


def _task_open(api, dossier_id: int) -> bool:
    return any(t["name"] == POLICE_TASK for t in dossier(api, dossier_id)["open_tasks"])


def _files_section(page: str) -> str:
    found = re.search(r'<section aria-labelledby="tep-cac-buoc".*?</section>', page, re.S)
    assert found, "no section of the steps' documents on the page"
    return " ".join(found.group(0).split())


def test_the_police_reply_and_a_photo_are_kept_with_the_step(api, clock, client, clean_app):
    dossier_id, task = _consulted(api, clock)
    reply, photo = pdf_bytes("Van ban tra loi so 123/CAT-PV27"), MINIMAL_PNG
    token = as_officer(client, "congan")
    page = html(client.get(f"/mot-cua/viec/{task}"))
    assert 'enctype="multipart/form-data"' in page and 'name="tep_kem_theo"' in page and " multiple" in page
    assert "Văn bản, tài liệu kèm theo" in page and "PDF, JPEG, PNG, tối đa 5 MB mỗi tệp" in page
    assert "Ví dụ: văn bản trả lời của cơ quan phối hợp, biên bản xác minh." in page
    response = _send(client, token, task, [(reply, "Văn bản trả lời.pdf"), (photo, "anh-bien-ban.png")])
    assert response.status_code == 303
    assert "kèm 2 tệp: Văn bản trả lời.pdf, anh-bien-ban.png" in html(client.get(response.headers["Location"]))
    rows = _step_rows(clean_app, dossier_id)
    assert [(r[1], r[2], r[3], r[5]) for r in rows] == [
        ("Văn bản trả lời.pdf", "application/pdf", "Task_y_kien_cong_an", "congan"),
        ("anh-bien-ban.png", "image/png", "Task_y_kien_cong_an", "congan")]
    assert rows[0][4] == f"task:{task}" and rows[0][6] is None  # an unsigned PDF: no signature to check
    assert not _task_open(api, dossier_id)
    # The dossier's agency reads them under the step's name, with who attached them and when.
    as_officer(client, "lanhdao")
    page = html(client.get(f"/mot-cua/ho-so/{dossier_id}"))
    section = _files_section(page)
    assert "Văn bản, tài liệu kèm theo các bước xử lý" in section
    assert re.search(f"<caption>{POLICE_TASK}<br><span class=\"muted\">Đính kèm bởi Hoàng Văn Em "
                     r"\(Công an tỉnh Bình An\) lúc 10:30 ngày 23/11/2026</span></caption>", section)
    for file_id, name, *_ in rows:
        assert f'href="/mot-cua/ho-so/{dossier_id}/tep/{file_id}">{name}</a>' in section
    assert re.search(r"Hoàn thành bước «Lấy ý kiến Công an tỉnh»[^<]*· kèm 2 tệp", page)  # the timeline
    # Not among the application's components; the leader's approval page shows them too.
    components = page[page.index('<h2 id="tep">'):page.index('id="tep-kem-theo-cac-buoc"')]
    assert "Văn bản trả lời.pdf" not in components
    approval = api.task("lanhdao", "Phê duyệt, ký Phiếu", dossier_id)["id"]
    assert "Văn bản trả lời.pdf" in _files_section(html(client.get(f"/mot-cua/viec/{approval}")))
    # Downloaded through the dossier's file route by the agency's officers and by the police.
    for user in ("lanhdao", "congan"):
        as_officer(client, user)
        served = client.get(f"/mot-cua/ho-so/{dossier_id}/tep/{rows[0][0]}")
        assert served.status_code == 200 and served.data == reply
    assert client.get(f"/mot-cua/ho-so/{dossier_id}/tep/{rows[1][0]}").data == photo


def test_a_signed_reply_shows_its_signature(api, clock, client, clean_app):
    from app.signing.sign import sign_pdf
    dossier_id, task = _consulted(api, clock)
    with clean_app.app_context():
        signed = sign_pdf(pdf_bytes("Van ban tra loi"), "000.00.30.H99", "Hoàng Văn Em", "Trả lời xin ý kiến",
                          "Bình An", clean_app.config, at=vn(2026, 11, 23, 9, 0))
    token = as_officer(client, "congan")
    assert _send(client, token, task, [(signed, "tra-loi-da-ky.pdf")]).status_code == 303
    [row] = _step_rows(clean_app, dossier_id)
    [verdict] = row[6]["signatures"]
    assert verdict["valid"] and verdict["signer"] == "Hoàng Văn Em"
    as_officer(client, "chuyenvien")
    section = _files_section(html(client.get(f"/mot-cua/ho-so/{dossier_id}")))
    assert 'class="signature ok"' in section and "Người ký: Hoàng Văn Em" in section
    assert "Ký lúc: 09:00 ngày 23/11/2026" in section


def test_a_renamed_executable_is_refused_and_nothing_is_lost(api, clock, client, clean_app):
    dossier_id, task = _consulted(api, clock)
    token = as_officer(client, "congan")
    typed = "Có 01 án tích: Bản án số 12/2020/HS-ST <chưa xóa án tích>."
    response = _send(client, token, task, [(MINIMAL_PNG, "anh.png"), (EXECUTABLE, "van-ban.pdf")], opinion=typed)
    assert response.status_code == 422
    page = html(response)
    message = ("Tệp «van-ban.pdf» không phải là tệp PDF, JPEG hoặc PNG hợp lệ (nội dung tệp được kiểm tra, không "
               "chỉ phần đuôi tên tệp).")
    assert message in page and '<a href="#tep-kem-theo">' in page and 'aria-invalid="true"' in page
    assert "Có 01 án tích: Bản án số 12/2020/HS-ST &lt;chưa xóa án tích&gt;." in page  # typed, shown back
    assert "anh.png" in page and 'value="bo_tep:0"' in page  # the accepted photo is kept
    assert _task_open(api, dossier_id) and _step_rows(clean_app, dossier_id) == []
    # Too large for the procedure (5 MB), or a web page named .png: refused the same way.
    large = b"%PDF-1.4\n" + b"0" * (5 * 1024 * 1024) + b"\nstartxref\n0\n%%EOF\n"
    refused = _send(client, token, task, [(large, "quet.pdf"), (b"<html><script>x()</script>", "a.png")],
                    opinion=typed)
    assert refused.status_code == 422
    assert "Tệp «quet.pdf» vượt quá dung lượng cho phép 5 MB." in html(refused)
    assert "Tệp «a.png» không phải là tệp PDF, JPEG hoặc PNG hợp lệ" in html(refused)
    assert _task_open(api, dossier_id) and _step_rows(clean_app, dossier_id) == []
    # Sent again with the kept photo: completed, the photo attached once.
    kept = re.search(r'name="tep_da_nhan" value="([^"]+)"', page).group(1)
    done = _send(client, token, task, [], opinion=typed, tep_da_nhan=kept)
    assert done.status_code == 303 and not _task_open(api, dossier_id)
    assert [r[1] for r in _step_rows(clean_app, dossier_id)] == ["anh.png"]


def test_a_completion_refused_keeps_no_file(api, clock, client, clean_app):
    """Completed in another tab meanwhile: the second sending is answered who did it, and the
    file it carried is not kept; neither is one sent with a form the step refuses."""
    dossier_id, task = _consulted(api, clock)
    token = as_officer(client, "congan")
    missing = _send(client, token, task, [(pdf_bytes("Tra loi"), "tra-loi.pdf")], opinion="")
    assert missing.status_code == 422 and "tra-loi.pdf" in html(missing)
    assert _step_rows(clean_app, dossier_id) == []
    api.complete("congan", POLICE_TASK, POLICE, dossier=dossier_id)
    late = _send(client, token, task, [(pdf_bytes("Tra loi"), "tra-loi.pdf")])
    assert late.status_code == 409
    page = html(late)
    assert "Hoàng Văn Em" in page and OPINION in page  # who completed it; what was typed, shown back
    assert "Tệp đã chọn nhưng chưa được lưu vào hồ sơ: tra-loi.pdf." in page
    assert _step_rows(clean_app, dossier_id) == []


def test_the_citizen_never_sees_them(api, clock, client, clean_app):
    dossier_id, task = _consulted(api, clock)
    token = as_officer(client, "congan")
    assert _send(client, token, task, [(pdf_bytes("Noi bo"), "van-ban-noi-bo.pdf")]).status_code == 303
    [(file_id, *_)] = _step_rows(clean_app, dossier_id)
    as_officer(client, "congdan")
    page = html(client.get(f"/ho-so/{dossier_id}"))
    assert page.count("Hoàn thành bước") and "van-ban-noi-bo.pdf" not in page and "kèm 1 tệp" not in page
    assert client.get(f"/ho-so/{dossier_id}/tep/{file_id}").status_code == 404
    assert "van-ban-noi-bo.pdf" not in html(client.get("/kho-du-lieu"))
    for user in ("congdan", "lanhdao"):
        body = api.get(f"/dossiers/{dossier_id}", user).get_data(as_text=True)
        assert "van-ban-noi-bo" not in body and "kèm 1 tệp" not in body


def test_a_step_without_files_completes_as_before(api, clock, client, clean_app):
    dossier_id, task = _consulted(api, clock)
    token = as_officer(client, "congan")
    response = client.post(f"/mot-cua/viec/{task}/xu-ly", data={
        "csrf_token": token, "action": "submit", "f.tinh_trang_an_tich": "khong_co_an_tich", "f.y_kien_phoi_hop": OPINION, "f.dong_y": "true"})
    assert response.status_code == 303 and not _task_open(api, dossier_id)
    assert "Đã hoàn thành «Lấy ý kiến Công an tỉnh»" in html(client.get(response.headers["Location"]))
    assert _step_rows(clean_app, dossier_id) == []
    as_officer(client, "lanhdao")
    assert 'id="tep-cac-buoc"' not in html(client.get(f"/mot-cua/ho-so/{dossier_id}"))


def test_the_example_of_what_to_attach_is_the_steps_lane(api, clock, client, clean_app):
    """The desk is not told to attach a consulted agency's reply: each lane has its own example."""
    clock.set(vn(2026, 11, 23, 8, 0))
    submit_lltp(api)
    as_officer(client, "motcua")
    task = api.task("motcua", "Tiếp nhận hồ sơ")["id"]
    page = html(client.get(f"/mot-cua/viec/{task}"))
    assert "Ví dụ: biên bản kiểm tra hồ sơ, bản quét giấy tờ nhận thêm tại quầy." in page
    assert "văn bản trả lời của cơ quan phối hợp" not in page
