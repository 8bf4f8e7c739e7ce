"""Component files over the API: an application or a supplement sent as multipart/form-data, its
JSON in the part `body` and each file in a part named `tep.<component code>`, checked by the
portal's own rules; a refused part changes nothing and says which part and why."""
from __future__ import annotations

import io
import json

from tests.api.test_lifecycle import LLTP, LLTP_FORM
from tests.conftest import vn
from tests.web.pages import pdf_bytes

APPLICATION = {"procedure_code": LLTP, "data": LLTP_FORM}


def _multipart(api, path: str, body: dict, files: dict, user: str = "congdan", **headers):
    data = {"body": json.dumps(body, ensure_ascii=False),
            **{name: (io.BytesIO(content), file_name) for name, (content, file_name) in files.items()}}
    return api.post(path, user, data=data, content_type="multipart/form-data", headers=headers)


def _count(api) -> int:
    return len(api.get("/dossiers", "congdan").get_json()["items"])


def test_an_application_arrives_with_its_identity_document(api, clock):
    clock.set(vn(2026, 11, 23, 8, 0))
    scan = pdf_bytes("Can cuoc cong dan")
    response = _multipart(api, "/dossiers", APPLICATION, {"tep.GTTT": (scan, "Căn cước.pdf")})
    assert response.status_code == 201, response.get_json()
    [sent] = response.get_json()["files"]
    assert sent["component_code"] == "GTTT" and sent["file_name"] == "Căn cước.pdf" and sent["current"]
    assert sent["size"] == len(scan)
    # The same request again with the same key is the same dossier; with another file, a new one.
    key = {"Idempotency-Key": "lan-1"}
    first = _multipart(api, "/dossiers", APPLICATION, {"tep.GTTT": (scan, "a.pdf")}, **key)
    again = _multipart(api, "/dossiers", APPLICATION, {"tep.GTTT": (scan, "a.pdf")}, **key)
    other = _multipart(api, "/dossiers", APPLICATION, {"tep.GTTT": (pdf_bytes("Ho chieu"), "a.pdf")}, **key)
    assert (first.status_code, again.status_code, other.status_code) == (201, 200, 201)
    assert again.get_json()["id"] == first.get_json()["id"] != other.get_json()["id"]


def test_a_part_naming_no_component_or_a_hostile_file_changes_nothing(api, clock):
    clock.set(vn(2026, 11, 23, 8, 0))
    before = _count(api)
    unknown = _multipart(api, "/dossiers", APPLICATION, {"tep.GTT": (pdf_bytes(), "a.pdf")})
    error = unknown.get_json()["error"]
    assert unknown.status_code == 422 and error["fields"][0]["field"] == "tep.GTT"
    assert "tep.GTT" in error["message"] and "tep.GTTT" in error["message"]  # the names it takes
    executable = _multipart(api, "/dossiers", APPLICATION, {"tep.GTTT": (b"MZ\x90\x00" + b"\x00" * 2000, "a.pdf")})
    error = executable.get_json()["error"]
    assert executable.status_code == 422 and error["fields"][0]["field"] == "tep.GTTT"
    assert "không phải là tệp" in error["fields"][0]["message"]
    broken = api.post("/dossiers", "congdan", data={"body": "{không phải JSON"}, content_type="multipart/form-data")
    assert broken.status_code == 400 and broken.get_json()["error"]["message"] == "Nội dung yêu cầu phải là JSON hợp lệ."
    assert _count(api) == before


def test_a_supplement_replaces_the_component_and_a_withdrawal_takes_no_file(api, clock):
    clock.set(vn(2026, 11, 23, 8, 0))
    created = _multipart(api, "/dossiers", APPLICATION, {"tep.GTTT": (pdf_bytes("Mo"), "mo.pdf")}).get_json()
    api.complete("motcua", "Tiếp nhận hồ sơ", {
        "quyet_dinh": "yeu_cau_bo_sung", "ly_do": "Ảnh mờ.",
        "thanh_phan_can_bo_sung": [{"thanh_phan": "Giấy tờ tùy thân", "yeu_cau": "Bản chụp rõ."}]})
    withdrawal = _multipart(api, f"/dossiers/{created['id']}/withdraw", {"data": {"ly_do_rut": "Thôi."}},
                            {"tep.GTTT": (pdf_bytes(), "a.pdf")})
    assert withdrawal.status_code == 422 and "không nhận tệp" in withdrawal.get_json()["error"]["message"]
    response = _multipart(api, f"/dossiers/{created['id']}/supplement", {"data": {}},
                          {"tep.GTTT": (pdf_bytes("Ro"), "ro.pdf")})
    assert response.status_code == 200, response.get_json()
    files = {(f["file_name"], f["current"]) for f in response.get_json()["files"]}
    assert files == {("mo.pdf", False), ("ro.pdf", True)}


