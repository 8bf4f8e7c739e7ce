"""Officers at their desks, in a real Chromium: the one-stop desk claims dossiers (button and
keyboard), accepts one and prints its receipt (Mẫu 01, QR to the lookup page); the specialist
appraises, the police (another agency) give their opinion, the leader approves and so signs the
result, the desk returns it; the dossier page draws the diagram and the control slip. A late
dossier gets its one apology with a new date (Mẫu 04). The counter intake enters a paper
dossier, and the desk later receives its paper supplement. Citizens' dossiers are created through the API; everything an officer does goes
through the pages. Printed and signed PDFs are read back with poppler and zbar."""
from __future__ import annotations

import re
import subprocess
from contextlib import contextmanager

import pytest

from tests.api.test_lifecycle import ACCEPT, LLTP, LLTP_FORM, submit
from tests.browser.conftest import axe_violations, officer_windows
from tests.conftest import vn
from tests.web.pages import pdf_bytes
from tests.workspace.helpers import accept

DESKTOP = {"width": 1366, "height": 900}
CODE = re.compile(r"000\.00\.12\.H99-\d{6}-\d{4}")


@pytest.fixture()
def officer(browser, live_server):
    """Opens a desktop browser window logged in (through /dang-nhap) as a demo officer."""
    yield from officer_windows(browser, live_server, bypass_csp=True, viewport=DESKTOP, accept_downloads=True)


def _accessible(page, name: str) -> None:
    violations = axe_violations(page)
    assert violations == [], f"{name}: {violations}"


def _row(page, dossier: str, task: str):
    return page.locator("tr[data-row]").filter(has_text=dossier).filter(has_text=task)


def _open_task(page, dossier: str, task: str) -> None:
    """From the inbox's "all tasks of my group" tab, the task of that dossier."""
    page.goto("/mot-cua?tab=nhom")
    _row(page, dossier, task).get_by_role("link", name=task, exact=True).click()
    page.wait_for_url("**/mot-cua/viec/*")
    assert page.inner_text("h1") == task


def _complete(page, task: str) -> None:
    page.get_by_role("button", name=f"Hoàn thành «{task}»").click()


@contextmanager
def _confirmed(page, question: str):
    """What the block does asks once before an irreversible action (static/forms.js), a question
    starting with `question`, and the officer says yes."""
    asked = []

    def answer(dialog):
        asked.append(dialog.message)
        dialog.accept()
    page.once("dialog", answer)
    yield
    assert len(asked) == 1 and asked[0].startswith(question), asked


def _pdf(page, link_name: str, tmp_path, name: str) -> str:
    """A generated document (shown inline by the browser) fetched with the page's session."""
    href = page.get_by_role("link", name=link_name).get_attribute("href")
    response = page.request.get(href)
    assert response.ok and response.headers["content-type"] == "application/pdf", response.status
    path = tmp_path / name
    path.write_bytes(response.body())
    return str(path)


def _text(pdf: str) -> str:
    return subprocess.run(["pdftotext", "-enc", "UTF-8", pdf, "-"], check=True, capture_output=True,
                          text=True).stdout


def _qr_codes(pdf: str, tmp_path) -> list[str]:
    image = tmp_path / "trang"
    subprocess.run(["pdftoppm", "-r", "200", "-png", "-f", "1", "-l", "1", "-singlefile", pdf, str(image)],
                   check=True)
    # zbarimg exits 4 when it finds no code: the caller's assertion says so.
    found = subprocess.run(["zbarimg", "--quiet", "--raw", str(image) + ".png"], check=False, capture_output=True,
                           text=True)
    return found.stdout.split()


