"""What `motcua procedure test` says when the input is wrong or unusual: a citizen form that
cannot be used (listed as `motcua bpmn check` lists it, never a traceback), a misspelled key (at
its own line), a `han` for a task the diagram does not have, task names drawn on two lines, and
the status the app shows when the diagram sets none there."""
from __future__ import annotations

import json
import re
import shutil
import textwrap
from pathlib import Path

import pytest

from engine.diagram_check import Problem
from engine.form_check import form_problems
from engine.scenarios import format_report, run_file

ROOT = Path(__file__).resolve().parents[2]
BPMN, FORMS, CATALOGUE = ROOT / "bpmn", ROOT / "forms", ROOT / "catalogue"
PROCESS = "cap_ban_sao_trich_luc_ho_tich"
ENTRY = "2.000635.json"
CITIZEN_FORM = f"{PROCESS}/don.schema.json"
DIAGRAM = (BPMN / f"{PROCESS}.bpmn").read_text(encoding="utf-8")
HEADER = f"""\
quy_trinh: {PROCESS}
du_lieu_chung: {{ho_ten_nguoi_yeu_cau: Nguyễn Văn An, so_cccd: "001090000001", loai_trich_luc: khai_sinh,
                ho_ten_nguoi_duoc_cap: Nguyễn Thị Bé, so_ban: 1}}
kich_ban:
"""


def _write(tmp_path, text: str, name: str = "thu.kich-ban.yaml") -> Path:
    path = tmp_path / name
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def _scenario(body: str, name: str = "Kịch bản thử") -> str:
    return f"{HEADER}  - ten: {name}\n    bat_dau: 2026-11-23 08:00\n    buoc:\n{body}"


def _forms_with(tmp_path, edit) -> Path:
    """A copy of forms/ whose citizen form of the procedure `edit` changed (a dict in, a dict out)."""
    forms = tmp_path / "forms"
    shutil.copytree(FORMS, forms)
    path = forms / CITIZEN_FORM
    path.write_text(json.dumps(edit(json.loads(path.read_text(encoding="utf-8"))), ensure_ascii=False),
                    encoding="utf-8")
    return forms


def _with_field(schema: dict, name: str, **changes) -> dict:
    schema["properties"][name] = {**schema["properties"][name], **changes}
    return schema


# -- the citizen form of the catalogue entry ---------------------------------------------------------

@pytest.mark.rule("QT-36")
@pytest.mark.parametrize("change, said", [
    ({"pattern": "^([0-9]{12}$"}, "không phải JSON Schema hợp lệ: trường «so_cccd», từ khóa «pattern»: "),
    ({"type": "interger"}, "kiểu (type) «interger» không có (có phải ý bạn là «integer»?)"),
])
def test_a_citizen_form_with_a_schema_error_is_listed_as_bpmn_check_lists_it(tmp_path, change, said):
    forms = _forms_with(tmp_path, lambda schema: _with_field(schema, "so_cccd", **change))
    path = _write(tmp_path, _scenario("      - kiem_tra: {trang_thai: 1}\n"))
    report = run_file(path, BPMN, forms, catalogue_dir=CATALOGUE)
    assert not report.ok and report.scenarios == []
    assert report.problems[0] == (
        f"thu.kich-ban.yaml: Tờ khai «{CITIZEN_FORM}» của mục danh mục {ENTRY} không dùng được, nên hệ thống không "
        "nhận hồ sơ của thủ tục này; sửa các lỗi dưới đây (như «motcua bpmn check» báo) rồi chạy lại:")
    # The very lines `motcua bpmn check` prints for the catalogue entry.
    expected = [str(Problem(ENTRY, "form", CITIZEN_FORM, m)) for m in form_problems(forms, CITIZEN_FORM, True)]
    assert report.problems[1:] == expected and said in expected[0]
    lines = format_report(report)
    assert lines[-1] == "Kết quả: không chạy được tệp kịch bản."


def test_the_citizen_form_lines_are_the_catalogue_checks_own(tmp_path):
    from app.catalogue.loader import check_entries
    forms = _forms_with(tmp_path, lambda schema: _with_field(schema, "so_cccd", pattern="^([0-9]{12}$"))
    report = run_file(_write(tmp_path, _scenario("      - kiem_tra: {trang_thai: 1}\n")), BPMN, forms,
                      catalogue_dir=CATALOGUE)
    checked = check_entries(CATALOGUE, forms, {PROCESS}, only={PROCESS})
    assert report.problems[1:] and set(report.problems[1:]) <= set(checked)


