"""The scenario runner (engine/scenarios): each kind of step, each kind of failure, the coverage,
and files that are broken or hostile. The engine runs for real on the shipped diagrams, with the
scenario's own clock; nothing here touches a database."""
from __future__ import annotations

import shutil
import textwrap
from pathlib import Path

import pytest
import yaml

from engine.checking import check_files
from engine.scenarios import EndEvent, Flow, format_report, model, run_file

ROOT = Path(__file__).resolve().parents[2]
BPMN, FORMS = ROOT / "bpmn", ROOT / "forms"

BAN_SAO = """\
quy_trinh: cap_ban_sao_trich_luc_ho_tich
du_lieu_chung: {ho_ten_nguoi_yeu_cau: Nguyễn Văn An, so_ban: 1}
kich_ban:
"""
LLTP = """\
quy_trinh: cap_phieu_ly_lich_tu_phap
du_lieu_chung: {ho_ten: Nguyễn Văn An, so_ban: 2, doi_tuong_nop_phi: thong_thuong}
kich_ban:
"""
ACCEPT = """\
      - lam: Tiếp nhận hồ sơ
        du_lieu: {quyet_dinh: tiep_nhan}
"""
# Both procedures wait for the fee after acceptance; processing starts once it is paid.
PAY = """\
      - gui: thanh_toan
        du_lieu: {so_tien_da_nop: 8000, hinh_thuc_nop: truc_tuyen}
"""
LLTP_ACCEPT = ACCEPT + "      - gui: thanh_toan\n"
# The identity the police's answer is recorded against (QT-66), for scenarios reaching it.
LLTP_IDENTIFIED = LLTP.replace("thong_thuong}", "thong_thuong, ngay_sinh: '1990-01-15', gioi_tinh: nam, noi_sinh: Bình An, "
                               "quoc_tich: Việt Nam, loai_giay_to: cccd, so_cccd: '001090000001', "
                               "qua_trinh_cu_tru: [{tu_nam: 1990, den_nam: 2026, noi_cu_tru: Bình An}]}")


def run(tmp_path, text: str, name: str = "thu.kich-ban.yaml"):
    path = tmp_path / name
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return run_file(path, BPMN, FORMS)


def scenario(header: str, body: str, name: str = "Kịch bản thử", start: str = "2026-11-23 08:00") -> str:
    return f"{header}  - ten: {name}\n    bat_dau: {start}\n    buoc:\n{body.rstrip(' ')}"


def steps(report, number: int = 1):
    return report.scenarios[number - 1].steps


def failure(report, number: int = 1):
    """The message of the failed step of a scenario (exactly one fails: the scenario stops there)."""
    failed = [s for s in steps(report, number) if not s.passed]
    assert len(failed) == 1, [(s.title, s.message) for s in steps(report, number)]
    return failed[0].message


# -- each kind of step ----------------------------------------------------------------------------

@pytest.mark.rule("QT-27")
def test_every_kind_of_step_and_expectation_passes_on_the_real_engine(tmp_path):
    report = run(tmp_path, scenario(LLTP_IDENTIFIED, """\
      - kiem_tra:
          trang_thai: 1
          viec: Tiếp nhận hồ sơ
          han: {Tiếp nhận hồ sơ: 2026-11-25T08:00:00+07:00}
          cho_tin_nhan: [rut_ho_so]
          ket_thuc: false
          tre_han: false
          du_lieu: {le_phi: 200000.0, ho_ten: Nguyễn Văn An}
      - lam: "  tiếp nhận  HỒ SƠ "
        vai_tro: one_stop
        du_lieu: {quyet_dinh: tiep_nhan}
        luc: 2026-11-23 09:00
      - gui: thanh_toan
      - lam: Lấy ý kiến Công an tỉnh
        vai_tro: Chuyên viên
        co_quan: 000.00.30.H99
        du_lieu: {tinh_trang_an_tich: khong_co_an_tich, y_kien_phoi_hop: Không có án tích., dong_y: true}
      - troi_qua: 2 ngày làm việc
      - lam: Tra cứu, xác minh thông tin lý lịch tư pháp
        du_lieu:
          ket_qua_tham_dinh: yeu_cau_bo_sung
          ly_do: Thiếu.
          thanh_phan_can_bo_sung: [{thanh_phan: Tờ khai, yeu_cau: Ghi đủ.}]
      - gui: bo_sung
        du_lieu: {so_ban: 3}
        luc: 2026-11-27 10:00
      - kiem_tra:
          trang_thai: 4
          viec: ["Tra cứu, xác minh thông tin lý lịch tư pháp"]
          han: {"Tra cứu, xác minh thông tin lý lịch tư pháp": 2026-12-04 10:00}
          cho_tin_nhan: [rut_ho_so]
    """))
    assert report.ok, "\n".join(format_report(report))
    results = steps(report)
    assert [s.number for s in results] == list(range(9))
    assert results[2].message.startswith("trạng thái 6; không có việc nào đang mở")
    assert results[3].message.startswith("trạng thái 4; việc đang mở: «Tra cứu")
    # 2 working days from Monday 09:00 (24/11 off): 6.5 h Monday, 8 h Wednesday, 1.5 h Thursday.
    assert "2026-11-23 09:00 → 2026-11-26 09:00; không có bộ hẹn giờ nào đến hạn" in results[5].message
    assert "chờ tin nhắn: bo_sung, rut_ho_so" in results[6].message
    assert report.coverage.taken >= {"Flow_can_bo_sung", "Flow_da_bo_sung_xu_ly", "Flow_y_kien_xong"}


@pytest.mark.parametrize("amount, target", [
    ("8 giờ làm việc", "2026-11-23 16:00"),        # Friday 16:00: 1 hour Friday, 7 on Monday
    ("1,5 ngày làm việc", "2026-11-25 10:30"),     # 12 hours: 1 + 8 (Monday) + 3 from 07:30 Wednesday
    ("3 ngày", "2026-11-23 17:00"),                # calendar_days(3): the close of Monday 23/11
    ("{den: 2026-11-22 10:00}", "2026-11-22 10:00"),
])
def test_time_passes_as_the_diagram_functions_count_it(tmp_path, amount, target):
    report = run(tmp_path, scenario(BAN_SAO, f"      - troi_qua: {amount}\n", start="2026-11-20 16:00"))
    assert report.ok, "\n".join(format_report(report))
    assert f"2026-11-20 16:00 → {target};" in steps(report)[1].message


def test_a_timer_fires_at_its_own_due_instant_when_the_clock_jumps_past_it(tmp_path):
    report = run(tmp_path, scenario(BAN_SAO, """\
      - kiem_tra: {tre_han: false}
      - lam: Tiếp nhận hồ sơ
        du_lieu: {quyet_dinh: tiep_nhan}
        luc: 2026-11-26 09:00
      - gui: thanh_toan
      - kiem_tra:
          tre_han: true
          trang_thai: 4
          han: {Thẩm định hồ sơ: 2026-11-27 09:00}
    """))
    assert report.ok, "\n".join(format_report(report))
    done = steps(report)[2].message
    assert done.startswith("bộ hẹn giờ Boundary_qua_han_tiep_nhan «Quá hạn tiếp nhận» kích hoạt lúc "
                           "2026-11-25 08:00 (đánh dấu hồ sơ trễ hạn); trạng thái 6")


