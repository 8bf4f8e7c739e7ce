"""QT-45: a dossier component required by the applicant's answer on the application e-form
("required_when": {"field": …, "in": […]}): the proof of a fee exemption of the criminal-record
procedure (2.000488, component MG, field «doi_tuong_nop_phi» giam/mien). Refused without it on
the portal and at the counter, marked on the component headings, the desk's checklist and the
public catalogue page; an entry naming a field or a value the form does not have is refused by
`motcua bpmn check` and by the catalogue loading."""
from __future__ import annotations

import json
import re

import pytest
from sqlalchemy import func, select

from tests.conftest import vn
from tests.web.pages import csrf, login, pdf_bytes, upload
from tests.workspace.helpers import as_officer, html, submit_lltp
from tests.workspace.test_intake import LLTP_FIELDS

LLTP = "2.000488"
APPLY = f"/thu-tuc/{LLTP}/nop"
PROOF = "Giấy tờ chứng minh thuộc diện miễn, giảm phí (khi kê khai được miễn, giảm)"
REDUCED = "Sinh viên, người có công với cách mạng, thân nhân liệt sĩ (giảm 50%: 100.000 đồng)"
EXEMPT = ("Trẻ em, người cao tuổi, người khuyết tật, người thuộc hộ nghèo, người cư trú ở xã đặc biệt khó khăn "
          "(miễn phí)")
CONDITION = f"«Mức phí áp dụng» là «{REDUCED}» hoặc «{EXEMPT}»"


def _dossiers(app) -> int:
    from app.db import db
    from app.dossiers.models import Dossier
    with app.app_context():
        count = db.session.execute(select(func.count()).select_from(Dossier)).scalar()
        db.session.remove()
        return count


def _files(app, dossier_id: int) -> list[str]:
    from app.db import db
    from app.dossiers.models import DossierFile
    with app.app_context():
        codes = db.session.execute(select(DossierFile.component_code).where(
            DossierFile.dossier_id == dossier_id).order_by(DossierFile.id)).scalars().all()
        db.session.remove()
        return list(codes)


def _heading(page: str, name: str) -> str:
    """The component heading (h3) of `name` on an application page."""
    found = re.search(r"<h3>" + re.escape(name) + r"(.*?)</h3>", page, re.S)
    assert found, f"no heading «{name}»"
    return found.group(1)


@pytest.mark.rule("QT-45")
def test_the_portal_refuses_an_exemption_without_its_proof_and_takes_it_with_the_proof(client, clock, clean_app):
    clock.set(vn(2026, 11, 23, 9, 0))
    login(client, "congdan")
    page = html(client.get(APPLY))
    assert _heading(page, PROOF) == f' <span class="muted">(bắt buộc khi {CONDITION})</span>'
    base = {"csrf_token": csrf(client, APPLY), "draft_id": re.search(r'name="draft_id" value="(\d+)"', page).group(1),
            "dai_dien": "self", **LLTP_FIELDS, "f.doi_tuong_nop_phi": "giam"}
    refused = client.post(APPLY, data={**base, "action": "submit", "tep.GTTT": upload(pdf_bytes(), "cccd.pdf")},
                          content_type="multipart/form-data")
    text = html(refused)
    assert refused.status_code == 422 and _dossiers(clean_app) == 0
    assert (f'<p class="field-error" id="tep-MG-error">Thiếu thành phần hồ sơ «{PROOF}»: vui lòng đính kèm tệp. '
            f"Thành phần này bắt buộc khi {CONDITION}.</p>") in text
    assert _heading(text, PROOF) == ' <span class="required-mark">(bắt buộc)</span>'  # as the form now says
    assert "tep-GTTT-error" not in text  # the identity paper is in the draft
    done = client.post(APPLY, data={**base, "action": "submit",
                                    "tep.MG": upload(pdf_bytes("The sinh vien"), "the-sinh-vien.pdf")},
                       content_type="multipart/form-data")
    assert done.status_code == 303, html(done)[:2000]
    dossier_id = int(done.headers["Location"].rsplit("/", 1)[1])
    assert sorted(_files(clean_app, dossier_id)) == ["GTTT", "MG"]


