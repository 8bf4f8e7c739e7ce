"""`motcua bpmn check`: validate diagram files and report every problem, element by element;
with `catalogue`, the catalogue entries that use them too (the app reads those)."""
from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timezone
from pathlib import Path

from lxml import etree

from .calendar import WorkingCalendar
from .calendar_functions import deadline_functions
from .catalogue_forms import CitizenForm
from .diagram_check import DiagramChecker, Problem, safe_parse
from .profile import load_profile
from .registry import MAX_DIAGRAM_BYTES, DiagramError, build_versions, preferred_file

MESSAGES = {
    "ok": "Đạt: {file} (quy trình: {processes})",
    "ok_entries_bad": "Không đạt: {file} (quy trình: {processes}): sơ đồ không có lỗi, nhưng mục danh mục {entries} "
                      "dùng nó có lỗi (xem dưới đây): sửa các lỗi đó rồi kiểm tra lại.",
    "no_entry": "  Lưu ý: không có mục danh mục đọc được nào ghi «bpmn_process_id»: «{process}» (lỗi của một mục "
                "không đọc được được nêu riêng), nên tên dữ liệu mà điều kiện và "
                "biểu thức của sơ đồ đọc chưa được đối chiếu với tờ khai của công dân (QT-37). Thêm mục danh mục "
                "(catalogue/<mã thủ tục>.json) trỏ tới quy trình này rồi kiểm tra lại.",
    "unreadable": "{file}: không đọc được tệp: {detail}.",
    # The operating system's reasons, by their exception's name; any other keeps its own words.
    "os_errors": {"FileNotFoundError": "không có tệp này (kiểm tra đường dẫn và tên tệp, kể cả chữ hoa, chữ thường)",
                  "PermissionError": "không có quyền đọc tệp",
                  "IsADirectoryError": "đây là một thư mục, không phải tệp sơ đồ .bpmn"},
    "os_other": "lỗi của hệ thống tệp (Chi tiết: {detail})",
    "summary_ok": "Tất cả {count} sơ đồ đều hợp lệ.",
    "summary_ok_catalogue": "Tất cả {count} sơ đồ và các mục danh mục dùng chúng đều hợp lệ.",
    "summary_bad": "Có {problems} lỗi trong {files} sơ đồ.",
    "summary_bad_catalogue": "Có {problems} lỗi: {files} sơ đồ và {entries} mục danh mục cần sửa.",
    "summary_warnings": " Có {count} cảnh báo: sơ đồ vẫn chạy, nhưng nên sửa.",
    # Two files of one folder with one process id (ANALYST.md QT-49): the app loads the folder.
    "duplicate": "Mã quy trình «{process_id}» cũng có trong tệp {other} (cùng thư mục): hai tệp sơ đồ không được "
                 "dùng chung một mã quy trình. Hệ thống chỉ chạy một tệp (tệp đang chạy quy trình này; khi khởi "
                 "động lại: tệp {kept}) và không nạp tệp kia. Nếu một tệp là bản sao để làm thủ tục khác, đặt cho "
                 "nó mã quy trình riêng (thuộc tính id của process, ví dụ «{process_id}_moi») và sửa "
                 "«bpmn_process_id» của mục danh mục dùng nó thành mã mới; tệp không cần nữa thì xóa.",
}


def declared_processes(xml: bytes) -> set[str]:
    """The ids of the processes a file declares, even when it does not load."""
    try:
        root = safe_parse(xml).getroot()
    except etree.XMLSyntaxError:
        return set()
    return {p.get("id") for p in root.iterfind("{*}process") if p.get("id")}


def executable_processes(xml: bytes) -> dict[str, str]:
    """Id -> name of the processes of a file the engine would run (isExecutable is true unless
    written false, as SpiffWorkflow reads it), even when the file does not load otherwise."""
    try:
        root = safe_parse(xml).getroot()
    except (etree.XMLSyntaxError, ValueError):
        return {}
    return {p.get("id"): p.get("name") or "" for p in root.iterfind("{*}process")
            if p.get("id") and p.get("isExecutable", "true") == "true"}


def _folder_processes(folder: Path, skip: set[Path]) -> dict[str, dict[str, str]]:
    """File name -> executable processes of the other diagrams of a folder, which the app loads
    with the files checked (a file it would refuse, too big or unreadable, is left out)."""
    found = {}
    for path in sorted(folder.glob("*.bpmn")):
        try:
            if path.resolve() in skip or path.stat().st_size > MAX_DIAGRAM_BYTES:
                continue
            found[path.name] = executable_processes(path.read_bytes())
        except OSError:
            continue
    return found


def folder_process_ids(folders) -> set[str]:
    """The executable process ids of every diagram in `folders`: what the app would run beside
    the files checked."""
    return {pid for folder in folders for ids in _folder_processes(Path(folder), set()).values() for pid in ids}


def duplicate_problems(texts: dict[Path, bytes]) -> dict[Path, list[Problem]]:
    """For each file read, the process ids it shares with another diagram of its folder (one
    checked too, or one beside it): the app runs one file per process id (ANALYST.md QT-49)."""
    by_folder: dict[Path, dict[str, dict[str, str]]] = {}
    for path, xml in texts.items():
        folder = Path(path).resolve().parent
        too_big = len(xml) > MAX_DIAGRAM_BYTES  # refused on its own: it serves nothing
        by_folder.setdefault(folder, {})[Path(path).name] = {} if too_big else executable_processes(xml)
    found: dict[Path, list[Problem]] = {}
    for folder, files in by_folder.items():
        checked = {folder / name for name in files}
        everyone = {**_folder_processes(folder, checked), **files}
        for path in texts:
            name = Path(path).name
            if Path(path).resolve().parent != folder:
                continue
            for process_id, process_name in files[name].items():
                others = sorted(n for n, ids in everyone.items() if n != name and process_id in ids)
                if not others:
                    continue
                kept = preferred_file(process_id, [name, *others])
                found.setdefault(path, []).append(Problem(
                    name, process_id, process_name if process_name != process_id else "",
                    MESSAGES["duplicate"].format(process_id=process_id, other=", ".join(others), kept=kept)))
    return found


