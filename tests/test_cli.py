"""The `motcua` command as an operator or analyst runs it (a real subprocess)."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def motcua(*args, cwd=ROOT):
    return subprocess.run([sys.executable, "-m", "app.cli", *args], cwd=cwd, capture_output=True,
                          text=True, timeout=120)


@pytest.mark.parametrize("args, expected", [
    (["--from", "2026-02-13T16:30:00+07:00", "--working-days", "3"], "2026-02-25T16:30:00+07:00"),
    (["--from", "2026-11-23T12:00:00+07:00", "--working-hours", "8"], "2026-11-25T11:30:00+07:00"),
    (["--from", "2026-11-20T05:00:00+00:00", "--working-hours", "1"], "2026-11-20T14:00:00+07:00"),
    (["--from", "2026-11-20T10:00:00+07:00", "--calendar-days", "1"], "2026-11-23T17:00:00+07:00"),
    # Fractional working days, as working_days(1.5) in a diagram; a decimal comma as Vietnamese write it.
    (["--from", "2026-11-23T08:00:00+07:00", "--working-days", "1.5"], "2026-11-25T13:30:00+07:00"),
    (["--from", "2026-11-23T08:00:00+07:00", "--working-days", "1,5"], "2026-11-25T13:30:00+07:00"),
])
def test_calendar_due(args, expected):
    result = motcua("calendar", "due", *args)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == expected


@pytest.mark.parametrize("args", [
    ["--from", "hôm qua", "--working-days", "3"],
    ["--from", "2026-02-13T16:30:00", "--working-days", "3"],
    ["--from", "2026-02-13T16:30:00+07:00", "--working-days", "0"],
    ["--from", "2026-02-13T16:30:00+07:00", "--working-days", "-2"],
    ["--from", "2026-02-13T16:30:00+07:00", "--working-days", "ba"],
    ["--from", "2026-02-13T16:30:00+07:00"],
    ["--from", "2026-02-13T16:30:00+07:00", "--working-days", "3", "--province", "khong-co"],
    ["--from", "2026-02-13T16:30:00+07:00", "--working-days", "nan"],
    ["--from", "2026-02-13T16:30:00+07:00", "--calendar-days", "1.5"],
    ["--from", "9999-12-31T16:30:00+07:00", "--working-days", "3"],
    ["--from", "1900-01-01T08:00:00+07:00", "--working-days", "3"],
    ["--from", "2026-02-13", "--working-days", "3"],
])
def test_calendar_due_refuses_bad_input_in_one_line(args):
    result = motcua("calendar", "due", *args)
    assert result.returncode != 0
    assert result.stdout == ""
    assert len(result.stderr.strip().splitlines()) == 1 and result.stderr.startswith("Lỗi: ")


@pytest.mark.parametrize("args, said", [
    (["--from", "2026-02-13", "--working-days", "3"], "cần cả giờ và múi giờ, ví dụ 2026-02-13T08:00:00+07:00"),
    (["--from", "2026-02-13T08:00", "--working-days", "3"], "thêm +07:00, ví dụ 2026-02-13T08:00+07:00"),
    (["--from", "1900-01-01T08:00:00+07:00", "--working-days", "3"], "từ năm 1975 đến năm 2100"),
    (["--from", "9999-12-31T16:30:00+07:00", "--working-days", "3"], "từ năm 1975 đến năm 2100"),
    (["--from", "2026-02-13T16:30:00+07:00", "--calendar-days", "1.5"], "--calendar-days phải là số ngày nguyên"),
    (["--from", "2026-02-13T16:30:00+07:00", "--working-days", "0"], "phải lớn hơn 0"),
    (["--from", "2026-02-13T16:30:00+07:00", "--working-hours", "ba"], "không phải là một số"),
])
def test_calendar_due_says_what_is_wrong_with_its_input(args, said):
    result = motcua("calendar", "due", *args)
    assert result.returncode == 2 and said in result.stderr and "Traceback" not in result.stderr, result.stderr


def test_calendar_due_explains_each_amount():
    shown = motcua("calendar", "due", "--help").stdout
    assert "Số ngày làm việc, có thể lẻ" in shown and "Số giờ làm việc" in shown and "Số ngày theo lịch" in shown


def test_the_command_line_itself_speaks_vietnamese():
    """Click's own words (app/cli_words.py): headings, and what a mistyped command is told."""
    shown = motcua("--help")
    assert shown.returncode == 0 and "Cách dùng:" in shown.stdout and "Tùy chọn:" in shown.stdout
    assert "Lệnh:" in shown.stdout and "Hiện hướng dẫn này rồi thoát." in shown.stdout
    for args, said in ((["bpmn", "chek"], "Lỗi: Không có lệnh «chek». Có phải ý bạn là 'check'?"),
                       (["files", "sweep", "--days", "ba"],
                        "Lỗi: Giá trị không hợp lệ cho '--days': «ba» không phải một số hợp lệ."),
                       (["keys", "init", "--bogus"], "Lỗi: Không có tùy chọn «--bogus»."),
                       (["calendar", "due"], "Lỗi: Thiếu tùy chọn")):
        result = motcua(*args)
        assert result.returncode == 2 and said in result.stderr, result.stderr
        assert "Usage" not in result.stderr and "Error" not in result.stderr