def test_an_expected_refusal_passes_and_leaves_the_instance_as_it_was(tmp_path):
    report = run(tmp_path, scenario(BAN_SAO, """\
      - lam: Tiếp nhận hồ sơ
        du_lieu: {quyet_dinh: tu_choi}
        loi: trường «lý do» là bắt buộc
      - gui: bo_sung
        loi: không chờ sự kiện «bo_sung»
      - gui: rut_ho_so
        loi: Ghi lý do rút hồ sơ
      - gui: rut_ho_so
        du_lieu: {ly_do_rut: Nộp nhầm thủ tục.}
      - lam: Tiếp nhận hồ sơ
        du_lieu: {quyet_dinh: tiep_nhan}
        loi: không còn ở trạng thái chờ xử lý
      - kiem_tra: {trang_thai: 7, ket_thuc: true}
    """))
    assert report.ok, "\n".join(format_report(report))
    assert steps(report)[1].message == "bị từ chối đúng như mong đợi: Trường «Lý do» là bắt buộc."
    assert steps(report)[3].message.startswith("bị từ chối đúng như mong đợi: Ghi lý do rút hồ sơ")
    assert steps(report)[5].message == ("bị từ chối đúng như mong đợi: Công việc «Tiếp nhận hồ sơ» không còn "
                                        "ở trạng thái chờ xử lý.")
    # An officer of another role is refused the step: expected with `loi`.
    other = run(tmp_path, scenario(BAN_SAO, "      - lam: Tiếp nhận hồ sơ\n        vai_tro: Lãnh đạo\n"
                                             "        du_lieu: {quyet_dinh: tiep_nhan}\n        loi: thuộc làn\n"),
                name="lan.kich-ban.yaml")
    assert other.ok and steps(other)[1].message.startswith("bị từ chối đúng như mong đợi: Việc Task_tiep_nhan")
    # Without `loi`, a withdrawal with no reason fails as the portal refuses it.
    bare = run(tmp_path, scenario(BAN_SAO, "      - gui: rut_ho_so\n"), name="rut.kich-ban.yaml")
    assert not bare.ok and "Ghi lý do rút hồ sơ" in steps(bare)[1].message


# -- each kind of failure -------------------------------------------------------------------------

FAILURES = [
    ("      - lam: Tiep nhan ho so\n",
     ["Sơ đồ không có việc nào tên «Tiep nhan ho so» (có phải ý bạn là «Tiếp nhận hồ sơ»?).", "«Thẩm định hồ sơ», «Tiếp nhận hồ sơ», «Trả kết quả»",
      "Viết tên việc đúng như trong sơ đồ (có dấu)."]),
    ("      - lam: Phê duyệt kết quả\n        du_lieu: {quyet_dinh: phe_duyet}\n",
     ["Không có việc «Phê duyệt kết quả» (Task_phe_duyet «Phê duyệt kết quả») đang mở",
      "việc đang mở: Task_tiep_nhan «Tiếp nhận hồ sơ»; chờ tin nhắn: rut_ho_so",
      "Kiểm tra các bước trước"]),
    ("      - lam: Tiếp nhận hồ sơ\n        vai_tro: Lãnh đạo\n        du_lieu: {quyet_dinh: tiep_nhan}\n",
     ["Việc Task_tiep_nhan «Tiếp nhận hồ sơ» thuộc làn «Bộ phận Một cửa» (vai trò Bộ phận Một cửa), không phải «Lãnh đạo».",
      "Sửa «vai_tro» thành «Bộ phận Một cửa»"]),
    ("      - lam: Tiếp nhận hồ sơ\n        co_quan: 000.00.30.H99\n        du_lieu: {quyet_dinh: tiep_nhan}\n",
     ["Việc Task_tiep_nhan «Tiếp nhận hồ sơ» được giao cho cơ quan giải quyết hồ sơ", "«000.00.30.H99»"]),
    ("      - lam: Tiếp nhận hồ sơ\n        du_lieu: {quyet_dinh: yeu_cau_bo_sung, thua: 1}\n",
     ["Biểu mẫu «common/tiep_nhan.schema.json» của việc Task_tiep_nhan «Tiếp nhận hồ sơ» không nhận dữ liệu",
      "\n- Biểu mẫu có trường không được khai báo: thua.",
      "\n- ly_do: Trường «Lý do» là bắt buộc.",
      "\n- thanh_phan_can_bo_sung: Trường «Thành phần hồ sơ cần bổ sung, hoàn thiện» là bắt buộc.",
      "Sửa «du_lieu» của bước theo biểu mẫu."]),
    ("      - gui: nop_phi\n",
     ["Sơ đồ không có tin nhắn «nop_phi». Các tin nhắn trong sơ đồ: bo_sung, rut_ho_so, thanh_toan.",
      "Sửa tên ở khóa «gui»."]),
    ("      - gui: bo_sung\n",
     ["Hồ sơ lúc này không chờ tin nhắn «bo_sung» (nhận ở Event_cho_bo_sung «Chờ công dân bổ sung», "
      "Event_cho_bo_sung_xu_ly «Chờ công dân bổ sung»)", "chờ tin nhắn: rut_ho_so"]),
    ("      - lam: Tiếp nhận hồ sơ\n        luc: 23/11/2026 9h\n",
     ["Thời điểm «23/11/2026 9h» ở khóa «luc» không đọc được", "«2026-11-23 08:00»"]),
    ("      - lam: Tiếp nhận hồ sơ\n        luc: 2026-02-30 08:00\n",
     ["Thời điểm «2026-02-30 08:00» ở khóa «luc» không đọc được"]),
    ("      - troi_qua: 8 tiếng\n",
     ["Khoảng thời gian «8 tiếng» ở khóa «troi_qua» không đọc được", "«8 giờ làm việc»"]),
    ("      - troi_qua: 8 giờ\n",
     ["Khoảng thời gian «8 giờ» ở khóa «troi_qua» không đọc được (có phải ý bạn là «8 giờ làm việc»?)"]),
    ("      - troi_qua: 2 ngay lam viec\n", ["(có phải ý bạn là «2 ngày làm việc»?)"]),
    ("      - lam: Tiếp nhận hồ sơ\n        luc: 2026-11-23\n",
     ["Thời điểm «2026-11-23» ở khóa «luc» không đọc được (thiếu giờ: viết cả giờ phút, như «2026-11-23 17:00»)"]),
    ("      - troi_qua: 1.5 ngày\n", ["Số ngày lịch «1.5» phải là số nguyên dương."]),
    ("      - troi_qua: 999999 ngày làm việc\n", ["Không tính được khoảng thời gian «999999 ngày làm việc»"]),
    ("      - troi_qua: {den: 2026-11-22 08:00}\n",
     ["Thời điểm 2026-11-22 08:00 sớm hơn thời điểm hiện tại của kịch bản (2026-11-23 08:00)"]),
    ("      - lam: Tiếp nhận hồ sơ\n        du_lieu: {quyet_dinh: tiep_nhan}\n        loi: không được\n",
     ["Mong đợi bị từ chối với thông báo chứa «không được», nhưng thao tác đã thành công "
      "(trạng thái 6; không có việc nào đang mở; chờ tin nhắn: rut_ho_so, thanh_toan)"]),
    ("      - lam: Tiếp nhận hồ sơ\n        du_lieu: {quyet_dinh: tu_choi}\n        loi: không được\n",
     ["Bị từ chối nhưng thông báo không chứa «không được»: Trường «Lý do» là bắt buộc."]),
    ("      - lam: Tiếp nhận hồ sơ\n        du_lieux: {}\n",
     ["Khóa không dùng được: «du_lieux» (có phải ý bạn là «du_lieu»?). Các khóa dùng được ở đây: lam, vai_tro, "
      "co_quan, du_lieu, giai_trinh, luc, loi."]),
    ("      - lam: Tiếp nhận hồ sơ\n        gui: bo_sung\n",
     ["Mỗi bước cần đúng một trong các khóa kiem_tra, lam, gui, troi_qua; bước này có lam, gui."]),
    ("      - troi_qua: 1 ngày\n        loi: x\n", ["Khóa «loi» chỉ dùng cùng «lam» hoặc «gui»"]),
    ("      - kiem_tra: {trang_thai: 11}\n", ["Khóa «trang_thai» phải là số nguyên từ 1 đến 10"]),
    ('      - kiem_tra: {trang_thai: "1"}\n', ["viết không có dấu ngoặc kép (trang_thai: 1), không phải chữ «1»."]),
    ("      - kiem_tra: {ket_thuc: chua}\n", ["Khóa «ket_thuc» phải là true hoặc false, không phải «chua»."]),
    ("      - kiem_tra: {phai_nop: 8.000}\n",   # YAML reads the Vietnamese grouping as the number 8.0
     ["Khóa «phai_nop» là số đồng phải nộp, một số nguyên không âm viết liền không dấu chấm", "không phải «8.000» (có phải ý bạn là «phai_nop: 8000»?)."]),
    ("      - kiem_tra: {phai_nop: 8000}\n",
     ["Không đạt:\n- số tiền phải nộp: mong đợi 8.000 đồng, thực tế 0 đồng"]),
    ("      - lam: Tiếp nhận hồ sơ\n        du_lieu: {ngay: !!timestamp 2026-01-01}\n",
     ["Giá trị của trường «ngay» trong «du_lieu» có kiểu date không dùng được",
      "ngày tháng viết trong ngoặc kép"]),
    ("      - lam: Tiếp nhận hồ sơ\n        du_lieu: {tep: !!binary aGk=}\n",
     ["Giá trị của trường «tep» trong «du_lieu» có kiểu bytes không dùng được"]),
    ("      - chay: Tiếp nhận hồ sơ\n", ["bước này không có khóa nào trong số đó, mà có khóa không dùng được: «chay»."]),
    ("      - kiemtra: {trang_thai: 1}\n",
     ["Mỗi bước cần đúng một trong các khóa kiem_tra, lam, gui, troi_qua; bước này không có khóa nào trong số đó, "
      "mà có khóa không dùng được: «kiemtra» (có phải ý bạn là «kiem_tra»?)."]),
    ("      - du_lieu: {quyet_dinh: tiep_nhan}\n", ["bước này không có khóa nào trong số đó."]),
    ("      - Tiếp nhận hồ sơ\n",
     ["Bước phải là một nhóm khóa như «- lam: Tiếp nhận hồ sơ», không phải chữ «Tiếp nhận hồ sơ»."]),
]