@pytest.mark.rule("QT-45")
def test_the_portal_does_not_ask_the_proof_of_whoever_pays_the_full_fee(client, clock, clean_app):
    clock.set(vn(2026, 11, 23, 9, 0))
    login(client, "congdan")
    page = html(client.get(APPLY))
    fields = {"csrf_token": csrf(client, APPLY), "dai_dien": "self", **LLTP_FIELDS, "action": "submit",
              "draft_id": re.search(r'name="draft_id" value="(\d+)"', page).group(1),
              "tep.GTTT": upload(pdf_bytes(), "cccd.pdf")}
    done = client.post(APPLY, data=fields, content_type="multipart/form-data")
    assert done.status_code == 303 and _dossiers(clean_app) == 1


def _citizen_id(app, username: str) -> int:
    from app.db import db
    from app.users.models import User
    with app.app_context():
        found = db.session.execute(select(User.id).where(User.username == username)).scalar_one()
        db.session.remove()
        return found


@pytest.mark.rule("QT-45")
def test_the_counter_refuses_an_exemption_without_its_scan_and_the_task_shows_it_there(client, clock, clean_app):
    clock.set(vn(2026, 11, 23, 9, 0))
    token = as_officer(client, "motcua")
    path = f"/mot-cua/tiep-nhan/{_citizen_id(clean_app, 'congdan')}/{LLTP}"
    form = html(client.get(path))
    assert _heading(form, PROOF) == f' <span class="muted">(bắt buộc khi {CONDITION})</span>'
    fields = {"csrf_token": token, "nonce": re.search(r'name="nonce" value="([^"]+)"', form).group(1),
              "hinh_thuc": "counter", "action": "submit", "tep_da_nhan": "", **LLTP_FIELDS,
              "f.doi_tuong_nop_phi": "mien"}
    refused = client.post(path, data={**fields, "tep.GTTT": upload(pdf_bytes("CCCD"), "cccd.pdf")},
                          content_type="multipart/form-data")
    text = html(refused)
    assert refused.status_code == 422 and _dossiers(clean_app) == 0
    assert (f'<p class="field-error" id="tep-MG-error">Thiếu bản quét thành phần «{PROOF}». '
            f"Thành phần này bắt buộc khi {CONDITION}.</p>") in text
    assert _heading(text, PROOF) == ' <span class="required-mark">(bắt buộc)</span>'
    carried = re.search(r'name="tep_da_nhan" value="([^"]+)"', text).group(1)  # the ID card scan is kept
    done = client.post(path, data={**fields, "tep_da_nhan": carried,
                                   "tep.MG": upload(pdf_bytes("Giay xac nhan ho ngheo"), "ho-ngheo.pdf")},
                       content_type="multipart/form-data")
    assert done.status_code == 303 and "/mot-cua/viec/" in done.headers["Location"]
    task_page = html(client.get(done.headers["Location"]))
    assert f"Có: {PROOF}" in task_page and "Có: Giấy tờ tùy thân" in task_page


@pytest.mark.rule("QT-45")
def test_the_desks_checklist_says_the_proof_is_missing_for_a_dossier_declaring_an_exemption(api, clock, client,
                                                                                              clean_app):
    """A dossier without the proof its answers require (let in before its entry required it:
    every way in refuses one now) shows it missing on the checklist, where the desk looks."""
    from app.db import db
    from app.dossiers.submission import submit
    from app.users.models import User
    from tests.workspace.helpers import LLTP_FORM
    clock.set(vn(2026, 11, 23, 8, 0))
    with clean_app.app_context():
        owner = db.session.execute(select(User).where(User.username == "congdan")).scalar_one()
        reduced = submit(owner, LLTP, {**LLTP_FORM, "doi_tuong_nop_phi": "giam"}, clock.now())[0].id
        db.session.remove()
    full = submit_lltp(api, muc_dich="Bổ sung hồ sơ du học")
    as_officer(client, "motcua")
    page = html(client.get(f"/mot-cua/viec/{api.task('motcua', 'Tiếp nhận hồ sơ', reduced)['id']}"))
    assert f'<li class="missing">Thiếu: {PROOF} (bắt buộc khi {CONDITION})</li>' in page
    assert "không bắt buộc trừ khi «Mức phí áp dụng»" not in page
    page = html(client.get(f"/mot-cua/viec/{api.task('motcua', 'Tiếp nhận hồ sơ', full)['id']}"))
    assert f'Không nộp: {PROOF} <span class="muted">(không bắt buộc trừ khi {CONDITION})</span>' in page
    assert "Không nộp: Văn bản ủy quyền (khi ủy quyền yêu cầu cấp Phiếu số 1) <span class=\"muted\">(không bắt " \
           "buộc trừ khi nộp thay người khác hoặc tổ chức)</span>" in page