def test_a_criminal_record_dossier_from_claim_to_return(officer, live_server, api, clock, tmp_path):
    clock.set(vn(2026, 11, 23, 8, 0))  # Monday; Tuesday 24/11 is a day off
    first = submit(api, LLTP, LLTP_FORM)["id"]
    second = submit(api, LLTP, {**LLTP_FORM, "so_ban": 3})["id"]

    desk = officer("motcua")
    waiting = desk.locator("nav.tabs a", has_text="Chờ nhận xử lý")
    assert waiting.get_attribute("aria-current") == "page"  # nothing of mine yet: what waits for me
    assert waiting.locator(".count").inner_text() == "2"
    _accessible(desk, "hộp công việc")
    _row(desk, f"Số {first} (chưa cấp mã)", "Tiếp nhận hồ sơ").get_by_role("button", name="Nhận").click()
    desk.wait_for_selector(f"text=Đã nhận xử lý «Tiếp nhận hồ sơ» của hồ sơ số {first}.")
    desk.wait_for_load_state()  # the shortcuts script too
    # Back on the same tab, the next one waiting: select it (j) and claim it (n).
    assert waiting.get_attribute("aria-current") == "page" and waiting.locator(".count").inner_text() == "1"
    desk.keyboard.press("j")
    assert f"Số {second}" in desk.locator("tr[data-row].selected").inner_text()
    desk.keyboard.press("n")
    desk.wait_for_selector(f"text=Đã nhận xử lý «Tiếp nhận hồ sơ» của hồ sơ số {second}.")
    desk.wait_for_load_state()
    assert waiting.locator(".count").inner_text() == "0"
    desk.keyboard.press("1")  # "my work"
    desk.wait_for_url("**/mot-cua?tab=cua-toi*")
    assert desk.locator("nav.tabs a", has_text="Việc của tôi").locator(".count").inner_text() == "2"
    assert desk.locator("tr[data-row]", has_text="Trần Thị Bình").count() == 2

    clock.set(vn(2026, 11, 23, 8, 30))
    _open_task(desk, f"Số {first} (chưa cấp mã)", "Tiếp nhận hồ sơ")
    assert "Người xử lý: Trần Thị Bình" in desk.inner_text("main")
    _accessible(desk, "trang công việc")
    desk.get_by_label("Tiếp nhận hồ sơ", exact=True).check()
    _complete(desk, "Tiếp nhận hồ sơ")
    desk.wait_for_url(f"**/mot-cua/ho-so/{first}*")
    code = CODE.search(desk.inner_text("h1")).group(0)
    assert code == "000.00.12.H99-261123-0001"
    assert f"Đã tiếp nhận hồ sơ, cấp mã {code}" in desk.inner_text("main")
    documents = desk.get_by_role("region", name="Giấy tờ, phiếu in", exact=True)
    assert "Giấy tiếp nhận hồ sơ và hẹn trả kết quả (Mẫu 01)" in documents.inner_text()
    receipt = _pdf(desk, "Giấy tiếp nhận hồ sơ và hẹn trả kết quả (Mẫu 01)", tmp_path, "mau-01.pdf")
    text = _text(receipt)
    assert code in text and "Nguyễn Văn An" in text
    assert f"{live_server}/tra-cuu/{code}" in _qr_codes(receipt, tmp_path)
    # The fee comes next: the citizen pays it at the counter.
    assert "Đang chờ công dân nộp phí, lệ phí: 200.000 đồng" in desk.inner_text("main")
    with _confirmed(desk, "Xác nhận đã thu 200.000 đồng của công dân và ký biên lai điện tử?"):
        desk.click("button:has-text('Thu phí, ký biên lai điện tử')")
    desk.wait_for_selector("text=Đã thu 200.000 đồng")
    assert f"{code}-BL1" in desk.inner_text("#phi")
    dossier_url = desk.url.split("#")[0]
    now_at = desk.inner_text("section[aria-labelledby=dang-xu-ly]")
    assert "Tra cứu, xác minh thông tin lý lịch tư pháp · Sở Tư pháp tỉnh Bình An" in now_at
    assert "Lấy ý kiến Công an tỉnh · Công an tỉnh Bình An" in now_at  # in parallel, at the other agency

    clock.set(vn(2026, 11, 25, 9, 0))
    specialist = officer("chuyenvien")
    _open_task(specialist, code, "Tra cứu, xác minh thông tin lý lịch tư pháp")
    specialist.get_by_role("button", name="Nhận xử lý").click()
    specialist.wait_for_selector("text=Trả về nhóm")
    specialist.get_by_label("Đủ điều kiện, trình lãnh đạo phê duyệt").check()
    specialist.get_by_label("Ý kiến thẩm định").fill("Không có án tích trong cơ sở dữ liệu lý lịch tư pháp.")
    _complete(specialist, "Tra cứu, xác minh thông tin lý lịch tư pháp")
    specialist.wait_for_selector("text=Đã hoàn thành «Tra cứu, xác minh thông tin lý lịch tư pháp»")

    clock.set(vn(2026, 11, 26, 10, 0))
    police = officer("congan")
    _open_task(police, code, "Lấy ý kiến Công an tỉnh")
    # The consultation has its own limit: 5 working days from the acceptance.
    assert "Hạn bước: 08:30 ngày 01/12/2026" in police.inner_text("main")
    police.get_by_label("Không có án tích").check()
    police.get_by_label("Ý kiến của cơ quan phối hợp").fill("Không có thông tin về án tích.")
    police.get_by_role("group", name="Nhân thân trong tờ khai khớp").get_by_label("Có", exact=True).check()
    _complete(police, "Lấy ý kiến Công an tỉnh")
    police.wait_for_selector("text=Đã hoàn thành «Lấy ý kiến Công an tỉnh»")

    clock.set(vn(2026, 11, 27, 14, 0))
    leader = officer("lanhdao")
    _open_task(leader, code, "Phê duyệt, ký Phiếu")
    leader.get_by_label("Phê duyệt, ký kết quả").check()
    with _confirmed(leader, "Phê duyệt và ký số kết quả?"):
        _complete(leader, "Phê duyệt, ký Phiếu")
    leader.wait_for_url(f"**/mot-cua/ho-so/{first}*")
    result = f"{code}-KQ1"
    assert f"Đã phê duyệt và ký số kết quả {result}" in leader.inner_text("main")
    results = leader.locator("#ket-qua table")
    assert result in results.inner_text()
    with leader.expect_download() as download:
        results.get_by_role("link", name="Tải tệp đã ký số").click()
    signed = tmp_path / "ket-qua.pdf"
    download.value.save_as(signed)
    verdict = subprocess.run(["pdfsig", str(signed)], check=False, capture_output=True, text=True).stdout
    assert "Signature is Valid." in verdict, verdict

    clock.set(vn(2026, 11, 30, 8, 0))
    _open_task(desk, code, "Trả kết quả")
    desk.get_by_label("Trực tuyến").check()
    _complete(desk, "Trả kết quả")
    desk.wait_for_selector("text=Đã hoàn thành «Trả kết quả»")

    desk.goto(dossier_url)
    assert "10. Đã trả kết quả" in desk.inner_text("main")
    diagram = desk.locator("#so-do-quy-trinh svg.bpmn-diagram")
    assert diagram.count() == 1
    for step in ("Task_tiep_nhan", "Task_tra_cuu", "Task_y_kien_cong_an", "Task_phe_duyet", "Task_tra_ket_qua"):
        assert diagram.locator(f"g.state-done[data-element-id={step}]").count() == 1, step
    rows = desk.locator("table.control-slip tbody tr")
    assert rows.count() == 6  # one hand-off per step, the approval's two: one from each branch of the join
    slip = {rows.nth(i).locator("td").first.inner_text(): rows.nth(i).locator("td").last.inner_text()
            for i in range(rows.count())}
    # Done on earlier days than due; returning the result, without a limit of its own in the
    # diagram, is due at the appointment.
    assert slip == {"Tiếp nhận hồ sơ": "Trước hạn", "Tra cứu, xác minh thông tin lý lịch tư pháp": "Trước hạn",
                    "Lấy ý kiến Công an tỉnh": "Trước hạn", "Phê duyệt, ký Phiếu": "Trước hạn",
                    "Trả kết quả": "Trước hạn"}
    _accessible(desk, "trang hồ sơ")