@pytest.mark.rule("QT-36")
def test_a_citizen_ui_schema_missing_or_an_entry_pointing_outside_forms_is_listed(tmp_path):
    forms = tmp_path / "forms"
    shutil.copytree(FORMS, forms)
    (forms / f"{PROCESS}/don.uischema.json").unlink()
    report = run_file(_write(tmp_path, _scenario("      - kiem_tra: {trang_thai: 1}\n")), BPMN, forms,
                      catalogue_dir=CATALOGUE)
    assert report.problems[1].startswith(f"{ENTRY}: [ui_schema «{PROCESS}/don.uischema.json»] Không tìm thấy")
    catalogue = tmp_path / "catalogue"
    shutil.copytree(CATALOGUE, catalogue)
    entry = json.loads((catalogue / ENTRY).read_text(encoding="utf-8"))
    (catalogue / ENTRY).write_text(json.dumps({**entry, "form": "../../etc/passwd"}), encoding="utf-8")
    report = run_file(_write(tmp_path, _scenario("      - kiem_tra: {trang_thai: 1}\n")), BPMN, FORMS,
                      catalogue_dir=catalogue)
    assert report.problems[1].startswith(f"{ENTRY}: [form «../../etc/passwd»] ")
    assert "phải nằm trong thư mục forms/" in report.problems[1]


def test_a_citizen_form_failing_while_it_checks_data_fails_the_step_not_the_run(tmp_path, monkeypatch):
    """A form the checks let through but that fails on a citizen's value: the step fails with
    what to do, the other scenarios run."""
    from engine import forms

    def broken(self, data, at=None):
        raise re.error("missing ), unterminated subpattern")
    monkeypatch.setattr(forms.Form, "validate", lambda self, data, at=None: [] if data == {} else broken(self, data))
    text = _scenario("      - kiem_tra: {trang_thai: 1}\n") + "  - ten: Thứ hai\n    bat_dau: 2026-11-23 09:00\n" \
                                                              "    buoc: [{kiem_tra: {trang_thai: 1}}]\n"
    report = run_file(_write(tmp_path, text), BPMN, FORMS, catalogue_dir=CATALOGUE)
    assert [s.passed for s in report.scenarios] == [False, False]
    start = report.scenarios[0].steps[0]
    assert start.message == (f"Tờ khai «{CITIZEN_FORM}» (mục danh mục {ENTRY}) không kiểm tra được dữ liệu công "
                             "dân: error: missing ), unterminated subpattern. Chạy «motcua bpmn check» để xem tờ "
                             "khai sai ở đâu và sửa tờ khai.")


@pytest.mark.parametrize("breakage", ["no_entry", "entry_not_json", "entry_without_form", "no_catalogue",
                                      "bad_yaml", "no_diagram", "form_is_a_folder"])
def test_broken_input_never_raises(tmp_path, breakage):
    catalogue, forms = tmp_path / "catalogue", tmp_path / "forms"
    shutil.copytree(CATALOGUE, catalogue)
    shutil.copytree(FORMS, forms)
    text = _scenario("      - kiem_tra: {trang_thai: 1}\n")
    entry = catalogue / ENTRY
    if breakage == "no_entry":
        entry.unlink()
    elif breakage == "entry_not_json":
        entry.write_text("{khong phai json", encoding="utf-8")
    elif breakage == "entry_without_form":
        data = json.loads(entry.read_text(encoding="utf-8"))
        del data["form"]
        entry.write_text(json.dumps(data), encoding="utf-8")
    elif breakage == "no_catalogue":
        shutil.rmtree(catalogue)
    elif breakage == "bad_yaml":
        text = "quy_trinh: [x\n"
    elif breakage == "no_diagram":
        text = text.replace(f"quy_trinh: {PROCESS}", "quy_trinh: khong_co")
    elif breakage == "form_is_a_folder":
        (forms / CITIZEN_FORM).unlink()
        (forms / CITIZEN_FORM).mkdir()
    report = run_file(_write(tmp_path, text), BPMN, forms, catalogue_dir=catalogue)
    lines = format_report(report)
    assert lines[-1].startswith("Kết quả:") and not any("Traceback" in line for line in lines)
    if breakage in ("no_entry", "entry_not_json", "entry_without_form", "no_catalogue"):
        assert report.ok, lines  # the diagram runs; the catalogue check reports the entry
    else:
        assert not report.ok and report.problems