def test_bpmn_check_accepts_the_shipped_diagrams():
    result = motcua("bpmn", "check")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Đạt: cap_ban_sao_trich_luc_ho_tich.bpmn" in result.stdout
    assert "Cảnh báo" not in result.stdout  # each catalogue entry's fee is the one its diagram asks for


def test_bpmn_check_names_every_problem(tmp_path):
    source = (ROOT / "bpmn" / "cap_ban_sao_trich_luc_ho_tich.bpmn").read_text(encoding="utf-8")
    broken = (source
              .replace('name="Chuyên viên"', 'name="Văn thư"')
              .replace('value="common/tham_dinh.schema.json"', 'value="common/khong_co.schema.json"')
              .replace('name="status" value="9"', 'name="status" value="12"')
              .replace("working_hours(8)</bpmn:timeDate>", "working_hours(-8)</bpmn:timeDate>", 1)
              .replace('le_phi = so_ban * 8000', 'import os'))
    path = tmp_path / "broken.bpmn"
    path.write_text(broken, encoding="utf-8")
    result = motcua("bpmn", "check", str(path))
    assert result.returncode == 1
    out = result.stdout
    assert "Làn «Văn thư» không ứng với vai trò nào" in out
    assert "common/khong_co.schema.json" in out
    assert "status phải là số nguyên từ 1 đến 10" in out and "«12»" in out
    assert "working_hours(-8)" in out
    assert "Tính lệ phí" in out  # the script task, by name
    for line in out.strip().splitlines()[:-1]:
        assert line.startswith("broken.bpmn: [")  # every problem names its element


def test_bpmn_check_refuses_xml_that_is_not_a_diagram(tmp_path):
    path = tmp_path / "x.bpmn"
    path.write_text('<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><x>&e;</x>')
    result = motcua("bpmn", "check", str(path))
    assert result.returncode == 1 and "root:" not in result.stdout


def test_bpmn_check_tries_deadlines_against_the_calendar(tmp_path):
    source = (ROOT / "bpmn" / "cap_ban_sao_trich_luc_ho_tich.bpmn").read_text(encoding="utf-8")
    broken = (source.replace('name="timeLimit" value="working_days(1)"', 'name="timeLimit" value="working_days(0)"')
              .replace("working_hours(8)</bpmn:timeDate>", "8</bpmn:timeDate>", 1))
    path = tmp_path / "deadlines.bpmn"
    path.write_text(broken, encoding="utf-8")
    result = motcua("bpmn", "check", str(path))
    assert result.returncode == 1
    assert "[Task_tham_dinh «Thẩm định hồ sơ»]" in result.stdout and "working_days(0)" in result.stdout
    assert "[Boundary_qua_han_tiep_nhan «Quá hạn tiếp nhận»]" in result.stdout
    assert "không phải một thời điểm" in result.stdout