def _apology_form_offered(page) -> bool:
    return page.locator("#xin-loi form").count() == 1


def _forged_apology(page, dossier: int):
    """The apology POST without its form, as a stale tab or a crafted request would send it."""
    token = page.locator("input[name=csrf_token]").first.get_attribute("value")
    return page.request.post(f"/mot-cua/ho-so/{dossier}/xin-loi", form={
        "csrf_token": token, "ngay_hen_moi": "2026-12-11T09:00", "ly_do": "Thử gửi lại."})


def test_a_late_dossier_gets_one_apology_with_a_new_date(officer, live_server, api, clock, tmp_path):
    clock.set(vn(2026, 11, 23, 8, 0))
    late = submit(api, LLTP, LLTP_FORM)["id"]
    accept(api, late)
    tight = submit(api, LLTP, {**LLTP_FORM, "so_ban": 3})["id"]
    accept(api, tight)
    late_code, tight_code = "000.00.12.H99-261123-0001", "000.00.12.H99-261123-0002"
    task = "Tra cứu, xác minh thông tin lý lịch tư pháp"  # 5 working days: due 01/12 08:00

    clock.set(vn(2026, 12, 1, 7, 45))
    specialist = officer("chuyenvien")
    specialist.goto("/mot-cua?tab=nhom")
    row = _row(specialist, late_code, task)
    assert row.locator(".badge").inner_text() == "Hôm nay" and "overdue" not in row.get_attribute("class")
    clock.set(vn(2026, 12, 1, 8, 1))
    specialist.reload()
    assert "overdue" in row.get_attribute("class").split()
    assert row.locator(".badge").inner_text() == "Quá hạn"
    _accessible(specialist, "hộp công việc có việc quá hạn")

    # Two working days before the dossier's due instant (08:00 on 8/12): Friday 4/12 08:00. The
    # leader, who signs Mẫu 04, sends it.
    clock.set(vn(2026, 12, 4, 8, 0))
    leader = officer("lanhdao")
    leader.goto(f"/mot-cua/ho-so/{late}")
    assert "Ngày hẹn hiện tại: 08:00 ngày 08/12/2026" in leader.inner_text("#xin-loi")
    leader.get_by_label("Ngày giờ hẹn trả kết quả mới").fill("2026-12-10T10:00")
    leader.get_by_label("Lý do").fill("Chờ Công an tỉnh trả lời kết quả xác minh.")
    with _confirmed(leader, "Gửi thư xin lỗi (Mẫu 04) và hẹn ngày trả kết quả mới?"):
        leader.get_by_role("button", name="Gửi thư xin lỗi (Mẫu 04)").click()
    leader.wait_for_selector("text=Đã gửi thư xin lỗi; ngày hẹn trả kết quả mới: 10:00 ngày 10/12/2026.")
    assert "10:00 ngày 10/12/2026 (đã hẹn lại)" in leader.inner_text("dl.facts")
    documents = leader.get_by_role("region", name="Giấy tờ, phiếu in", exact=True)
    assert "Phiếu xin lỗi và hẹn lại ngày trả kết quả (Mẫu 04)" in documents.inner_text()
    apology = _text(_pdf(leader, "Phiếu xin lỗi và hẹn lại ngày trả kết quả (Mẫu 04)", tmp_path, "mau-04.pdf"))
    assert late_code in apology and "10 giờ 00 phút, ngày 10 tháng 12 năm 2026" in apology, apology
    assert "Chờ Công an tỉnh trả lời kết quả xác minh." in apology and "Phạm Thị Dung" in apology

    once = ("Hồ sơ này đã được hẹn lại ngày trả kết quả lúc 08:00 ngày 04/12/2026 (ngày hẹn mới: 10:00 ngày "
            "10/12/2026); pháp luật chỉ cho phép hẹn lại một lần.")
    assert not _apology_form_offered(leader)
    assert once in leader.inner_text("#xin-loi")
    forged = _forged_apology(leader, late)
    assert forged.status == 409 and once in forged.text()
    _accessible(leader, "trang hồ sơ đã hẹn lại")

    # The other dossier, which the leader has no task on: found through "Tra cứu hồ sơ". Its form
    # is open at 07:30 on 7/12 (8.5 working hours before 08:00 on 8/12), sent at 10:00, when
    # less than one working day is left.
    clock.set(vn(2026, 12, 7, 7, 30))
    leader.keyboard.press("g")
    leader.keyboard.press("h")
    leader.wait_for_url("**/mot-cua/ho-so")
    leader.get_by_label("hoặc tên người nộp").fill(tight_code)
    leader.get_by_role("button", name="Tìm").click()
    leader.get_by_role("link", name=tight_code).click()
    leader.wait_for_url(f"**/mot-cua/ho-so/{tight}")
    assert _apology_form_offered(leader)
    leader.get_by_label("Ngày giờ hẹn trả kết quả mới").fill("2026-12-10T10:00")
    leader.get_by_label("Lý do").fill("Chờ Công an tỉnh trả lời.")
    clock.set(vn(2026, 12, 7, 10, 0))
    with _confirmed(leader, "Gửi thư xin lỗi (Mẫu 04) và hẹn ngày trả kết quả mới?"):
        leader.get_by_role("button", name="Gửi thư xin lỗi (Mẫu 04)").click()
    too_late = ("Thư xin lỗi phải gửi chậm nhất 1 ngày làm việc trước hạn trả kết quả (08:00 ngày 08/12/2026); "
                "nay đã quá thời điểm đó.")
    leader.wait_for_selector("#tom-tat-loi")
    assert too_late in leader.inner_text("#tom-tat-loi")
    assert not _apology_form_offered(leader)
    assert "08:00 ngày 08/12/2026" in leader.inner_text("dl.facts")
    assert "Phiếu xin lỗi" not in leader.inner_text("#giay-to")
    _accessible(leader, "trang hồ sơ từ chối thư xin lỗi")
    forged = _forged_apology(leader, tight)
    assert forged.status == 409 and too_late in forged.text()
    # A specialist cannot send one at all: the agency's head signs Mẫu 04.
    specialist.goto(f"/mot-cua/ho-so/{tight}")
    assert not _apology_form_offered(specialist)
    assert _forged_apology(specialist, tight).status == 403


