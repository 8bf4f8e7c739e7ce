"""One realistic input per document (a criminal-record certificate dossier in the demo province),
and the readers the tests use: poppler's pdftotext/pdftoppm/pdfinfo and zbar's zbarimg."""
from __future__ import annotations

import re
import subprocess
import tempfile
from dataclasses import replace
from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from app.documents import (Agency, Apology, Applicant, Component, ControlSlip, Duration, Handoff, MissingItem,
                           PaperResult, Party, Receipt, Refusal, Register, RegisterRow, ResultContent,
                           ResultDocument, Signer, SupplementRequest, result_code)

VN = ZoneInfo("Asia/Ho_Chi_Minh")


def vn(*args) -> datetime:
    return datetime(*args, tzinfo=VN)


CODE = "000.00.12.H99-261123-0007"
LOOKUP_URL = f"https://dichvucong.binhan.gov.vn/tra-cuu/{CODE}"
RESULT_CODE = result_code(CODE, 1)
VERIFY_URL = f"https://dichvucong.binhan.gov.vn/xac-thuc/{RESULT_CODE}"
PROCEDURE = "Cấp Phiếu lý lịch tư pháp cho công dân Việt Nam, người nước ngoài đang cư trú tại Việt Nam"

DESK = Agency("Bộ phận Một cửa Sở Tư pháp tỉnh Bình An", parent="Sở Tư pháp tỉnh Bình An",
              address="12 Lê Lợi, phường Hải Châu, tỉnh Bình An", phone="0236 3822 123", place="Bình An")
AGENCY = Agency("Sở Tư pháp tỉnh Bình An", parent="UBND tỉnh Bình An", phone="0236 3822 100", place="Bình An")
CENTRE = Agency("Trung tâm Phục vụ hành chính công tỉnh Bình An",
                address="127 Hai Bà Trưng, phường Quy Nhơn, tỉnh Bình An", phone="0256 3822 999")
APPLICANT = Applicant("Nguyễn Văn An", "45 Trần Phú, phường Thạch Thang, tỉnh Bình An", "0905 123 456",
                      "an.nguyen@example.vn")
OFFICER = "Trần Thị Bình"
LEADER = Signer("Lê Văn Cường", "Phó Giám đốc", "KT. Giám đốc")


def receipt(**changes) -> Receipt:
    return replace(Receipt(
        agency=DESK, code=CODE, applicant=APPLICANT, procedure=PROCEDURE,
        components=[Component("Tờ khai yêu cầu cấp Phiếu lý lịch tư pháp", "ban_chinh", 1),
                    Component("Căn cước công dân", "ban_chup", 1),
                    Component("Văn bản ủy quyền", "ban_sao_chung_thuc", 2)],
        processing_time=Duration(10, "working_days"), received_at=vn(2026, 11, 23, 8, 15),
        due_at=vn(2026, 12, 7, 8, 15), collect_at="Bộ phận Một cửa Sở Tư pháp tỉnh Bình An",
        lookup_url=LOOKUP_URL, officer=OFFICER, number="125/BPMC", register_book="03", register_entry="1257"),
        **changes)


def supplement(**changes) -> SupplementRequest:
    return replace(SupplementRequest(
        agency=DESK, applicant=APPLICANT, procedure=PROCEDURE,
        items=[MissingItem("Căn cước công dân", "Bản chụp bị mờ, không đọc được số định danh; nộp lại bản rõ nét."),
               MissingItem("Văn bản ủy quyền", "Thiếu chữ ký của người ủy quyền.")],
        reason="Hồ sơ chưa đầy đủ, hợp lệ theo quy định.", officer=OFFICER, issued_at=vn(2026, 11, 23, 9, 5),
        lookup_url=LOOKUP_URL, code=CODE, number="15/BPMC"), **changes)


def refusal(**changes) -> Refusal:
    return replace(Refusal(
        agency=DESK, applicant=APPLICANT, procedure=PROCEDURE,
        reason="Yêu cầu cấp Phiếu cho người khác không có văn bản ủy quyền theo quy định.",
        officer=OFFICER, issued_at=vn(2026, 11, 23, 9, 5), lookup_url=LOOKUP_URL, code=CODE), **changes)


def apology(**changes) -> Apology:
    return replace(Apology(
        agency=AGENCY, code=CODE, applicant=APPLICANT, procedure=PROCEDURE, received_at=vn(2026, 11, 23, 8, 15),
        original_due_at=vn(2026, 12, 7, 8, 15),
        reason="Công an tỉnh Bình An chưa có văn bản trả lời về tình trạng án tích.",
        new_due_at=vn(2026, 12, 14, 16, 0), leader=LEADER, issued_at=vn(2026, 12, 4, 10, 0),
        lookup_url=LOOKUP_URL, number="88/STP-HCTP"), **changes)


def handoff(index: int = 0) -> Handoff:
    return Handoff(Party("Bộ phận Một cửa", person=OFFICER),
                   Party("Sở Tư pháp tỉnh Bình An", "Phòng Hành chính tư pháp", "Phạm Minh Đức"),
                   vn(2026, 11, 23, 8, 30), "early", f"Lần giao số {index}" if index else "")


