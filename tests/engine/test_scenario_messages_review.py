"""What `motcua procedure test` says about the mistakes a review found analysts make: a task name
with a comma cut by YAML's flow style, a value or a field name a form does not take, a diagram or a
folder given instead of a scenario file, numbers written with the Vietnamese thousands dot, lines
of a refused start and of a bad date, and names that are almost right."""
from __future__ import annotations

import json
import shutil
import textwrap
from pathlib import Path

import pytest

from engine.scenarios import format_report, model, run_file
from tests.test_procedure_new import cli

ROOT = Path(__file__).resolve().parents[2]
BPMN, FORMS, CATALOGUE = ROOT / "bpmn", ROOT / "forms", ROOT / "catalogue"
# cap_phieu_ly_lich_tu_phap has a task whose name holds a comma.
COMMA_TASK = "Tra cứu, xác minh thông tin lý lịch tư pháp"
LLTP = """\
quy_trinh: cap_phieu_ly_lich_tu_phap
du_lieu_chung: {ho_ten: Nguyễn Văn An, so_ban: 2, doi_tuong_nop_phi: thong_thuong}
kich_ban:
  - ten: Thử
    bat_dau: 2026-11-23 08:00
    buoc:
"""
BAN_SAO = """\
quy_trinh: cap_ban_sao_trich_luc_ho_tich
du_lieu_chung:
  ho_ten_nguoi_yeu_cau: Nguyễn Văn An
  so_cccd: "001090000001"
  loai_trich_luc: khai_sinh
  ho_ten_nguoi_duoc_cap: Nguyễn Thị Bé
  so_ban: {so_ban}
kich_ban:
  - ten: Thử
    bat_dau: {start}
{data}    buoc:
      - kiem_tra: {{trang_thai: 1}}
"""


def run(tmp_path, text: str, forms: Path = FORMS, catalogue=None):
    path = tmp_path / "thu.kich-ban.yaml"
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return run_file(path, BPMN, forms, catalogue_dir=catalogue)


def failed(report, scenario: int = 1):
    [step] = [s for s in report.scenarios[scenario - 1].steps if not s.passed]
    return step


def ban_sao(so_ban="1", start="2026-11-23 08:00", data=""):
    return BAN_SAO.format(so_ban=so_ban, start=start, data=data)


# -- 1. a task name with a comma, in [ ] or { } ------------------------------------------------------

SPLIT = (f"tên việc «{COMMA_TASK}» có dấu phẩy nên YAML tách nó thành «Tra cứu», «xác minh thông tin lý lịch "
         f"tư pháp»; trong [ ] hay {{ }} viết tên trong ngoặc kép: \"{COMMA_TASK}\"")


def test_a_comma_in_a_task_name_in_han_says_to_quote_it_and_never_prints_none(tmp_path):
    report = run(tmp_path, LLTP + f"      - kiem_tra: {{han: {{{COMMA_TASK}: 2026-12-10 10:00}}}}\n")
    message = failed(report).message
    assert message == f"Không đạt:\n- hạn: {SPLIT}"
    assert "None" not in "\n".join(format_report(report))


def test_a_comma_in_a_task_name_in_viec_says_to_quote_it(tmp_path):
    report = run(tmp_path, LLTP + f"      - kiem_tra: {{viec: [{COMMA_TASK}, Lấy ý kiến Công an tỉnh]}}\n")
    assert failed(report).message.endswith(f"thực tế «Tiếp nhận hồ sơ» ({SPLIT})")


def test_a_comma_in_a_task_name_in_a_one_line_step_says_to_quote_it(tmp_path):
    """- {lam: Tra cứu, xác minh …, vai_tro: …}: YAML reads the rest of the name as a key."""
    report = run(tmp_path, LLTP + f"      - {{lam: {COMMA_TASK}, vai_tro: Chuyên viên}}\n")
    assert report.problems == [] and len(report.scenarios) == 1
    message = failed(report).message
    assert "Khóa không dùng được: «xác minh thông tin lý lịch tư pháp»" in message
    assert message.endswith(f"Có lẽ giá trị «lam: {COMMA_TASK}» có dấu phẩy, nên trong {{ }} YAML cắt nó thành "
                            f"«Tra cứu», «xác minh thông tin lý lịch tư pháp»; viết giá trị trong ngoặc kép: "
                            f"lam: \"{COMMA_TASK}\"."), message


