"""Fees are given back only when the agency did not complete the service (Quảng Ninh 2022, Điều
13.5.c): a paid dossier that ends stopped or withdrawn owes every sum paid back, in the transaction
that ends it; a processed one owes nothing. The desk sees what it owes and why on the day's fees
page and records the refund once; the citizen reads it on the dossier's page; the day the money
came in keeps it in its totals."""
from __future__ import annotations

import re
import threading
from datetime import timedelta

from sqlalchemy import select

from tests.api.test_lifecycle import BAN_SAO, BAN_SAO_FORM, pay, submit
from tests.conftest import vn
from tests.web.pages import login
from tests.workspace.helpers import (AGREE_STOP, RETURN, STOP, STOP_APPROVAL, accept, as_officer, dossier, html,
                                     processed, stopped, submit_lltp, withdrawn_after_paying)
OWED = "Phải hoàn trả (mọi ngày)"
MORE_COPIES = {"ket_qua_tham_dinh": "yeu_cau_bo_sung", "ly_do": "Số bản đề nghị chưa khớp mục đích sử dụng.",
               "thanh_phan_can_bo_sung": [{"thanh_phan": "Đơn đề nghị", "yeu_cau": "Ghi đúng số bản cần cấp."}]}


def _payments(app, dossier_id: int) -> list[tuple[int, str, int]]:
    from app.db import db
    from app.payments.models import Payment
    with app.app_context():
        rows = db.session.execute(select(Payment.number, Payment.state, Payment.amount)
                                  .where(Payment.dossier_id == dossier_id).order_by(Payment.number)).all()
        db.session.remove()
    return [tuple(row) for row in rows]


def _refund_lines(state: dict) -> list[str]:
    return [e["summary"] for e in state["history"] if e["kind"] in ("fee_refund_owed", "fee_refund_due")]


def _owed_list(page: str) -> str:
    return page[page.index(OWED):] if OWED in page else ""


def _portal(app, dossier_id: int) -> str:
    citizen = app.test_client()
    login(citizen, "congdan")
    return html(citizen.get(f"/ho-so/{dossier_id}"))


def test_a_paid_dossier_stopped_owes_its_fee_back_once(api, clock, client, clean_app):
    clock.set(vn(2026, 11, 23, 8, 0))
    dossier_id = submit_lltp(api)
    accept(api, dossier_id)  # 200.000 đồng taken at the counter
    clock.set(vn(2026, 11, 25, 9, 0))
    stopped(api, dossier_id)
    state = dossier(api, dossier_id)
    assert state["status"]["code"] == 8
    assert _payments(clean_app, dossier_id) == [(1, "refund_due", 200000)]
    stop_event = next(e for e in state["history"] if e["kind"] == "task_completed" and e["status_after"] == 8)
    owed_event = next(e for e in state["history"] if e["kind"] == "fee_refund_owed")
    assert owed_event["summary"] == ("Phải hoàn trả 200.000 đồng phí, lệ phí đã nộp vì hồ sơ dừng xử lý "
                                     "trước khi giải quyết xong")
    assert owed_event["at"] == stop_event["at"]  # written by the transition that stopped it
    token = as_officer(client, "motcua")
    owed = _owed_list(html(client.get("/mot-cua/thu-phi")))
    assert "200.000 đồng, nhận lúc 08:00 ngày 23/11/2026" in owed and "lý do: hồ sơ dừng xử lý" in owed
    # The day the money came in still counts it: the book handed over that day does not change.
    paid_day = html(client.get("/mot-cua/thu-phi?ngay=2026-11-23"))
    assert "Tổng đã thu</dt><dd><strong>200.000 đồng</strong>" in paid_day
    assert "Trong đó phải hoàn trả</dt><dd class=\"late\">1 khoản, 200.000 đồng" in paid_day
    assert "200.000 đồng phí, lệ phí đã nộp sẽ được hoàn trả cho bạn (lý do: hồ sơ dừng xử lý)" in _portal(
        clean_app, dossier_id)

    clock.set(vn(2026, 11, 26, 10, 0))
    done = client.post(f"/mot-cua/ho-so/{dossier_id}/hoan-phi/1",
                       data={"csrf_token": token, "cach_hoan": "Tiền mặt tại quầy, công dân ký nhận"})
    assert "Đã ghi nhận hoàn trả 200.000 đồng: Tiền mặt tại quầy, công dân ký nhận." in html(client.get(done.location))
    again = client.post(f"/mot-cua/ho-so/{dossier_id}/hoan-phi/1", data={"csrf_token": token, "cach_hoan": "Lần nữa"})
    assert "không ở tình trạng phải hoàn trả" in html(client.get(again.location))
    assert _payments(clean_app, dossier_id) == [(1, "refunded", 200000)]
    assert OWED not in html(client.get("/mot-cua/thu-phi"))
    refund_day = html(client.get("/mot-cua/thu-phi?ngay=2026-11-26"))
    assert "Đã hoàn trả trong ngày" in refund_day and "200.000 đồng, hoàn trả lúc 10:00 ngày 26/11/2026" in refund_day
    paid_day = html(client.get("/mot-cua/thu-phi?ngay=2026-11-23"))
    assert "Tổng đã thu</dt><dd><strong>200.000 đồng</strong>" in paid_day and "Trong đó đã hoàn trả" in paid_day
    assert "Đã hoàn trả trong ngày" not in paid_day
    assert ("200.000 đồng phí, lệ phí đã nộp đã được hoàn trả cho bạn lúc 10:00 ngày 26/11/2026."
            in _portal(clean_app, dossier_id))
    assert len(_refund_lines(dossier(api, dossier_id))) == 1