def test_procedure_test_prints_the_problems_of_a_broken_citizen_form_and_exits_1(workspace):
    from tests.test_procedure_new import motcua
    folder, env = workspace
    form = folder / "forms" / CITIZEN_FORM
    form.write_text(json.dumps(_with_field(json.loads(form.read_text(encoding="utf-8")), "so_cccd",
                                           pattern="^([0-9]{12}$"), ensure_ascii=False), encoding="utf-8")
    result = motcua(env, "procedure", "test", str(folder / "bpmn" / f"{PROCESS}.kich-ban.yaml"))
    assert result.returncode == 1 and "Traceback" not in result.stderr + result.stdout, result.stderr
    assert f"[form «{CITIZEN_FORM}»]" in result.stdout and "trường «so_cccd», từ khóa «pattern»" in result.stdout


# -- the report's lines ---------------------------------------------------------------------------------

@pytest.mark.rule("QT-30")
def test_a_misspelled_top_level_key_is_reported_at_its_own_line(tmp_path):
    text = f"quy_trinh: {PROCESS}\n\ndu_lieu_chung: {{so_ban: 1}}\n\nkichban:\n  - ten: a\n"
    report = run_file(_write(tmp_path, text), BPMN, FORMS)
    assert report.problems == ["thu.kich-ban.yaml:5: Khóa không dùng được: «kichban» (có phải ý bạn là "
                               "«kich_ban»?). Các khóa dùng được ở đây: quy_trinh, tinh, du_lieu_chung, kich_ban."]
    # A wrong value too: at the line of its key.
    report = run_file(_write(tmp_path, "\n\ntinh: [demo]\nquy_trinh: x\nkich_ban: []\n"), BPMN, FORMS)
    assert report.problems[0].startswith("thu.kich-ban.yaml:3: Khóa «tinh» phải là một dòng chữ")
    report = run_file(_write(tmp_path, "quy_trinh: x\n\n\nkich_ban: {a: 1}\n"), BPMN, FORMS)
    assert report.problems[0].startswith("thu.kich-ban.yaml:4: Khóa «kich_ban» phải là một danh sách")


@pytest.mark.rule("QT-30")
def test_a_misspelled_scenario_key_keeps_the_scenario_named_and_says_its_line(tmp_path):
    text = HEADER + (
        "  - tên: Hồ sơ hợp lệ\n"
        "    bat_dau: 2026-11-23 08:00\n"
        "    buoc: [{kiem_tra: {trang_thai: 1}}]\n"
        "  - ten: Bước viết sai\n"
        "    bat_dau: 2026-11-23 08:00\n"
        "    buocc: [{kiem_tra: {trang_thai: 1}}]\n"
        "  - [khong, phai, nhom, khoa]\n")
    report = run_file(_write(tmp_path, text), BPMN, FORMS)
    first, second, third = report.scenarios
    assert first.name == "Hồ sơ hợp lệ" and first.line == 5
    assert first.steps[0].message.startswith("Khóa không dùng được: «tên» (có phải ý bạn là «ten»?).")
    assert second.name == "Bước viết sai"
    assert second.steps[0].title == "kịch bản không chạy được (dòng 10)" and second.steps[0].line == 10
    assert third.name == "(chưa có tên)"
    lines = format_report(report)
    assert "Kịch bản 1: Hồ sơ hợp lệ (thu.kich-ban.yaml:5)" in lines
    assert "  ✗ kịch bản không chạy được (dòng 10) — Khóa không dùng được: «buocc» (có phải ý bạn là «buoc»?). " \
           "Các khóa dùng được ở đây: ten, bat_dau, kenh, du_lieu, buoc." in lines
    assert "Kịch bản 3: (chưa có tên) (thu.kich-ban.yaml:11)" in lines


@pytest.mark.rule("QT-30")
def test_a_misspelled_key_inside_a_step_is_reported_at_its_own_line(tmp_path):
    report = run_file(_write(tmp_path, _scenario(
        "      - lam: Tiếp nhận hồ sơ\n"
        "        du_lieu: {quyet_dinh: tiep_nhan}\n"
        "        vaitro: mot_cua\n")), BPMN, FORMS)
    [_, step] = report.scenarios[0].steps  # after the start
    assert not step.passed and step.line == 10 and "«vaitro» (có phải ý bạn là «vai_tro»?)" in step.message


