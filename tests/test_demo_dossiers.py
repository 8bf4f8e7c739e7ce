"""The demo's sample dossiers: walked through the real services at past working instants, they
land in every state an evaluator wants to see, with their events, codes and signed results."""
from __future__ import annotations

from sqlalchemy import select

from tests.conftest import vn
from tests.web.pages import login
from tests.workspace.helpers import pdfsig


def test_sample_dossiers_cover_the_states_of_a_working_desk(clean_app, clock, client, tmp_path):
    from app.db import db
    from app.demo_dossiers import load_demo_dossiers
    from app.dossiers.models import Dossier, DossierEvent, DossierResult, OpenTask
    clock.set(vn(2026, 11, 26, 10, 30))  # Thursday; Tuesday 24/11 is a day off
    assert load_demo_dossiers(clean_app) == 9
    assert clock.now() == vn(2026, 11, 26, 10, 30)  # as it was
    with clean_app.app_context():
        dossiers = db.session.execute(select(Dossier).order_by(Dossier.submitted_at)).scalars().all()
        assert sorted(d.status for d in dossiers) == [1, 1, 4, 4, 4, 5, 6, 9, 10]
        from app.dossiers.completeness import missing_components
        for d in dossiers:  # each with the scans its application requires (the reduced fee's proof too)
            files = [{"component_code": f.component_code} for f in d.files]
            assert missing_components(d.procedure, files, False, d.form_data) == [], d.code
        waiting_fee = next(d for d in dossiers if d.status == 6)
        assert waiting_fee.amount_due == 16000  # two copies at 8.000 đồng
        receipts = db.session.execute(select(DossierEvent).where(DossierEvent.kind == "fee_paid")).scalars().all()
        # Taken at the desk: the two civil-status copies past acceptance and the three criminal records.
        assert sorted(int(e.data["so_tien_da_nop"]) for e in receipts) == [8000, 16000, 100000, 200000, 200000]
        assert all(d.submitted_at < vn(2026, 11, 26, 10, 30) for d in dossiers)
        tasks = {t.name for t in db.session.execute(select(OpenTask).where(OpenTask.closed_at.is_(None))).scalars()}
        assert {"Tiếp nhận hồ sơ", "Thẩm định hồ sơ", "Tra cứu, xác minh thông tin lý lịch tư pháp",
                "Lấy ý kiến Công an tỉnh", "Phê duyệt, ký Phiếu", "Trả kết quả"} <= tasks
        overdue = [d for d in dossiers if d.status == 4 and d.due_at < vn(2026, 11, 26, 10, 30)]
        assert len(overdue) == 1  # the copy accepted six working days ago, due in two
        returned = next(d for d in dossiers if d.status == 10)
        assert returned.received_at == vn(2026, 11, 9, 9, 0)  # 12 working days before 26/11
        results = db.session.execute(select(DossierResult)).scalars().all()
        assert len(results) == 2
        # Submitted yesterday 14:10: its 8 working hours of reception end today at 14:10, its timer with them.
        yesterday = next(d for d in dossiers if d.submitted_at == vn(2026, 11, 25, 14, 10))
        assert yesterday.reception_due_at == yesterday.next_timer_at == vn(2026, 11, 26, 14, 10)
        kinds = {e.kind for e in db.session.execute(select(DossierEvent).where(
            DossierEvent.dossier_id == returned.id)).scalars()}
        assert {"submitted", "claimed", "task_completed", "code_issued"} <= kinds
        result_code = f"{returned.code}-KQ1"
        db.session.remove()
    # The returned dossier's signed result is in the citizen's data store and verifies.
    login(client, "congdan")
    store = client.get("/kho-du-lieu").get_data(as_text=True)
    assert result_code in store
    page = client.get(f"/xac-thuc/{result_code}").get_data(as_text=True)
    assert "hợp lệ" in page
    assert "Signature is Valid." in pdfsig(_result_pdf(clean_app, result_code), tmp_path)


def _result_pdf(app, code: str) -> bytes:
    from app.db import db
    from app.dossiers.results import find_pdf
    with app.app_context():
        data = find_pdf(code)
        db.session.remove()
    return data

def test_a_catalogue_without_the_shipped_procedures_gets_the_samples_of_those_it_has(clean_app, clock):
    """A province's own catalogue (no criminal records): `motcua up` starts with the civil-status
    samples only, instead of failing on the procedure it lacks."""
    from sqlalchemy import func, update
    from app.catalogue.models import Procedure
    from app.db import db
    from app.demo_dossiers import load_demo_dossiers
    from app.dossiers.models import Dossier
    clock.set(vn(2026, 11, 26, 10, 30))
    with clean_app.app_context():
        db.session.execute(update(Procedure).where(Procedure.code == "2.000488").values(published=False))
        db.session.commit()
        db.session.remove()
    created = load_demo_dossiers(clean_app)
    with clean_app.app_context():
        codes = set(db.session.execute(select(Procedure.code).join(Dossier, Dossier.procedure_id == Procedure.id)
                                       .group_by(Procedure.code)).scalars())
        assert created == db.session.execute(select(func.count()).select_from(Dossier)).scalar_one() > 0
        db.session.remove()
    assert codes == {"2.000635"}