@pytest.mark.parametrize("body, expected", FAILURES)
def test_each_failure_is_explained_and_stops_only_its_scenario(tmp_path, body, expected):
    text = scenario(BAN_SAO, body + "      - kiem_tra: {trang_thai: 1}\n", name="Hỏng") + \
        "  - ten: Chạy tiếp\n    bat_dau: 2026-11-23 08:00\n    buoc:\n" + ACCEPT
    report = run(tmp_path, text)
    message = failure(report, 1)
    for part in expected:
        assert part in message
    assert report.scenarios[0].skipped == 1 and not report.scenarios[0].passed
    assert report.scenarios[1].passed  # the next scenario still runs
    assert not report.ok


@pytest.mark.rule("QT-27")
def test_expectations_that_do_not_hold_list_what_was_expected_and_found(tmp_path):
    report = run(tmp_path, scenario(BAN_SAO, """\
      - kiem_tra:
          trang_thai: 4
          viec: [Thẩm định hồ sơ, Tiep nhan]
          han: {Tiếp nhận hồ sơ: 2026-11-25 09:00, Thẩm định hồ sơ: 2026-11-25 09:00}
          cho_tin_nhan: [bo_sung]
          ket_thuc: true
          tre_han: true
          du_lieu: {le_phi: 9000, so_ban: true, khong_co: 1}
    """))
    assert failure(report).split("\n") == [
        "Không đạt:",
        "- trạng thái: mong đợi 4, thực tế 1",
        "- việc đang mở: mong đợi «Thẩm định hồ sơ», «Tiep nhan», thực tế «Tiếp nhận hồ sơ» "
        "(sơ đồ không có việc nào tên «Tiep nhan»; có phải ý bạn là «Tiếp nhận hồ sơ»?)",
        "- hạn của Task_tiep_nhan «Tiếp nhận hồ sơ»: mong đợi 2026-11-25 09:00, thực tế 2026-11-25 08:00",
        "- hạn của «Thẩm định hồ sơ»: việc này không đang mở (việc đang mở: «Tiếp nhận hồ sơ»)",
        "- tin nhắn đang chờ: mong đợi bo_sung, thực tế rut_ho_so",
        "- kết thúc: mong đợi có, thực tế không",
        "- trễ hạn: mong đợi có, thực tế không",
        "- dữ liệu «le_phi»: mong đợi 9000, thực tế 8000",
        "- dữ liệu «so_ban»: mong đợi true, thực tế 1",   # true is not 1
        "- dữ liệu «khong_co»: mong đợi 1, thực tế (không có)",
    ]


# The shipped file's citizen data, which the catalogue entry's form takes.
BAN_SAO_FILED = (BPMN / "cap_ban_sao_trich_luc_ho_tich.kich-ban.yaml").read_text(encoding="utf-8").split(
    "kich_ban:\n")[0] + "kich_ban:\n"
TO_RETURN = ACCEPT + PAY + """\
      - lam: Thẩm định hồ sơ
        du_lieu: {ket_qua_tham_dinh: dat}
      - lam: Phê duyệt kết quả
        du_lieu: {quyet_dinh: phe_duyet, y_kien: Đồng ý.}
"""


def run_filed(tmp_path, text: str):
    path = tmp_path / "thu.kich-ban.yaml"
    path.write_text(text, encoding="utf-8")
    return run_file(path, BPMN, FORMS, catalogue_dir=ROOT / "catalogue")


@pytest.mark.rule("QT-06")
def test_a_task_without_a_time_limit_is_due_at_the_appointment(tmp_path):
    """As in the app: returning the result is due when the citizen was told (2 working days of
    the catalogue entry from acceptance at 08:00 Monday; Tuesday 24/11 is a day off)."""
    expected = "      - kiem_tra:\n          han: {Trả kết quả: 2026-11-26 08:00}\n"
    assert run_filed(tmp_path, scenario(BAN_SAO_FILED, TO_RETURN + expected)).ok
    wrong = run_filed(tmp_path, scenario(BAN_SAO_FILED, TO_RETURN + expected.replace("26 08:00", "25 08:00")))
    assert failure(wrong) == ("Không đạt:\n- hạn của Task_tra_ket_qua «Trả kết quả»: mong đợi 2026-11-25 08:00, "
                              "thực tế 2026-11-26 08:00")
    # Without the catalogue entry there is no appointment to take, and the runner says why.
    unknown = run(tmp_path, scenario(BAN_SAO, TO_RETURN + expected))
    assert "mong đợi 2026-11-26 08:00, nhưng việc không có thời hạn: sơ đồ không đặt thuộc tính timeLimit, " \
           "và khi việc mở, hồ sơ chưa có ngày hẹn trả (không tính được ngày hẹn trả: không có mục danh mục " \
           "nào trong catalogue/ dùng quy trình «cap_ban_sao_trich_luc_ho_tich»" in failure(unknown)


@pytest.mark.rule("QT-27")
def test_the_appointment_is_expected_with_hen_tra(tmp_path):
    before = "      - kiem_tra: {hen_tra: khong}\n"
    after = "      - kiem_tra: {hen_tra: 2026-11-26 08:00}\n"
    assert run_filed(tmp_path, scenario(BAN_SAO_FILED, before + ACCEPT + after)).ok
    early = run_filed(tmp_path, scenario(BAN_SAO_FILED, ACCEPT + before))
    assert failure(early) == "Không đạt:\n- ngày hẹn trả: mong đợi chưa có, thực tế 2026-11-26 08:00"
    late = run_filed(tmp_path, scenario(BAN_SAO_FILED, after))
    assert failure(late) == ("Không đạt:\n- ngày hẹn trả: mong đợi 2026-11-26 08:00, thực tế chưa có (hồ sơ chưa "
                             "được tiếp nhận: quy trình chưa tới phần tử mang status 2)")
    unknown = run(tmp_path, scenario(BAN_SAO, ACCEPT + after))
    assert "thực tế chưa có (không tính được ngày hẹn trả: không có mục danh mục" in failure(unknown)
    unreadable = run(tmp_path, scenario(BAN_SAO, "      - kiem_tra: {hen_tra: chua co}\n"))
    assert "Thời điểm «chua co» ở khóa «hen_tra» không đọc được" in failure(unreadable)
    assert "thì viết «hen_tra: khong»" in failure(unreadable)