@pytest.mark.rule("QT-45")
def test_the_catalogue_page_says_when_the_proof_is_required(client, clock):
    clock.set(vn(2026, 11, 23, 9, 0))
    page = html(client.get(f"/thu-tuc/{LLTP}"))
    assert f"<td data-label=\"Yêu cầu\">Bắt buộc khi {CONDITION}</td>" in page
    assert "<td data-label=\"Yêu cầu\">Bắt buộc khi nộp thay (ủy quyền)</td>" in page


def _with_condition(folder, when) -> None:
    entry = folder / "catalogue" / f"{LLTP}.json"
    data = json.loads(entry.read_text(encoding="utf-8"))
    [proof] = [c for c in data["components"] if c["code"] == "MG"]
    proof["required_when"] = when
    entry.write_text(json.dumps(data, ensure_ascii=False, indent=2), encoding="utf-8")


WHERE = (f"{LLTP}.json: thủ tục {LLTP} «Cấp Phiếu lý lịch tư pháp cho công dân Việt Nam, người nước ngoài đang "
         f"cư trú tại Việt Nam», thành phần «MG» ({PROOF}): ")


@pytest.mark.rule("QT-45")
@pytest.mark.parametrize(("when", "said"), [
    ({"field": "doi_tuong_phi", "in": ["giam", "mien"]},
     "«required_when» đòi thành phần theo trường «doi_tuong_phi», nhưng tờ khai "
     "«cap_phieu_ly_lich_tu_phap/to_khai.schema.json» không có trường này (có phải ý bạn là «doi_tuong_nop_phi»?), "
     "nên công dân sẽ nộp được hồ sơ thiếu thành phần. Sửa «field» thành tên một trường của tờ khai"),
    ({"field": "doi_tuong_nop_phi", "in": ["giam", "mien_phi"]},
     "«required_when» đòi thành phần khi trường «doi_tuong_nop_phi» là \"mien_phi\", nhưng tờ khai "
     "«cap_phieu_ly_lich_tu_phap/to_khai.schema.json» không có giá trị đó cho trường này (có phải ý bạn là "
     "«\"mien\"»?): công dân không chọn được nó, nên thành phần không bao giờ bị đòi vì nó. Các giá trị của "
     "trường: \"thong_thuong\", \"giam\", \"mien\". Sửa «in» cho đúng"),
    ({"field": "loai_phieu", "in": [2]},
     "«required_when» đòi thành phần khi trường «loai_phieu» là 2, nhưng tờ khai "
     "«cap_phieu_ly_lich_tu_phap/to_khai.schema.json» không có giá trị đó cho trường này (có phải ý bạn là "
     "«\"2\"»?)"),
    ({"field": "muc_dich", "in": ["Du học"]},
     "«required_when» đòi thành phần theo trường «muc_dich» của tờ khai "
     "«cap_phieu_ly_lich_tu_phap/to_khai.schema.json», nhưng trường này không phải trường chọn"),
    ("mien_giam", "«required_when» là \"mien_giam\", hệ thống không hiểu"),
    ({"field": "doi_tuong_nop_phi", "values": ["giam"]},
     "«required_when» là {\"field\": \"doi_tuong_nop_phi\", \"values\": [\"giam\"]}, hệ thống không hiểu nên "
     "không biết khi nào đòi thành phần này. Viết \"required_when\": \"on_behalf\""),
], ids=["field", "value", "quotes", "free-text", "word", "shape"])
def test_bpmn_check_refuses_a_condition_the_form_cannot_meet(workspace, when, said):
    from tests.test_procedure_new import cli
    folder, env = workspace
    _with_condition(folder, when)
    result = cli(env, "bpmn", "check", str(folder / "bpmn" / "cap_phieu_ly_lich_tu_phap.bpmn"))
    assert result.exit_code == 1
    [line] = [line for line in result.output.splitlines() if line.startswith(f"{LLTP}.json")]
    assert line.startswith(WHERE + said), line