def control_slip(**changes) -> ControlSlip:
    return replace(ControlSlip(
        agency=DESK, code=CODE, applicant=APPLICANT, procedure=PROCEDURE, received_at=vn(2026, 11, 23, 8, 15),
        due_at=vn(2026, 12, 7, 8, 15), resolving_agency="Sở Tư pháp tỉnh Bình An",
        cooperating_agencies=["Công an tỉnh Bình An"], lookup_url=LOOKUP_URL,
        made_at=vn(2026, 12, 9, 16, 0), rows=[handoff(),
              Handoff(Party("Sở Tư pháp tỉnh Bình An", "Phòng Hành chính tư pháp", "Phạm Minh Đức"),
                      Party("Công an tỉnh Bình An", "Phòng Hồ sơ", "Đỗ Quang Huy"), vn(2026, 11, 24, 14, 5),
                      "on_time", "Lấy ý kiến liên thông"),
              Handoff(Party("Công an tỉnh Bình An", "Phòng Hồ sơ", "Đỗ Quang Huy"),
                      Party("Sở Tư pháp tỉnh Bình An", "Phòng Hành chính tư pháp", "Phạm Minh Đức"),
                      vn(2026, 12, 8, 9, 0), "late"),
              Handoff(Party("Sở Tư pháp tỉnh Bình An", "Lãnh đạo Sở", "Lê Văn Cường"),
                      Party("Bộ phận Một cửa", person=OFFICER), vn(2026, 12, 9, 15, 0))]), **changes)


def register_row(index: int) -> RegisterRow:
    return RegisterRow(code=f"000.00.12.H99-261123-{index:04d}", procedure="Cấp bản sao trích lục hộ tịch",
                       applicant=f"Nguyễn Văn An {index}", contact="45 Trần Phú; 0905 123 456",
                       received_at=vn(2026, 11, 23, 8, 15), due_at=vn(2026, 11, 25, 8, 15),
                       resolving_agency="Sở Tư pháp tỉnh Bình An", transferred_at=vn(2026, 11, 23, 9, 0),
                       result_at=vn(2026, 11, 24, 16, 30), returned_at=None, note="",
                       lookup_url=register_lookup_url(index))


def register_lookup_url(index: int) -> str:
    return f"https://dichvucong.binhan.gov.vn/tra-cuu/000.00.12.H99-261123-{index:04d}"


def register(**changes) -> Register:
    return replace(Register(agency=DESK, period_start=date(2026, 11, 1), period_end=date(2026, 11, 30),
                            printed_on=date(2026, 12, 1), rows=[register_row(1), register_row(2)],
                            made_at=vn(2026, 12, 1, 7, 30)), **changes)


CONTENT = ResultContent(
    title="Phiếu lý lịch tư pháp số 1",
    fields=[("Họ và tên", "Nguyễn Văn An"), ("Giới tính", "Nam"), ("Ngày, tháng, năm sinh", "12/03/1990"),
            ("Nơi cư trú", "45 Trần Phú, phường Thạch Thang, tỉnh Bình An"), ("Quốc tịch", "Việt Nam")],
    paragraphs=["Án tích: Không có án tích.",
                "Phiếu lý lịch tư pháp này được cấp theo yêu cầu của người có tên trên."])


def result(**changes) -> ResultDocument:
    return replace(ResultDocument(
        agency=AGENCY, number="1234/LLTP-STP", issued_on=date(2026, 12, 4), result_code=RESULT_CODE,
        applicant="Nguyễn Văn An", content=CONTENT, signer=LEADER, verify_url=VERIFY_URL,
        recipients=["Ông Nguyễn Văn An", "Lưu: VT, HCTP"], made_at=vn(2026, 12, 4, 10, 30)), **changes)


def paper(**changes) -> PaperResult:
    return replace(PaperResult.of(result(), CENTRE, "Hệ thống thông tin một cửa điện tử tỉnh Bình An",
                                  vn(2026, 12, 5, 8, 45)), **changes)


# --- readers -----------------------------------------------------------------------------------

def _run(*command: str, data: bytes | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(command, input=data, capture_output=True, check=False, timeout=120)


def text(pdf: bytes, first: int | None = None, last: int | None = None) -> str:
    """pdftotext's reading, whitespace collapsed (lines wrap wherever the layout put them)."""
    pages = [] if first is None else ["-f", str(first), "-l", str(last or first)]
    out = _run("pdftotext", "-enc", "UTF-8", *pages, "-", "-", data=pdf)
    assert out.returncode == 0, out.stderr
    return " ".join(out.stdout.decode("utf-8").split())


def lines(pdf: bytes, page: int) -> list[str]:
    """pdftotext -layout's lines of one page: what sits on one line of a table row stays on one."""
    out = _run("pdftotext", "-enc", "UTF-8", "-layout", "-f", str(page), "-l", str(page), "-", "-", data=pdf)
    assert out.returncode == 0, out.stderr
    return out.stdout.decode("utf-8").splitlines()


def page_count(pdf: bytes) -> int:
    out = _run("pdfinfo", "-", data=pdf)
    assert out.returncode == 0, out.stderr
    return int(re.search(rb"^Pages:\s+(\d+)", out.stdout, re.M).group(1))


def qr_codes(pdf: bytes, page: int = 1) -> list[str]:
    """What zbarimg reads on the page rendered at 150 dpi, as a scanner would see it."""
    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / "doc.pdf"
        source.write_bytes(pdf)
        rendered = _run("pdftoppm", "-r", "150", "-png", "-f", str(page), "-l", str(page), str(source),
                        str(Path(folder) / "page"))
        assert rendered.returncode == 0, rendered.stderr
        (image,) = Path(folder).glob("page*.png")
        out = _run("zbarimg", "--raw", "-q", str(image))  # exit 4: no symbol found
        return out.stdout.decode("utf-8").splitlines()


def fonts(pdf: bytes) -> dict[str, bool]:
    """pdffonts' table as {font name: embedded?}."""
    with tempfile.NamedTemporaryFile(suffix=".pdf") as file:
        file.write(pdf)
        file.flush()
        out = _run("pdffonts", file.name)
    assert out.returncode == 0, out.stderr
    rows = [line.split() for line in out.stdout.decode().splitlines()[2:] if line.strip()]
    return {row[0]: row[-5] == "yes" for row in rows}  # ... emb sub uni object generation
