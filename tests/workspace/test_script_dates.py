"""QT-20 through the app: a diagram whose script stores a date after a human step (inside the
processing sub-process) passes the check, and completing that step over HTTP moves the dossier
on (it used to answer 500 and leave the dossier stuck); the next steps read the date back."""
from __future__ import annotations

import pytest

from tests.api.test_lifecycle import ACCEPT, APPRAISE, APPROVE, BAN_SAO as CODE, BAN_SAO_FORM, pay, submit
from tests.conftest import vn
from tests.engine.test_stored_data import DATES, with_script
from tests.workspace.helpers import dossier


def step_data(app, dossier_id: int, task_id: str) -> dict:
    """The data an open step sees, read as the app reads it (the result preview, a stop's reason)."""
    from app.db import db
    from app.dossiers.models import Dossier
    from app.workflow.service import workflow
    with app.app_context():
        row = db.session.get(Dossier, dossier_id)
        data = workflow().engine.task_data(row.process_id, row.process_version, row.workflow_state, task_id)
        db.session.remove()
    return data


@pytest.mark.rule("QT-20")
def test_a_step_followed_by_a_script_storing_a_date_completes_and_the_dossier_goes_on(clean_app, clock, api,
                                                                                        diagrams):
    clock.set(vn(2026, 11, 23, 8, 0))
    diagrams(with_script(DATES))
    dossier_id = submit(api, CODE, BAN_SAO_FORM)["id"]
    api.complete("motcua", "Tiếp nhận hồ sơ", ACCEPT, dossier=dossier_id)
    pay(api, dossier_id)
    at = vn(2026, 11, 25, 9, 0)
    clock.set(at)
    api.complete("chuyenvien", "Thẩm định hồ sơ", APPRAISE, dossier=dossier_id)

    approval = api.task("lanhdao", "Phê duyệt kết quả", dossier_id)
    due = clean_app.extensions["motcua_workflow"].calendar.add_working_days(at, 2)
    assert step_data(clean_app, dossier_id, approval["id"])["han_xac_minh"] == due
    clock.set(vn(2026, 11, 25, 10, 0))
    api.complete("lanhdao", "Phê duyệt kết quả", APPROVE, dossier=dossier_id)
    assert dossier(api, dossier_id)["status"]["code"] == 9
    handing = api.task("motcua", "Trả kết quả", dossier_id)
    assert step_data(clean_app, dossier_id, handing["id"])["han_xac_minh"] == due


@pytest.mark.rule("QT-20")
def test_a_stored_date_reads_as_people_read_dates_in_a_result_template(clean_app):
    """`{han_xac_minh}` in the catalogue's result_document: a date, not a blank."""
    from datetime import date
    from types import SimpleNamespace

    from app.dossiers.results import _values
    from engine.forms import Form
    data = {"han_xac_minh": vn(2026, 11, 27, 8, 0), "ngay_cap": date(2026, 11, 27)}
    with clean_app.app_context():
        values = _values(SimpleNamespace(form_data={}, applicant_name="Nguyễn Văn An", code="X",
                                         process_id="cap_phieu_ly_lich_tu_phap", process_version=None),
                         Form({"type": "object", "properties": {}}), data)
    assert values["han_xac_minh"] == "08:00 ngày 27/11/2026" and values["ngay_cap"] == "27/11/2026"
