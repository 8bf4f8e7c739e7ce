"""Sample dossiers for the demo (`motcua up`, first start), so that every inbox, highlight and
document can be seen at once: each one is walked through the real services (submission, claim,
task completion, the citizen's supplement, due timers) at instants of the past working days,
with the app's clock set to each instant, so its events, deadlines, control slip and signed
result are what the system would have recorded."""
from __future__ import annotations

import hashlib
import io
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas
from sqlalchemy import select

from .db import db
from .documents.typography import REGULAR, register_fonts
from .dossiers import citizen, work
from .dossiers.models import Dossier, OpenTask
from .dossiers.completeness import missing_components
from .dossiers.submission import find_procedure, submit
from .dossiers.timers import fire_due_timers
from .files.storage import storage
from .payments import desk
from .catalogue.models import Procedure
from .users.models import User
from .workflow.service import workflow

LLTP, BAN_SAO = "2.000488", "2.000635"

# Two more applicants besides the demo citizen, so the inbox shows different names.
CITIZENS = [("tranthihoa", "Trần Thị Hoa", "001192000123", date(1992, 3, 8), "0987654321",
             "Số 5 đường Trần Phú, phường An Bình, tỉnh Bình An"),
            ("leminhkhang", "Lê Minh Khang", "001085000456", date(1985, 9, 20), "0903111222",
             "Số 18 đường Nguyễn Huệ, phường An Bình, tỉnh Bình An")]


def _lltp(name: str, id_number: str, born: str, purpose: str, fee: str = "thong_thuong") -> dict:
    return {"ho_ten": name, "ngay_sinh": born, "gioi_tinh": "nu" if "Thị" in name else "nam",
            "noi_sinh": "Bình An", "quoc_tich": "Việt Nam", "loai_giay_to": "cccd", "so_cccd": id_number,
            "noi_cu_tru": "phường An Bình, tỉnh Bình An", "loai_phieu": "1", "muc_dich": purpose, "so_ban": 1,
            "doi_tuong_nop_phi": fee,
            "qua_trinh_cu_tru": [{"tu_nam": int(born[:4]), "den_nam": 2026, "noi_cu_tru": "phường An Bình"}]}


def _ban_sao(name: str, id_number: str, phone: str, of: str) -> dict:
    return {"ho_ten_nguoi_yeu_cau": name, "so_cccd": id_number, "loai_trich_luc": "khai_sinh",
            "ho_ten_nguoi_duoc_cap": of, "ngay_dang_ky": "2015-06-12",
            "noi_dang_ky": "Ủy ban nhân dân phường An Bình", "so_ban": 2, "so_dien_thoai": phone}


ACCEPT = {"quyet_dinh": "tiep_nhan"}
CHECKED = {"ket_qua_tham_dinh": "dat", "y_kien": "Không có thông tin án tích trong cơ sở dữ liệu."}
APPRAISED = {"ket_qua_tham_dinh": "dat", "y_kien": "Sự kiện hộ tịch có trong Sổ đăng ký khai sinh."}
POLICE = {"tinh_trang_an_tich": "khong_co_an_tich", "y_kien_phoi_hop": "Không có án tích.", "dong_y": True}
APPROVE = {"quyet_dinh": "phe_duyet", "y_kien": "Đồng ý."}
RETURN = {"hinh_thuc_tra": "truc_tuyen"}
SUPPLEMENT = {"quyet_dinh": "yeu_cau_bo_sung", "ly_do": "Hồ sơ chưa đầy đủ theo quy định.",
              "thanh_phan_can_bo_sung": [{"thanh_phan": "Giấy tờ tùy thân",
                                          "yeu_cau": "Bản chụp Căn cước công dân bị mờ; nộp lại bản chụp rõ hai mặt."}]}
SEARCH, CONSULT = "Tra cứu, xác minh thông tin lý lịch tư pháp", "Lấy ý kiến Công an tỉnh"


@dataclass(frozen=True)
class Step:
    """`day`: working days before today (0: an hour before now); `actor`: who acts; `task`: the
    open task completed with `data`; `message`: what the citizen sends (the supplement); `paid`:
    the desk takes the fee in cash ("counter"); none of them: the citizen's submission."""
    day: int
    at: time
    actor: str
    task: str | None = None
    data: dict = field(default_factory=dict)
    message: str | None = None
    paid: str | None = None