def test_a_process_that_fails_at_start_names_the_element(tmp_path):
    report = run(tmp_path, "quy_trinh: cap_ban_sao_trich_luc_ho_tich\nkich_ban:\n"
                           "  - ten: Thiếu số bản\n    bat_dau: 2026-11-23 08:00\n    buoc:\n"
                           "      - kiem_tra: {trang_thai: 1}\n")
    start = steps(report)[0]
    assert start.number == 0 and not start.passed
    assert start.message.startswith("Không bắt đầu được quy trình: Quy trình gặp lỗi tại bước «Tính lệ phí» "
                                    "(Task_tinh_le_phi)")
    assert "so_ban" in start.message and start.message.endswith("hoặc biểu thức trong sơ đồ.")
    assert report.scenarios[0].skipped == 1


def test_a_scenario_with_wrong_keys_is_reported_and_the_others_run(tmp_path):
    report = run(tmp_path, BAN_SAO + """\
  - ten: Không có giờ bắt đầu
    buoc: [{kiem_tra: {trang_thai: 1}}]
  - ten: Khóa lạ
    bat_dau: 2026-11-23 08:00
    buoc: [{kiem_tra: {trang_thai: 1}}]
    ghi_chu: x
  - ten: Không có bước
    bat_dau: 2026-11-23 08:00
  - ten: Tốt
    bat_dau: 2026-11-23 08:00
    buoc: [{kiem_tra: {trang_thai: 1}}]
""")
    messages = [s.steps[0].message for s in report.scenarios[:3]]
    assert messages == ["Kịch bản chưa có thời điểm bắt đầu: thêm «bat_dau: 2026-11-23 08:00».",
                        "Khóa không dùng được: «ghi_chu». Các khóa dùng được ở đây: ten, bat_dau, kenh, du_lieu, buoc.",
                        "Kịch bản chưa có bước nào: thêm «buoc:» với danh sách các bước."]
    assert [s.passed for s in report.scenarios] == [False, False, False, True]


def test_dates_in_data_stay_text_as_forms_expect_them(tmp_path):
    report = run(tmp_path, scenario(BAN_SAO.replace("so_ban: 1}", "so_ban: 1, ngay_dang_ky: 2020-05-04}"), """\
      - kiem_tra:
          du_lieu: {ngay_dang_ky: "2020-05-04"}
    """))
    assert report.ok, "\n".join(format_report(report))


# -- coverage ---------------------------------------------------------------------------------------

def test_coverage_tells_apart_two_flows_between_the_same_two_elements(tmp_path):
    """Refusing a dossier of fewer than 3 copies and of more takes two flows from the same
    gateway to the same end event: only the one whose condition held counts as taken."""
    bpmn = tmp_path / "bpmn"
    shutil.copytree(BPMN, bpmn)
    diagram = bpmn / "cap_ban_sao_trich_luc_ho_tich.bpmn"
    flow = ('<bpmn:sequenceFlow id="Flow_tu_choi_nhieu" sourceRef="Gateway_ket_qua_tiep_nhan" '
            'targetRef="End_khong_tiep_nhan"><bpmn:conditionExpression xsi:type="bpmn:tFormalExpression">'
            'quyet_dinh == "tu_choi" and so_ban &gt;= 3</bpmn:conditionExpression></bpmn:sequenceFlow>')
    diagram.write_text(diagram.read_text(encoding="utf-8")
                       .replace('>quyet_dinh == "tu_choi"<', '>quyet_dinh == "tu_choi" and so_ban &lt; 3<', 1)
                       .replace("<bpmn:outgoing>Flow_tu_choi</bpmn:outgoing>", "<bpmn:outgoing>Flow_tu_choi</bpmn:outgoing>"
                                "<bpmn:outgoing>Flow_tu_choi_nhieu</bpmn:outgoing>", 1)
                       .replace("<bpmn:incoming>Flow_tu_choi</bpmn:incoming>\n    </bpmn:endEvent>",
                                "<bpmn:incoming>Flow_tu_choi</bpmn:incoming><bpmn:incoming>Flow_tu_choi_nhieu"
                                "</bpmn:incoming></bpmn:endEvent>" + flow, 1), encoding="utf-8")
    refuse = scenario(BAN_SAO, """\
      - lam: Tiếp nhận hồ sơ
        du_lieu: {quyet_dinh: tu_choi, ly_do: Không thuộc thẩm quyền.}
    """)
    path = tmp_path / "thu.kich-ban.yaml"
    path.write_text(textwrap.dedent(refuse), encoding="utf-8")
    report = run_file(path, bpmn, FORMS)
    assert report.ok, "\n".join(format_report(report))
    assert "Flow_tu_choi" in report.coverage.taken and "Flow_tu_choi_nhieu" not in report.coverage.taken
    path.write_text(textwrap.dedent(refuse.replace("so_ban: 1", "so_ban: 3")), encoding="utf-8")
    report = run_file(path, bpmn, FORMS)
    assert "Flow_tu_choi_nhieu" in report.coverage.taken and "Flow_tu_choi" not in report.coverage.taken


def test_coverage_counts_a_loop_back_only_when_it_is_taken(tmp_path):
    """Thẩm định is reached first from the start; approving directly must not count "Trả lại" (the
    flow back to it), returning must."""
    approve = scenario(BAN_SAO, ACCEPT + PAY + """\
      - lam: Thẩm định hồ sơ
        du_lieu: {ket_qua_tham_dinh: dat}
      - lam: Phê duyệt kết quả
        du_lieu: {quyet_dinh: phe_duyet}
      - lam: Trả kết quả
        du_lieu: {hinh_thuc_tra: truc_tuyen}
    """)
    report = run(tmp_path, approve)
    assert report.ok, "\n".join(format_report(report))
    coverage = report.coverage
    assert coverage.taken >= {"Flow_bat_dau", "Flow_du_dieu_kien", "Flow_phe_duyet", "Flow_xu_ly_xong",
                              "Flow_tra_ket_qua", "Flow_cho_nop_phi", "Flow_da_nop_phi"}
    assert not coverage.taken & {"Flow_tra_lai", "Flow_can_bo_sung", "Flow_da_bo_sung_xu_ly", "Flow_tu_choi",
                                 "Flow_qua_han", "Flow_rut_ho_so", "Flow_rut_xu_ly", "Flow_dung_xu_ly",
                                 "Flow_cho_rut_nop_phi", "Flow_rut_khi_cho_nop_phi"}
    assert coverage.reached_ends == {"End_giai_quyet", "End_tra_ket_qua"}
    assert Flow("Flow_tra_lai", "Trả lại", "Gateway_phe_duyet", "Task_tham_dinh") in coverage.uncovered_flows
    assert EndEvent("End_khong_tiep_nhan", "Không tiếp nhận") in coverage.uncovered_end_events
    assert EndEvent("End_rut_khi_cho_nop_phi", "Hồ sơ đã rút") in coverage.uncovered_end_events
    assert len(coverage.uncovered_end_events) == 8
    assert len(coverage.taken) == 15 and len(coverage.flows) == 38 and not coverage.complete
    assert not report.passed(require_coverage=True) and report.passed()
    back = run(tmp_path, approve.replace("{quyet_dinh: phe_duyet}", "{quyet_dinh: tra_lai, y_kien: Xem lại.}"),
               name="lai.kich-ban.yaml")
    assert "Flow_tra_lai" in back.coverage.taken and "Flow_phe_duyet" not in back.coverage.taken