def test_motcua_up_serves_the_whole_system(tmp_path):
    """README's first command on an empty folder: migrations, demo data, demo signing keys, the
    scheduler in the process, and the pages served."""
    import os
    import socket
    import time
    import urllib.error
    import urllib.request
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    env = {**os.environ, "MOTCUA_KEYS_DIR": str(tmp_path / "keys"), "MOTCUA_UPLOAD_DIR": str(tmp_path / "up"),
           "MOTCUA_SECRET_KEY": "test-up"}
    env.pop("MOTCUA_DATABASE_URL", None)
    server = subprocess.Popen([sys.executable, "-m", "app.cli", "up", "--port", str(port), "--db",
                               str(tmp_path / "demo.db")], cwd=ROOT, env=env, stdout=subprocess.PIPE,
                              stderr=subprocess.STDOUT, text=True)
    try:
        status = None
        for _ in range(120):
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/thu-tuc", timeout=2) as response:
                    status = response.status
                    break
            except (urllib.error.URLError, ConnectionError):
                if server.poll() is not None:
                    break
                time.sleep(0.5)  # waiting for a server process to come up, not for a deadline
        assert status == 200, server.stdout.read() if server.poll() is not None else "no answer"
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/xac-thuc", timeout=5) as response:
            assert "Xác thực" in response.read().decode()
        assert (tmp_path / "keys" / "root.cert.pem").exists() and (tmp_path / "keys" / "000.00.12.H99.key.pem").exists()
    finally:
        server.terminate()
        output = server.communicate(timeout=30)[0]
    assert "motcua" in output and "MotCua@2026" in output
    assert "Đã tạo 9 hồ sơ mẫu" in output
    assert "Cổng thanh toán thử nghiệm (không có tiền thật) chạy tại http://127.0.0.1:" in output


@pytest.mark.rule("QT-25")
def test_checking_one_diagram_reports_a_catalogue_entry_naming_it_with_a_typo(workspace):
    """An entry whose bpmn_process_id misses the diagram's id by a letter is reported when the
    analyst checks only that diagram, with the id it probably means."""
    import json
    folder, env = workspace
    entry = folder / "catalogue" / "2.000635.json"
    data = json.loads(entry.read_text(encoding="utf-8"))
    entry.write_text(json.dumps({**data, "bpmn_process_id": "cap_ban_sao_trich_luc_ho_tichh"}), encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "app.cli", "bpmn", "check",
                             str(folder / "bpmn" / "cap_ban_sao_trich_luc_ho_tich.bpmn")], cwd=ROOT,
                            capture_output=True, text=True, timeout=120, env={**__import__("os").environ, **env})
    assert result.returncode == 1, result.stdout
    assert ("2.000635.json: không có quy trình «cap_ban_sao_trich_luc_ho_tichh» trong bpmn/ (hoặc sơ đồ đang lỗi) "
            "(có phải ý bạn là «cap_ban_sao_trich_luc_ho_tich»?)") in result.stdout


@pytest.mark.rule("QT-26")
def test_checking_one_diagram_saved_with_another_process_id_names_the_entries_it_leaves(workspace):
    """The file named after a process (`<process>.bpmn`) saved with another id: checking that one
    file says which entry lost its diagram, as checking the folder does, not "all valid"."""
    import os
    folder, env = workspace
    path = folder / "bpmn" / "cap_ban_sao_trich_luc_ho_tich.bpmn"
    path.write_text(path.read_text(encoding="utf-8").replace(
        'id="cap_ban_sao_trich_luc_ho_tich"', 'id="ban_sao_v2"'), encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "app.cli", "bpmn", "check", str(path)], cwd=ROOT,
                            capture_output=True, text=True, timeout=120, env={**os.environ, **env})
    assert result.returncode == 1, result.stdout
    assert "2.000635.json: không có quy trình «cap_ban_sao_trich_luc_ho_tich»" in result.stdout


def test_a_catalogue_entry_with_a_trailing_comma_is_named_in_words_an_analyst_reads(workspace):
    folder, env = workspace
    entry = folder / "catalogue" / "2.000635.json"
    entry.write_text(entry.read_text(encoding="utf-8").rstrip().removesuffix("}") + ",\n}", encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "app.cli", "bpmn", "check"], cwd=ROOT, capture_output=True,
                            text=True, timeout=120, env={**__import__("os").environ, **env})
    assert result.returncode == 1, result.stdout
    assert "2.000635.json: không phải JSON hợp lệ: lỗi ở dòng" in result.stdout
    assert "thừa dấu phẩy ngay trước dấu }" in result.stdout and "Expecting" not in result.stdout