def test_a_supplement_sent_again_with_its_key_is_delivered_once(api, clock):
    """A client that lost the answer sends the supplement again with the same Idempotency-Key:
    the dossier as after the first, not "not waiting" (409); another content under the key is
    another supplement, refused while none is asked for."""
    clock.set(vn(2026, 11, 23, 8, 0))
    created = _multipart(api, "/dossiers", APPLICATION, {"tep.GTTT": (pdf_bytes("Mo"), "mo.pdf")}).get_json()
    api.complete("motcua", "Tiếp nhận hồ sơ", {
        "quyet_dinh": "yeu_cau_bo_sung", "ly_do": "Ảnh mờ.",
        "thanh_phan_can_bo_sung": [{"thanh_phan": "Giấy tờ tùy thân", "yeu_cau": "Bản chụp rõ."}]})
    path, scan = f"/dossiers/{created['id']}/supplement", pdf_bytes("Ro")
    first = _multipart(api, path, {"data": {}}, {"tep.GTTT": (scan, "ro.pdf")}, **{"Idempotency-Key": "bs-1"})
    again = _multipart(api, path, {"data": {}}, {"tep.GTTT": (scan, "ro.pdf")}, **{"Idempotency-Key": "bs-1"})
    assert (first.status_code, again.status_code) == (200, 200), again.get_json()
    assert again.get_json()["files"] == first.get_json()["files"]
    assert sum(e["kind"] == "supplement_changes" for e in again.get_json()["history"]) == 1
    other = _multipart(api, path, {"data": {}}, {"tep.GTTT": (pdf_bytes("Khac"), "ro.pdf")}, **{"Idempotency-Key": "bs-1"})
    unkeyed = _multipart(api, path, {"data": {}}, {"tep.GTTT": (scan, "ro.pdf")})
    assert (other.status_code, unkeyed.status_code) == (409, 409)


def test_files_tell_two_applications_apart_without_a_key(api, clock):
    """Without an Idempotency-Key, the same application sent again within minutes is one dossier;
    with other files (or the same file for another component) it is another, never a dossier
    that silently drops what was sent."""
    clock.set(vn(2026, 11, 23, 8, 0))
    scan = pdf_bytes("Mat truoc")
    first = _multipart(api, "/dossiers", APPLICATION, {"tep.GTTT": (scan, "a.pdf")})
    again = _multipart(api, "/dossiers", APPLICATION, {"tep.GTTT": (scan, "a.pdf")})
    other = _multipart(api, "/dossiers", APPLICATION, {"tep.GTTT": (pdf_bytes("Mat sau"), "b.pdf")})
    elsewhere = _multipart(api, "/dossiers", APPLICATION, {"tep.GTTT": (scan, "a.pdf"), "tep.UQ": (scan, "a.pdf")})
    assert (first.status_code, again.status_code, other.status_code, elsewhere.status_code) == (201, 200, 201, 201)
    assert again.get_json()["id"] == first.get_json()["id"]
    assert [f["file_name"] for f in other.get_json()["files"]] == ["b.pdf"]


def test_a_reason_of_spaces_alone_is_no_reason(api, clock):
    clock.set(vn(2026, 11, 23, 8, 0))
    created = _multipart(api, "/dossiers", APPLICATION, {"tep.GTTT": (pdf_bytes(), "a.pdf")}).get_json()
    task = api.task("motcua", "Tiếp nhận hồ sơ", created["id"])["id"]
    refused = api.post(f"/tasks/{task}/complete", "motcua", json={"data": {"quyet_dinh": "tu_choi", "ly_do": "   "}})
    assert refused.status_code == 422
    assert refused.get_json()["error"]["fields"] == [{"field": "ly_do", "message": "Trường «Lý do» là bắt buộc."}]


