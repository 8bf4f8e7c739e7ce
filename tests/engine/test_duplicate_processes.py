"""Two diagram files with one process id (ANALYST.md QT-49): `motcua bpmn check` names both files
and the id; loading a folder keeps one (the one serving now) and refuses the other as a problem,
as it does a broken diagram, never silently replacing the process by whichever sorts last."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from engine.checking import check_files
from engine.registry import Registry

ROOT = Path(__file__).resolve().parents[2]
FORMS = ROOT / "forms"
PROCESS = "cap_ban_sao_trich_luc_ho_tich"
ORIGINAL = f"{PROCESS}.bpmn"
SOURCE = (ROOT / "bpmn" / ORIGINAL).read_text(encoding="utf-8")


def _folder(tmp_path, *copies: str, edited: bool = True) -> Path:
    """The shipped diagram under its own name, and copies of it (edited, so another version)."""
    folder = tmp_path / "bpmn"
    folder.mkdir()
    (folder / ORIGINAL).write_text(SOURCE, encoding="utf-8")
    for name in copies:
        text = SOURCE.replace("Thẩm định hồ sơ", "Thẩm định lại hồ sơ") if edited else SOURCE
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def _serving(registry: Registry) -> str:
    return registry.latest(PROCESS).file_name


@pytest.mark.rule("QT-49")
def test_check_of_the_folder_names_both_files_and_the_process_id(tmp_path):
    folder = _folder(tmp_path, "ban_sao_moi.bpmn", edited=False)  # cp a.bpmn b.bpmn
    ok, lines = check_files(sorted(folder.glob("*.bpmn")), FORMS)
    assert not ok
    duplicates = [line for line in lines if "cũng có trong tệp" in line]
    assert len(duplicates) == 2, lines
    copy, original = duplicates  # in the order of the files
    assert copy.startswith(f"ban_sao_moi.bpmn: [{PROCESS} «Cấp bản sao trích lục hộ tịch»] Mã quy trình «{PROCESS}» "
                           f"cũng có trong tệp {ORIGINAL} (cùng thư mục)")
    assert original.startswith(f"{ORIGINAL}: [{PROCESS} «Cấp bản sao trích lục hộ tịch»] Mã quy trình «{PROCESS}» "
                               "cũng có trong tệp ban_sao_moi.bpmn")
    # How to fix it: its own process id, and the catalogue entry pointing at it.
    assert f"khi khởi động lại: tệp {ORIGINAL}" in copy
    assert f"mã quy trình riêng (thuộc tính id của process, ví dụ «{PROCESS}_moi»)" in copy
    assert "«bpmn_process_id» của mục danh mục dùng nó thành mã mới" in copy
    assert not any(line.startswith("Đạt:") for line in lines)
    assert lines[-1] == "Có 2 lỗi trong 2 sơ đồ."


@pytest.mark.rule("QT-49")
def test_check_of_one_file_sees_the_other_diagrams_of_its_folder(tmp_path):
    folder = _folder(tmp_path, "ban_sao_moi.bpmn")
    ok, lines = check_files([folder / "ban_sao_moi.bpmn"], FORMS)
    assert not ok and lines[0].startswith("ban_sao_moi.bpmn: [") and f"cũng có trong tệp {ORIGINAL}" in lines[0]
    # The same id in another folder is not loaded with it: no problem.
    elsewhere = tmp_path / "nhap"
    elsewhere.mkdir()
    shutil.copy(folder / "ban_sao_moi.bpmn", elsewhere / "ban_sao_moi.bpmn")
    ok, lines = check_files([elsewhere / "ban_sao_moi.bpmn"], FORMS)
    assert ok, lines
    # Named twice on the command line, a file is not its own duplicate.
    ok, lines = check_files([ROOT / "bpmn" / ORIGINAL, ROOT / "bpmn" / ORIGINAL], FORMS)
    assert ok, lines


@pytest.mark.rule("QT-49")
def test_a_copy_given_its_own_process_id_passes(tmp_path):
    folder = _folder(tmp_path)
    (folder / "ban_sao_moi.bpmn").write_text(
        SOURCE.replace(f'id="{PROCESS}"', f'id="{PROCESS}_moi"').replace(f'processRef="{PROCESS}"',
                                                                        f'processRef="{PROCESS}_moi"')
        .replace(f'bpmnElement="{PROCESS}"', f'bpmnElement="{PROCESS}_moi"'), encoding="utf-8")
    ok, lines = check_files(sorted(folder.glob("*.bpmn")), FORMS)
    assert ok, lines
    registry = Registry(FORMS)
    assert registry.load_directory(folder) == []
    assert registry.process_ids() == [PROCESS, f"{PROCESS}_moi"]


@pytest.mark.rule("QT-49")
def test_a_first_load_keeps_the_file_named_after_the_process_and_refuses_the_copy(tmp_path):
    folder = _folder(tmp_path, "a_ban_sao.bpmn", "z_ban_sao.bpmn")  # one sorts before it, one after
    registry = Registry(FORMS)
    problems = registry.load_directory(folder)
    assert _serving(registry) == ORIGINAL
    assert [p.file for p in problems] == ["a_ban_sao.bpmn", "z_ban_sao.bpmn"]
    assert all(p.element_id == PROCESS for p in problems)
    assert str(problems[0]).startswith(
        f"a_ban_sao.bpmn: [{PROCESS} «Cấp bản sao trích lục hộ tịch»] Mã quy trình «{PROCESS}» đã có trong tệp "
        f"{ORIGINAL}: hai tệp sơ đồ không được dùng chung một mã quy trình, nên hệ thống không nạp tệp "
        f"a_ban_sao.bpmn và vẫn chạy quy trình này theo tệp {ORIGINAL}.")
    # Neither copy's version is served, nor kept under its content hash.
    assert [v.file_name for v in registry.all_latest()] == [ORIGINAL]
    assert len({version for (_, version) in registry._versions}) == 1
    # Without a file named after the process, the first by name.
    (folder / ORIGINAL).unlink()
    registry = Registry(FORMS)
    assert [p.file for p in registry.load_directory(folder)] == ["z_ban_sao.bpmn"]
    assert _serving(registry) == "a_ban_sao.bpmn"


@pytest.mark.rule("QT-49")
def test_a_reload_keeps_the_file_serving_and_refuses_a_new_copy(tmp_path):
    folder = tmp_path / "bpmn"
    folder.mkdir()
    (folder / "ban_sao_cu.bpmn").write_text(SOURCE, encoding="utf-8")  # serving, under another name
    running = Registry(FORMS)
    assert running.load_directory(folder) == []
    served = running.latest(PROCESS)
    # The analyst saves a copy named after the process: the file serving goes on serving.
    (folder / ORIGINAL).write_text(SOURCE.replace("Thẩm định hồ sơ", "Thẩm định lại hồ sơ"), encoding="utf-8")
    fresh = Registry(FORMS)
    [problem] = fresh.load_directory(folder, previous=running)
    assert problem.file == ORIGINAL and "vẫn chạy quy trình này theo tệp ban_sao_cu.bpmn" in problem.message
    assert fresh.latest(PROCESS).version == served.version and _serving(fresh) == "ban_sao_cu.bpmn"


@pytest.mark.rule("QT-49")
def test_a_broken_save_of_the_serving_file_beside_a_copy_keeps_its_previous_version(tmp_path):
    folder = _folder(tmp_path)
    running = Registry(FORMS)
    assert running.load_directory(folder) == []
    served = running.latest(PROCESS)
    (folder / ORIGINAL).write_text(SOURCE.replace('name="Chuyên viên"', 'name="Văn thư"'), encoding="utf-8")
    (folder / "ban_sao_moi.bpmn").write_text(SOURCE.replace("Thẩm định hồ sơ", "Thẩm định lại hồ sơ"),
                                             encoding="utf-8")
    fresh = Registry(FORMS)
    problems = fresh.load_directory(folder, previous=running)
    assert {p.file for p in problems} == {ORIGINAL, "ban_sao_moi.bpmn"}
    assert any("Văn thư" in p.message for p in problems)
    assert fresh.latest(PROCESS) is served


def test_a_diagram_removed_while_the_folder_loads_is_a_problem_not_a_crash(tmp_path, monkeypatch):
    folder = _folder(tmp_path)
    (folder / "mat.bpmn").write_text(SOURCE, encoding="utf-8")
    real = Path.read_bytes

    def read_bytes(path):
        if path.name == "mat.bpmn":
            raise FileNotFoundError(2, "No such file or directory")
        return real(path)
    monkeypatch.setattr(Path, "read_bytes", read_bytes)
    registry = Registry(FORMS)
    [problem] = registry.load_directory(folder)
    assert problem.file == "mat.bpmn" and problem.message.startswith("Không đọc được tệp sơ đồ")
    assert _serving(registry) == ORIGINAL