@pytest.mark.rule("QT-37")
def test_a_diagram_no_catalogue_entry_uses_is_said_to_be_checked_without_its_names(workspace):
    folder, env = workspace
    (folder / "catalogue" / "2.000635.json").unlink()
    result = subprocess.run([sys.executable, "-m", "app.cli", "bpmn", "check"], cwd=ROOT, capture_output=True,
                            text=True, timeout=120, env={**__import__("os").environ, **env})
    assert result.returncode == 0, result.stdout
    assert ("Lưu ý: không có mục danh mục đọc được nào ghi «bpmn_process_id»: «cap_ban_sao_trich_luc_ho_tich» "
            "(lỗi của một mục không đọc được được nêu riêng), nên tên dữ liệu") in result.stdout
    assert result.stdout.count("Lưu ý: không có mục danh mục") == 1  # the other diagram has its entry


def test_motcua_up_on_a_busy_port_says_so_in_one_line(tmp_path):
    import socket
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = motcua("up", "--port", str(port), "--db", str(tmp_path / "demo.db"))
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert f"Lỗi: cổng {port} trên 127.0.0.1 đang được một chương trình khác dùng" in result.stderr
    assert f"motcua up --port {port + 10}" in result.stderr
    assert not (tmp_path / "demo.db").exists()  # nothing was set up


@pytest.mark.parametrize("text, found", [('{{"code": "2.000635"}}', "«{»"), ("{'code': '2.000635'}", "«'»")])
def test_a_json_file_opening_a_bracket_too_many_or_with_single_quotes_is_named_for_what_it_is(text, found):
    """Not a trailing comma: what the parser met where a quoted name belongs is said, with the
    two usual causes."""
    import json
    from engine.form_check import json_problem
    with pytest.raises(json.JSONDecodeError) as error:
        json.loads(text)
    said = json_problem(error.value)
    assert f"mà gặp {found}" in said and "thừa dấu ngoặc" in said and "dấu nháy đơn" in said
    assert "dấu phẩy" not in said


@pytest.mark.rule("QT-49")
def test_checking_one_diagram_sees_the_diagrams_beside_it(workspace):
    """A copy beside the original (QT-49's advice) with its own entry: checking either file alone
    says nothing about the other's entry, whose process a diagram of the folder declares; a
    folder may be named as `procedure test` takes one."""
    import json
    import os
    folder, env = workspace
    original = (folder / "bpmn" / "cap_ban_sao_trich_luc_ho_tich.bpmn").read_text(encoding="utf-8")
    (folder / "bpmn" / "ban_sao_moi.bpmn").write_text(
        original.replace('id="cap_ban_sao_trich_luc_ho_tich"', 'id="cap_ban_sao_trich_luc_ho_tich_moi"'), encoding="utf-8")
    entry = json.loads((folder / "catalogue" / "2.000635.json").read_text(encoding="utf-8"))
    (folder / "catalogue" / "2.000636.json").write_text(json.dumps(
        {**entry, "code": "2.000636", "bpmn_process_id": "cap_ban_sao_trich_luc_ho_tich_moi"}), encoding="utf-8")

    def check(*paths):
        return subprocess.run([sys.executable, "-m", "app.cli", "bpmn", "check", *map(str, paths)], cwd=ROOT,
                              capture_output=True, text=True, timeout=120, env={**os.environ, **env})
    for name in ("ban_sao_moi.bpmn", "cap_ban_sao_trich_luc_ho_tich.bpmn"):
        result = check(folder / "bpmn" / name)
        assert result.returncode == 0 and "không có quy trình" not in result.stdout, result.stdout
    whole = check(folder / "bpmn")
    assert whole.returncode == 0 and "Tất cả 3 sơ đồ" in whole.stdout, whole.stdout + whole.stderr
    # A folder is checked whole: an entry naming a process no diagram has is said, as without arguments.
    (folder / "catalogue" / "2.999999.json").write_text(json.dumps(
        {**entry, "code": "2.999999", "bpmn_process_id": "khong_co_quy_trinh"}), encoding="utf-8")
    orphan = check(folder / "bpmn")
    assert orphan.returncode == 1 and "2.999999.json: không có quy trình «khong_co_quy_trinh»" in orphan.stdout
    empty = check(folder / "forms")
    assert empty.returncode != 0 and "không có tệp sơ đồ nào (*.bpmn)" in empty.stderr and "Error" not in empty.stderr