def test_someone_elses_dossier_is_not_confirmed_to_exist(api, clock, clean_app):
    from app.db import db
    from app.users.models import User
    from app.users.passwords import hash_password
    from tests.conftest import PASSWORD
    clock.set(vn(2026, 11, 23, 8, 0))
    created = _multipart(api, "/dossiers", APPLICATION, {"tep.GTTT": (pdf_bytes(), "a.pdf")}).get_json()
    with clean_app.app_context():
        db.session.add(User(username="khac", password_hash=hash_password(PASSWORD), role="citizen", full_name="Người Khác",
                            email_verified_at=vn(2026, 11, 1)))
        db.session.commit()
        db.session.remove()
    for action in ("withdraw", "supplement"):
        stranger = api.post(f"/dossiers/{created['id']}/{action}", "khac", json={"data": {"ly_do_rut": "Thôi."}})
        assert stranger.status_code == 404, action


def _blobs(app) -> int:
    from pathlib import Path
    return sum(1 for p in Path(app.config["MOTCUA_UPLOAD_DIR"]).rglob("*") if p.is_file())


def test_an_application_without_a_required_component_is_refused_as_on_the_portal(api, clock):
    clock.set(vn(2026, 11, 23, 8, 0))
    bare = api.post("/dossiers", "congdan", json=APPLICATION, components=False)
    error = bare.get_json()["error"]
    assert bare.status_code == 422 and error["message"] == "Hồ sơ thiếu thành phần bắt buộc; xem lỗi của từng phần tệp."
    assert error["fields"] == [{"field": "tep.GTTT", "message": "Thiếu thành phần hồ sơ «Giấy tờ tùy thân (Căn cước "
                                "công dân, hộ chiếu)»: gửi tệp trong phần tep.GTTT (yêu cầu multipart/form-data)."}]
    # Exempt from the fee: the proof of it too, with why it is asked for.
    exempt = {**APPLICATION, "data": {**LLTP_FORM, "doi_tuong_nop_phi": "mien"}}
    unproven = _multipart(api, "/dossiers", exempt, {"tep.GTTT": (pdf_bytes(), "cccd.pdf")})
    [field] = unproven.get_json()["error"]["fields"]
    assert unproven.status_code == 422 and field["field"] == "tep.MG"
    assert "bắt buộc khi «Mức phí áp dụng»" in field["message"]
    assert _count(api) == 0


def test_parts_the_request_cannot_use_are_refused_not_dropped(api, clock, clean_app):
    clock.set(vn(2026, 11, 23, 8, 0))
    body = json.dumps(APPLICATION, ensure_ascii=False)
    scan, blobs = pdf_bytes("Chua luu"), _blobs(clean_app)

    def sent(**parts):
        return api.post("/dossiers", "congdan", data=parts, content_type="multipart/form-data")

    as_text = sent(body=body, **{"tep.GTTT": "JVBERi0xLjQK"})
    assert as_text.status_code == 422 and as_text.get_json()["error"]["fields"][0]["field"] == "tep.GTTT"
    assert "phải là một tệp" in as_text.get_json()["error"]["message"]
    nameless = sent(body=body, **{"tep.GTTT": (io.BytesIO(scan), "")})
    assert nameless.status_code == 422 and "không có tên tệp (filename)" in nameless.get_json()["error"]["message"]
    stray = sent(body=body, ghi_chu="x", **{"tep.GTTT": (io.BytesIO(scan), "a.pdf")})
    assert stray.status_code == 422 and "Phần ghi_chu không dùng được" in stray.get_json()["error"]["message"]
    twice = api.post("/dossiers", "congdan", data={"body": [body, body], "tep.GTTT": (io.BytesIO(scan), "a.pdf")},
                     content_type="multipart/form-data")
    assert twice.status_code == 400 and "nhiều phần «body»" in twice.get_json()["error"]["message"]
    as_file = sent(body=(io.BytesIO(body.encode()), "body.json"), **{"tep.GTTT": (io.BytesIO(scan), "a.pdf")})
    assert as_file.status_code == 400 and "không phải một tệp" in as_file.get_json()["error"]["message"]
    missing = sent(**{"tep.GTTT": (io.BytesIO(scan), "a.pdf")})
    assert missing.status_code == 400 and "thiếu phần «body»" in missing.get_json()["error"]["message"]
    assert _count(api) == 0 and _blobs(clean_app) == blobs