def test_a_paid_dossier_withdrawn_owes_its_fee_back(api, clock, client, clean_app):
    dossier_id = withdrawn_after_paying(api, clock)
    state = dossier(api, dossier_id)
    assert state["status"]["code"] == 7
    assert _refund_lines(state) == ["Phải hoàn trả 200.000 đồng phí, lệ phí đã nộp vì công dân rút hồ sơ "
                                    "trước khi giải quyết xong"]
    assert _payments(clean_app, dossier_id) == [(1, "refund_due", 200000)]
    as_officer(client, "motcua")
    assert "lý do: công dân rút hồ sơ" in _owed_list(html(client.get("/mot-cua/thu-phi")))
    desk_page = html(client.get(f"/mot-cua/ho-so/{dossier_id}"))
    assert "Phải hoàn trả" in desk_page and "Cách đã hoàn trả" in desk_page  # the refund is recorded there
    assert "(lý do: công dân rút hồ sơ)" in _portal(clean_app, dossier_id)


def test_every_sum_paid_is_owed_back_each_once(api, clock, client, clean_app):
    """The fee and the difference asked after a supplement, both paid, then the dossier stopped."""
    clock.set(vn(2026, 11, 23, 8, 0))
    dossier_id = submit(api, BAN_SAO, BAN_SAO_FORM)["id"]  # one copy: 8.000 đồng
    api.complete("motcua", "Tiếp nhận hồ sơ", {"quyet_dinh": "tiep_nhan"}, dossier=dossier_id)
    pay(api, dossier_id)
    clock.set(vn(2026, 11, 25, 8, 0))
    api.complete("chuyenvien", "Thẩm định hồ sơ", MORE_COPIES, dossier=dossier_id)
    clock.set(vn(2026, 11, 25, 9, 0))
    assert api.post(f"/dossiers/{dossier_id}/supplement", "congdan", json={"data": {"so_ban": 5}}).status_code == 200
    pay(api, dossier_id)  # the difference: 32.000 đồng
    clock.set(vn(2026, 11, 25, 10, 0))
    api.complete("chuyenvien", "Thẩm định hồ sơ", STOP, dossier=dossier_id)
    api.complete("lanhdao", STOP_APPROVAL, AGREE_STOP, dossier=dossier_id)
    state = dossier(api, dossier_id)
    assert state["status"]["code"] == 8
    assert _payments(clean_app, dossier_id) == [(1, "refund_due", 8000), (2, "refund_due", 32000)]
    assert [re.search(r"Phải hoàn trả ([\d.]+) đồng", line)[1] for line in _refund_lines(state)] == ["8.000", "32.000"]
    as_officer(client, "motcua")
    owed = _owed_list(html(client.get("/mot-cua/thu-phi")))
    assert owed.count("lý do: hồ sơ dừng xử lý") == 2


def test_a_returned_dossier_owes_nothing_back(api, clock, client, clean_app):
    """Processed and returned (the citizen collecting it or not changes nothing: Điều 13.5.c)."""
    clock.set(vn(2026, 11, 23, 8, 0))
    dossier_id = submit_lltp(api)
    assert processed(api, dossier_id)["status"]["code"] == 9
    api.complete("motcua", "Trả kết quả", RETURN, dossier=dossier_id)
    state = dossier(api, dossier_id)
    assert state["status"]["code"] == 10 and state["finished_at"] is not None
    assert _refund_lines(state) == []
    assert _payments(clean_app, dossier_id) == [(1, "paid", 200000)]
    as_officer(client, "motcua")
    assert OWED not in html(client.get("/mot-cua/thu-phi"))
    assert "hoàn trả" not in _portal(clean_app, dossier_id)