def test_the_quoted_name_with_a_comma_is_read_whole(tmp_path):
    report = run(tmp_path, LLTP + f'      - kiem_tra: {{han: {{"{COMMA_TASK}": 2026-12-10 10:00}}}}\n')
    assert f"- hạn của «{COMMA_TASK}»: việc này không đang mở" in failed(report).message


@pytest.mark.parametrize("step, said", [
    ("kiem_tra: {han: {Tiếp nhận hồ sơ: }}",
     "- hạn của «Tiếp nhận hồ sơ»: chưa ghi thời điểm; viết «Tiếp nhận hồ sơ: 2026-11-25 08:00»"),
    ("kiem_tra: {trang_thai: }", "Khóa «trang_thai» để trống: ghi giá trị cho nó, hoặc bỏ khóa."),
    ("kiem_tra: {ket_thuc: }", "Khóa «ket_thuc» để trống: ghi giá trị cho nó, hoặc bỏ khóa."),
    ("troi_qua:", "Khóa «troi_qua» để trống: ghi giá trị cho nó, hoặc bỏ khóa."),
    ("troi_qua: {den: }", "Khóa «troi_qua.den» chưa có thời điểm."),
])
def test_an_empty_value_is_said_empty_never_none(tmp_path, step, said):
    message = failed(run(tmp_path, LLTP + f"      - {step}\n")).message
    assert said in message and "None" not in message


# -- 2. form data: the value written, the allowed ones, the closest field name ---------------------

def test_a_form_refusal_shows_the_value_the_allowed_ones_and_the_closest_field(tmp_path):
    forms = tmp_path / "forms"
    shutil.copytree(FORMS, forms)
    path = forms / "common" / "tiep_nhan.schema.json"
    schema = json.loads(path.read_text(encoding="utf-8"))
    schema["properties"] |= {"ket_qua_kiem_tra": {"type": "string", "title": "Kết quả kiểm tra",
                                                  "enum": ["dat", "khong_dat"]},
                             "bien_ban": {"type": "string", "title": "Biên bản"}}
    path.write_text(json.dumps(schema, ensure_ascii=False), encoding="utf-8")
    ui = forms / "common" / "tiep_nhan.uischema.json"
    order = json.loads(ui.read_text(encoding="utf-8"))
    order["ui:order"] += ["ket_qua_kiem_tra", "bien_ban"]
    ui.write_text(json.dumps(order, ensure_ascii=False), encoding="utf-8")
    body = ("      - lam: Tiếp nhận hồ sơ\n"
            "        du_lieu: {quyet_dinh: tiep_nhan, ket_qua_kiem_tra: Đạt, bien_bản: x}\n")
    report = run(tmp_path, LLTP + body, forms)
    assert failed(report).message.split("\n")[1:3] == [
        "- Biểu mẫu có trường không được khai báo: bien_bản. Có phải ý bạn là «bien_ban» (thay cho «bien_bản»)?",
        "- ket_qua_kiem_tra: Giá trị của trường «Kết quả kiểm tra» không nằm trong danh sách cho phép. "
        "Đã ghi «Đạt»; giá trị cho phép: dat, khong_dat (có phải ý bạn là «dat»?).",
    ]


def test_a_citizen_data_typo_suggests_the_field(tmp_path):
    text = ban_sao().replace("  so_cccd:", "  so_cccdd:")
    message = failed(run(tmp_path, text, catalogue=CATALOGUE)).message
    assert "- Biểu mẫu có trường không được khai báo: so_cccdd. Có phải ý bạn là «so_cccd» (thay cho «so_cccdd»)?" \
        in message.split("\n")


# -- 3. a diagram, a JSON file or a folder given instead of a scenario file --------------------------

@pytest.mark.parametrize("name, said", [
    ("bpmn/cap_ban_sao_trich_luc_ho_tich.bpmn",
     "cap_ban_sao_trich_luc_ho_tich.bpmn: Đây là sơ đồ BPMN (XML), không phải tệp kịch bản. Lệnh này chạy tệp "
     "kịch bản «<mã quy trình>.kich-ban.yaml»; kịch bản của sơ đồ này đặt cạnh nó, chạy bằng «motcua procedure "
     "test {folder}/bpmn/cap_ban_sao_trich_luc_ho_tich.kich-ban.yaml»."),
    ("catalogue/2.000635.json",
     "2.000635.json: Đây là tệp JSON (như biểu mẫu hay mục danh mục thủ tục), không phải tệp kịch bản. Lệnh này "
     "chạy tệp kịch bản «<mã quy trình>.kich-ban.yaml»."),
])
def test_a_diagram_or_json_file_is_named_as_such(workspace, name, said):
    folder, env = workspace
    result = cli(env, "procedure", "test", str(folder / name))
    assert result.exit_code == 1 and "YAML" not in result.output
    assert f"  ✗ {said.format(folder=folder)}" in result.output.splitlines()


