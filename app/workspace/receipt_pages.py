"""The desk issuing a receipt that could not be signed when the fee was paid (the agency's
signing key was missing or its device failed): the payment stands, the receipt is signed and
issued later from the dossier page's fee table."""
from __future__ import annotations

from flask import abort, flash, g, redirect, url_for
from sqlalchemy import select

from ..clock import now
from ..db import db
from ..dossiers.access import may_read
from ..dossiers.citizen import DESK_ROLES, may_receive_at_desk
from ..dossiers.errors import Conflict
from ..dossiers.events import add_event, write_events
from ..dossiers.transitions import lock_dossier
from ..payments import receipts
from ..payments.models import Payment
from ..web.session import login_required
from .blueprint import workspace

TEXT = {
    "issued": "Đã ký số và cấp biên lai điện tử {code}; biên lai có trong bảng «Phí, lệ phí» của hồ sơ.",
    "already": "Khoản nộp lần {number} đã có biên lai điện tử {code}.",
    "not_paid": "Khoản nộp lần {number} chưa được ghi nhận là đã nộp nên không cấp biên lai.",
    "not_signed": "Chưa ký được biên lai điện tử: {reason} Khoản tiền vẫn được ghi nhận là đã nộp và biên lai "
                  "chưa được cấp; hãy thử lại sau khi khóa ký số của cơ quan đã sẵn sàng.",
}


def _back(dossier_id: int):
    return redirect(url_for("workspace.dossier_page", dossier_id=dossier_id, _anchor="phi"), 303)


@workspace.post("/ho-so/<int:dossier_id>/bien-lai/<int:number>")
@login_required(*DESK_ROLES)
def issue_receipt(dossier_id: int, number: int):
    """Sign and issue the receipt of the dossier's paid payment `number` that has none."""
    dossier = lock_dossier(dossier_id)
    if dossier is None or not may_read(g.user, dossier):
        db.session.rollback()
        abort(404)  # another agency's dossiers are not confirmed to exist
    if not may_receive_at_desk(g.user, dossier):
        db.session.rollback()
        abort(403)
    payment = db.session.execute(select(Payment).where(Payment.dossier_id == dossier.id,
                                                       Payment.number == number)).scalar()
    if payment is None:
        db.session.rollback()
        abort(404)
    if payment.receipt_code or payment.state != "paid":
        message = (TEXT["already"].format(number=number, code=payment.receipt_code) if payment.receipt_code
                   else TEXT["not_paid"].format(number=number))
        db.session.rollback()
        flash(message, "error")
        return _back(dossier_id)
    try:
        at = now()
        code = receipts.issue(dossier, payment, at, g.user)
        write_events([add_event(dossier, at, "receipt_issued", actor=g.user, code=code)])
    except Conflict as exc:
        db.session.rollback()
        flash(TEXT["not_signed"].format(reason=str(exc).rstrip(".") + "."), "error")
        return _back(dossier_id)
    db.session.commit()
    flash(TEXT["issued"].format(code=code))
    return _back(dossier_id)