def test_a_command_on_a_database_that_is_not_there_refuses_and_creates_nothing(tmp_path):
    """A mistyped --db used to make a new empty SQLite file (and its folders), then fail with
    SQLAlchemy's "no such table"; now the command says what to check and what to run."""
    typo = tmp_path / "x" / "typo.db"
    for args in (["officers", "lock-idle"], ["timers", "fire"], ["keys", "status"], ["scheduler"],
                 ["officers", "add", "quantri", "--name", "Nguyễn Thị Quản", "--email", "qt@example.vn",
                  "--role", "admin", "--agency", "000.00.00.H99"]):
        result = motcua(*args, "--db", str(typo))
        assert result.returncode == 2 and "Traceback" not in result.stderr, result.stderr
        assert f"Lỗi: không có cơ sở dữ liệu «{typo}»" in result.stderr
        assert f"motcua db upgrade --db {typo}" in result.stderr
    assert not (tmp_path / "x").exists()
    empty = tmp_path / "empty.db"
    empty.touch()
    result = motcua("timers", "fire", "--db", str(empty))
    assert result.returncode == 2 and "chưa có các bảng của Một Cửa" in result.stderr
    assert f"motcua db upgrade --db {empty}" in result.stderr


def test_a_database_server_that_does_not_answer_is_said_in_words():
    pytest.importorskip("psycopg")
    url = "postgresql+psycopg://postgres:bi-mat@127.0.0.1:1/motcua"  # port 1: nothing listens there
    for args in (["db", "upgrade"], ["officers", "lock-idle"]):
        result = motcua(*args, "--db", url)
        assert result.returncode == 2 and "Traceback" not in result.stderr, result.stderr
        assert "Lỗi: không kết nối được tới cơ sở dữ liệu «postgresql+psycopg://postgres:***@127.0.0.1:1/motcua»" \
            in result.stderr
        assert "bi-mat" not in result.stderr


def test_a_new_database_without_agencies_is_told_to_load_the_provinces_not_the_demo(tmp_path):
    """`db upgrade` still creates a new SQLite file; `keys status` then points at the province's
    agencies file, the demo (public passwords) only for a trial."""
    path = tmp_path / "new" / "motcua.db"
    created = motcua("db", "upgrade", "--db", str(path))
    assert created.returncode == 0 and path.is_file()
    assert f"Đã tạo cơ sở dữ liệu {path} ở phiên bản cấu trúc mới nhất (" in created.stdout
    again = motcua("db", "upgrade", "--db", str(path))
    assert again.returncode == 0 and "đã ở phiên bản cấu trúc mới nhất" in again.stdout
    result = motcua("keys", "status", "--db", str(path))
    assert result.returncode == 2
    assert "motcua agencies load" in result.stderr and "Chỉ khi chạy thử" in result.stderr