def test_a_json_file_is_known_by_its_content_too(tmp_path):
    path = tmp_path / "thu.txt"
    path.write_text('{"code": "2.000635"}', encoding="utf-8")
    assert run_file(path, BPMN, FORMS).problems[0].startswith("thu.txt: Đây là tệp JSON")


def test_a_folder_runs_every_scenario_file_in_it(workspace):
    folder, env = workspace
    result = cli(env, "procedure", "test", str(folder / "bpmn"))
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[-1] == "Đạt: cả 2 tệp kịch bản."
    (folder / "trong").mkdir()
    empty = cli(env, "procedure", "test", str(folder / "trong"))
    assert empty.exit_code == 2 and "Error" not in empty.output
    assert f"Lỗi: không có tệp kịch bản (*.kich-ban.yaml) nào trong {folder / 'trong'}." in empty.output


# -- 4. numbers as they were written -----------------------------------------------------------------

def test_a_grouped_amount_is_shown_as_written_with_the_number_meant(tmp_path):
    message = failed(run(tmp_path, LLTP + "      - kiem_tra: {phai_nop: 6.000}\n")).message
    assert message.endswith("không phải «6.000» (có phải ý bạn là «phai_nop: 6000»?).")


def test_a_paid_amount_is_shown_as_written(tmp_path):
    body = ("      - lam: Tiếp nhận hồ sơ\n        du_lieu: {quyet_dinh: tiep_nhan}\n"
            "      - gui: thanh_toan\n        du_lieu: {so_tien_da_nop: 200.000}\n")
    assert "không phải «200.000»" in failed(run(tmp_path, LLTP + body)).message


def test_numbers_without_their_text_drop_the_point_zero():
    assert (model.typed(6.0), model.typed(6.5), model.typed(8000)) == ("6", "6.5", "8000")


# -- 5. line numbers -------------------------------------------------------------------------------------

def test_a_refused_start_is_reported_at_the_line_of_the_field(tmp_path):
    report = run(tmp_path, ban_sao(so_ban="hai"), catalogue=CATALOGUE)
    step = failed(report)
    assert step.line == 7 and step.title == "bắt đầu lúc 2026-11-23 08:00 (dòng 7)"
    assert "  ✗ bắt đầu lúc 2026-11-23 08:00 (dòng 7) — Tờ khai «cap_ban_sao_trich_luc_ho_tich/don.schema.json»" \
        in "\n".join(format_report(report))
    # The scenario's own du_lieu wins over du_lieu_chung, and is where the field is.
    report = run(tmp_path, ban_sao(data="    du_lieu: {so_ban: ba}\n"), catalogue=CATALOGUE)
    assert failed(report).line == 11


def test_a_bad_start_date_is_reported_at_its_line_with_the_date_meant(tmp_path):
    report = run(tmp_path, ban_sao(start="07/12/2026 08:00"))
    lines = format_report(report)
    assert ("  ✗ kịch bản không chạy được (dòng 10) — Thời điểm «07/12/2026 08:00» ở khóa «bat_dau» không đọc "
            "được (có phải ý bạn là «2026-12-07 08:00»?).") in "\n".join(lines)


# -- 6. names that are almost right --------------------------------------------------------------------

@pytest.mark.parametrize("step, said", [
    ("gui: rut_hoso", "Sơ đồ không có tin nhắn «rut_hoso» (có phải ý bạn là «rut_ho_so»?). Các tin nhắn"),
    ("lam: Tiep nhan ho so", "Sơ đồ không có việc nào tên «Tiep nhan ho so» (có phải ý bạn là «Tiếp nhận hồ sơ»?)."),
    ("kiem_tra: {viec: [Tiếp nhận hồ sơs]}",
     "(sơ đồ không có việc nào tên «Tiếp nhận hồ sơs»; có phải ý bạn là «Tiếp nhận hồ sơ»?)"),
    ("kiem_tra: {han: {Tiep nhan: 2026-11-25 08:00}}",
     "sơ đồ không có việc nào tên «Tiep nhan» (có phải ý bạn là «Tiếp nhận hồ sơ»?)."),
])
def test_a_wrong_name_suggests_the_closest(tmp_path, step, said):
    assert said in failed(run(tmp_path, LLTP + f"      - {step}\n")).message