def test_coverage_keeps_what_a_cancelled_sub_process_did(tmp_path):
    report = run(tmp_path, scenario(LLTP, LLTP_ACCEPT + """\
      - lam: Tra cứu, xác minh thông tin lý lịch tư pháp
        du_lieu: {ket_qua_tham_dinh: dat}
      - gui: rut_ho_so
        du_lieu: {ly_do_rut: Không còn nhu cầu.}
    """) + "  - ten: Dừng\n    bat_dau: 2026-11-23 08:00\n    buoc:\n" + LLTP_ACCEPT + """\
      - lam: Tra cứu, xác minh thông tin lý lịch tư pháp
        du_lieu: {ket_qua_tham_dinh: dung_xu_ly, ly_do: Không đủ điều kiện.}
      - lam: Duyệt đề xuất dừng xử lý
        du_lieu: {quyet_dinh_dung: dong_y}
""")
    assert report.ok, "\n".join(format_report(report))
    taken = report.coverage.taken
    # Withdrawal: the verification branch reached the join before the sub-process was cancelled.
    assert {"Flow_tra_cuu", "Flow_y_kien", "Flow_tra_cuu_xong", "Flow_du_dieu_kien", "Flow_rut_xu_ly"} <= taken
    # The police branch never finished, so the join never completed: its flows are not taken.
    assert not taken & {"Flow_y_kien_xong", "Flow_trinh_ky", "Flow_xu_ly_xong"}
    # Stop: the leader agrees, the error end inside the sub-process is caught on its boundary.
    assert {"Flow_khong_du_dieu_kien", "Flow_dong_y_dung", "Flow_dung_xu_ly"} <= taken
    assert report.coverage.reached_ends == {"End_rut_ho_so_xu_ly", "End_dung_xu_ly", "End_dung_xu_ly_ho_so"}


@pytest.mark.rule("QT-28")
def test_the_report_lists_uncovered_flows_and_end_events_by_id_and_name(tmp_path):
    report = run(tmp_path, scenario(BAN_SAO, "      - kiem_tra: {trang_thai: 1}\n"))
    lines = format_report(report, require_coverage=True)
    assert lines[0] == f"Tệp kịch bản {tmp_path / 'thu.kich-ban.yaml'}"
    assert lines[1] == ("Quy trình cap_ban_sao_trich_luc_ho_tich «Cấp bản sao trích lục hộ tịch» "
                        "(sơ đồ cap_ban_sao_trich_luc_ho_tich.bpmn, tỉnh demo)")
    assert lines[2] == "Kịch bản 1: Kịch bản thử (thu.kich-ban.yaml:4)"
    assert lines[3] == ("  ✓ bắt đầu lúc 2026-11-23 08:00 — trạng thái 1; việc đang mở: «Tiếp nhận hồ sơ»; "
                        "chờ tin nhắn: rut_ho_so")
    assert lines[4] == "  ✓ bước 1, dòng 7: kiểm tra — đạt: trạng thái 1"
    assert lines[5] == "Độ phủ sơ đồ: đi qua 2/38 luồng trình tự, tới 0/10 sự kiện kết thúc."
    assert ("  Luồng chưa đi qua: Flow_tra_lai «Trả lại», từ Gateway_phe_duyet «Phê duyệt?» đến "
            "Task_tham_dinh «Thẩm định hồ sơ»") in lines
    assert "  Sự kiện kết thúc chưa tới: End_khong_tiep_nhan «Không tiếp nhận»" in lines
    # The scenario passes, the file does not: the summary says so rather than «đạt cả».
    assert lines[-2:] == ["  (--phu-day: kịch bản phải đi qua mọi luồng và tới mọi sự kiện kết thúc)",
                          "Kết quả: không đạt vì chưa phủ hết sơ đồ: 1/1 kịch bản đạt (1 bước), nhưng còn 36 luồng "
                          "và 10 sự kiện kết thúc chưa kịch bản nào đi qua (--phu-day)."]
    assert format_report(report)[-1] == "Kết quả: đạt cả 1 kịch bản (1 bước)."  # coverage not required


def test_a_failed_step_prints_its_details_on_indented_lines(tmp_path):
    report = run(tmp_path, scenario(BAN_SAO, "      - kiem_tra: {trang_thai: 4, ket_thuc: true}\n"))
    lines = format_report(report)
    start = lines.index("  ✗ bước 1, dòng 7: kiểm tra — Không đạt:")
    assert lines[start + 1:start + 3] == ["      - trạng thái: mong đợi 4, thực tế 1",
                                          "      - kết thúc: mong đợi có, thực tế không"]
    assert lines[-1] == "Kết quả: 1/1 kịch bản không đạt."


# -- the file: YAML errors, the diagram, the province ----------------------------------------------

@pytest.mark.parametrize("text, expected", [
    ("quy_trinh: x\nkich_ban:\n  - ten: a\n    bat_dau: 2026-11-23 08:00\n   buoc: []\n",
     "thu.kich-ban.yaml:5: Tệp không phải YAML hợp lệ (dòng 5, cột 4): thụt lề không khớp"),
    ("quy_trinh: x\nkich_ban:\n\t- ten: a\n", "thu.kich-ban.yaml:3: Tệp không phải YAML hợp lệ (dòng 3, cột 1): "
                                              "YAML không cho thụt lề bằng phím Tab"),
    ("quy_trinh: x\nkich_ban:\n  - ten: a: b\n", "dấu «:» không được phép ở đây"),
    ("quy_trinh: x\nkich_ban:\n  - ten: a\n    du_lieu: {a: 1 b: 2}\n",
     "thu.kich-ban.yaml:4: Tệp không phải YAML hợp lệ (dòng 4, cột 21): nhóm khóa trong { } thiếu dấu phẩy"),
    ("quy_trinh: x\nkich_ban:\n  - ten: a\n    buoc: [{lam: b}\n",
     "(dòng 5, cột 1): danh sách trong [ ] thiếu dấu phẩy giữa hai mục, hoặc thiếu dấu «]» đóng"),
    ("quy_trinh: x\nkich_ban:\n  - ten: @a\n", "(dòng 3, cột 10): giá trị không được bắt đầu bằng ký tự này"),
    ("quy_trinh: x\nkich_ban:\n  - ten: * a\n", "(dòng 3, cột 11): sau «*» hay «&» phải là tên một neo YAML"),
    ("quy_trinh: a\nquy_trinh: b\nkich_ban: []\n", "thu.kich-ban.yaml:2: Tệp không phải YAML hợp lệ (dòng 2, cột 1): "
                                                   "khóa «quy_trinh» được viết hai lần"),
    ("", "thu.kich-ban.yaml: Tệp kịch bản trống."),
    ("- a\n- b\n", "Tệp kịch bản phải là một nhóm khóa (quy_trinh, kich_ban, ...), không phải một danh sách."),
    ("kich_ban: []\n", "Thiếu khóa «quy_trinh»"),
    ("quy_trinh: x\n", "Thiếu khóa «kich_ban»"),
    ("quy_trinh: x\nkich_ban: {a: 1}\n", "Khóa «kich_ban» phải là một danh sách"),
    ("quy_trinh: x\nkich_ban: []\n", "Khóa «kich_ban» chưa có kịch bản nào"),
    ("quy_trinh: x\nkich_ban: []\nthu_tuc: y\n", "Khóa không dùng được: «thu_tuc»."),
    ("quy_trinh: x\ndu_lieu_chung: [1]\nkich_ban: [{}]\n", "Khóa «du_lieu_chung» phải là một nhóm khóa"),
    ("quy_trinh: x\ndu_lieu_chung: {1: a}\nkich_ban: [{}]\n", "Tên trường trong «du_lieu_chung» phải là chữ"),
    ("quy_trinh: x\ndu_lieu_chung: {a: .nan}\nkich_ban: [{}]\n", "trường «a» trong «du_lieu_chung» phải là số hữu hạn"),
    ("quy_trinh: x\ntinh: khong_co\nkich_ban: [{ten: a, bat_dau: 2026-11-23 08:00, buoc: [{kiem_tra: {}}]}]\n",
     "Không dùng được hồ sơ tỉnh: không có hồ sơ tỉnh «khong_co»"),
    ("quy_trinh: khong_co\nkich_ban: [{ten: a, bat_dau: 2026-11-23 08:00, buoc: [{kiem_tra: {}}]}]\n",
     "Không tìm thấy sơ đồ nào có quy trình «khong_co»"),
])
def test_a_file_that_cannot_run_says_why_with_its_line(tmp_path, text, expected):
    report = run(tmp_path, text)
    assert not report.ok and report.scenarios == []
    assert expected in "\n".join(report.problems)
    lines = format_report(report)
    assert lines[1].startswith("  ✗ ") and lines[-1] == "Kết quả: không chạy được tệp kịch bản."


