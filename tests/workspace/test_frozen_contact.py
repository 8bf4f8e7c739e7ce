"""The documents of a dossier print the applicant's address and phone as they were when it was
submitted, like its name: a later correction of the account (by the citizen, or the desk's
«Sửa thông tin») changes no receipt already issued, nor the register."""
from __future__ import annotations

from sqlalchemy import select

from tests.conftest import vn
from tests.workspace.helpers import accept, as_officer, pdf_text, submit_lltp


def _move(app, username: str) -> str:
    """The citizen's account moves house and changes phone; its old address."""
    from app.db import db
    from app.users.models import User
    with app.app_context():
        user = db.session.execute(select(User).where(User.username == username)).scalar_one()
        old = user.address
        user.address, user.phone = "Số 99 đường Mới, phường Khác", "0977777777"
        db.session.commit()
        db.session.remove()
    return old


def test_a_receipt_and_the_register_keep_the_contact_of_the_submission(api, clock, client, clean_app, tmp_path):
    clock.set(vn(2026, 11, 23, 8, 0))
    dossier_id = submit_lltp(api)
    accept(api, dossier_id)
    old = _move(clean_app, "congdan")
    as_officer(client, "motcua")
    receipt = pdf_text(client.get(f"/mot-cua/ho-so/{dossier_id}/giay-to/mau-01.pdf").data, tmp_path)
    assert old.split(",")[0] in receipt and "Số 99 đường Mới" not in receipt and "0977777777" not in receipt
    register = client.get("/mot-cua/so-theo-doi?tu=2026-11-01&den=2026-11-30").get_data(as_text=True)
    assert old.split(",")[0] in register and "0977777777" not in register
    page = client.get(f"/mot-cua/ho-so/{dossier_id}").get_data(as_text=True)
    assert "0977777777" not in page
    # A dossier submitted after the correction prints the new address.
    clock.set(vn(2026, 11, 23, 9, 0))
    later = submit_lltp(api, so_ban=2)
    accept(api, later)
    assert "Số 99 đường Mới" in pdf_text(client.get(f"/mot-cua/ho-so/{later}/giay-to/mau-01.pdf").data, tmp_path)
