"""The dossier register (Mẫu 06) notes what its instants alone do not say: a dossier withdrawn or
stopped, and the appointment an apology moved (the register shows the new one)."""
from __future__ import annotations

from datetime import date

from tests.conftest import vn
from tests.workspace.helpers import accept, stopped as stop, submit_lltp


def test_the_register_notes_withdrawals_stops_and_the_date_an_apology_moved(api, clock, clean_app):
    from app.agencies.models import Agency
    from app.db import db
    from app.dossiers.apology import apologize
    from app.dossiers.register import register_rows
    from app.users.models import User
    from app.workspace.messages import APOLOGY
    clock.set(vn(2026, 11, 23, 8, 0))
    withdrawn, stopped, moved, plain = (submit_lltp(api, so_ban=n) for n in (1, 2, 3, 4))
    for dossier_id in (withdrawn, stopped, moved, plain):
        accept(api, dossier_id)
    clock.set(vn(2026, 11, 25, 9, 0))
    assert api.post(f"/dossiers/{withdrawn}/withdraw", "congdan",
                    json={"data": {"ly_do_rut": "Không còn nhu cầu."}}).status_code == 200
    stop(api, stopped)
    clock.set(vn(2026, 12, 4, 10, 0))
    with clean_app.app_context():
        leader = db.session.execute(db.select(User).where(User.username == "lanhdao")).scalar_one()
        apologize(leader, moved, vn(2026, 12, 15, 16, 0), "Cần xác minh thêm tại địa phương cũ.",
                  vn(2026, 12, 4, 10, 0), APOLOGY)
        db.session.commit()
        agency = db.session.execute(db.select(Agency).where(Agency.code == "000.00.12.H99")).scalar_one()
        rows = {row.code[-4:]: row for row in register_rows(agency, date(2026, 11, 1), date(2026, 11, 30))}
        db.session.remove()
    assert rows["0001"].note == "Công dân rút hồ sơ 09:00 ngày 25/11/2026."
    assert rows["0002"].note == "Dừng xử lý 09:00 ngày 25/11/2026."
    assert rows["0003"].note == "Đã xin lỗi, hẹn lại; hẹn trả ban đầu 08:00 ngày 08/12/2026."
    assert rows["0003"].due_at == vn(2026, 12, 15, 16, 0)
    assert rows["0004"].note == ""
