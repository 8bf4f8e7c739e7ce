"""The analysts' scenario files shipped beside the diagrams (`bpmn/*.kich-ban.yaml`): every step
passes and, together, the scenarios of a file take every sequence flow and reach every end event
of its diagram. Running them here is what runs them in CI. Then `motcua procedure test` as an
analyst runs it (a real subprocess): the printed report and the exit codes."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from engine.scenarios import SCENARIO_GLOB, format_report, run_file

ROOT = Path(__file__).resolve().parents[1]
SHIPPED = sorted((ROOT / "bpmn").glob(SCENARIO_GLOB))
# A citizen's application the portal takes for cap_ban_sao_trich_luc_ho_tich (its catalogue form).
APPLICATION = ("{ho_ten_nguoi_yeu_cau: Nguyễn Văn An, so_cccd: '001090000001', loai_trich_luc: khai_sinh, "
               "ho_ten_nguoi_duoc_cap: Nguyễn Thị Bé, so_ban: 1}")


def motcua(*args, env=None):
    return subprocess.run([sys.executable, "-m", "app.cli", *args], cwd=ROOT, capture_output=True, text=True,
                          timeout=300, env={**os.environ, **(env or {})})


def test_every_shipped_diagram_has_its_scenarios():
    diagrams = {p.name[: -len(".bpmn")] for p in (ROOT / "bpmn").glob("*.bpmn")}
    scenarios = {p.name[: -len(".kich-ban.yaml")] for p in SHIPPED}
    assert diagrams and diagrams <= scenarios


@pytest.mark.rule("QT-28")
@pytest.mark.parametrize("path", SHIPPED, ids=lambda p: p.name)
def test_shipped_scenarios_pass_and_cover_the_whole_diagram(path):
    report = run_file(path, ROOT / "bpmn", ROOT / "forms", "demo", ROOT / "catalogue")
    printed = "\n".join(format_report(report, require_coverage=True))
    assert report.ok, printed
    assert report.coverage.complete, printed
    assert report.coverage.taken == {f.id for f in report.coverage.flows}
    assert report.coverage.reached_ends == {e.id for e in report.coverage.end_events}
    assert report.passed(require_coverage=True)


def test_the_command_runs_every_shipped_file_and_exits_0():
    result = motcua("procedure", "test", "--phu-day")
    assert result.returncode == 0, result.stdout + result.stderr
    out = result.stdout
    assert "✗" not in out and result.stderr == ""
    for path in SHIPPED:
        assert f"Tệp kịch bản {path}" in out
    assert "Độ phủ sơ đồ: đi qua 53/53 luồng trình tự, tới 10/10 sự kiện kết thúc." in out
    assert "Độ phủ sơ đồ: đi qua 38/38 luồng trình tự, tới 10/10 sự kiện kết thúc." in out
    assert "— đạt: trạng thái 6; việc đang mở: (không có); ngày hẹn trả 2026-11-26 10:00; chờ tin nhắn: " \
           "rut_ho_so, thanh_toan; phải nộp 8.000 đồng" in out
    assert (": thời gian trôi qua 1 giờ làm việc — 2026-11-23 15:00 → 2026-11-23 16:00; bộ hẹn giờ "
            "Boundary_qua_han_tiep_nhan «Quá hạn tiếp nhận» kích hoạt lúc 2026-11-23 16:00") in out
    assert out.rstrip().endswith(f"Đạt: cả {len(SHIPPED)} tệp kịch bản.")


@pytest.mark.rule("QT-27")
def test_the_command_prints_failures_and_exits_1(tmp_path):
    scenario = tmp_path / "sai.kich-ban.yaml"
    scenario.write_text(
        "quy_trinh: cap_ban_sao_trich_luc_ho_tich\n"
        f"du_lieu_chung: {APPLICATION}\n"
        "kich_ban:\n"
        "  - ten: Nhầm hạn tiếp nhận\n"
        "    bat_dau: 2026-11-23 08:00\n"
        "    buoc:\n"
        "      - kiem_tra:\n"
        "          han: {Tiếp nhận hồ sơ: 2026-11-24 08:00}\n"   # 24/11 is a holiday
        "      - lam: Tiếp nhận hồ sơ\n"
        "        du_lieu: {quyet_dinh: tiep_nhan}\n",
        encoding="utf-8")
    shipped = ROOT / "bpmn" / "cap_ban_sao_trich_luc_ho_tich.kich-ban.yaml"
    result = motcua("procedure", "test", str(scenario), str(shipped))
    assert result.returncode == 1, result.stdout + result.stderr
    lines = result.stdout.splitlines()
    assert "Kịch bản 1: Nhầm hạn tiếp nhận (sai.kich-ban.yaml:4)" in lines
    assert "  ✗ bước 1, dòng 7: kiểm tra — Không đạt:" in lines
    assert ("      - hạn của Task_tiep_nhan «Tiếp nhận hồ sơ»: mong đợi 2026-11-24 08:00, "
            "thực tế 2026-11-25 08:00") in lines
    assert "  … bỏ qua 1 bước còn lại của kịch bản vì bước trên không đạt." in lines
    assert "Kết quả: 1/1 kịch bản không đạt." in lines
    assert lines[-1] == "Không đạt: 1/2 tệp kịch bản (sai.kich-ban.yaml)."


def test_incomplete_coverage_fails_only_with_phu_day(tmp_path):
    scenario = tmp_path / "mot_nhanh.kich-ban.yaml"
    scenario.write_text(
        "quy_trinh: cap_ban_sao_trich_luc_ho_tich\n"
        f"du_lieu_chung: {APPLICATION}\n"
        "kich_ban:\n"
        "  - ten: Từ chối\n"
        "    bat_dau: 2026-11-23 08:00\n"
        "    buoc:\n"
        "      - lam: Tiếp nhận hồ sơ\n"
        "        du_lieu: {quyet_dinh: tu_choi, ly_do: Không thuộc thẩm quyền.}\n"
        "      - kiem_tra: {trang_thai: 3, ket_thuc: true}\n",
        encoding="utf-8")
    plain = motcua("procedure", "test", str(scenario))
    assert plain.returncode == 0, plain.stdout + plain.stderr
    assert "Độ phủ sơ đồ: đi qua 4/38 luồng trình tự, tới 1/10 sự kiện kết thúc." in plain.stdout
    assert ("  Luồng chưa đi qua: Flow_tiep_nhan «Tiếp nhận», từ Gateway_ket_qua_tiep_nhan «Kết quả tiếp nhận?» "
            "đến Event_tiep_nhan «Tiếp nhận, cấp mã hồ sơ»") in plain.stdout
    strict = motcua("procedure", "test", "--require-coverage", str(scenario))
    assert strict.returncode == 1 and "✗" not in strict.stdout
    assert "(--phu-day: kịch bản phải đi qua mọi luồng và tới mọi sự kiện kết thúc)" in strict.stdout


def test_a_broken_file_is_a_failure_and_no_file_is_a_usage_error(tmp_path):
    broken = tmp_path / "hong.kich-ban.yaml"
    broken.write_text("quy_trinh: x\nkich_ban:\n  - ten: a\n   buoc: []\n", encoding="utf-8")
    result = motcua("procedure", "test", str(broken))
    assert result.returncode == 1
    assert "  ✗ hong.kich-ban.yaml:4: Tệp không phải YAML hợp lệ (dòng 4, cột 4)" in result.stdout
    empty = tmp_path / "trong"
    empty.mkdir()
    none = motcua("procedure", "test", env={"MOTCUA_BPMN_DIR": str(empty)})
    assert none.returncode == 2 and none.stdout == ""
    assert none.stderr.startswith("Lỗi: không có tệp kịch bản (*.kich-ban.yaml) nào trong ")


def _lltp_scenario(start: str):
    report = run_file(ROOT / "bpmn" / "cap_phieu_ly_lich_tu_phap.kich-ban.yaml", ROOT / "bpmn", ROOT / "forms",
                      "demo", ROOT / "catalogue")
    [scenario] = [s for s in report.scenarios if s.name.startswith(start)]
    assert scenario.passed, "\n".join(format_report(report))
    return scenario


@pytest.mark.rule("QT-32")
def test_a_supplement_reaches_the_consultation_answered_after_it():
    """The police answer after the supplement asked for a third Phiếu: their branch reaches the
    join last, and the fee recomputed after it is still that of three Phiếu (5.000 đồng more)."""
    scenario = _lltp_scenario("Công an trả lời sau khi công dân đã bổ sung")
    assert any("phải nộp 5.000 đồng" in step.message for step in scenario.steps)


@pytest.mark.rule("QT-66")
def test_a_supplement_changing_the_identity_the_police_checked_asks_them_again():
    """The police answered about «Nguyễn Văn An»; the supplement corrects the name to «Nguyễn Văn
    Ân»: after the join the police are asked again, and their second answer is the one signed,
    without the first one's conviction, which it leaves empty.
    Police answering after a supplement (the scenario of QT-32) are not asked twice."""
    again = "Lấy lại ý kiến Công an tỉnh theo nhân thân đã bổ sung"
    scenario = _lltp_scenario("Công an đã trả lời, công dân bổ sung sửa nhân thân")
    assert any(again in step.message and "hạn" in step.message for step in scenario.steps)
    assert 'tinh_trang_an_tich = "khong_co_an_tich"; noi_dung_an_tich = (không có)' in scenario.steps[-1].message
    answered_after = _lltp_scenario("Công an trả lời sau khi công dân đã bổ sung")
    assert not any(again in step.message for step in answered_after.steps)
