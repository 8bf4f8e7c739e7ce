"""Demo data for the embedded default: a small province, its agencies and one account per role.
Loaded on first start only (when there is no agency yet)."""
from __future__ import annotations

from datetime import date

from sqlalchemy import func, select

from .agencies.models import Agency
from .db import db, utcnow
from .users.models import User
from .users.passwords import hash_password

DEMO_PASSWORD = "MotCua@2026"

AGENCIES = [
    # code, name, level, parent code
    ("000.00.00.H99", "Ủy ban nhân dân tỉnh Bình An", "tinh", None),
    ("000.00.12.H99", "Sở Tư pháp tỉnh Bình An", "tinh", "000.00.00.H99"),
    ("000.00.30.H99", "Công an tỉnh Bình An", "tinh", "000.00.00.H99"),
    ("000.00.15.H99", "Sở Xây dựng tỉnh Bình An", "tinh", "000.00.00.H99"),
    ("000.20.01.H99", "Ủy ban nhân dân phường An Bình", "xa", "000.00.00.H99"),
]

USERS = [
    # username, role, agency code, full name
    ("congdan", "citizen", None, "Nguyễn Văn An"),
    ("motcua", "one_stop", "000.00.12.H99", "Trần Thị Bình"),
    ("chuyenvien", "specialist", "000.00.12.H99", "Lê Văn Cường"),
    ("lanhdao", "leader", "000.00.12.H99", "Phạm Thị Dung"),
    ("congan", "specialist", "000.00.30.H99", "Hoàng Văn Em"),
    ("dieuphoi", "coordinator", "000.00.00.H99", "Võ Thị Giang"),
    ("admin", "admin", "000.00.00.H99", "Quản trị hệ thống"),
]
POSITIONS = {"lanhdao": "Phó Giám đốc Sở Tư pháp", "chuyenvien": "Chuyên viên Phòng Hành chính tư pháp",
             "motcua": "Công chức Bộ phận Một cửa", "congan": "Cán bộ Phòng Hồ sơ Công an tỉnh"}
ADDRESSES = {"000.00.12.H99": ("Số 5 đường Trần Phú, phường An Bình, tỉnh Bình An", "0256 3822 001"),
             "000.00.30.H99": ("Số 1 đường Lê Lợi, phường An Bình, tỉnh Bình An", "0256 3822 113"),
             "000.00.00.H99": ("Số 2 đường Hai Bà Trưng, phường An Bình, tỉnh Bình An", "0256 3822 000")}

CITIZEN_PROFILE = {"date_of_birth": date(1990, 5, 12), "phone": "0912345678",
                   "address": "Số 12 đường Lê Lợi, phường An Bình, tỉnh Bình An"}


def load_demo(password: str = DEMO_PASSWORD) -> bool:
    """Create the demo province unless the database already has agencies."""
    if db.session.execute(select(func.count(Agency.id))).scalar():
        return False
    by_code = {}
    for code, name, level, parent in AGENCIES:
        address, phone = ADDRESSES.get(code, (None, None))
        agency = Agency(code=code, name=name, level=level, parent=by_code.get(parent), address=address, phone=phone)
        db.session.add(agency)
        by_code[code] = agency
    db.session.flush()
    hashed = hash_password(password)
    for username, role, agency_code, full_name in USERS:
        db.session.add(User(username=username, password_hash=hashed, role=role, full_name=full_name,
                            agency=by_code.get(agency_code), position=POSITIONS.get(username),
                            email=f"{username}@binhan.example.vn",
                            id_number="001090000001" if role == "citizen" else None,
                            email_verified_at=utcnow(), **(CITIZEN_PROFILE if role == "citizen" else {})))
    db.session.commit()
    return True