@pytest.mark.rule("QT-40")
def test_a_thousands_comma_in_phai_nop_says_to_write_the_number_whole(tmp_path):
    """{phai_nop: 8,000}: YAML reads phai_nop: 8 and a key 000, that is 0."""
    report = run(tmp_path, LLTP + "      - kiem_tra: {trang_thai: 6, phai_nop: 8,000}\n")
    message = failed(report).message
    assert "Khóa không dùng được: «0»" in message
    assert message.endswith("Có lẽ số «phai_nop: 8,000» viết dấu phẩy ngăn cách hàng nghìn: YAML coi dấu phẩy là hết "
                            "giá trị, nên đọc thành phai_nop: 8 và phần sau thành khóa. Viết số liền, không dấu "
                            "ngăn cách: phai_nop: 8000."), message


def test_vietnamese_written_decomposed_is_read_as_composed(tmp_path):
    """An editor saving NFD (ờ as o, horn, grave) matched no word, then suggested what looked identical."""
    import unicodedata
    text = (BPMN / "cap_ban_sao_trich_luc_ho_tich.kich-ban.yaml").read_text(encoding="utf-8")
    assert "troi_qua: 8 giờ làm việc" in text
    decomposed = text.replace("troi_qua: 8 giờ làm việc", unicodedata.normalize("NFD", "troi_qua: 8 giờ làm việc"))
    assert decomposed != text
    path = tmp_path / "cap_ban_sao_trich_luc_ho_tich.kich-ban.yaml"
    path.write_text(decomposed, encoding="utf-8")
    report = run_file(path, BPMN, FORMS, catalogue_dir=CATALOGUE)
    assert report.problems == [] and all(s.passed for s in report.scenarios), format_report(report)


def test_an_unquoted_cccd_with_a_leading_zero_says_to_quote_it(tmp_path):
    """so_cccd: 001012345670 is octal to YAML (all its digits below 8): it came back a number."""
    text = BAN_SAO.format(so_ban=1, start="2026-11-23 08:00", data="").replace(
        'so_cccd: "001090000001"', "so_cccd: 001012345670") + "      - lam: Tiếp nhận hồ sơ\n"
    path = tmp_path / "thu.kich-ban.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(model.ScenarioFileError) as refused:
        model.load(path)
    assert "«001012345670» bắt đầu bằng số 0" in str(refused.value)
    assert 'viết trong ngoặc kép: "001012345670"' in str(refused.value)


@pytest.mark.rule("QT-07")
def test_a_step_given_to_an_agency_that_is_no_code_fails(tmp_path):
    """agency read from a field holding no agency code (a free-text field, which the check only
    warns of: a list offering «khong_dong_y» is refused before any run); live, the step would go
    to the dossier's own agency, so the scenario step fails saying so."""
    shutil.copytree(BPMN, tmp_path / "bpmn")
    diagram = tmp_path / "bpmn" / "cap_ban_sao_trich_luc_ho_tich.bpmn"
    xml = diagram.read_text(encoding="utf-8")
    at = xml.index("<spiffworkflow:properties>", xml.index('<bpmn:userTask id="Task_phe_duyet"'))
    at += len("<spiffworkflow:properties>")
    diagram.write_text(xml[:at] + '<spiffworkflow:property name="agency" value="ho_ten_nguoi_yeu_cau" />' + xml[at:],
                       encoding="utf-8")
    report = run_file(tmp_path / "bpmn" / "cap_ban_sao_trich_luc_ho_tich.kich-ban.yaml", tmp_path / "bpmn", FORMS)
    messages = "\n".join(format_report(report))
    assert "Việc Task_phe_duyet «Phê duyệt kết quả» được giao cho cơ quan «Nguyễn Văn An»" in messages
    assert "không phải mã định danh cơ quan" in messages


def test_a_field_not_indented_under_an_empty_du_lieu_says_to_indent_it(tmp_path):
    """du_lieu: left empty and the field written at its depth: YAML reads it as the step's key."""
    report = run(tmp_path, LLTP + "      - lam: Tiếp nhận hồ sơ\n        vai_tro: Bộ phận Một cửa\n"
                                  "        du_lieu:\n        quyet_dinh: tiep_nhan\n")
    message = failed(report).message
    assert "Khóa không dùng được: «quyet_dinh»" in message
    assert "«du_lieu:» để trống ngay trên «quyet_dinh»: nếu «quyet_dinh» thuộc «du_lieu», thụt dòng của nó vào " \
           "sâu hơn «du_lieu:» hai dấu cách." in message