def test_a_file_that_is_not_utf8_or_missing(tmp_path):
    path = tmp_path / "x.kich-ban.yaml"
    path.write_bytes(b"quy_trinh: c\xe1p\n")  # Windows-1258 bytes, as an old editor saves them
    assert run_file(path, BPMN, FORMS).problems == ["x.kich-ban.yaml: Tệp kịch bản phải được lưu với bảng mã UTF-8."]
    missing = run_file(tmp_path / "khong_co.kich-ban.yaml", BPMN, FORMS)
    assert missing.problems[0] == ("khong_co.kich-ban.yaml: Không đọc được tệp kịch bản: không có tệp này (kiểm tra "
                                   "đường dẫn và tên tệp).")


def test_a_diagram_that_does_not_load_is_listed_as_bpmn_check_lists_it(tmp_path):
    source = (BPMN / "cap_ban_sao_trich_luc_ho_tich.bpmn").read_text(encoding="utf-8")
    diagram = tmp_path / "hong.bpmn"
    diagram.write_text(source.replace('name="Chuyên viên"', 'name="Văn thư"')
                       .replace('name="status" value="9"', 'name="status" value="12"'), encoding="utf-8")
    report = run(tmp_path, scenario(BAN_SAO, "      - kiem_tra: {trang_thai: 1}\n"), name="hong.kich-ban.yaml")
    ok, checked = check_files([diagram], FORMS)
    assert not ok and len(checked) >= 3
    assert report.problems[0] == ("Sơ đồ hong.bpmn không nạp được; sửa các lỗi dưới đây (như «motcua bpmn check» "
                                  "báo) rồi chạy lại:")
    assert report.problems[1:] == checked[:-1]  # the same lines, without check's summary
    assert any("Văn thư" in p for p in report.problems) and any("«12»" in p for p in report.problems)


def test_the_diagram_beside_the_file_must_hold_the_process(tmp_path):
    shutil.copy(BPMN / "cap_ban_sao_trich_luc_ho_tich.bpmn", tmp_path / "thu.bpmn")
    report = run(tmp_path, scenario(LLTP, "      - kiem_tra: {trang_thai: 1}\n"))
    assert report.problems == ["Sơ đồ thu.bpmn không có quy trình «cap_phieu_ly_lich_tu_phap»; quy trình trong sơ đồ: "
                               "cap_ban_sao_trich_luc_ho_tich. Sửa khóa «quy_trinh»."]
    misspelt = run(tmp_path, scenario(BAN_SAO.replace("trich_luc_ho_tich", "trich_luc_ho_tichh"),
                                      "      - kiem_tra: {trang_thai: 1}\n"))
    assert misspelt.problems == ["Sơ đồ thu.bpmn không có quy trình «cap_ban_sao_trich_luc_ho_tichh» (có phải ý bạn là "
                                 "«cap_ban_sao_trich_luc_ho_tich»?); quy trình trong sơ đồ: "
                                 "cap_ban_sao_trich_luc_ho_tich. Sửa khóa «quy_trinh»."]


def test_a_misspelt_process_with_no_diagram_beside_gets_the_nearest_name(tmp_path):
    report = run(tmp_path, scenario(LLTP.replace("ly_lich_tu_phap", "ly_lich_tu_phap_"), "      - kiem_tra: {trang_thai: 1}\n"),
                 name="khac.kich-ban.yaml")
    assert "Không tìm thấy sơ đồ nào có quy trình «cap_phieu_ly_lich_tu_phap_» (có phải ý bạn là " \
           "«cap_phieu_ly_lich_tu_phap»?)" in report.problems[0]


def test_the_diagram_beside_the_file_is_the_one_tested(tmp_path):
    """An analyst's changed copy of a shipped diagram: the scenario runs on the copy beside it."""
    source = (BPMN / "cap_ban_sao_trich_luc_ho_tich.bpmn").read_text(encoding="utf-8")
    (tmp_path / "thu.bpmn").write_text(source.replace("Thẩm định hồ sơ", "Thẩm tra hồ sơ"), encoding="utf-8")
    report = run(tmp_path, scenario(BAN_SAO, ACCEPT + PAY + "      - kiem_tra: {viec: [Thẩm tra hồ sơ]}\n"))
    assert report.ok, "\n".join(format_report(report))
    assert report.facts.version.file_name == "thu.bpmn"


# -- hostile files ---------------------------------------------------------------------------------

def test_python_tags_are_refused_and_never_run(tmp_path):
    marker = tmp_path / "da_chay"
    for tag in ("!!python/object/apply:os.system", "!!python/object/new:os.system"):
        report = run(tmp_path, f'quy_trinh: x\nkich_ban: {tag} ["touch {marker}"]\n')
        assert "thẻ «!…» không được phép" in report.problems[0]
        assert not marker.exists()
    assert "không được phép" in run(tmp_path, "a: !!python/name:os.system\n").problems[0]
    with pytest.raises(yaml.constructor.ConstructorError):  # what the loader builds on
        yaml.safe_load(f'!!python/object/apply:os.system ["touch {marker}"]')


def test_a_huge_file_is_refused_before_it_is_parsed(tmp_path):
    path = tmp_path / "lon.kich-ban.yaml"
    path.write_text("quy_trinh: x\n# " + "a" * model.MAX_FILE_BYTES + "\n", encoding="utf-8")
    assert "vượt giới hạn 1048576 byte" in run_file(path, BPMN, FORMS).problems[0]


@pytest.mark.parametrize("nested", [
    "[" * 5000 + "]" * 5000,                                                   # deeper than PyYAML recurses
    "".join("\n" + "  " * (i + 3) + f"k{i}:" for i in range(60)) + " 1",        # deeper than our limit
])
def test_deep_nesting_is_refused(tmp_path, nested):
    report = run(tmp_path, "quy_trinh: x\nkich_ban:\n  - ten: a\n    du_lieu: " + nested + "\n")
    assert "lồng nhau quá sâu" in report.problems[0]


def test_references_that_expand_exponentially_or_loop_are_refused(tmp_path):
    lines = ["l0: &l0 [a, a, a, a, a, a, a, a, a, a]"]
    lines += [f"l{i}: &l{i} [{', '.join([f'*l{i - 1}'] * 10)}]" for i in range(1, 9)]
    bomb = run(tmp_path, "quy_trinh: x\nbom:\n  " + "\n  ".join(lines) + "\nkich_ban: []\n")
    assert "hơn 100000 phần tử" in bomb.problems[0]
    loop = run(tmp_path, "quy_trinh: x\nkich_ban: &a [*a]\n")
    assert "tham chiếu YAML vòng tròn" in loop.problems[0]


@pytest.mark.parametrize("check, words", [("{}", "không kiểm tra điều gì nên luôn đạt"), ("{han: {}}", "«han»"),
                                          ("{du_lieu: {}}", "«du_lieu»")])
def test_a_check_of_nothing_is_refused(tmp_path, check, words):
    report = run(tmp_path, scenario(BAN_SAO, f"      - kiem_tra: {check}\n"))
    assert not report.ok and words in steps(report)[1].message, steps(report)[1].message


@pytest.mark.parametrize("value", ["!!timestamp 2026-11-23 08:00", "!!int abc", "!!float abc", "!!bool abc", "!!int 0x"])
def test_a_yaml_tag_its_value_does_not_fit_is_said_at_its_line(tmp_path, value):
    report = run(tmp_path, f"quy_trinh: x\nkich_ban:\n  - ten: a\n    bat_dau: {value}\n")
    assert report.problems[0].endswith(":4: " + model.MESSAGES["yaml_tag"]), report.problems