def test_officers_add_says_every_mistake_at_once_in_words(tmp_path):
    """Each error in words, never the form's field name; all of them in one run; a code typed in
    lower case gets the agency's code; a link on the default address says how to set the real one."""
    import json
    import os
    env = {**os.environ, "MOTCUA_SECRET_KEY": "test-cli"}
    env.pop("MOTCUA_PUBLIC_URL", None)
    env.pop("MOTCUA_DATABASE_URL", None)

    def run(*args):
        return subprocess.run([sys.executable, "-m", "app.cli", *args, "--db", str(tmp_path / "tinh.db")], cwd=ROOT,
                              capture_output=True, text=True, timeout=120, env=env)
    assert run("db", "upgrade").returncode == 0
    agencies = tmp_path / "agencies.json"
    agencies.write_text(json.dumps([{"code": "000.00.00.H99", "name": "Ủy ban nhân dân tỉnh Bình An", "level": "tinh"},
                                    {"code": "000.00.12.H99", "name": "Sở Tư pháp", "parent": "000.00.00.H99"}],
                                   ensure_ascii=False), encoding="utf-8")
    assert run("agencies", "load", str(agencies)).returncode == 0
    made = run("officers", "add", "quantri", "--name", "Nguyễn Thị Quản", "--email", "qt@binhan.example.vn",
               "--role", "admin", "--agency", "000.00.00.H99")
    assert made.returncode == 0, made.stderr
    assert "http://127.0.0.1:5000/dat-lai-mat-khau/" in made.stdout
    assert "chưa đặt biến MOTCUA_PUBLIC_URL" in made.stderr and "MOTCUA_PUBLIC_URL=https://" in made.stderr
    wrong = run("officers", "add", "QuanTri", "--name", "Lê Văn Đạo", "--email", "qt@binhan.example.vn",
                "--role", "Leader", "--agency", "000.00.12.h99")
    assert wrong.returncode == 1 and "Traceback" not in wrong.stderr
    said = wrong.stderr.strip().splitlines()
    assert said == ["Lỗi: Tên đăng nhập này đã có người dùng.",
                    "Lỗi: Địa chỉ thư điện tử này đã thuộc về tài khoản khác.",
                    "Lỗi: không có vai trò «Leader» (có phải ý bạn là «leader»?); --role là one_stop, specialist, "
                    "leader, coordinator hoặc admin.",
                    "Lỗi: không có cơ quan mã «000.00.12.h99» (có phải ý bạn là «000.00.12.H99»?); nạp cơ quan "
                    "trước bằng motcua agencies load."], said
    leader = run("officers", "add", "lanhdao", "--name", "Lê Văn Đạo", "--email", "ld@binhan.example.vn",
                 "--role", "leader", "--agency", "000.00.12.H99")
    assert leader.returncode == 1 and "Dùng --position." in leader.stderr


def test_the_scheduler_says_what_it_runs_and_names_its_jobs(tmp_path):
    """A line in words for each job and how often; APScheduler's own log lines name the jobs
    instead of the wrapper every one ran in ("_in_app")."""
    import os
    path = tmp_path / "motcua.db"
    assert motcua("db", "upgrade", "--db", str(path)).returncode == 0
    env = {**os.environ, "MOTCUA_SECRET_KEY": "test-cli"}
    scheduler = subprocess.Popen([sys.executable, "-m", "app.cli", "scheduler", "--db", str(path)], cwd=ROOT, env=env,
                                 stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        said = []
        for line in scheduler.stdout:  # the process runs until stopped: read its first lines only
            said.append(line.rstrip())
            if len(said) == 6:
                break
        log = ""
        for line in scheduler.stderr:  # the jobs are added after the lines above are said
            log += line
            if "Scheduler started" in line:
                break
    finally:
        scheduler.terminate()
        scheduler.communicate(timeout=30)
    assert said[0] == "Bộ lập lịch đang chạy các công việc nền (nhấn Ctrl+C để dừng):", said
    assert "  - Kích hoạt bộ hẹn giờ quy trình đã đến hạn: mỗi 30 giây" in said
    assert "  - Khóa tài khoản cán bộ không sử dụng: mỗi giờ" in said
    assert 'Added job "Gửi thư điện tử đang chờ trong hộp thư đi"' in log and "_in_app" not in log


def test_a_slip_in_an_entry_and_one_in_its_form_are_both_said_in_one_run(workspace):
    """The fee's amount written in quotes and a required field the form does not have: one run
    of the check names both, not the entry's slip now and the form's at the next run."""
    import json
    import os
    folder, env = workspace
    entry_path = folder / "catalogue" / "2.000635.json"
    entry = json.loads(entry_path.read_text(encoding="utf-8"))
    entry["fees"] = [{**entry["fees"][0], "amount": "8000"}] if entry.get("fees") else [{"name": "Lệ phí", "amount": "8000"}]
    entry_path.write_text(json.dumps(entry, ensure_ascii=False), encoding="utf-8")
    form_path = folder / "forms" / entry["form"]
    form = json.loads(form_path.read_text(encoding="utf-8"))
    form["required"] = [*form.get("required", []), "noi_cu_tru_hien_tai"]
    form_path.write_text(json.dumps(form, ensure_ascii=False), encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "app.cli", "bpmn", "check"], cwd=ROOT, capture_output=True,
                            text=True, timeout=120, env={**os.environ, **env})
    assert result.returncode == 1
    assert "2.000635.json" in result.stdout and "noi_cu_tru_hien_tai" in result.stdout, result.stdout
    fee_lines = [line for line in result.stdout.splitlines() if "8000" in line and "2.000635.json" in line]
    assert fee_lines, result.stdout
