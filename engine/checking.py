"""`motcua bpmn check`: validate diagram files and report every problem, element by element."""
from __future__ import annotations

from datetime import datetime, timezone
from pathlib import Path

from .calendar import WorkingCalendar
from .calendar_functions import deadline_functions
from .profile import load_profile
from .registry import DiagramError, build_versions

MESSAGES = {
    "ok": "Đạt: {file} (quy trình: {processes})",
    "unreadable": "{file}: không đọc được tệp: {detail}",
    "summary_ok": "Tất cả {count} sơ đồ đều hợp lệ.",
    "summary_bad": "Có {problems} lỗi trong {files} sơ đồ.",
}


def check_files(paths: list[Path], forms_dir: Path, province: str = "demo") -> tuple[bool, list[str]]:
    calendar = WorkingCalendar(load_profile(province))
    functions = deadline_functions(calendar, datetime.now(timezone.utc))
    lines, problems, bad_files = [], 0, 0
    for path in paths:
        try:
            xml = Path(path).read_bytes()
        except OSError as exc:
            lines.append(MESSAGES["unreadable"].format(file=path, detail=exc.strerror))
            problems, bad_files = problems + 1, bad_files + 1
            continue
        try:
            versions = build_versions(xml, Path(path).name, forms_dir, functions)
        except DiagramError as exc:
            lines.extend(str(p) for p in exc.problems)
            problems, bad_files = problems + len(exc.problems), bad_files + 1
            continue
        lines.append(MESSAGES["ok"].format(file=Path(path).name,
                                           processes=", ".join(v.process_id for v in versions)))
    if problems:
        lines.append(MESSAGES["summary_bad"].format(problems=problems, files=bad_files))
    else:
        lines.append(MESSAGES["summary_ok"].format(count=len(paths)))
    return problems == 0, lines