def test_shared_steps_through_references_still_work(tmp_path):
    report = run(tmp_path, BAN_SAO + """\
  - ten: Một
    bat_dau: 2026-11-23 08:00
    buoc: &tiep_nhan
      - lam: Tiếp nhận hồ sơ
        du_lieu: {quyet_dinh: tiep_nhan}
      - gui: thanh_toan
      - kiem_tra: {trang_thai: 4}
  - ten: Hai
    bat_dau: 2026-11-24 08:00
    buoc: *tiep_nhan
""")
    assert report.ok, "\n".join(format_report(report))


def test_too_many_steps_are_refused(tmp_path):
    body = "".join("      - troi_qua: 1 giờ làm việc\n" for _ in range(model.MAX_STEPS + 1))
    report = run(tmp_path, scenario(BAN_SAO, body))
    assert report.problems == [f"thu.kich-ban.yaml: Tệp có {model.MAX_STEPS + 1} bước, vượt giới hạn "
                               f"{model.MAX_STEPS} bước. Chia kịch bản thành nhiều tệp."]


@pytest.mark.rule("QT-27")
def test_a_payment_is_sent_as_the_system_sends_it(tmp_path):
    """In full, by one of the three methods: what the gateway or the desk never delivers fails."""
    accept = """\
      - lam: Tiếp nhận hồ sơ
        du_lieu: {quyet_dinh: tiep_nhan}
"""
    report = run(tmp_path, scenario(BAN_SAO, accept + """\
      - gui: thanh_toan
      - kiem_tra: {trang_thai: 4, du_lieu: {so_tien_da_nop: 8000, hinh_thuc_nop: truc_tuyen}}
    """))
    assert report.ok, "\n".join(format_report(report))
    for data, words in (("{so_tien_da_nop: 5000}", "đúng số tiền hồ sơ đang chờ (8.000 đồng)"),
                        ("{so_tien_da_nop: 8000, hinh_thuc_nop: chuyen_khoan}", "không phải «chuyen_khoan»"),
                        ("{so_tien: 8000}", "không có «so_tien»")):
        failed = run(tmp_path, scenario(BAN_SAO, accept + f"      - gui: thanh_toan\n        du_lieu: {data}\n"))
        assert words in failure(failed), data
    refused = run(tmp_path, scenario(BAN_SAO, accept + """\
      - gui: thanh_toan
        du_lieu: {so_tien_da_nop: 5000}
        loi: đúng số tiền
      - kiem_tra: {trang_thai: 6, phai_nop: 8000}
    """))
    assert refused.ok, "\n".join(format_report(refused))


@pytest.mark.rule("QT-57")
def test_a_hidden_field_of_the_application_is_dropped_as_the_app_drops_it(tmp_path):
    """The passport number shown only for a passport: given with an identity card, the scenario's
    dossier does not hold it, as the portal's would not."""
    import json
    forms = tmp_path / "forms"
    shutil.copytree(FORMS, forms)
    ui_path = forms / "cap_phieu_ly_lich_tu_phap" / "to_khai.uischema.json"
    ui = json.loads(ui_path.read_text(encoding="utf-8"))
    ui["so_ho_chieu"] = {**ui.get("so_ho_chieu", {}), "ui:shownWhen": {"loai_giay_to": ["ho_chieu"]}}
    ui_path.write_text(json.dumps(ui, ensure_ascii=False), encoding="utf-8")
    header = LLTP.replace("doi_tuong_nop_phi: thong_thuong}", "doi_tuong_nop_phi: thong_thuong, gioi_tinh: nam, "
                          "ngay_sinh: '1990-01-01', noi_sinh: Huế, quoc_tich: Việt Nam, noi_cu_tru: Huế, "
                          "loai_phieu: '1', muc_dich: Xin việc, loai_giay_to: cccd, so_cccd: '001090000001', "
                          "so_ho_chieu: B1234567, qua_trinh_cu_tru: [{tu_nam: 2008, den_nam: 2026, noi_cu_tru: Huế}]}")
    path = tmp_path / "thu.kich-ban.yaml"
    path.write_text(scenario(header, "      - kiem_tra:\n          du_lieu: {so_ho_chieu: B1234567}\n"), encoding="utf-8")
    report = run_file(path, BPMN, forms, catalogue_dir=ROOT / "catalogue")
    assert not report.problems, report.problems
    assert "so_ho_chieu" in failure(report), "\n".join(format_report(report))