def test_a_data_check_reads_what_the_steps_inside_a_sub_process_wrote_last(tmp_path):
    """«Thẩm định» and «Phê duyệt» run inside the sub-process «Giải quyết hồ sơ»: the check reads
    their answers, the leader's sending back included, not what the process held before it."""
    report = run_file(_write(tmp_path, _scenario("""\
      - lam: Tiếp nhận hồ sơ
        du_lieu: {quyet_dinh: tiep_nhan}
      - gui: thanh_toan
      - lam: Thẩm định hồ sơ
        du_lieu: {ket_qua_tham_dinh: dat, y_kien: Đủ điều kiện.}
      - kiem_tra: {du_lieu: {ket_qua_tham_dinh: dat, y_kien: Đủ điều kiện.}}
      - lam: Phê duyệt kết quả
        du_lieu: {quyet_dinh: tra_lai, y_kien: Xem lại.}
      - kiem_tra: {viec: [Thẩm định hồ sơ], du_lieu: {quyet_dinh: tra_lai}}
    """)), BPMN, FORMS)
    assert all(step.passed for step in report.scenarios[0].steps), format_report(report)


def test_a_step_done_at_its_due_instant_is_on_time(tmp_path):
    """The timer «Quá hạn tiếp nhận» is due at the very instant the desk accepts: the action comes first."""
    report = run_file(_write(tmp_path, _scenario("""\
      - kiem_tra: {han: {Tiếp nhận hồ sơ: 2026-11-25 08:00}}
      - lam: Tiếp nhận hồ sơ
        du_lieu: {quyet_dinh: tiep_nhan}
        luc: 2026-11-25 08:00
      - kiem_tra: {tre_han: false}
    """)), BPMN, FORMS)
    assert all(step.passed for step in report.scenarios[0].steps), format_report(report)


@pytest.mark.rule("QT-27")
def test_han_for_a_task_the_diagram_does_not_have_says_so(tmp_path):
    report = run_file(_write(tmp_path, _scenario(
        "      - kiem_tra: {han: {Tiếp nhận hồ sơ: 2026-11-25 08:00, Tiep nhan ho so: 2026-11-25 08:00}}\n")),
        BPMN, FORMS)
    [failed] = [s for s in report.scenarios[0].steps if not s.passed]
    assert failed.message.split("\n")[1] == (
        "- hạn của «Tiep nhan ho so»: sơ đồ không có việc nào tên «Tiep nhan ho so» (có phải ý bạn là «Tiếp nhận hồ sơ»?). Các việc trong sơ đồ: "
        "«Duyệt đề xuất dừng xử lý», «Phê duyệt kết quả», «Thẩm định hồ sơ», «Tiếp nhận hồ sơ», «Trả kết quả». "
        "Viết tên việc đúng như trong sơ đồ (có dấu).")
    assert len(failed.message.split("\n")) == 2  # the real task's deadline holds
    # A task of the diagram not open now: said as before.
    report = run_file(_write(tmp_path, _scenario("      - kiem_tra: {han: {Thẩm định hồ sơ: 2026-11-25 08:00}}\n")),
                      BPMN, FORMS)
    [failed] = [s for s in report.scenarios[0].steps if not s.passed]
    assert "«Thẩm định hồ sơ»: việc này không đang mở (việc đang mở: «Tiếp nhận hồ sơ»)" in failed.message


