"""The day's fees spreadsheet reconciles with the money handed over: after what came in that day,
the refunds given back that day (of money paid that day or any other) in a section of their own,
with who gave it back, how, and when it had been paid, the amount negative in the same column, so
the column adds up to what the day leaves with the agency; no text cell runs as a formula."""
from __future__ import annotations

import csv
import io

from tests.api.test_lifecycle import BAN_SAO, BAN_SAO_FORM, pay, submit
from tests.conftest import vn
from tests.workspace.helpers import accept, as_officer, stopped as stop, submit_lltp

TITLE = "Đã hoàn trả trong ngày (số tiền ghi số âm"
REFUND_HEADERS = ["Thời điểm hoàn trả", "Mã hồ sơ", "Người nộp", "Số tiền (đồng)", "Hình thức đã nộp",
                  "Mã giao dịch", "Số biên lai", "Cán bộ hoàn trả", "Cách hoàn trả", "Thời điểm nộp"]
HOSTILE_NAME = "=cmd|' /C calc'!A0"
HOSTILE_NOTE = '@SUM(1+1) chuyển khoản =HYPERLINK("http://evil.example/")'


def _sheet(client, day: str) -> list[list[str]]:
    response = client.get(f"/mot-cua/thu-phi?ngay={day}&csv=1")
    assert response.status_code == 200 and response.mimetype == "text/csv"
    return list(csv.reader(io.StringIO(response.data.decode("utf-8-sig"))))


def _refund(client, token: str, dossier_id: int, note: str) -> None:
    done = client.post(f"/mot-cua/ho-so/{dossier_id}/hoan-phi/1", data={"csrf_token": token, "cach_hoan": note})
    assert done.status_code == 303


def _column_sum(rows: list[list[str]]) -> int:
    """What a spreadsheet's SUM over the amount column gives: the numbers, text skipped."""
    return sum(int(row[3]) for row in rows if len(row) > 3 and row[3].lstrip("-").isdigit())


def test_the_days_refunds_follow_its_payments_negative_with_who_and_how(api, clock, client, clean_app):
    # Monday: 200.000 đồng taken at the counter; Wednesday the dossier is stopped.
    clock.set(vn(2026, 11, 23, 8, 0))
    stopped = submit_lltp(api)
    accept(api, stopped)
    code = api.get(f"/dossiers/{stopped}", "congdan").get_json()["code"]
    clock.set(vn(2026, 11, 25, 9, 0))
    stop(api, stopped)
    # Thursday: 8.000 đồng taken for a copy whose applicant's name a spreadsheet would run,
    # withdrawn within the hour.
    clock.set(vn(2026, 11, 26, 8, 30))
    withdrawn = submit(api, BAN_SAO, {**BAN_SAO_FORM, "ho_ten_nguoi_yeu_cau": HOSTILE_NAME})["id"]
    api.complete("motcua", "Tiếp nhận hồ sơ", {"quyet_dinh": "tiep_nhan"}, dossier=withdrawn)
    pay(api, withdrawn)
    withdrawn_code = api.get(f"/dossiers/{withdrawn}", "congdan").get_json()["code"]
    clock.set(vn(2026, 11, 26, 9, 0))
    assert api.post(f"/dossiers/{withdrawn}/withdraw", "congdan",
                    json={"data": {"ly_do_rut": "Nộp nhầm thủ tục."}}).status_code == 200
    token = as_officer(client, "motcua")
    # Owed back but not yet given back: the day's sheet is its payments only.
    assert len(_sheet(client, "2026-11-26")) == 2
    # Both given back on Thursday.
    clock.set(vn(2026, 11, 26, 10, 0))
    _refund(client, token, stopped, "Tiền mặt tại quầy, công dân ký nhận")
    clock.set(vn(2026, 11, 26, 10, 30))
    _refund(client, token, withdrawn, HOSTILE_NOTE)

    rows = _sheet(client, "2026-11-26")
    assert rows[0][:4] == ["Thời điểm nộp", "Mã hồ sơ", "Người nộp", "Số tiền (đồng)"] and len(rows) == 7
    taken = rows[1]
    assert (taken[0], taken[1], taken[2], taken[3], taken[4], taken[7], taken[8]) == (
        "08:30 26/11/2026", withdrawn_code, "'" + HOSTILE_NAME, "8000", "Trực tiếp tại quầy", "Trần Thị Bình",
        "Đã hoàn trả")
    assert rows[2] == [] and rows[3][0].startswith(TITLE) and rows[4] == REFUND_HEADERS
    # The refund of Monday's money, then of the morning's, each with who gave it back and how.
    assert [rows[5][i] for i in (0, 1, 2, 3, 4, 7, 8, 9)] == [
        "10:00 26/11/2026", code, "Nguyễn Văn An", "-200000", "Trực tiếp tại quầy", "Trần Thị Bình",
        "Tiền mặt tại quầy, công dân ký nhận", "08:00 23/11/2026"]
    assert (rows[5][6], rows[6][6]) == (code + "-BL1", withdrawn_code + "-BL1")  # the receipts they were paid with
    assert [rows[6][i] for i in (0, 1, 2, 3, 7, 8, 9)] == [
        "10:30 26/11/2026", withdrawn_code, "'" + HOSTILE_NAME, "-8000", "Trần Thị Bình", "'" + HOSTILE_NOTE,
        "08:30 26/11/2026"]
    # No text cell starts a formula; the amount column adds up to what the day leaves: 8.000
    # taken, 208.000 given back.
    for row in rows:
        for cell in row:
            assert not cell.startswith(("=", "+", "@", "\t", "\r")), cell
            assert not cell.startswith("-") or cell.lstrip("-").isdigit(), cell
    assert _column_sum(rows) == 8000 - 208000
    # Monday's sheet, handed over on Monday, is unchanged: its payment, now said given back.
    monday = _sheet(client, "2026-11-23")
    assert len(monday) == 2 and monday[1][3] == "200000" and monday[1][8] == "Đã hoàn trả"
    assert not any(TITLE in " ".join(row) for row in monday)