def _online_attempt(app, dossier_id: int, at) -> str:
    """An online payment of the fee the dossier waits for, started at the gateway: its reference."""
    from app.db import db
    from app.dossiers.models import Dossier
    from app.payments import ledger
    from app.payments.models import Payment
    with app.app_context():
        found = db.session.get(Dossier, dossier_id)
        number = ledger.next_number(dossier_id)
        txn_ref = f"{dossier_id}T{number}Rtest"
        db.session.add(Payment(dossier_id=dossier_id, number=number, txn_ref=txn_ref, amount=found.amount_due,
                               method="online", state="pending", created_by_id=found.owner_id, created_at=at))
        db.session.commit()
        db.session.remove()
    return txn_ref


def _gateway_confirms(app, txn_ref: str, amount: int, at) -> str:
    """The gateway's word that the payment was made, as the citizen's return (or the gateway's
    transaction query) brings it, which cannot refuse the money: the answer code."""
    from app.db import db
    from app.payments import online
    from app.payments.gateway import GatewayResult
    with app.app_context():
        code, _ = online.settle_result(GatewayResult(
            tmn_code="MOTCUATEST", txn_ref=txn_ref, amount=amount, response_code="00", transaction_status="00",
            transaction_no=f"99{txn_ref[:6]}", bank_code="NCB", paid_at=at, succeeded=True), at)
        db.session.remove()
    return code


def _withdraw(app, dossier_id: int, at) -> None:
    from app.db import db
    from app.dossiers import citizen
    from app.dossiers.models import Dossier
    from app.users.models import User
    with app.app_context():
        owner = db.session.execute(select(User).where(User.username == "congdan")).scalar_one()
        citizen.deliver(owner, db.session.get(Dossier, dossier_id), citizen.WITHDRAWAL,
                        {"ly_do_rut": "Nộp nhầm thủ tục."}, at)
        db.session.remove()


def test_a_withdrawal_and_the_gateways_confirmation_at_once_lose_no_money(api, clock, clean_app):
    """Whichever the dossier's lock lets through first, the money ends owed back exactly once:
    paid then withdrawn (owed by the withdrawal), or withdrawn then paid (owed on arrival)."""
    clock.set(vn(2026, 11, 23, 8, 0))
    at = vn(2026, 11, 23, 9, 0)
    rounds = []
    for n in range(4):
        dossier_id = submit_lltp(api, muc_dich=f"Bổ sung hồ sơ xin việc {n}")  # four distinct dossiers
        api.complete("motcua", "Tiếp nhận hồ sơ", {"quyet_dinh": "tiep_nhan"}, dossier=dossier_id)
        rounds.append((dossier_id, _online_attempt(clean_app, dossier_id, at - timedelta(minutes=3))))
    for dossier_id, txn_ref in rounds:
        barrier, errors, codes = threading.Barrier(2), [], []

        def run(work):
            try:
                barrier.wait()
                work()
            except Exception as exc:  # reported below
                errors.append(exc)

        threads = [threading.Thread(target=run, args=(lambda: _withdraw(clean_app, dossier_id, at),)),
                   threading.Thread(target=run, args=(lambda: codes.append(
                       _gateway_confirms(clean_app, txn_ref, 200000, at)),))]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert not errors, errors
        assert codes == ["00"]  # the gateway's money is acknowledged either way
        state = dossier(api, dossier_id)
        assert state["status"]["code"] == 7
        assert _payments(clean_app, dossier_id) == [(1, "refund_due", 200000)]
        assert len(_refund_lines(state)) == 1, _refund_lines(state)


def test_money_already_owed_back_is_not_owed_twice_when_the_dossier_stops(api, clock, clean_app):
    """Paid at the counter while an online payment was still open (superseded), which the gateway
    then took all the same (paid twice: owed on arrival); the stop then owes back the counter's
    payment only."""
    clock.set(vn(2026, 11, 23, 8, 0))
    dossier_id = submit_lltp(api)
    api.complete("motcua", "Tiếp nhận hồ sơ", {"quyet_dinh": "tiep_nhan"}, dossier=dossier_id)
    clock.set(vn(2026, 11, 23, 9, 0))
    txn_ref = _online_attempt(clean_app, dossier_id, vn(2026, 11, 23, 8, 55))
    assert api.post(f"/dossiers/{dossier_id}/fee", "motcua",
                    json={"channel": "counter", "despite_online": True}).status_code == 200
    assert _gateway_confirms(clean_app, txn_ref, 200000, vn(2026, 11, 23, 9, 5)) == "00"
    assert _payments(clean_app, dossier_id) == [(1, "refund_due", 200000), (2, "paid", 200000)]
    clock.set(vn(2026, 11, 25, 9, 0))
    stopped(api, dossier_id)
    state = dossier(api, dossier_id)
    assert _payments(clean_app, dossier_id) == [(1, "refund_due", 200000), (2, "refund_due", 200000)]
    assert [e["kind"] for e in state["history"] if e["kind"] in ("fee_superseded_paid", "fee_refund_owed")] == [
        "fee_superseded_paid", "fee_refund_owed"]