@pytest.mark.rule("QT-30")
def test_task_names_drawn_on_two_lines_keep_one_line_in_the_report(tmp_path):
    diagram = DIAGRAM.replace('name="Tiếp nhận hồ sơ"', 'name="Tiếp nhận&#10;hồ sơ"') \
                     .replace('name="Thẩm định hồ sơ"', 'name="Thẩm định&#10;hồ  sơ"')
    assert diagram.count("&#10;") >= 2
    (tmp_path / "thu.bpmn").write_text(diagram, encoding="utf-8")
    report = run_file(_write(tmp_path, _scenario("""\
      - kiem_tra: {viec: [Tiếp nhận hồ sơ], han: {Tiếp nhận hồ sơ: 2026-11-25 08:00}}
      - lam: Tiếp nhận hồ sơ
        du_lieu: {quyet_dinh: tiep_nhan}
      - gui: thanh_toan
      - kiem_tra: {viec: [Phê duyệt kết quả]}
    """)), BPMN, FORMS)
    lines = format_report(report)
    text = "\n".join(lines)
    assert "- việc đang mở: mong đợi «Phê duyệt kết quả», thực tế «Thẩm định hồ sơ»" in text
    assert "✓ bước 1, dòng 8: kiểm tra — đạt: việc đang mở: «Tiếp nhận hồ sơ»; hạn «Tiếp nhận hồ sơ» 2026-11-25 08:00" \
        in text
    # Every line is a line of the report: a header, a step, a step's own continuation, the end.
    starts = ("Tệp kịch bản", "Quy trình", "Kịch bản", "  ✓", "  ✗", "      - ", "      ", "Độ phủ", "  Luồng",
              "  Sự kiện", "Kết quả")
    assert all(line.startswith(starts) for line in lines), lines
    assert not any(line.startswith("      hồ") or line.startswith("      sơ") for line in lines), lines
    # The step naming a task with a line break in the scenario itself folds it too.
    report = run_file(_write(tmp_path, _scenario('      - lam: "Thẩm định\\nhồ sơ"\n')), BPMN, FORMS)
    failed = report.scenarios[0].steps[1]
    assert failed.title == "làm «Thẩm định hồ sơ»"
    assert failed.message.startswith("Không có việc «Thẩm định hồ sơ» (Task_tham_dinh «Thẩm định hồ sơ») đang mở")


# -- the status the app shows -----------------------------------------------------------------------------

def _no_status(tmp_path, *node_ids: str) -> None:
    """The shipped diagram beside the scenario, without the status of the given elements."""
    diagram = DIAGRAM
    for node_id in node_ids:
        start = diagram.index(f'id="{node_id}"')
        end = diagram.index("</bpmn:", start)
        part = re.sub(r'\s*<spiffworkflow:property name="status" value="\d+" />', "", diagram[start:end], count=1)
        assert part != diagram[start:end], node_id
        diagram = diagram[:start] + part + diagram[end:]
    (tmp_path / "thu.bpmn").write_text(diagram, encoding="utf-8")


WITHDRAW = """\
      - gui: rut_ho_so
        du_lieu: {ly_do_rut: Đã nộp nhầm thủ tục.}
"""


@pytest.mark.rule("QT-50")
def test_a_dossier_the_diagram_has_given_no_status_yet_shows_1_as_the_app_does(tmp_path):
    _no_status(tmp_path, "Task_tiep_nhan")
    report = run_file(_write(tmp_path, _scenario("""\
      - kiem_tra: {trang_thai: 1}
      - kiem_tra: {trang_thai: 4}
    """)), BPMN, FORMS)
    start, first, second = report.scenarios[0].steps
    note = " (Mới đăng ký: sơ đồ chưa đặt trạng thái nào, hệ thống giữ trạng thái lúc nộp hồ sơ)"
    assert start.message.startswith("trạng thái 1" + note + "; việc đang mở: «Tiếp nhận hồ sơ»")
    assert first.passed and first.message == "đạt: trạng thái 1"
    assert second.message == "Không đạt:\n- trạng thái: mong đợi 4, thực tế 1" + note
    assert "chưa có trạng thái" not in "\n".join(format_report(report))


@pytest.mark.rule("QT-50")
def test_a_step_ending_where_the_diagram_sets_no_status_keeps_the_status_the_dossier_had(tmp_path, monkeypatch):
    """An end event without status (`motcua bpmn check` asks for one where the dossier ends, QT-46,
    so the engine's outcome is made so here): the app keeps the status the dossier had."""
    from dataclasses import replace

    from engine.runtime import Engine
    delivered = Engine.deliver_message
    monkeypatch.setattr(Engine, "deliver_message",
                        lambda self, *args: replace(delivered(self, *args), status=None, reached_statuses=[]))
    report = run_file(_write(tmp_path, _scenario("      - kiem_tra: {trang_thai: 1}\n" + WITHDRAW + """\
      - kiem_tra: {trang_thai: 7, ket_thuc: true}
    """)), BPMN, FORMS)
    withdrawn, seven = report.scenarios[0].steps[2:]
    note = " (sơ đồ không đặt trạng thái mới ở đây, hệ thống giữ trạng thái trước đó)"
    assert withdrawn.message == "trạng thái 1" + note + "; không có việc nào đang mở; quy trình đã kết thúc"
    assert seven.message == "Không đạt:\n- trạng thái: mong đợi 7, thực tế 1" + note