@dataclass(frozen=True)
class Sample:
    procedure: str
    form: dict
    steps: tuple[Step, ...]


def samples() -> list[Sample]:
    an = ("congdan", "Nguyễn Văn An", "001090000001", "0912345678")
    hoa, khang = CITIZENS[0], CITIZENS[1]
    return [
        # Just submitted online: waiting in the one-stop desk's "to claim" tab.
        Sample(LLTP, _lltp(an[1], an[2], "1990-05-12", "Bổ sung hồ sơ xin việc"),
               (Step(0, time(0), an[0]),)),
        # Submitted yesterday afternoon: the 8 working hours of reception end today.
        Sample(BAN_SAO, _ban_sao(hoa[1], hoa[2], hoa[4], "Trần Minh Châu"), (Step(1, time(14, 10), hoa[0]),)),
        # Accepted three days ago: the specialist checks the record while the police are consulted.
        Sample(LLTP, _lltp(khang[1], khang[2], "1985-09-20", "Xuất khẩu lao động"),
               (Step(3, time(8, 20), khang[0]), Step(3, time(9, 0), "motcua", "Tiếp nhận hồ sơ", ACCEPT),
                Step(3, time(9, 5), "motcua", paid="counter"))),
        # Checked and consulted: waiting for the leader to approve and sign (a student: half the fee).
        Sample(LLTP, _lltp(hoa[1], hoa[2], "1992-03-08", "Du học", fee="giam"),
               (Step(8, time(9, 15), hoa[0]), Step(8, time(10, 0), "motcua", "Tiếp nhận hồ sơ", ACCEPT),
                Step(8, time(10, 5), "motcua", paid="counter"),
                Step(6, time(10, 0), "chuyenvien", SEARCH, CHECKED),
                Step(5, time(15, 0), "congan", CONSULT, POLICE))),
        # Accepted six days ago and still not appraised: overdue.
        Sample(BAN_SAO, _ban_sao(khang[1], khang[2], khang[4], "Lê Minh Quân"),
               (Step(6, time(8, 5), khang[0]), Step(6, time(8, 40), "motcua", "Tiếp nhận hồ sơ", ACCEPT),
                Step(6, time(8, 45), "motcua", paid="counter"))),
        # Accepted yesterday: the citizen has the fee to pay (online, or at the desk).
        Sample(BAN_SAO, _ban_sao(an[1], an[2], an[3], "Nguyễn Văn Bình"),
               (Step(1, time(9, 30), an[0]), Step(1, time(10, 15), "motcua", "Tiếp nhận hồ sơ", ACCEPT))),
        # The desk asked for a supplement: the citizen has it to answer.
        Sample(BAN_SAO, _ban_sao(an[1], an[2], an[3], "Nguyễn Thị Bé"),
               (Step(2, time(10, 0), an[0]), Step(2, time(11, 0), "motcua", "Tiếp nhận hồ sơ", SUPPLEMENT))),
        # The whole way: a signed result, returned online, in the citizen's data store.
        Sample(LLTP, _lltp(an[1], an[2], "1990-05-12", "Bổ sung hồ sơ đăng ký kinh doanh"),
               (Step(12, time(8, 30), an[0]), Step(12, time(9, 0), "motcua", "Tiếp nhận hồ sơ", ACCEPT),
                Step(12, time(9, 10), "motcua", paid="counter"),
                Step(10, time(14, 0), "chuyenvien", SEARCH, CHECKED),
                Step(9, time(9, 30), "congan", CONSULT, POLICE),
                Step(7, time(10, 0), "lanhdao", "Phê duyệt, ký Phiếu", APPROVE),
                Step(6, time(15, 0), "motcua", "Trả kết quả", RETURN))),
        # Supplemented once, then appraised and approved: the signed result waits to be returned.
        Sample(BAN_SAO, _ban_sao(hoa[1], hoa[2], hoa[4], "Trần Thị Hoa"),
               (Step(5, time(8, 0), hoa[0]), Step(5, time(9, 0), "motcua", "Tiếp nhận hồ sơ", SUPPLEMENT),
                Step(5, time(14, 0), hoa[0], message=citizen.SUPPLEMENT, data={"so_ban": 1}),
                Step(4, time(8, 30), "motcua", "Tiếp nhận hồ sơ", ACCEPT),
                Step(4, time(8, 35), "motcua", paid="counter"),
                Step(4, time(10, 0), "chuyenvien", "Thẩm định hồ sơ", APPRAISED),
                Step(3, time(14, 0), "lanhdao", "Phê duyệt kết quả", APPROVE))),
    ]