@pytest.mark.rule("QT-36")
def test_a_catalogue_entry_of_the_process_that_cannot_be_read_fails_the_file(tmp_path):
    """The app would not load it, so no citizen could apply: the scenarios do not pass over it.
    Saved with a byte-order mark (Windows Notepad) it is read as without one."""
    catalogue = tmp_path / "catalogue"
    shutil.copytree(ROOT / "catalogue", catalogue)
    entry = catalogue / "2.000488.json"
    good = entry.read_text(encoding="utf-8")
    path = tmp_path / "thu.kich-ban.yaml"
    path.write_text((BPMN / "cap_phieu_ly_lich_tu_phap.kich-ban.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    entry.write_text(good.replace('",', '"', 1), encoding="utf-8")  # one comma deleted
    broken = run_file(path, BPMN, FORMS, catalogue_dir=catalogue)
    [line] = [p for p in broken.problems if "2.000488.json" in p]
    assert not broken.ok and "ghi quy trình này nhưng không đọc được" in line and "dòng" in line
    entry.write_text("\ufeff" + good, encoding="utf-8")
    assert run_file(path, BPMN, FORMS, catalogue_dir=catalogue).ok


ASK_AT_RECEPTION = """\
      - lam: Tiếp nhận hồ sơ
        du_lieu:
          quyet_dinh: yeu_cau_bo_sung
          ly_do: Thiếu giấy tờ.
          thanh_phan_can_bo_sung: [{thanh_phan: Tờ khai, yeu_cau: Ghi đủ nơi cư trú.}]
"""


@pytest.mark.rule("QT-14")
def test_a_second_supplement_request_needs_a_justification_as_in_the_app(tmp_path):
    """The law asks for everything at once: the officer's second request of the reception stage
    is refused without a written reason, in the app's words; `giai_trinh` is that reason."""
    twice = ASK_AT_RECEPTION + "      - gui: bo_sung\n        du_lieu: {so_ban: 2}\n" + ASK_AT_RECEPTION
    failed = failure(run(tmp_path, scenario(BAN_SAO, twice)))
    assert failed.startswith("Khi tiếp nhận, hồ sơ này đã được yêu cầu bổ sung 1 lần. Pháp luật yêu cầu hướng dẫn")
    assert "ghi lý do ở khóa «giai_trinh» của bước" in failed
    refused = twice + "        loi: đã được yêu cầu bổ sung 1 lần\n      - kiem_tra: {trang_thai: 1, viec: [Tiếp nhận hồ sơ]}\n"
    assert run(tmp_path, scenario(BAN_SAO, refused)).ok
    justified = twice + "        giai_trinh: Công dân nộp nhầm tờ khai của thủ tục khác.\n      - kiem_tra: {trang_thai: 5}\n"
    assert run(tmp_path, scenario(BAN_SAO, justified)).ok


@pytest.mark.rule("QT-14")
def test_a_request_during_processing_after_the_window_needs_a_justification(tmp_path):
    """Three working days from reception (Monday 23/11 08:00; Tuesday 24/11 is a day off): asked
    on Friday 27/11 it is late, the agency's fault, and needs a reason."""
    ask = """\
      - lam: Thẩm định hồ sơ
        du_lieu:
          ket_qua_tham_dinh: yeu_cau_bo_sung
          ly_do: Thiếu thông tin.
          thanh_phan_can_bo_sung: [{thanh_phan: Tờ khai, yeu_cau: Ghi rõ.}]
        luc: 2026-11-27 09:00
"""
    failed = failure(run(tmp_path, scenario(BAN_SAO, ACCEPT + PAY + ask)))
    assert failed.startswith("Thời hạn yêu cầu bổ sung trong quá trình giải quyết đã hết lúc 08:00 ngày 27/11/2026")
    assert run(tmp_path, scenario(BAN_SAO, ACCEPT + PAY + ask + "        giai_trinh: Cơ quan phối hợp mới trả lời.\n")).ok
    assert run(tmp_path, scenario(BAN_SAO, ACCEPT + PAY + ask.replace("27 09:00", "26 17:00"))).ok


@pytest.mark.rule("QT-58")
def test_a_supplement_brings_the_files_the_request_named_as_the_portal_demands(tmp_path):
    """The request names «Giấy tờ tùy thân của người yêu cầu» (GTTT): the portal refuses a
    supplement without a new file of it, and one that changes nothing; `tep` lists what is sent."""
    ask = ASK_AT_RECEPTION.replace("Tờ khai, yeu_cau: Ghi đủ nơi cư trú.", "Giấy tờ tùy thân của người yêu cầu, "
                                   "yeu_cau: Bản chụp rõ nét.")
    back = "      - kiem_tra: {trang_thai: 1, viec: [Tiếp nhận hồ sơ]}\n"

    def supplement(lines: str):
        return run_filed(tmp_path, scenario(BAN_SAO_FILED, ask + "      - gui: bo_sung\n" + lines + back))
    missing = failure(supplement("        du_lieu: {so_ban: 2}\n"))
    assert missing.startswith("Cổng từ chối hồ sơ bổ sung: thiếu tệp mới của thành phần «Giấy tờ tùy thân của "
                              "người yêu cầu (Căn cước công dân, hộ chiếu)»")
    assert "«tep: [GTTT]»" in missing
    assert supplement("        tep: [GTTT]\n").ok
    assert supplement('        tep: ["Giấy tờ tùy thân của người yêu cầu (Căn cước công dân, hộ chiếu)"]\n').ok
    assert run_filed(tmp_path, scenario(BAN_SAO_FILED, ask + "      - gui: bo_sung\n        loi: thiếu tệp mới\n"
                                        "      - kiem_tra: {trang_thai: 5}\n")).ok
    split = failure(supplement("        tep: [Giấy tờ tùy thân của người yêu cầu (Căn cước công dân, hộ chiếu)]\n"))
    assert split.startswith("Khóa «tep»: tên thành phần «Giấy tờ tùy thân của người yêu cầu (Căn cước công dân, "
                            "hộ chiếu)» có dấu phẩy") and split.endswith("hoặc ghi mã của nó: GTTT.")
    unknown = failure(supplement("        tep: [CMND]\n"))
    assert unknown.startswith("Khóa «tep» ghi «CMND», nhưng thủ tục không có thành phần nào như vậy.")
    assert "GTTT «Giấy tờ tùy thân của người yêu cầu" in unknown and "UQ «Văn bản ủy quyền" in unknown
    # Asked in words only: a supplement that changes nothing is refused too.
    nothing = failure(run_filed(tmp_path, scenario(BAN_SAO_FILED, ASK_AT_RECEPTION + "      - gui: bo_sung\n")))
    assert nothing.startswith("Cổng từ chối hồ sơ bổ sung: chưa có nội dung bổ sung")
    wrong = failure(run_filed(tmp_path, scenario(BAN_SAO_FILED, ACCEPT + "      - gui: thanh_toan\n        tep: [GTTT]\n")))
    assert wrong == "Khóa «tep» chỉ dùng với «gui: bo_sung» (công dân gửi tệp bổ sung), không dùng với «gui: thanh_toan»."


@pytest.mark.rule("QT-36")
def test_a_date_written_as_the_page_takes_it_is_said_how_a_scenario_writes_it(tmp_path):
    """The page takes 04/05/2020; the stored data, which a scenario writes, is 2020-05-04."""
    header = BAN_SAO_FILED.replace('ngay_dang_ky: "2020-05-04"', 'ngay_dang_ky: "04/05/2020"')
    assert header != BAN_SAO_FILED
    failed = steps(run_filed(tmp_path, scenario(header, "      - kiem_tra: {trang_thai: 1}\n")))[0]
    assert not failed.passed and "ví dụ 15/01/1990). Trong kịch bản, viết ngày như khi lưu: \"1990-01-15\"." \
        in failed.message


@pytest.mark.rule("QT-27")
def test_hen_tra_names_the_entry_it_counts_when_entries_differ_in_processing_time(tmp_path):
    """Two procedures run one diagram with different processing times: each dossier counts its
    own; a scenario counts the first entry's and says which."""
    import json
    catalogue = tmp_path / "catalogue"
    shutil.copytree(ROOT / "catalogue", catalogue)
    entry = json.loads((catalogue / "2.000635.json").read_text(encoding="utf-8"))
    (catalogue / "2.000636.json").write_text(json.dumps(
        {**entry, "code": "2.000636", "processing_time": {"amount": 5, "unit": "working_days"}}), encoding="utf-8")
    path = tmp_path / "thu.kich-ban.yaml"
    path.write_text(scenario(BAN_SAO_FILED, ACCEPT + "      - kiem_tra: {hen_tra: 2026-11-26 08:00}\n"),
                    encoding="utf-8")
    report = run_file(path, BPMN, FORMS, catalogue_dir=catalogue)
    assert report.ok and "kịch bản tính theo 2.000635.json" in steps(report)[-1].message


@pytest.mark.rule("QT-40")
def test_a_fee_of_nothing_is_recorded_at_the_desk_not_paid_online(tmp_path):
    """A wait whose amount comes to 0 đồng: the portal offers nothing to pay online (the desk
    records it), so a scenario paying it online fails, saying what to write instead."""
    bpmn = tmp_path / "bpmn"
    shutil.copytree(BPMN, bpmn)
    diagram = bpmn / "cap_ban_sao_trich_luc_ho_tich.bpmn"
    text = diagram.read_text(encoding="utf-8")
    assert text.count('<spiffworkflow:property name="amount" value="le_phi" />') == 1
    diagram.write_text(text.replace('<spiffworkflow:property name="amount" value="le_phi" />',
                                    '<spiffworkflow:property name="amount" value="le_phi * 0" />'), encoding="utf-8")
    accept = """\
      - lam: Tiếp nhận hồ sơ
        du_lieu: {quyet_dinh: tiep_nhan}
      - kiem_tra: {trang_thai: 6, phai_nop: 0}
      - gui: thanh_toan
"""
    path = tmp_path / "thu.kich-ban.yaml"
    path.write_text(scenario(BAN_SAO, accept), encoding="utf-8")
    report = run_file(path, bpmn, FORMS)
    assert "Hồ sơ chờ nộp 0 đồng: không có khoản nào để nộp qua cổng thanh toán" in failure(report)
    path.write_text(scenario(BAN_SAO, accept + """\
        du_lieu: {hinh_thuc_nop: truc_tiep}
      - kiem_tra: {trang_thai: 4, du_lieu: {so_tien_da_nop: 0, hinh_thuc_nop: truc_tiep}}
    """), encoding="utf-8")
    report = run_file(path, bpmn, FORMS)
    assert report.ok, "\n".join(format_report(report))


@pytest.mark.rule("QT-02")
def test_a_plain_task_is_worked_like_a_user_task(tmp_path):
    """SpiffWorkflow opens a plain `task` for a person (the check names it a step too): the
    shipped scenarios run the same with the appraisal drawn as one."""
    import re
    bpmn = tmp_path / "bpmn"
    shutil.copytree(BPMN, bpmn)
    diagram = bpmn / "cap_ban_sao_trich_luc_ho_tich.bpmn"
    text = diagram.read_text(encoding="utf-8")
    text, count = re.subn(r'<bpmn:userTask (id="Task_tham_dinh"[\s\S]*?)</bpmn:userTask>',
                          r"<bpmn:task \1</bpmn:task>", text)
    assert count == 1
    diagram.write_text(text, encoding="utf-8")
    report = run_file(bpmn / "cap_ban_sao_trich_luc_ho_tich.kich-ban.yaml", bpmn, FORMS, catalogue_dir=ROOT / "catalogue")
    assert report.ok, "\n".join(format_report(report))
