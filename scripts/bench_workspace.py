"""Benchmark: the officers' inbox, task and dossier pages with a province's year of dossiers.

    python scripts/bench_workspace.py [--db URL] [-n 100000] [--repeat 30] [--templates 2] [--cases REGEX]

Seeds a throwaway database (a SQLite file, or a PostgreSQL schema of its own dropped afterwards):
the demo province plus more officers and citizens, the two shipped procedures plus generated
ones on the same diagrams, then `n` dossiers, most of them returned (status 10), about 12 %
still open with their task rows spread over roles, agencies and officers, due around "now".

The rows are what the transitions write, because they are copied from real dossiers: first a
few hundred dossiers go through the real services (submission, reception, appraisal, approval
with its signed result, return...) to every step of every procedure; then each seeded dossier
is a copy of one of them (same procedure, same step) with its own id, code, applicant, owner,
officers and task ids (also inside its workflow state, so the diagram and the engine read it as
their own), its instants moved by whole working minutes on the province's calendar (a step
due 8 working hours after it opened stays so). The copies go in as multi-row Core inserts.

Then each case is requested `repeat` times through the Flask test client, logged in over the
login form, and its median, p95 and SQL statements per request are printed. The app's clock is
fixed at AT so that "overdue" and "due today" mean the same on every run.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import random
import re
import statistics
import sys
import tempfile
import time
import uuid
from bisect import bisect_left, bisect_right
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from types import SimpleNamespace
from zoneinfo import ZoneInfo

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sqlalchemy import event, func, insert, select, text, update  # noqa: E402

from app.scratch_db import temporary_database  # noqa: E402

VN = ZoneInfo("Asia/Ho_Chi_Minh")
AT = datetime(2026, 11, 26, 10, 0, tzinfo=VN)  # a Thursday morning: "now" for the whole run
OPEN_SHARE = 0.12
CLAIMED_SHARE = 0.55
REFUSED_SHARE = 0.07  # of the finished: refused at reception (status 3), the rest returned (10)
BATCH = 1000
DAY = 480  # working minutes in a day (07:30-11:30, 13:00-17:00)

# Officers per agency and role, the demo's own included.
STAFFING = {
    "000.00.12.H99": {"one_stop": 8, "specialist": 16, "leader": 4},  # Sở Tư pháp
    "000.00.30.H99": {"specialist": 6},  # Công an tỉnh: consulted on criminal records
    "000.00.15.H99": {"one_stop": 4, "specialist": 10, "leader": 2},  # Sở Xây dựng
    "000.20.01.H99": {"one_stop": 4, "specialist": 6, "leader": 2},  # UBND phường An Bình
}
CITIZENS = 5000

BAN_SAO, LLTP = "cap_ban_sao_trich_luc_ho_tich", "cap_phieu_ly_lich_tu_phap"
SHIPPED = {"2.000635": BAN_SAO, "2.000488": LLTP}
# Generated procedures on the shipped diagrams: (code, name, agency, diagram, weight).
GENERATED = [
    ("2.900001", "Cấp bản sao có chứng thực từ bản chính giấy tờ, văn bản", "000.00.12.H99", BAN_SAO, 6),
    ("2.900002", "Cấp bản sao trích lục khai tử", "000.00.12.H99", BAN_SAO, 6),
    ("2.900003", "Đăng ký lại khai sinh có yếu tố nước ngoài", "000.00.12.H99", BAN_SAO, 6),
    ("2.900004", "Cấp Phiếu lý lịch tư pháp số 2 cho người nước ngoài", "000.00.12.H99", LLTP, 5),
    ("2.900005", "Cấp giấy phép xây dựng nhà ở riêng lẻ", "000.00.15.H99", BAN_SAO, 4),
    ("2.900006", "Cấp chứng chỉ hành nghề hoạt động xây dựng", "000.00.15.H99", BAN_SAO, 4),
    ("2.900007", "Gia hạn giấy phép xây dựng", "000.00.15.H99", BAN_SAO, 4),
    ("2.900008", "Điều chỉnh giấy phép xây dựng", "000.00.15.H99", BAN_SAO, 4),
    ("2.900009", "Đăng ký khai sinh", "000.20.01.H99", BAN_SAO, 5),
    ("2.900010", "Đăng ký kết hôn", "000.20.01.H99", BAN_SAO, 5),
    ("2.900011", "Chứng thực chữ ký trong các giấy tờ, văn bản", "000.20.01.H99", BAN_SAO, 5),
    ("2.900012", "Cấp bản sao từ sổ gốc", "000.20.01.H99", BAN_SAO, 5),
]
SHIPPED_WEIGHTS = {"2.000635": 20, "2.000488": 18}

ACCEPT = {"quyet_dinh": "tiep_nhan"}
REFUSE = {"quyet_dinh": "tu_choi", "ly_do": "Sự kiện hộ tịch không đăng ký tại cơ quan này."}
SUPPLEMENT = {"quyet_dinh": "yeu_cau_bo_sung", "ly_do": "Bản chụp giấy tờ tùy thân không rõ.",
              "thanh_phan_can_bo_sung": [{"thanh_phan": "Bản chụp Căn cước công dân",
                                          "yeu_cau": "Nộp bản chụp rõ nét, đủ hai mặt."}]}
APPRAISE = {"ket_qua_tham_dinh": "dat", "y_kien": "Hồ sơ đầy đủ, đúng quy định."}
POLICE = {"tinh_trang_an_tich": "khong_co_an_tich", "y_kien_phoi_hop": "Không có án tích.", "dong_y": True}
APPROVE = {"quyet_dinh": "phe_duyet", "y_kien": "Đồng ý."}
RETURN = {"hinh_thuc_tra": "truc_tuyen"}
# Each diagram's way through: the step (node id) and the data it is completed with.
STEPS = {
    BAN_SAO: [("Task_tiep_nhan", ACCEPT), ("Task_tham_dinh", APPRAISE), ("Task_phe_duyet", APPROVE),
              ("Task_tra_ket_qua", RETURN)],
    LLTP: [("Task_tiep_nhan", ACCEPT), ("Task_y_kien_cong_an", POLICE), ("Task_tra_cuu", APPRAISE),
           ("Task_phe_duyet", APPROVE), ("Task_tra_ket_qua", RETURN)],
}
# Where open dossiers stand: steps done (or a decision at reception) and their share.
OPEN_STAGES = {
    BAN_SAO: [(0, 30), (1, 30), (2, 15), (3, 15), ("supplement", 10)],
    LLTP: [(0, 25), (1, 25), (2, 15), (3, 12), (4, 13), ("supplement", 10)],
}
APPLICATION = {
    BAN_SAO: ("ho_ten_nguoi_yeu_cau", {
        "so_cccd": "001090000001", "loai_trich_luc": "khai_sinh", "ho_ten_nguoi_duoc_cap": "Nguyễn Thị Bé",
        "ngay_dang_ky": "2020-05-04", "noi_dang_ky": "Ủy ban nhân dân phường An Bình", "so_ban": 1,
        "so_dien_thoai": "0912345678"}),
    LLTP: ("ho_ten", {
        "ngay_sinh": "1990-01-15", "gioi_tinh": "nam", "noi_sinh": "Bình An", "quoc_tich": "Việt Nam",
        "loai_giay_to": "cccd", "so_cccd": "001090000001", "noi_cu_tru": "12 Lê Lợi, phường An Bình", "loai_phieu": "1",
        "muc_dich": "Bổ sung hồ sơ xin việc", "so_ban": 2, "doi_tuong_nop_phi": "thong_thuong",
        "qua_trinh_cu_tru": [{"tu_nam": 1990, "den_nam": 2026, "noi_cu_tru": "phường An Bình"}]}),
}

FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô",
          "Dương", "Lý"]
MIDDLE = ["Văn", "Thị", "Hữu", "Minh", "Ngọc", "Thanh", "Đức", "Quốc", "Thu", "Hoài", "Gia", "Xuân"]
GIVEN = ["An", "Bình", "Cường", "Dung", "Giang", "Hà", "Hải", "Hạnh", "Hiếu", "Hoa", "Hùng", "Hương", "Khánh",
         "Lan", "Linh", "Long", "Mai", "Nam", "Nga", "Ngọc", "Phong", "Phúc", "Quân", "Quyên", "Sơn", "Tâm",
         "Thảo", "Thắng", "Trang", "Trung", "Tuấn", "Uyên", "Vân", "Việt", "Yến"]


def person(rng: random.Random) -> str:
    return f"{rng.choice(FAMILY)} {rng.choice(MIDDLE)} {rng.choice(GIVEN)}"


class Timeline:
    """The province's working time as a line of minutes, so a copied dossier keeps its
    template's gaps in working time (a step due 8 working hours after it opened stays so)."""

    def __init__(self, calendar, first: date, last: date):
        self.offsets, self.starts = [], []
        offset, day = 0, first
        while day <= last:
            for start, end in calendar.periods(day):
                self.offsets.append(offset)
                self.starts.append(start)
                offset += int((end - start).total_seconds() // 60)
            day += timedelta(days=1)

    def offset(self, instant: datetime) -> float:
        """Working minutes from the start to `instant` (outside working time: the last period's end)."""
        i = max(bisect_right(self.starts, instant) - 1, 0)
        length = (self.offsets[i + 1] - self.offsets[i]) if i + 1 < len(self.offsets) else DAY
        return self.offsets[i] + min((instant - self.starts[i]).total_seconds() / 60, length)

    def instant(self, offset: float) -> datetime:
        """The instant `offset` working minutes from the start; a period's end stays its end."""
        i = max(bisect_left(self.offsets, offset) - 1, 0)
        return self.starts[i] + timedelta(minutes=offset - self.offsets[i])


@dataclass
class Template:
    """A dossier that went through the real services, and its rows."""
    procedure_id: int
    agency_id: int
    diagram: str
    open: bool
    status: int
    dossier: dict
    tasks: list
    events: list
    files: list
    results: list
    actors: dict = field(default_factory=dict)  # template user id -> (role, agency id) or "owner"
    names: dict = field(default_factory=dict)  # template user id -> full name
    minutes: dict = field(default_factory=dict)  # instant -> its offset on the timeline
    dues: list = field(default_factory=list)  # the task due instants as the workflow state spells them
    last: float = 0.0  # the offset of its latest instant


# -- the province: officers, citizens, procedures ------------------------------------------------

def seed_people(rng: random.Random) -> tuple[dict, list]:
    """More officers for the demo agencies and citizens to own the dossiers; returns the officers'
    ids per (role, agency id) and the citizens' ids."""
    from app.agencies.models import Agency
    from app.db import db
    from app.demo import DEMO_PASSWORD
    from app.users.models import User
    from app.users.passwords import hash_password
    agencies = dict(db.session.execute(select(Agency.code, Agency.id)).all())
    existing = defaultdict(list)
    for user_id, role, agency_id in db.session.execute(select(User.id, User.role, User.agency_id)):
        existing[(role, agency_id)].append(user_id)
    hashed, taken, rows = hash_password(DEMO_PASSWORD), set(db.session.execute(select(User.full_name)).scalars()), []
    created = utc(AT - timedelta(days=400))
    common = {"password_hash": hashed, "agency_id": None, "id_number": None, "phone": None, "address": None,
              "email_verified_at": created, "active": True, "failed_logins": 0, "token_generation": 0,
              "created_at": created}

    def unique_name() -> str:
        while True:
            name = person(rng)
            if name not in taken:
                taken.add(name)
                return name
    for code, roles in STAFFING.items():
        for role, wanted in roles.items():
            for n in range(len(existing[(role, agencies[code])]), wanted):
                username = f"cb{code.replace('.', '')}{role[:3]}{n}"
                rows.append({**common, "username": username, "role": role, "agency_id": agencies[code],
                             "full_name": unique_name(), "email": f"{username}@binhan.example.vn"})
    for n in range(CITIZENS):
        rows.append({**common, "username": f"cd{n:05d}", "role": "citizen", "full_name": unique_name(),
                     "email": f"cd{n:05d}@example.vn", "id_number": f"0010{n:08d}", "phone": f"09{n:08d}",
                     "address": f"Số {n % 300 + 1} đường Lê Lợi, phường An Bình, tỉnh Bình An"})
    db.session.execute(insert(User.__table__), rows)
    db.session.commit()
    officers, citizens = defaultdict(list), []
    for user_id, role, agency_id in db.session.execute(select(User.id, User.role, User.agency_id).order_by(User.id)):
        (citizens.append(user_id) if role == "citizen" else officers[(role, agency_id)].append(user_id))
    return officers, citizens


def seed_procedures(app) -> list[tuple[int, str, int, str, int]]:
    """The generated catalogue entries, through the catalogue loader like the shipped ones;
    returns (id, code, agency id, diagram, weight) of every procedure dossiers are seeded for."""
    from app.catalogue.loader import read_entry, upsert
    from app.catalogue.models import Procedure
    from app.db import db
    shipped = {code: read_entry(Path(app.config["MOTCUA_CATALOGUE_DIR"]) / f"{code}.json") for code in SHIPPED}
    by_diagram = {entry["bpmn_process_id"]: entry for entry in shipped.values()}
    for i, (code, name, agency, diagram, _) in enumerate(GENERATED):
        upsert({**by_diagram[diagram], "code": code, "name": name, "agency_code": agency,
                "processing_time": {"amount": 2 + (i * 3) % 13, "unit": "working_days"}}, "bench")
    db.session.commit()
    weights = {**SHIPPED_WEIGHTS, **{code: weight for code, *_, weight in GENERATED}}
    diagrams = {**SHIPPED, **{code: diagram for code, _, _, diagram, _ in GENERATED}}
    rows = db.session.execute(select(Procedure.id, Procedure.code, Procedure.agency_id)
                              .where(Procedure.code.in_(list(weights))).order_by(Procedure.id)).all()
    return [(pid, code, agency_id, diagrams[code], weights[code]) for pid, code, agency_id in rows]


# -- real dossiers through the services ---------------------------------------------------------

def run_templates(app, procedures, officers, citizens, timeline, per_stage: int, rng) -> list[Template]:
    """Dossiers driven through the real services to every stage of every procedure."""
    from app.db import db
    from app.dossiers import work
    from app.dossiers.fees import PAYMENT
    from app.dossiers.models import Dossier, OpenTask
    from app.dossiers.submission import submit
    from app.payments import desk
    from app.files.storage import storage
    from app.users.models import User
    from tests.web.pages import pdf_bytes
    clock = app.extensions["motcua_clock"]
    scan = pdf_bytes("Can cuoc cong dan")
    key = storage().put(scan)
    upload = {"component_code": "GTTT", "file_name": "can-cuoc.pdf", "content_type": "application/pdf",
              "size": len(scan), "sha256": hashlib.sha256(scan).hexdigest(), "storage_key": key}
    now = timeline.offset(AT)
    made = []
    for procedure_id, code, agency_id, diagram, _ in procedures:
        steps = STEPS[diagram]
        stages = [(s, True) for s, _ in OPEN_STAGES[diagram]] + [(len(steps), False), ("refused", False)]
        for stage, is_open in stages * per_stage:
            done = steps[:stage] if isinstance(stage, int) else []
            decision = {"refused": REFUSE, "supplement": SUPPLEMENT}.get(stage)
            gaps = [rng.uniform(20, 900) for _ in range(len(done) + (decision is not None))]
            # Open ones end just before now; finished ones some weeks ago.
            start = now - sum(gaps) - rng.uniform(5, 60) if is_open else now - rng.uniform(30, 60) * DAY
            at = timeline.instant(start)
            clock.set(at)
            owner = db.session.get(User, rng.choice(citizens))
            name_field, form = APPLICATION[diagram]
            dossier, _ = submit(owner, code, {**form, name_field: person(rng)}, at, key=uuid.uuid4().hex,
                                files=[upload])
            dossier_id = dossier.id
            for (node, data), gap in zip(done + ([("Task_tiep_nhan", decision)] if decision else []), gaps):
                start += gap
                at = timeline.instant(start)
                clock.set(at)
                task = db.session.execute(select(OpenTask).where(
                    OpenTask.dossier_id == dossier_id, OpenTask.node_id == node,
                    OpenTask.closed_at.is_(None))).scalar_one()
                officer = db.session.get(User, officers[(task.role, task.agency_id)][0])
                work.complete(officer, task.id, data, at)
                if PAYMENT in (db.session.get(Dossier, dossier_id).waiting_messages or []):  # the fee, at the desk
                    desk.collect(db.session.get(User, officers[("one_stop", agency_id)][0]), dossier_id, "counter", at)
            made.append(read_template(dossier_id, procedure_id, agency_id, diagram, is_open, timeline))
            db.session.remove()
    clock.set(AT)
    return made


def read_template(dossier_id, procedure_id, agency_id, diagram, is_open, timeline) -> Template:
    from app.db import db
    from app.dossiers.models import Dossier, DossierEvent, DossierFile, DossierResult, OpenTask
    from app.users.models import User

    def rows(table, *where, order=None):
        statement = select(table.__table__).where(*where)
        statement = statement.order_by(order) if order is not None else statement
        return [dict(r._mapping) for r in db.session.execute(statement)]
    dossier = rows(Dossier, Dossier.id == dossier_id)[0]
    t = Template(procedure_id, agency_id, diagram, is_open, dossier["status"], dossier,
                 rows(OpenTask, OpenTask.dossier_id == dossier_id, order=OpenTask.opened_at),
                 rows(DossierEvent, DossierEvent.dossier_id == dossier_id, order=DossierEvent.id),
                 rows(DossierFile, DossierFile.dossier_id == dossier_id, order=DossierFile.id),
                 rows(DossierResult, DossierResult.dossier_id == dossier_id, order=DossierResult.id))
    people = {r["actor_id"] for r in t.events} | {r["closed_by_id"] for r in t.tasks} | \
        {r["uploaded_by_id"] for r in t.files} | {r["signed_by_id"] for r in t.results}
    for user_id, role, agency, name in db.session.execute(select(User.id, User.role, User.agency_id, User.full_name)
                                                          .where(User.id.in_(people - {None}))):
        t.actors[user_id] = "owner" if user_id == dossier["owner_id"] else (role, agency)
        t.names[user_id] = name
    instants = [v for r in [dossier, *t.tasks, *t.events, *t.files, *t.results] for v in r.values()
                if isinstance(v, datetime)]
    t.minutes = {i: timeline.offset(i) for i in instants}
    t.last = max(t.minutes[i] for i in instants if i <= AT)
    t.dues = re.findall(r'"motcua_due":"([^"]+)"', dossier["workflow_state"])
    return t


# -- the copies ---------------------------------------------------------------------------------

class Copier:
    """Turns templates into new dossiers' rows."""

    def __init__(self, templates, procedures, officers, citizens, timeline, rng, first_ids: dict, counters: dict):
        from app.agencies.models import Agency
        from app.db import db
        from app.users.models import User
        self.rng, self.timeline, self.officers, self.citizens = rng, timeline, officers, citizens
        self.by_stage = defaultdict(list)  # (procedure id, open?, status) -> templates
        for t in templates:
            self.by_stage[(t.procedure_id, t.open, t.status if not t.open else 0)].append(t)
        self.procedures = procedures
        self.weights = [w for *_, w in procedures]
        self.ids = dict(first_ids)
        self.counters = counters  # (agency id, local day) -> last number
        self.agency_codes = dict(db.session.execute(select(Agency.id, Agency.code)).all())
        self.user_names = dict(db.session.execute(select(User.id, User.full_name)).all())
        self.now = timeline.offset(AT)

    def choose(self) -> tuple[Template, float]:
        """A template and how far to move it (working minutes) for one new dossier."""
        rng = self.rng
        procedure_id, *_ = rng.choices(self.procedures, self.weights)[0]
        if rng.random() < OPEN_SHARE:
            t = rng.choice(self.by_stage[(procedure_id, True, 0)])
            # How long ago it reached its step: most an hour or a day ago, a few long overdue.
            shift = -min(rng.expovariate(1 / 360), 15 * DAY)
        else:
            status = 3 if rng.random() < REFUSED_SHARE else 10
            t = rng.choice(self.by_stage[(procedure_id, False, status)])
            shift = (self.now - rng.uniform(0.2, 240) * DAY) - t.last  # finished within the last year
        return t, shift

    def copy(self, t: Template, shift: float) -> dict[str, list]:
        from app.dossiers.models import search_text
        rng, when = self.rng, (lambda value: self.timeline.instant(t.minutes[value] + shift) if value else value)
        dossier_id = self._next("dossiers")
        owner = rng.choice(self.citizens)
        people = {uid: (owner if who == "owner" else rng.choice(self.officers[who])) for uid, who in t.actors.items()}
        name = person(rng)
        d = t.dossier
        code = self._code(d["agency_id"], when(d["received_at"])) if d["code"] else None
        swaps = [(d["applicant_name"], name)] + [(t.names[uid], self.user_names[new]) for uid, new in people.items()]
        if code:
            old_day, old_number = d["code"].rsplit("-", 2)[1:]
            new_day, new_number = code.rsplit("-", 2)[1:]
            swaps += [(d["code"], code), (f"{old_number}/{old_day}/", f"{new_number}/{new_day}/")]

        def recode(value: str) -> str:
            for old, new in swaps:
                value = value.replace(old, new)
            return value
        task_ids = {r["id"]: self._uuid() for r in t.tasks}
        state = d["workflow_state"]
        for old, new in task_ids.items():
            state = state.replace(old, new)
        for due in t.dues:  # the task's own record of its due instant, as the engine wrote it
            spelt = datetime.fromisoformat(due)
            moved = self.timeline.instant(self.timeline.offset(spelt) + shift).astimezone(spelt.tzinfo)
            state = state.replace(f'"motcua_due":"{due}"', f'"motcua_due":"{moved.isoformat()}"')
        name_field = APPLICATION[t.diagram][0]
        dossier = {**d, "id": dossier_id, "code": code, "owner_id": owner, "applicant_name": name,
                   "search_text": search_text(name, d["organisation_name"]),
                   "form_data": {**d["form_data"], name_field: name}, "submission_key": self._uuid().replace("-", ""),
                   "workflow_state": state.replace(d["applicant_name"], name),
                   **{k: when(v) for k, v in d.items() if isinstance(v, datetime)}}
        tasks, events = [], []
        for r in t.tasks:
            row = {**r, "id": task_ids[r["id"]], "dossier_id": dossier_id,
                   "closed_by_id": people.get(r["closed_by_id"]),
                   **{k: when(v) for k, v in r.items() if isinstance(v, datetime)}}
            if row["closed_at"] is None and rng.random() < CLAIMED_SHARE:
                officer = rng.choice(self.officers[(r["role"], r["agency_id"])])
                claimed = min(self.timeline.instant(t.minutes[r["opened_at"]] + shift + rng.uniform(2, 90)), AT)
                row.update(claimed_by_id=officer, claimed_at=claimed)
                events.append((claimed, self._claimed(dossier_id, officer, r, claimed)))
            tasks.append(row)
        for r in t.events:
            row = {k: v for k, v in r.items() if k != "id"}
            row.update(dossier_id=dossier_id, actor_id=people.get(r["actor_id"]), summary=recode(r["summary"]),
                       **{k: when(v) for k, v in r.items() if isinstance(v, datetime)})
            events.append((row["at"], row))
        events.sort(key=lambda pair: pair[0])  # ids in the order things happened, as in real life
        files, file_ids = [], {}
        for r in t.files:
            file_ids[r["id"]] = self._next("dossier_files")
            files.append({**r, "id": file_ids[r["id"]], "dossier_id": dossier_id, "file_name": recode(r["file_name"]),
                          "uploaded_by_id": people.get(r["uploaded_by_id"]), "uploaded_at": when(r["uploaded_at"]),
                          "signature": json.loads(recode(json.dumps(r["signature"], ensure_ascii=False)))
                          if r["signature"] else None})
        results = []
        for r in t.results:
            signed = when(r["signed_at"])
            details = json.loads(recode(json.dumps(r["details"], ensure_ascii=False)))
            details["issued_on"] = signed.astimezone(VN).date().isoformat()
            results.append({**r, "id": self._next("dossier_results"), "dossier_id": dossier_id,
                            "code": recode(r["code"]),
                            "document_number": recode(r["document_number"] or "") or None,
                            "file_id": file_ids[r["file_id"]], "signed_by_id": people[r["signed_by_id"]],
                            "signed_at": signed, "details": details})
        return {"dossiers": [dossier], "dossier_files": files, "dossier_results": results, "open_tasks": tasks,
                "dossier_events": [row for _, row in events]}

    def _claimed(self, dossier_id, officer, task, at) -> dict:
        from app.dossiers.events import add_event
        agency = task["agency_id"]
        return add_event(SimpleNamespace(id=dossier_id), at, "claimed",
                         actor=SimpleNamespace(id=officer, agency_id=agency),
                         node=(task["node_id"], task["name"]), name=task["name"])

    def _uuid(self) -> str:
        """A fresh engine-style task id, the same on every run."""
        return str(uuid.UUID(int=self.rng.getrandbits(128), version=4))

    def _next(self, table: str) -> int:
        self.ids[table] += 1
        return self.ids[table]

    def _code(self, agency_id: int, received: datetime) -> str:
        """The next number of the agency's day, in the format codes.issue_code writes."""
        day = received.astimezone(VN).date()
        self.counters[(agency_id, day)] = number = self.counters.get((agency_id, day), 0) + 1
        return f"{self.agency_codes[agency_id]}-{day:%y%m%d}-{number:04d}"


def utc(instant: datetime) -> datetime:
    return instant.astimezone(timezone.utc)


def seed(app, n: int, per_stage: int, analyze: bool) -> dict:
    """The whole province; returns what the cases need (ids of seeded tasks and dossiers, searches)."""
    from app.db import db
    from app.dossiers.models import Dossier, DossierCounter, DossierEvent, DossierFile, DossierResult, OpenTask
    from app.workflow.service import workflow
    rng = random.Random(2026)
    started = time.perf_counter()
    timeline = Timeline(workflow().calendar, AT.date() - timedelta(days=500), AT.date() + timedelta(days=120))
    officers, citizens = seed_people(rng)
    procedures = seed_procedures(app)
    templates = run_templates(app, procedures, officers, citizens, timeline, per_stage, rng)
    print(f"  {len(templates)} real dossiers through the services: {time.perf_counter() - started:.0f} s", flush=True)
    tables = {"dossiers": Dossier, "dossier_files": DossierFile, "dossier_results": DossierResult,
              "open_tasks": OpenTask, "dossier_events": DossierEvent}
    first_ids = {name: db.session.execute(select(func.coalesce(func.max(model.id), 0))).scalar()
                 for name, model in tables.items() if name != "open_tasks"}
    counters = {(a, d): last for a, d, last in db.session.execute(
        select(DossierCounter.agency_id, DossierCounter.day, DossierCounter.last_number))}
    known = dict(counters)
    copier = Copier(templates, procedures, officers, citizens, timeline, rng, first_ids, counters)
    db.session.remove()
    # In the order they were submitted, as a year of real use writes them: the open tasks, all
    # recent, end up together at the end of the tables rather than spread over every page.
    plan = sorted((copier.choose() for _ in range(n)), key=lambda p: p[0].minutes[p[0].dossier["submitted_at"]] + p[1])
    made = 0
    while made < n:
        batch = defaultdict(list)
        for t, shift in plan[made:made + BATCH]:
            for name, rows in copier.copy(t, shift).items():
                batch[name].extend(rows)
        with db.engine.begin() as conn:
            for name in tables:  # parents first
                if batch[name]:
                    conn.execute(insert(tables[name].__table__), batch[name])
        made += BATCH
        if made % 20000 == 0:
            print(f"  {made} dossiers: {time.perf_counter() - started:.0f} s", flush=True)
    with db.engine.begin() as conn:
        counter_table = DossierCounter.__table__
        for (agency_id, day), last in counters.items():
            if (agency_id, day) in known:
                conn.execute(update(counter_table).where(counter_table.c.agency_id == agency_id,
                                                         counter_table.c.day == day).values(last_number=last))
            else:
                conn.execute(insert(counter_table).values(agency_id=agency_id, day=day, last_number=last))
        if conn.dialect.name == "postgresql":
            for name in ("dossiers", "dossier_files", "dossier_results"):
                conn.execute(text(f"SELECT setval(pg_get_serial_sequence('{name}', 'id'), "
                                  f"(SELECT max(id) FROM {name}))"))
    if analyze or db.engine.dialect.name == "postgresql":
        # What autovacuum does after a bulk load on PostgreSQL; the embedded SQLite has no
        # statistics unless asked (--analyze).
        with db.engine.begin() as conn:
            conn.execute(text("ANALYZE"))
    print(f"  seeded in {time.perf_counter() - started:.0f} s", flush=True)
    return cases_data(templates)


# -- measuring ----------------------------------------------------------------------------------

def cases_data(templates) -> dict:
    """Ids the cases open: seeded (copied) dossiers and tasks, never the templates."""
    from app.agencies.models import Agency
    from app.catalogue.models import Procedure
    from app.db import db
    from app.dossiers.models import Dossier, OpenTask
    from app.users.models import User
    template_ids = [t.dossier["id"] for t in templates]
    justice = db.session.execute(select(Agency.id).where(Agency.code == "000.00.12.H99")).scalar()
    open_tasks = db.session.execute(select(OpenTask.id, OpenTask.dossier_id).where(
        OpenTask.role == "specialist", OpenTask.agency_id == justice, OpenTask.closed_at.is_(None),
        OpenTask.dossier_id.not_in(template_ids)).order_by(OpenTask.opened_at, OpenTask.id).limit(60)).all()
    finished = db.session.execute(select(Dossier.id).where(
        Dossier.agency_id == justice, Dossier.status == 10, Dossier.id.not_in(template_ids))
        .order_by(Dossier.id.desc()).limit(30)).scalars().all()
    name, code = db.session.execute(select(Dossier.applicant_name, Dossier.code).join(
        OpenTask, OpenTask.dossier_id == Dossier.id).where(OpenTask.role == "specialist", OpenTask.agency_id == justice,
                                                           OpenTask.closed_at.is_(None))
        .order_by(OpenTask.opened_at, OpenTask.id).limit(1)).one()
    found = {
        "procedure": db.session.execute(select(Procedure.id).where(Procedure.code == "2.000635")).scalar(),
        "tasks": [r.id for r in open_tasks[::2]], "open_dossiers": [r.dossier_id for r in open_tasks[1::2]],
        "finished_dossiers": finished, "given_name": name.split()[-1],
        "code_prefix": code[:-2],  # a code being typed: its day and the first digits of its number
        "justice": justice,
        "specialist": db.session.execute(select(User.id).where(User.username == "chuyenvien")).scalar(),
    }
    db.session.remove()
    return found


def cases(found: dict) -> list[tuple[str, str, str | list[str]]]:
    """(label, user, path or paths to cycle through)."""
    p = found["procedure"]
    return [
        ("inbox, default tab (one-stop desk)", "motcua", "/mot-cua"),
        ("inbox, default tab (specialist)", "chuyenvien", "/mot-cua"),
        ("inbox, default tab (police specialist)", "congan", "/mot-cua"),
        ("tab mine", "chuyenvien", "/mot-cua?tab=cua-toi"),
        ("tab to claim", "chuyenvien", "/mot-cua?tab=cho-nhan"),
        ("tab group", "chuyenvien", "/mot-cua?tab=nhom"),
        ("filter procedure", "motcua", f"/mot-cua?tab=nhom&thu_tuc={p}"),
        ("filter status (1)", "motcua", "/mot-cua?tab=nhom&trang_thai=1"),
        ("filter overdue", "motcua", "/mot-cua?tab=nhom&han=qua-han"),
        ("filter due today", "motcua", "/mot-cua?tab=nhom&han=hom-nay"),
        ("search code prefix", "chuyenvien", f"/mot-cua?tab=nhom&q={found['code_prefix']}"),
        ("search name", "chuyenvien", f"/mot-cua?tab=nhom&q={found['given_name']}"),
        ("deep page (20)", "motcua", "/mot-cua?tab=nhom&trang=20"),
        ("admin inbox", "admin", "/mot-cua"),
        ("admin inbox, deep page (20)", "admin", "/mot-cua?trang=20"),
        ("admin inbox, overdue", "admin", "/mot-cua?han=qua-han"),
        ("dossier search, code prefix", "lanhdao", f"/mot-cua/ho-so?q={found['code_prefix']}"),
        ("dossier search, name", "lanhdao", f"/mot-cua/ho-so?q={found['given_name']}"),
        ("dossier search, latest", "lanhdao", "/mot-cua/ho-so"),
        ("dossier search, consulted agency (police), code prefix", "congan", f"/mot-cua/ho-so?q={found['code_prefix']}"),
        ("dossier search, consulted agency (police), name", "congan", f"/mot-cua/ho-so?q={found['given_name']}"),
        ("dossier search, consulted agency (police), latest", "congan", "/mot-cua/ho-so"),
        ("supervision (leader)", "lanhdao", "/mot-cua/theo-doi"),
        ("supervision, an agency (admin)", "admin", f"/mot-cua/theo-doi?co_quan={found['justice']}"),
        ("supervision's link: an officer's overdue", "lanhdao",
         f"/mot-cua?tab=nhom&nguoi_xu_ly={found['specialist']}&han=qua-han"),
        ("supervision's link: nobody's specialist tasks", "lanhdao", "/mot-cua?tab=cho-nhan&vai_tro=specialist"),
        ("task page", "chuyenvien", [f"/mot-cua/viec/{i}" for i in found["tasks"]]),
        ("dossier page, open", "chuyenvien", [f"/mot-cua/ho-so/{i}" for i in found["open_dossiers"]]),
        ("dossier page, finished", "chuyenvien", [f"/mot-cua/ho-so/{i}" for i in found["finished_dossiers"]]),
        ("procedures in use (admin)", "admin", "/mot-cua/quy-trinh"),
        ("a procedure's diagram (admin)", "admin", "/mot-cua/quy-trinh/cap_phieu_ly_lich_tu_phap"),
        ("register, this month so far", "motcua", "/mot-cua/so-theo-doi"),
        ("register, a month's last page", "motcua", "/mot-cua/so-theo-doi?tu=2026-10-01&den=2026-10-31&trang=999"),
        ("register PDF, one day", "motcua", "/mot-cua/so-theo-doi?tu=2026-10-01&den=2026-10-01&pdf=1"),
    ]


def login(app, username: str):
    from app.demo import DEMO_PASSWORD
    client = app.test_client()
    page = client.get("/dang-nhap").get_data(as_text=True)
    token = re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)
    response = client.post("/dang-nhap", data={"ten_dang_nhap": username, "mat_khau": DEMO_PASSWORD,
                                               "csrf_token": token})
    assert response.status_code == 303, (username, response.status_code)
    return client