def test_the_desk_enters_a_paper_dossier_at_the_counter(officer, clock, tmp_path):
    clock.set(vn(2026, 11, 23, 9, 0))
    desk = officer("motcua")
    desk.keyboard.press("g")
    desk.keyboard.press("t")
    desk.wait_for_url("**/mot-cua/tiep-nhan")
    desk.get_by_label("Số CCCD hoặc số hộ chiếu của người nộp").fill("001090000001")
    desk.get_by_role("button", name="Tìm công dân").click()
    desk.wait_for_selector("h1:has-text('Tiếp nhận hồ sơ cho Nguyễn Văn An')")
    _accessible(desk, "tìm công dân tại quầy")
    desk.get_by_role("link", name="Cấp Phiếu lý lịch tư pháp", exact=False).click()
    desk.wait_for_url("**/mot-cua/tiep-nhan/*/2.000488")
    assert desk.input_value("#f-ho_ten") == "Nguyễn Văn An" and desk.input_value("#f-so_cccd") == "001090000001"
    assert desk.get_by_label("Trực tiếp tại quầy").is_checked()
    # What only a postal intake records shows when the post is chosen, not before.
    assert not desk.is_visible("#so_buu_gui") and not desk.is_visible("#hinh_thuc_tra")
    desk.get_by_label("Qua bưu chính công ích").check()
    assert desk.is_visible("#so_buu_gui") and desk.is_visible("#hinh_thuc_tra")
    desk.get_by_label("Trực tiếp tại quầy").check()
    assert not desk.is_visible("#so_buu_gui")
    desk.fill("#f-ngay_sinh", "1990-01-15")
    desk.get_by_role("group", name="Giới tính").get_by_label("Nam", exact=True).check()
    desk.fill("#f-quoc_tich", "Việt Nam")
    desk.fill("#f-noi_cu_tru", "12 Lê Lợi, phường An Bình")
    desk.get_by_label("Phiếu số 1", exact=True).check()
    desk.fill("#f-muc_dich", "Bổ sung hồ sơ xin việc")
    desk.fill("#f-so_ban", "1")
    desk.get_by_label("Không thuộc diện miễn, giảm (200.000 đồng)").check()
    desk.fill("#f-qua_trinh_cu_tru-0-tu_nam", "1990")
    desk.fill("#f-qua_trinh_cu_tru-0-den_nam", "2026")
    desk.fill("#f-qua_trinh_cu_tru-0-noi_cu_tru", "Phường An Bình")
    scan = tmp_path / "cccd-ban-quet.pdf"
    scan.write_bytes(pdf_bytes("CCCD ban quet"))
    desk.set_input_files("#tep-GTTT", str(scan))
    desk.get_by_role("button", name="Nhập hồ sơ và chuyển tiếp nhận").click()

    # The birthplace was forgotten: the form comes back with the error and keeps the scan.
    desk.wait_for_selector("#tom-tat-loi")
    assert "Nơi sinh" in desk.inner_text("#tom-tat-loi")
    assert "cccd-ban-quet.pdf" in desk.inner_text("main form")
    _accessible(desk, "biểu mẫu nhập hồ sơ có lỗi")
    desk.fill("#f-noi_sinh", "Bình An")
    desk.get_by_role("button", name="Nhập hồ sơ và chuyển tiếp nhận").click()

    desk.wait_for_url("**/mot-cua/viec/*")
    assert desk.inner_text("h1") == "Tiếp nhận hồ sơ"
    main = desk.inner_text("main")
    assert "Đã nhập hồ sơ trực tiếp tại quầy cho Nguyễn Văn An; hồ sơ đang ở bước tiếp nhận." in main
    assert "Có: Giấy tờ tùy thân (Căn cước công dân, hộ chiếu)" in main and "cccd-ban-quet.pdf" in main
    assert "Trực tiếp tại quầy" in desk.inner_text("aside dl.facts")

    # Something is missing after all: the desk asks for it, and the citizen brings it on paper.
    desk.get_by_label("Yêu cầu bổ sung, hoàn thiện hồ sơ", exact=True).check()
    desk.fill("#f-ly_do", "Bản quét Căn cước công dân bị mờ.")
    # The list shows one empty component to fill in; adding another is a round trip to the
    # server, which shows back what was typed and puts the cursor in the new component.
    desk.fill("#f-thanh_phan_can_bo_sung-0-thanh_phan", "Giấy tờ tùy thân")
    desk.fill("#f-thanh_phan_can_bo_sung-0-yeu_cau", "Bản chụp rõ hai mặt.")
    desk.get_by_role("button", name="Thêm thành phần hồ sơ cần bổ sung, hoàn thiện").click()
    desk.wait_for_selector("#f-thanh_phan_can_bo_sung-1-thanh_phan")
    desk.wait_for_function("document.activeElement && document.activeElement.id === 'f-thanh_phan_can_bo_sung-1-thanh_phan'")
    assert desk.input_value("#f-ly_do") == "Bản quét Căn cước công dân bị mờ."
    assert desk.input_value("#f-thanh_phan_can_bo_sung-0-yeu_cau") == "Bản chụp rõ hai mặt."
    desk.keyboard.type("Tờ khai")
    desk.fill("#f-thanh_phan_can_bo_sung-1-yeu_cau", "Ghi rõ nơi sinh theo giấy khai sinh.")
    _complete(desk, "Tiếp nhận hồ sơ")
    desk.wait_for_url("**/mot-cua/ho-so/*")
    clock.set(vn(2026, 11, 25, 10, 0))
    desk.get_by_role("link", name="Nhận hồ sơ bổ sung bản giấy").click()
    desk.wait_for_url("**/mot-cua/ho-so/*/bo-sung")
    asked = desk.inner_text("main")
    assert "Bản quét Căn cước công dân bị mờ." in asked and "Ghi rõ nơi sinh theo giấy khai sinh." in asked
    assert desk.input_value("#f-noi_sinh") == "Bình An"  # the application as it stands
    _accessible(desk, "nhận hồ sơ bổ sung bản giấy")
    desk.fill("#f-noi_cu_tru", "15 Lê Lợi, phường An Bình")
    sharper = tmp_path / "cccd-ro-net.pdf"
    sharper.write_bytes(pdf_bytes("CCCD ro net"))
    desk.set_input_files("#tep-GTTT", str(sharper))
    desk.locator("main form button[value=submit]:not(.visually-hidden)").click()
    desk.wait_for_url(re.compile(r".*/mot-cua/ho-so/\d+$"))
    main = desk.inner_text("main")
    assert "Đã nhận hồ sơ bổ sung trực tiếp tại quầy" in main and "1. Mới đăng ký" in main
    changes = desk.locator("table.changes").inner_text()
    assert "12 Lê Lợi, phường An Bình" in changes and "15 Lê Lợi, phường An Bình" in changes
    assert "cccd-ro-net.pdf" in main and "cccd-ban-quet.pdf" in main  # the old scan kept, replaced


