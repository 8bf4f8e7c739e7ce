"""Helpers for the one-stop system's tests: dossiers driven through the API, pages opened as a
logged-in officer, PDFs read back with poppler and zbar."""
from __future__ import annotations

import re
import subprocess

from tests.api.test_lifecycle import LLTP, LLTP_FORM, pay
from tests.web.pages import csrf, login

ACCEPT = {"quyet_dinh": "tiep_nhan"}
CHECKED = {"ket_qua_tham_dinh": "dat", "y_kien": "Không có thông tin về án tích."}
POLICE = {"tinh_trang_an_tich": "khong_co_an_tich", "y_kien_phoi_hop": "Không có án tích.", "dong_y": True}
APPROVE = {"quyet_dinh": "phe_duyet", "y_kien": "Đồng ý cấp Phiếu."}
RETURN = {"hinh_thuc_tra": "truc_tuyen"}
SEARCH, POLICE_TASK = "Tra cứu, xác minh thông tin lý lịch tư pháp", "Lấy ý kiến Công an tỉnh"
APPROVAL = "Phê duyệt, ký Phiếu"
STOP = {"ket_qua_tham_dinh": "dung_xu_ly", "ly_do": "Người yêu cầu không thuộc diện được cấp."}
STOP_APPROVAL = "Duyệt đề xuất dừng xử lý"
AGREE_STOP = {"quyet_dinh_dung": "dong_y"}
ASK = {"ket_qua_tham_dinh": "yeu_cau_bo_sung", "ly_do": "Thiếu thông tin nơi cư trú trước năm 2000.",
       "thanh_phan_can_bo_sung": [{"thanh_phan": "Tờ khai", "yeu_cau": "Ghi đủ nơi cư trú từ năm 1990."}]}


def submit_lltp(api, **changes) -> int:
    response = api.post("/dossiers", "congdan", json={"procedure_code": LLTP, "data": {**LLTP_FORM, **changes}})
    assert response.status_code == 201, response.get_json()
    return response.get_json()["id"]


def stopped(api, dossier_id: int | None = None, proposal: dict = STOP, decision: dict = AGREE_STOP) -> None:
    """The specialist proposes to stop the criminal-record dossier and the leader agrees (status 8)."""
    api.complete("chuyenvien", SEARCH, proposal, dossier=dossier_id)
    api.complete("lanhdao", STOP_APPROVAL, decision, dossier=dossier_id)


def accept(api, dossier_id: int) -> None:
    """The desk accepts the criminal-record dossier and takes its fee at the counter at once."""
    api.complete("motcua", "Tiếp nhận hồ sơ", ACCEPT, dossier=dossier_id)
    pay(api, dossier_id)


def withdrawn_after_paying(api, clock) -> int:
    """A criminal-record dossier received Monday 23/11/2026 08:00 with its fee paid at once, which
    the citizen withdraws on Wednesday 25/11 09:00 (status 7)."""
    from tests.conftest import vn
    clock.set(vn(2026, 11, 23, 8, 0))
    dossier_id = submit_lltp(api)
    accept(api, dossier_id)
    clock.set(vn(2026, 11, 25, 9, 0))
    response = api.post(f"/dossiers/{dossier_id}/withdraw", "congdan", json={"data": {"ly_do_rut": "Không còn nhu cầu."}})
    assert response.status_code == 200, response.get_json()
    return dossier_id


def asked_during_processing(api, clock, **changes) -> int:
    """A dossier received Monday 23/11/2026 08:00, its fee paid at once, whose appraisal asks for
    a supplement on Wednesday 25/11 09:00 (24/11 is a holiday): waiting for the citizen, status 5."""
    from tests.conftest import vn
    clock.set(vn(2026, 11, 23, 8, 0))
    dossier_id = submit_lltp(api, **changes)
    accept(api, dossier_id)
    clock.set(vn(2026, 11, 25, 9, 0))
    api.complete("chuyenvien", SEARCH, ASK)
    return dossier_id


def dossier(api, dossier_id: int, user: str = "motcua") -> dict:
    response = api.get(f"/dossiers/{dossier_id}", user)
    assert response.status_code == 200, response.get_json()
    return response.get_json()


def awaiting_approval(api, dossier_id: int) -> None:
    """The criminal-record dossier just submitted accepted, paid for, checked and consulted: at
    the leader's approval."""
    accept(api, dossier_id)
    api.complete("chuyenvien", SEARCH, CHECKED)
    api.complete("congan", POLICE_TASK, POLICE)


def processed(api, dossier_id: int) -> dict:
    """Accepted, checked, consulted and approved: status 9 with a signed result."""
    awaiting_approval(api, dossier_id)
    api.complete("lanhdao", APPROVAL, APPROVE)
    return dossier(api, dossier_id)


def as_officer(client, username: str):
    """The test client logged in as `username`; returns a CSRF token for its forms."""
    login(client, username)
    return csrf(client, "/mot-cua")


def html(response) -> str:
    return response.get_data(as_text=True)


def task_id(page_html: str, name: str) -> str:
    found = re.search(r'href="/mot-cua/viec/([0-9a-f-]{36})(?:\?[^"]*)?">' + re.escape(name) + "<", page_html)
    assert found, f"no task «{name}» on the page"
    return found.group(1)


def pdf_text(pdf: bytes, tmp_path) -> str:
    path = tmp_path / "doc.pdf"
    path.write_bytes(pdf)
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True).stdout


def qr_urls(pdf: bytes, tmp_path) -> list[str]:
    """Every QR code of the PDF, read by zbarimg from a 150 dpi rendering of each page."""
    folder = tmp_path / "qr"
    folder.mkdir(exist_ok=True)
    for old in folder.iterdir():
        old.unlink()
    path = folder / "doc.pdf"
    path.write_bytes(pdf)
    subprocess.run(["pdftoppm", "-r", "150", "-png", str(path), str(folder / "page")], check=True)
    found = []
    for image in sorted(folder.glob("page*.png")):
        out = subprocess.run(["zbarimg", "--raw", "-q", str(image)], capture_output=True, text=True)
        found += [line for line in out.stdout.splitlines() if line.strip()]
    return found


def pdfsig(pdf: bytes, tmp_path) -> str:
    path = tmp_path / "signed.pdf"
    path.write_bytes(pdf)
    return subprocess.run(["pdfsig", str(path)], capture_output=True, text=True).stdout