def _os_reason(exc: OSError) -> str:
    return MESSAGES["os_errors"].get(type(exc).__name__) or MESSAGES["os_other"].format(detail=exc.strerror or exc)


def _failing_entries(entries: list[str], processes: set[str], citizen_forms, alone: bool) -> list[str]:
    """The catalogue entries with problems (`entries`: lines starting with the entry's file name)
    that use one of `processes`: a diagram whose procedure cannot take dossiers has not passed.
    An entry too broken to say its process is counted against a diagram checked `alone`."""
    using = {form.entry for p in processes for form in (citizen_forms or {}).get(p, ())}
    named = {form.entry for forms in (citizen_forms or {}).values() for form in forms}
    failing = [line.split(":", 1)[0] for line in entries]
    return list(dict.fromkeys(e for e in failing if e in using or alone and e not in named))


def check_files(paths: list[Path], forms_dir: Path, province: str = "demo", known_agencies: set[str] | None = None,
                catalogue: Callable[[set[str]], list[str]] | None = None,
                citizen_forms: dict[str, list[CitizenForm]] | None = None,
                catalogue_advice: list[str] | None = None,
                officers: dict[str, set[str]] | None = None) -> tuple[bool, list[str]]:
    """`known_agencies`: the codes a step's `agency` may name, when the province's are known;
    `officers`: agency code -> the roles it has active officers of (known_officers), read from
    the database the agencies came from when not given (a step sent to an agency nobody of its
    lane's role works at is a warning, ANALYST.md QT-07);
    `catalogue`: given the ids of the processes in `paths`, the problems of the catalogue entries
    (one line each, starting with the entry's file name); `citizen_forms`: process id -> the
    citizen forms of its catalogue entries (engine.catalogue_forms), to check the names that
    expressions read; `catalogue_advice`: where `catalogue` leaves its warnings (printed, not
    counted as problems)."""
    calendar = WorkingCalendar(load_profile(province))
    functions = deadline_functions(calendar, datetime.now(timezone.utc))
    lines, problems, bad_files, declared, warnings, entry_problems = [], 0, 0, set(), 0, []
    texts: dict[Path, bytes | OSError] = {}
    for path in paths:
        try:
            texts[path] = Path(path).read_bytes()
        except OSError as exc:
            texts[path] = exc
    duplicates = duplicate_problems({p: xml for p, xml in texts.items() if isinstance(xml, bytes)})
    passed: list[tuple[int, str, list]] = []  # (where its line goes, file name, versions): said once entries are known
    for path in paths:
        xml = texts[path]
        if isinstance(xml, OSError):
            lines.append(MESSAGES["unreadable"].format(file=path, detail=_os_reason(xml)))
            problems, bad_files = problems + 1, bad_files + 1
            continue
        declared |= declared_processes(xml)
        checker = DiagramChecker(Path(path).name, forms_dir, functions, known_agencies, citizen_forms=citizen_forms,
                                 officers=officers)
        found = list(duplicates.get(path, []))
        try:
            versions = build_versions(xml, Path(path).name, forms_dir, functions, checker)
        except DiagramError as exc:
            found = exc.problems + found
        if found:
            lines.extend(str(p) for p in found)
            problems, bad_files = problems + len(found), bad_files + 1
        else:
            passed.append((len(lines), Path(path).name, versions))
            lines.append("")
            if citizen_forms is not None:  # QT-37: the names its expressions read were taken on trust
                lines.extend(MESSAGES["no_entry"].format(process=v.process_id) for v in versions
                             if v.process_id not in citizen_forms)
        lines.extend(str(w) for w in checker.warnings)
        warnings += len(checker.warnings)
        entry_problems += checker.entry_problems
    entries = (catalogue(declared) if catalogue is not None else []) + entry_problems
    for at, name, versions in passed:
        processes = ", ".join(v.process_id for v in versions)
        failing = _failing_entries(entries, {v.process_id for v in versions}, citizen_forms, alone=len(paths) == 1)
        lines[at] = MESSAGES["ok_entries_bad" if failing else "ok"].format(file=name, processes=processes,
                                                                           entries=", ".join(failing))
    lines.extend(entries)
    problems += len(entries)
    lines.extend(catalogue_advice or [])
    warnings += len(catalogue_advice or [])
    bad_entries = len({line.split(":", 1)[0] for line in entries})
    if problems and (catalogue is not None or entry_problems):
        summary = MESSAGES["summary_bad_catalogue"].format(problems=problems, files=bad_files, entries=bad_entries)
    elif problems:
        summary = MESSAGES["summary_bad"].format(problems=problems, files=bad_files)
    else:
        summary = MESSAGES["summary_ok_catalogue" if catalogue is not None else "summary_ok"].format(count=len(paths))
    lines.append(summary + (MESSAGES["summary_warnings"].format(count=warnings) if warnings else ""))
    return problems == 0, lines