def test_an_administrator_opens_an_officer_account_and_sees_the_procedures(officer, clock):
    clock.set(vn(2026, 11, 23, 9, 0))
    admin = officer("admin")
    admin.get_by_role("link", name="Cán bộ", exact=True).click()
    admin.wait_for_url("**/mot-cua/can-bo")
    _accessible(admin, "danh sách cán bộ")
    admin.get_by_role("link", name="Thêm cán bộ").click()
    admin.get_by_label("Tên đăng nhập").fill("Đỗ Hoa")
    admin.get_by_label("Họ và tên").fill("Đỗ Thị Hoa")
    admin.get_by_label("Thư điện tử công vụ").fill("hoa.stp@binhan.example.vn")
    admin.get_by_label("Vai trò").select_option(label="Chuyên viên")
    admin.get_by_label("Cơ quan").select_option(label="Sở Tư pháp tỉnh Bình An (000.00.12.H99)")
    admin.get_by_role("button", name="Lập tài khoản và gửi thư kích hoạt").click()
    admin.wait_for_selector("#tom-tat-loi")  # the user name has a space and accents
    assert "Tên đăng nhập gồm 3–64 ký tự" in admin.inner_text("#tom-tat-loi")
    assert admin.input_value("#ho_ten") == "Đỗ Thị Hoa"  # what was typed is kept
    _accessible(admin, "biểu mẫu cán bộ có lỗi")
    admin.get_by_label("Tên đăng nhập").fill("dothihoa.stp")
    admin.get_by_role("button", name="Lập tài khoản và gửi thư kích hoạt").click()
    admin.wait_for_selector("h1:has-text('Đỗ Thị Hoa')")
    assert "Chưa kích hoạt" in admin.inner_text("main")
    admin.get_by_role("link", name="Quy trình", exact=True).click()
    admin.wait_for_url("**/mot-cua/quy-trinh")
    assert "Cấp Phiếu lý lịch tư pháp" in admin.inner_text("main")
    _accessible(admin, "quy trình đang dùng")
    admin.get_by_role("link", name="Cấp Phiếu lý lịch tư pháp").click()
    admin.wait_for_selector("svg.bpmn-diagram")
    _accessible(admin, "sơ đồ một phiên bản")


