"""The province's agencies from a file an operator keeps (JSON: a list of {code, name, level,
parent, address, phone}): checked whole, then inserted or updated by code in one transaction, so
a file with a mistake changes nothing."""
from __future__ import annotations

import json
from pathlib import Path

from sqlalchemy import select

from engine.diagram_check import AGENCY_CODE
from engine.form_check import json_problem

from ..db import db
from .models import Agency

LEVELS = ("trung_uong", "tinh", "xa")
TEXT_FIELDS = {"name": 255, "address": 255, "phone": 32}
MESSAGES = {
    "json": "{file}: {detail}",
    "unreadable": "{file}: không đọc được tệp (tệp phải là văn bản UTF-8): {detail}",
    "list": "{file}: tệp phải là một danh sách các cơ quan.",
    "code": "mục {n}: mã định danh «{code}» không đúng dạng (ví dụ 000.00.12.H99).",
    "duplicate": "mục {n}: mã định danh «{code}» lặp lại trong tệp.",
    "name": "mục {n} ({code}): cần tên cơ quan, tối đa 255 ký tự.",
    "text": "mục {n} ({code}): «{field}» tối đa {limit} ký tự.",
    "level": "mục {n} ({code}): cấp phải là một trong {levels}.",
    "parent": "mục {n} ({code}): không có cơ quan cấp trên «{parent}» trong tệp hay trong hệ thống.",
    "cycle": "mục {n} ({code}): cơ quan cấp trên «{parent}» làm các cơ quan thành vòng tròn ({chain}): một cơ "
             "quan không thể ở dưới chính nó. Sửa «parent» của một trong các cơ quan đó.",
}


class AgencyFileError(Exception):
    def __init__(self, problems: list[str]):
        super().__init__("\n".join(problems))
        self.problems = problems


def read(path: Path) -> list[dict]:
    try:
        entries = json.loads(Path(path).read_text(encoding="utf-8-sig"))
    except json.JSONDecodeError as exc:
        raise AgencyFileError([MESSAGES["json"].format(file=Path(path).name, detail=json_problem(exc))]) from exc
    except (OSError, ValueError, UnicodeDecodeError) as exc:
        raise AgencyFileError([MESSAGES["unreadable"].format(file=Path(path).name, detail=exc)]) from exc
    if not isinstance(entries, list) or not all(isinstance(e, dict) for e in entries):
        raise AgencyFileError([MESSAGES["list"].format(file=Path(path).name)])
    return entries


def _cycles(entries: list[dict], parents: dict[str, str | None]) -> list[str]:
    """The entries whose parent chain, as the file would leave the tree (`parents`: the system's
    agency -> parent code, the file's entries over them), comes back to the entry itself."""
    tree = {**parents, **{str(e.get("code", "")): e.get("parent") or None for e in entries}}
    problems = []
    for n, entry in enumerate(entries, 1):
        code = str(entry.get("code", ""))
        chain, current = [code], tree.get(code)
        while current is not None and current not in chain:
            chain.append(current)
            current = tree.get(current)
        if current == code:
            problems.append(MESSAGES["cycle"].format(n=n, code=code, parent=entry.get("parent"),
                                                     chain=" → ".join(chain + [code])))
    return problems


def _problems(entries: list[dict], known: set[str]) -> list[str]:
    problems, seen = [], set()
    codes = {str(e.get("code", "")) for e in entries}
    for n, entry in enumerate(entries, 1):
        code = str(entry.get("code", ""))
        if not AGENCY_CODE.match(code):
            problems.append(MESSAGES["code"].format(n=n, code=code[:40]))
            continue
        if code in seen:
            problems.append(MESSAGES["duplicate"].format(n=n, code=code))
        seen.add(code)
        name = " ".join(str(entry.get("name") or "").split())
        if not name or len(name) > TEXT_FIELDS["name"]:
            problems.append(MESSAGES["name"].format(n=n, code=code))
        for field, limit in TEXT_FIELDS.items():
            if field != "name" and len(str(entry.get(field) or "")) > limit:
                problems.append(MESSAGES["text"].format(n=n, code=code, field=field, limit=limit))
        if entry.get("level", "tinh") not in LEVELS:
            problems.append(MESSAGES["level"].format(n=n, code=code, levels=", ".join(LEVELS)))
        parent = entry.get("parent")
        if parent and parent not in codes | known:
            problems.append(MESSAGES["parent"].format(n=n, code=code, parent=str(parent)[:40]))
    return problems


def load(entries: list[dict]) -> tuple[int, int]:
    """(inserted, updated); AgencyFileError with every problem, and nothing written, if any."""
    parent = Agency.__table__.alias("parent")
    parents = dict(db.session.execute(select(Agency.code, parent.c.code).outerjoin(
        parent, parent.c.id == Agency.parent_id)).all())
    problems = _problems(entries, set(parents))
    if not problems:  # a loop is judged once every code and parent is known to exist
        problems = _cycles(entries, parents)
    if problems:
        raise AgencyFileError(problems)
    by_code = {a.code: a for a in db.session.execute(select(Agency)).scalars()}
    inserted = 0
    for entry in entries:
        agency = by_code.get(entry["code"])
        if agency is None:
            agency = by_code[entry["code"]] = Agency(code=entry["code"])
            db.session.add(agency)
            inserted += 1
        agency.name = " ".join(entry["name"].split())
        agency.level = entry.get("level", "tinh")
        agency.address, agency.phone = entry.get("address") or None, entry.get("phone") or None
    for entry in entries:  # parents once every agency of the file exists
        by_code[entry["code"]].parent = by_code.get(entry.get("parent")) if entry.get("parent") else None
    db.session.commit()
    return inserted, len(entries) - inserted


def _read(url: str, query) -> list | None:
    """The rows of `query` in the database at `url`, read without starting the app (for `motcua
    bpmn check`); None when it cannot be read. A SQLite file that does not exist is not created."""
    from sqlalchemy import create_engine
    from sqlalchemy.exc import SQLAlchemyError
    if url.startswith("sqlite:///") and not Path(url.removeprefix("sqlite:///")).is_file():
        return None
    try:
        engine = create_engine(url)
    except (SQLAlchemyError, ImportError):  # a URL this install has no driver for
        return None
    try:
        with engine.connect() as connection:
            return connection.execute(query).all()
    except SQLAlchemyError:
        return None
    finally:
        engine.dispose()


def known_codes(url: str) -> set[str] | None:
    """The agency codes of the database at `url`; None when there is no such database or no
    agency in it yet."""
    rows = _read(url, select(Agency.__table__.c.code))
    return {code for code, in rows} or None if rows is not None else None


def known_officers(url: str) -> dict[str, set[str]] | None:
    """Agency code -> the roles it has an active officer account of, in the database at `url`;
    None when it cannot be read."""
    from ..users.models import User
    users, agencies = User.__table__.c, Agency.__table__.c
    rows = _read(url, select(agencies.code, users.role).join_from(User.__table__, Agency.__table__,
                                                                  users.agency_id == agencies.id)
                 .where(users.active.is_(True)))
    if rows is None:
        return None
    found: dict[str, set[str]] = {}
    for code, role in rows:
        found.setdefault(code, set()).add(role)
    return found