def load_demo_dossiers(app) -> int:
    """Create the sample dossiers; returns how many. Call once, on the demo's first start, after
    the catalogue and the signing keys exist. The app's clock is as it was afterwards."""
    clock = app.extensions["motcua_clock"]
    kept = clock.fixed
    with app.app_context():
        now = clock.now()
        calendar = workflow().calendar
        users = _users()
        scan = _scan_component()
        # A province's own catalogue may lack the shipped procedures: their samples are left out.
        offered = set(db.session.execute(select(Procedure.code).where(Procedure.published.is_(True))).scalars())
        every = [sample for sample in samples() if sample.procedure in offered]
        steps = sorted(((_instant(calendar, now, step), index, step) for index, sample in enumerate(every)
                        for step in sample.steps), key=lambda item: (item[0], item[1]))
        dossiers: dict[int, int] = {}
        try:
            for at, index, step in steps:
                clock.set(at)
                fire_due_timers(at)
                sample = every[index]
                if step.task:
                    _complete(users[step.actor], dossiers[index], step, at)
                elif step.paid:
                    desk.collect(users[step.actor], dossiers[index], step.paid, at)
                elif step.message:
                    citizen.deliver(users[step.actor], db.session.get(Dossier, dossiers[index]), step.message,
                                    step.data, at)
                else:  # a scan for every component its application requires (the proof of a reduced fee too)
                    files = [{**scan, "component_code": c["code"]}
                             for c in missing_components(find_procedure(sample.procedure), [], False, sample.form)]
                    dossier, _ = submit(users[step.actor], sample.procedure, sample.form, at, files=files)
                    dossiers[index] = dossier.id
            fire_due_timers(now)
        finally:
            clock.set(kept)
        db.session.remove()
    return len(dossiers)


def _instant(calendar, now: datetime, step: Step) -> datetime:
    """`step.day` working days before today's date, at `step.at` local time; day 0 is an hour
    before now (whatever the hour: an online dossier may come in at night)."""
    if step.day == 0:
        return now - timedelta(hours=1)
    day = now.astimezone(calendar.tz).date()
    remaining = step.day
    while remaining:
        day -= timedelta(days=1)
        remaining -= calendar.is_working_day(day)
    return datetime.combine(day, step.at, tzinfo=calendar.tz)


def _users() -> dict[str, User]:
    users = {u.username: u for u in db.session.execute(select(User)).scalars()}
    hashed = users["congdan"].password_hash  # the demo password
    for username, name, id_number, born, phone, address in CITIZENS:
        if username not in users:
            users[username] = User(username=username, password_hash=hashed, role="citizen", full_name=name,
                                   id_number=id_number, date_of_birth=born, phone=phone, address=address,
                                   email=f"{username}@binhan.example.vn",
                                   email_verified_at=users["congdan"].email_verified_at)
            db.session.add(users[username])
    db.session.commit()
    return users


def _complete(user: User, dossier_id: int, step: Step, at: datetime) -> None:
    task = db.session.execute(select(OpenTask).where(
        OpenTask.dossier_id == dossier_id, OpenTask.name == step.task, OpenTask.closed_at.is_(None))).scalar_one()
    work.claim(user, task.id, at)
    work.complete(user, task.id, step.data, at)


def _scan_component() -> dict:
    """A one-page PDF standing in for a scanned paper (an identity card...), stored like an upload."""
    register_fonts()
    buffer = io.BytesIO()
    page = canvas.Canvas(buffer, pagesize=A4, invariant=1)
    page.setFont(REGULAR, 14)
    page.drawString(72, 760, "Bản chụp giấy tờ (dữ liệu mẫu)")
    page.save()
    data = buffer.getvalue()
    return {"file_name": "ban-chup-giay-to.pdf", "content_type": "application/pdf", "size": len(data),
            "sha256": hashlib.sha256(data).hexdigest(), "storage_key": storage().put(data)}