def test_the_desk_takes_a_fee_in_cash_and_the_day_adds_up(officer, live_server, api, clock):
    from tests.api.test_lifecycle import BAN_SAO, BAN_SAO_FORM
    clock.set(vn(2026, 11, 23, 9, 0))
    dossier_id = submit(api, BAN_SAO, {**BAN_SAO_FORM, "so_ban": 2})["id"]
    api.complete("motcua", "Tiếp nhận hồ sơ", ACCEPT)
    desk = officer("motcua")
    desk.goto(f"/mot-cua/ho-so/{dossier_id}")
    assert "Đang chờ công dân nộp phí, lệ phí: 16.000 đồng" in desk.inner_text("main")
    _accessible(desk, "trang hồ sơ chờ nộp phí")
    with _confirmed(desk, "Xác nhận đã thu 16.000 đồng của công dân"):
        desk.click("button:has-text('Thu phí, ký biên lai điện tử')")
    desk.wait_for_selector("text=Đã thu 16.000 đồng")
    code = CODE.search(desk.inner_text("h1")).group(0)
    assert f"{code}-BL1" in desk.inner_text("#phi") and "Đang xử lý" in desk.inner_text("main")
    desk.click("nav.main a:has-text('Sổ thu phí')")
    desk.wait_for_url("**/mot-cua/thu-phi")
    desk.fill("#ngay", "2026-11-23")
    desk.click("button:has-text('Xem')")
    desk.wait_for_url("**ngay=2026-11-23**")
    assert "Tổng đã thu" in desk.inner_text("main") and "16.000 đồng" in desk.inner_text("main")
    _accessible(desk, "sổ thu phí")