def test_a_refused_request_stores_none_of_its_files(api, clock, clean_app):
    """A good file beside a bad one, a closed procedure, a supplement nobody asked for or with
    a wrong answer: refused, and the good file is not kept either."""
    from sqlalchemy import update

    from app.catalogue.models import Procedure
    from app.db import db
    clock.set(vn(2026, 11, 23, 8, 0))
    created = _multipart(api, "/dossiers", APPLICATION, {"tep.GTTT": (pdf_bytes("Mo"), "mo.pdf")}).get_json()
    before = _blobs(clean_app)
    half = _multipart(api, "/dossiers", APPLICATION, {"tep.GTTT": (pdf_bytes("Tot"), "a.pdf"),
                                                        "tep.UQ": (b"MZ\x90\x00" + b"\x00" * 100, "uq.pdf")})
    unasked = _multipart(api, f"/dossiers/{created['id']}/supplement", {"data": {}},
                         {"tep.GTTT": (pdf_bytes("Khong ai hoi"), "b.pdf")})
    assert (half.status_code, unasked.status_code) == (422, 409)
    api.complete("motcua", "Tiếp nhận hồ sơ", {
        "quyet_dinh": "yeu_cau_bo_sung", "ly_do": "Ảnh mờ.",
        "thanh_phan_can_bo_sung": [{"thanh_phan": "Giấy tờ tùy thân", "yeu_cau": "Bản chụp rõ."}]})
    wrong = _multipart(api, f"/dossiers/{created['id']}/supplement", {"data": {"so_ban": "hai"}},
                       {"tep.GTTT": (pdf_bytes("Sai du lieu"), "c.pdf")})
    assert wrong.status_code == 422
    with clean_app.app_context():
        db.session.execute(update(Procedure).where(Procedure.code == APPLICATION["procedure_code"]).values(published=False))
        db.session.commit()
        db.session.remove()
    closed = _multipart(api, "/dossiers", APPLICATION, {"tep.GTTT": (pdf_bytes("Dong"), "d.pdf")})
    assert closed.status_code == 409 and _blobs(clean_app) == before


def test_a_request_too_large_says_the_limits(api, clean_app):
    clean_app.config["MAX_CONTENT_LENGTH"] = 1024 * 1024
    try:
        big = (io.BytesIO(b"%PDF" + b"0" * 2_000_000), "a.pdf")
        response = api.post("/dossiers", "congdan", data={"body": "{}", "tep.GTTT": big},
                            content_type="multipart/form-data")
    finally:
        clean_app.config["MAX_CONTENT_LENGTH"] = 25 * 1024 * 1024
    message = response.get_json()["error"]["message"]
    assert response.status_code == 413 and "tối đa 1 MB (kể cả tệp)" in message and "tối đa 4 MB" in message


def test_a_supplement_declaring_an_exemption_brings_its_proof(api, clock):
    """The supplement completes the application: an exemption declared in it requires the
    proof, as on the application; with the proof it is taken."""
    clock.set(vn(2026, 11, 23, 8, 0))
    created = _multipart(api, "/dossiers", APPLICATION, {"tep.GTTT": (pdf_bytes("Mo"), "mo.pdf")}).get_json()
    api.complete("motcua", "Tiếp nhận hồ sơ", {
        "quyet_dinh": "yeu_cau_bo_sung", "ly_do": "Ảnh mờ.",
        "thanh_phan_can_bo_sung": [{"thanh_phan": "Giấy tờ tùy thân", "yeu_cau": "Bản chụp rõ."}]})
    path, exempt = f"/dossiers/{created['id']}/supplement", {"data": {"doi_tuong_nop_phi": "mien"}}
    unproven = _multipart(api, path, exempt, {"tep.GTTT": (pdf_bytes("Ro"), "ro.pdf")})
    [field] = unproven.get_json()["error"]["fields"]
    assert unproven.status_code == 422 and field["field"] == "tep.MG"
    assert "nội dung bổ sung làm thành phần này bắt buộc" in field["message"] and "bắt buộc khi" in field["message"]
    proven = _multipart(api, path, exempt, {"tep.GTTT": (pdf_bytes("Ro"), "ro.pdf"),
                                            "tep.MG": (pdf_bytes("The nguoi cao tuoi"), "mg.pdf")})
    assert proven.status_code == 200 and proven.get_json()["form_data"]["doi_tuong_nop_phi"] == "mien"
