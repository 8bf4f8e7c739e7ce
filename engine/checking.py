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
from .diagram_check import DiagramChecker, safe_parse
from .profile import load_profile
from .registry import DiagramError, build_versions

MESSAGES = {
    "ok": "Đạt: {file} (quy trình: {processes})",
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
}


def declared_processes(xml: bytes) -> set[str]:
    """The ids of the processes a file declares, even when it does not load."""
    try:
        root = safe_parse(xml).getroot()
    except etree.XMLSyntaxError:
        return set()
    return {p.get("id") for p in root.iterfind("{*}process") if p.get("id")}


def _os_reason(exc: OSError) -> str:
    return MESSAGES["os_errors"].get(type(exc).__name__) or MESSAGES["os_other"].format(detail=exc.strerror or exc)


def check_files(paths: list[Path], forms_dir: Path, province: str = "demo", known_agencies: set[str] | None = None,
                catalogue: Callable[[set[str]], list[str]] | None = None,
                citizen_forms: dict[str, list[CitizenForm]] | None = None,
                catalogue_advice: list[str] | None = None) -> tuple[bool, list[str]]:
    """`known_agencies`: the codes a step's `agency` may name, when the province's are known;
    `catalogue`: given the ids of the processes in `paths`, the problems of the catalogue entries
    (one line each, starting with the entry's file name); `citizen_forms`: process id -> the
    citizen forms of its catalogue entries (engine.catalogue_forms), to check the names that
    expressions read; `catalogue_advice`: where `catalogue` leaves its warnings (printed, not
    counted as problems)."""
    calendar = WorkingCalendar(load_profile(province))
    functions = deadline_functions(calendar, datetime.now(timezone.utc))
    lines, problems, bad_files, declared, warnings, entry_problems = [], 0, 0, set(), 0, []
    for path in paths:
        try:
            xml = Path(path).read_bytes()
        except OSError as exc:
            lines.append(MESSAGES["unreadable"].format(file=path, detail=_os_reason(exc)))
            problems, bad_files = problems + 1, bad_files + 1
            continue
        declared |= declared_processes(xml)
        checker = DiagramChecker(Path(path).name, forms_dir, functions, known_agencies, citizen_forms=citizen_forms)
        try:
            versions = build_versions(xml, Path(path).name, forms_dir, functions, checker)
        except DiagramError as exc:
            lines.extend(str(p) for p in exc.problems)
            problems, bad_files = problems + len(exc.problems), bad_files + 1
        else:
            lines.append(MESSAGES["ok"].format(file=Path(path).name,
                                               processes=", ".join(v.process_id for v in versions)))
        lines.extend(str(w) for w in checker.warnings)
        warnings += len(checker.warnings)
        entry_problems += checker.entry_problems
    entries = (catalogue(declared) if catalogue is not None else []) + entry_problems
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