def measure(app, found: dict, repeat: int, only: str = "", warmup: int = 3) -> list[tuple]:
    from app.db import db
    counted = []
    with app.app_context():
        engine = db.engine
    event.listen(engine, "before_cursor_execute", lambda *a: counted.append(1))
    clients, results = {}, []
    for label, user, paths in (c for c in cases(found) if re.search(only, c[0])):
        client = clients.get(user) or clients.setdefault(user, login(app, user))
        paths = [paths] if isinstance(paths, str) else paths
        times, statements = [], []
        for i in range(warmup + repeat):
            path = paths[i % len(paths)]
            counted.clear()
            started = time.perf_counter()
            response = client.get(path)
            elapsed = (time.perf_counter() - started) * 1000
            assert response.status_code == 200, (path, response.status_code)
            if "/ho-so/" in path:
                assert "<svg" in response.get_data(as_text=True), f"{path}: no diagram"
            if i >= warmup:
                times.append(elapsed)
                statements.append(len(counted))
        times.sort()
        shown = re.search(r'<p role="status" class="muted">(\d+) (?:công việc|hồ sơ)',
                          response.get_data().decode("utf-8", "replace"))
        results.append((label, statistics.median(times), times[int(len(times) * 0.95) - 1],
                        min(statements), max(statements), shown.group(1) if shown else ""))
        print(f"  {label:<40} median {results[-1][1]:7.1f} ms  p95 {results[-1][2]:7.1f} ms  "
              f"statements {results[-1][3]}{'-' + str(results[-1][4]) if results[-1][4] != results[-1][3] else ''}"
              f"{'  rows ' + results[-1][5] if results[-1][5] else ''}", flush=True)
    return results