@pytest.mark.rule("QT-45")
def test_the_shipped_condition_passes_and_a_wrong_one_closes_the_procedure_on_loading(workspace, clean_app):
    from app.catalogue.loader import check_entries, load_catalogue
    from app.catalogue.models import Procedure
    from app.db import db
    folder, _ = workspace
    assert check_entries(folder / "catalogue", folder / "forms") == []
    _with_condition(folder, {"field": "doi_tuong_nop_phi", "in": ["giam", "mien_phi"]})
    with clean_app.app_context():
        problems = load_catalogue(folder / "catalogue", folder / "forms")
        assert any(p.startswith(WHERE) and "mien_phi" in p for p in problems)
        assert f"{LLTP}.json: vì tờ khai không dùng được, thủ tục tạm ngừng nhận hồ sơ cho đến khi sửa xong." \
            in problems
        assert db.session.execute(select(Procedure.published).where(Procedure.code == LLTP)).scalar() is False
        db.session.rollback()
        db.session.remove()


def test_a_multiple_choice_or_a_yes_no_field_can_require_a_component():
    from app.dossiers.completeness import is_required
    proof = {"code": "X", "required": False, "required_when": {"field": "doi_tuong", "in": ["ngheo"]}}
    assert is_required(proof, False, {"doi_tuong": ["cao_tuoi", "ngheo"]})
    assert not is_required(proof, False, {"doi_tuong": ["cao_tuoi"]}) and not is_required(proof, True, {})
    asked = {"code": "Y", "required_when": {"field": "co_giay_phep", "in": [True]}}
    assert is_required(asked, False, {"co_giay_phep": True}) and not is_required(asked, False, {"co_giay_phep": 1})


@pytest.mark.rule("QT-57")
def test_a_component_asked_for_by_a_hidden_answer_is_not_asked_for(clean_app):
    """The fee answer hidden (here: shown only for Phiếu số 2) keeps nothing, so the proof of an
    exemption it once named is not asked for on the portal; shown, it is."""
    from types import SimpleNamespace

    from app.catalogue.forms import application_form
    from app.dossiers.submission import find_procedure
    from app.portal.apply import _problems
    from engine.forms import Form
    with clean_app.test_request_context():
        procedure = find_procedure(LLTP)
        real = application_form(procedure)
        ui = {**real.ui_schema, "doi_tuong_nop_phi": {**real.ui_schema["doi_tuong_nop_phi"],
                                                       "ui:shownWhen": {"loai_phieu": ["2"]}}}
        form = Form(real.schema, ui)
        identity = [{"component_code": "GTTT"}]
        data = {**{k.removeprefix("f."): v for k, v in LLTP_FIELDS.items() if "." not in k.removeprefix("f.")},
                "so_ban": 1, "qua_trinh_cu_tru": [{"tu_nam": 2000, "den_nam": 2026, "noi_cu_tru": "Quy Nhơn"}]}
        for sheet, asked in (("1", False), ("2", True)):
            draft = SimpleNamespace(representation={"kind": "self"}, files=identity,
                                    data={**data, "loai_phieu": sheet, "doi_tuong_nop_phi": "mien"})
            assert ("tep-MG" in _problems(procedure, form, draft)) is asked, sheet


@pytest.mark.rule("QT-45")
def test_a_supplement_on_the_portal_declaring_an_exemption_asks_for_its_proof(api, clock, client):
    from tests.api.test_lifecycle import LLTP_FORM
    from tests.workspace.test_desk_messages import RECEPTION_ASK, _fields
    clock.set(vn(2026, 11, 23, 8, 0))
    dossier_id = submit_lltp(api)
    api.complete("motcua", "Tiếp nhận hồ sơ", RECEPTION_ASK)
    login(client, "congdan")
    path = f"/ho-so/{dossier_id}/bo-sung"
    fields = {"csrf_token": csrf(client, f"/ho-so/{dossier_id}"), "action": "submit", "tep_da_nhan": "",
              **_fields({**LLTP_FORM, "doi_tuong_nop_phi": "mien"})}
    refused = client.post(path, data=fields, content_type="multipart/form-data")
    assert refused.status_code == 422
    assert re.search(r'id="tep-MG-error">Thiếu thành phần hồ sơ «' + re.escape(PROOF) + "»", html(refused))
    done = client.post(path, data={**fields, "tep.MG": upload(pdf_bytes("The nguoi cao tuoi"), "mg.pdf")},
                       content_type="multipart/form-data")
    assert done.status_code == 303 and sorted(_files(client.application, dossier_id)) == ["GTTT", "MG"]