def run(url: str, n: int, repeat: int, per_stage: int, analyze: bool, scratch: Path, only: str = "") -> None:
    from app import create_app
    from app.cli import prepare_database
    from app.db import db
    app = create_app(db=url, SECRET_KEY="bench", MOTCUA_UPLOAD_DIR=scratch / "uploads",
                     MOTCUA_KEYS_DIR=scratch / "keys")
    prepare_database(app)
    app.extensions["motcua_clock"].set(AT)
    with app.app_context():
        dialect = db.engine.dialect.name
        print(f"database: {dialect}, dossiers: {n}, now: {AT.isoformat()}", flush=True)
        found = seed(app, n, per_stage, analyze)
        counts = {name: db.session.execute(text(f"SELECT count(*) FROM {name}")).scalar()
                  for name in ("dossiers", "open_tasks", "dossier_events", "users")}
        open_rows = db.session.execute(text("SELECT count(*) FROM open_tasks WHERE closed_at IS NULL")).scalar()
        db.session.remove()
    print(f"  rows: {counts}, open task rows: {open_rows}")
    print(f"requests per case: {repeat} (after 3 to warm up)")
    measure(app, found, repeat, only)
    with app.app_context():
        db.engine.dispose()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", default=None)
    parser.add_argument("-n", type=int, default=100000)
    parser.add_argument("--repeat", type=int, default=30)
    parser.add_argument("--templates", type=int, default=2, help="real dossiers per procedure and stage")
    parser.add_argument("--analyze", action="store_true", help="also give SQLite planner statistics")
    parser.add_argument("--cases", default="", help="only the cases whose label matches this regular expression")
    args = parser.parse_args()
    with temporary_database(args.db) as url, tempfile.TemporaryDirectory(prefix="motcua-bench-files-") as files:
        run(url, args.n, args.repeat, args.templates, args.analyze, Path(files), args.cases)


if __name__ == "__main__":
    main()
