"""Signing a result and verifying it: pdfsig (poppler, NSS) is the independent reader, and
verify_pdf must agree with it on intact, trusted and changed files."""
from __future__ import annotations

import io
import re

import pytest

from app.signing.backends import SigningUnavailable
from app.signing.loop import outside_event_loop
from app.signing.verify import VerificationError, verify_pdf

from .conftest import (
    AT, NOT_PDF_WITH_BYTE_RANGE, SIGNING_AGENCY, TEXT, add_annotation, flip, in_padding, make_pdf, nss_database,
    pdfsig, self_signed, sign,
)


def test_pdfsig_accepts_the_signature(keys, clean_app, tmp_path):
    signed = sign(clean_app)
    report = pdfsig(signed, tmp_path)
    assert "Signature Validation: Signature is Valid." in report
    assert "Signer Certificate Common Name: Sở Tư pháp tỉnh Bình An" in report
    assert "Signature Type: ETSI.CAdES.detached" in report  # PAdES
    assert "Signing Time: Feb 13 2026 02:30:00" in report  # the injected instant (TZ=UTC)
    assert "Total document signed" in report
    assert "Certificate is Trusted." not in report  # nobody told NSS about our root


def test_pdfsig_trusts_the_signer_once_it_trusts_our_root(keys, clean_app, tmp_path):
    nss = nss_database(tmp_path / "nss", trusted_root=keys / "root.cert.pem")
    report = pdfsig(sign(clean_app), tmp_path, nss_dir=nss)
    assert "Signature is Valid." in report
    assert "Certificate Validation: Certificate is Trusted." in report


def test_verify_reports_a_valid_signature(keys, clean_app):
    [report] = verify_pdf(sign(clean_app), clean_app.config)
    assert report.valid and report.intact and report.trusted
    assert not report.modified_after_signing and report.modification == "none" and report.document_ok
    assert report.signer == "Sở Tư pháp tỉnh Bình An (Ủy ban nhân dân tỉnh Bình An)"
    assert report.signer_common_name == "Sở Tư pháp tỉnh Bình An"
    assert report.signer_organisation == "Ủy ban nhân dân tỉnh Bình An"
    assert report.signer_code == SIGNING_AGENCY
    assert report.signer_name == "Phạm Thị Dung"
    assert report.reason == "Phê duyệt kết quả giải quyết" and report.location == "Bình An"
    assert report.signed_at == AT and report.signed_at.utcoffset() is not None
    assert report.summary == ("Chữ ký số hợp lệ của Sở Tư pháp tỉnh Bình An (Ủy ban nhân dân tỉnh Bình An); "
                              "tệp không bị thay đổi sau khi ký.")


def test_the_signing_time_defaults_to_now(keys, clean_app):
    from datetime import datetime, timezone
    before = datetime.now(timezone.utc).replace(microsecond=0)
    [report] = verify_pdf(sign(clean_app, at=None), clean_app.config)
    assert before <= report.signed_at <= datetime.now(timezone.utc)


def test_one_changed_byte_breaks_the_signature(keys, clean_app, tmp_path):
    signed = sign(clean_app)
    at = signed.index(TEXT.encode())
    changed = signed[:at] + b"X" + signed[at + 1:]
    [report] = verify_pdf(changed, clean_app.config)
    assert not report.intact and not report.valid and not report.trusted
    assert report.modified_after_signing and report.modification == "altered"
    assert report.coverage == "Nội dung đã ký bị sửa: tệp đã bị thay đổi sau khi ký."
    assert "không còn nguyên vẹn" in report.summary
    assert "Signature is Valid." not in pdfsig(changed, tmp_path)


def test_an_update_after_signing_is_reported(keys, clean_app, tmp_path):
    annotated = add_annotation(sign(clean_app))
    [report] = verify_pdf(annotated, clean_app.config)
    assert report.intact and report.valid  # what was signed is still what was signed...
    assert report.modified_after_signing  # ...but the file has more than that
    assert report.modification == "other" and not report.document_ok
    # pyHanko's modification analysis cannot tell this page update from a change of content
    assert report.coverage == "Sau khi ký, tệp đã bị sửa đổi thêm; nội dung hiển thị có thể khác với nội dung đã ký."
    assert "; sau khi ký, tệp đã bị sửa đổi thêm" in report.summary
    assert "Not total document signed" in pdfsig(annotated, tmp_path)


def test_a_second_signature_keeps_the_first_valid(keys, clean_app):
    twice = sign(clean_app, sign(clean_app), agency="000.00.00.H99")
    first, second = verify_pdf(twice, clean_app.config)
    assert first.valid and first.modified_after_signing and first.modification == "form_filling"
    assert first.document_ok and second.document_ok  # a later signature is a legitimate update
    assert first.coverage.startswith("Sau khi ký, tệp được bổ sung chữ ký khác")
    assert second.valid and not second.modified_after_signing
    assert (first.signer_code, second.signer_code) == (SIGNING_AGENCY, "000.00.00.H99")
    assert first.field_name != second.field_name


def test_a_signature_field_added_after_signing_and_signed_by_nobody_is_a_change(keys, clean_app, tmp_path):
    """An empty signature field can draw anything over the page (its appearance): pyHanko counts
    it as form filling, like a second signature, but nobody signed what it shows."""
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.sign.fields import SigFieldSpec, append_signature_field
    writer = IncrementalPdfFileWriter(io.BytesIO(sign(clean_app)))
    append_signature_field(writer, SigFieldSpec("Overlay", on_page=0, box=(60, 380, 560, 470)))
    out = io.BytesIO()
    writer.write(out)
    [report] = verify_pdf(out.getvalue(), clean_app.config)
    assert report.valid and report.modification == "unsigned_fields" and not report.document_ok
    assert "không ai ký lại phần thêm đó" in report.summary
    # Signed again by a trusted signer, what was added is covered.
    first, second = verify_pdf(sign(clean_app, out.getvalue(), agency="000.00.00.H99"), clean_app.config)
    assert first.modification == "form_filling" and first.document_ok and second.document_ok


def test_a_foreign_certificate_is_intact_but_not_trusted(keys, clean_app, tmp_path):
    foreign = tmp_path / "foreign"
    certificate = self_signed(foreign, SIGNING_AGENCY, "Sở Tư pháp tỉnh Bình An")  # same name, not our CA
    signed = sign(clean_app, config={"MOTCUA_KEYS_DIR": str(foreign), "MOTCUA_TRUST_ROOTS": str(certificate)})
    [report] = verify_pdf(signed, clean_app.config)
    assert report.intact and not report.trusted and not report.valid
    assert report.signer == "Sở Tư pháp tỉnh Bình An (Công ty Giả mạo)"
    assert "không do tổ chức chứng thực mà hệ thống tin cậy cấp" in report.summary
    assert "Signature is Valid." in pdfsig(signed, tmp_path)


def test_an_expired_certificate_is_not_trusted(keys, clean_app):
    from datetime import timedelta
    signed = sign(clean_app)
    [report] = verify_pdf(signed, clean_app.config, at=AT + timedelta(days=365 * 6))
    assert report.intact and not report.trusted
    assert "đã hết hạn" in report.summary


def test_a_pdf_without_signatures_has_no_report(clean_app):
    assert verify_pdf(make_pdf(), clean_app.config) == []


@pytest.mark.parametrize("data, reason", [
    (b"", "empty"),
    (b"MZ\x90\x00 an executable", "not_pdf"),
    (b"<html><body>%PDF-1.7</body></html>", "not_pdf"),
    (b"%PDF-1.7\n1 0 obj garbage\nstartxref\n0\n%%EOF\n", "damaged"),
    (NOT_PDF_WITH_BYTE_RANGE, "not_pdf"),
])
def test_unreadable_input_is_a_vietnamese_error(clean_app, data, reason):
    with pytest.raises(VerificationError) as caught:
        verify_pdf(data, clean_app.config)
    assert caught.value.reason == reason
    assert caught.value.message and caught.value.message.startswith("Tệp")


def test_a_truncated_or_broken_signed_file_is_an_error_not_a_crash(keys, clean_app):
    signed = sign(clean_app)
    with pytest.raises(VerificationError) as caught:
        verify_pdf(signed[: len(signed) * 2 // 3], clean_app.config)
    assert caught.value.reason == "damaged"
    contents = signed.index(b"/Contents <") + len(b"/Contents <")
    broken = signed[:contents] + b"0" * 16 + signed[contents + 16:]  # the CMS blob, outside the signed bytes
    with pytest.raises(VerificationError) as caught:
        verify_pdf(broken, clean_app.config)
    assert caught.value.reason == "broken_signature"
    assert "chữ ký bị hỏng" in caught.value.message


@pytest.mark.parametrize("position", [2, -3], ids=["header", "end marker"])
def test_a_changed_header_or_end_marker_is_a_change_after_signing(keys, clean_app, tmp_path, position):
    """pyHanko cannot read such a file, but its signature is still there: the signed bytes no
    longer match, as pdfsig says, which is no "not a PDF" nor "incomplete download"."""
    signed = sign(clean_app)
    assert signed.startswith(b"%PDF-") and signed.endswith(b"%%EOF\n")
    changed = flip(signed, position % len(signed))
    [report] = verify_pdf(changed, clean_app.config)
    assert not report.intact and not report.valid and not report.trusted
    assert report.modified_after_signing and report.modification == "altered"
    assert "không còn nguyên vẹn" in report.summary
    assert report.signer == "Sở Tư pháp tỉnh Bình An (Ủy ban nhân dân tỉnh Bình An)"
    assert report.signer_code == SIGNING_AGENCY
    assert "Digest Mismatch" in pdfsig(changed, tmp_path)


@pytest.mark.parametrize("word", [b"/Type /Sig", b"/FT /Sig"])
def test_a_change_that_hides_the_signature_from_pyhanko_is_a_change_not_an_unsigned_file(keys, clean_app, word):
    signed = sign(clean_app)
    [report] = verify_pdf(flip(signed, signed.index(word) + len(word) - 1), clean_app.config)
    assert not report.intact and not report.valid and report.modification == "altered"


def test_a_changed_header_breaks_every_signature(keys, clean_app):
    twice = sign(clean_app, sign(clean_app), agency="000.00.00.H99")
    reports = verify_pdf(flip(twice, 2), clean_app.config)
    assert [(r.intact, r.valid, r.signer_code) for r in reports] == [
        (False, False, SIGNING_AGENCY), (False, False, "000.00.00.H99")]


def test_a_changed_byte_in_the_unused_padding_of_the_signature_is_harmless(keys, clean_app, tmp_path):
    """The zeros after the CMS in /Contents are neither signed nor part of the signature:
    pdfsig reads past a byte changed there (here "j", not even a hex digit), and so do we."""
    signed = sign(clean_app)
    changed = flip(signed, in_padding(signed))
    [report] = verify_pdf(changed, clean_app.config)
    assert report.valid and report.document_ok and not report.modified_after_signing
    assert report.signer_name == "Phạm Thị Dung"  # the whole file read, as if untouched
    assert "Signature is Valid." in pdfsig(changed, tmp_path)


def test_a_changed_padding_byte_a_later_signature_signed_is_a_change(keys, clean_app, tmp_path):
    twice = sign(clean_app, sign(clean_app), agency="000.00.00.H99")
    changed = flip(twice, in_padding(twice))  # the first signature's, inside the second's ranges
    first, second = verify_pdf(changed, clean_app.config)
    assert first.valid and first.modified_after_signing and not first.document_ok
    assert not second.intact and not second.valid and second.modification == "altered"
    assert "Digest Mismatch" in pdfsig(changed, tmp_path)


def test_bytes_appended_after_signing_are_a_change_of_an_intact_signature(keys, clean_app):
    [report] = verify_pdf(sign(clean_app) + b"\x00garbage" * 300, clean_app.config)
    assert report.intact and report.valid and report.modification == "other" and not report.document_ok


@pytest.mark.parametrize("tail", [b"\r\n", b"\n\n   \n", b"\x00" * 64])
def test_line_ends_added_after_signing_change_nothing(keys, clean_app, tail):
    """A signed file that picked up a line end in transfer is the document as signed."""
    [report] = verify_pdf(sign(clean_app) + tail, clean_app.config)
    assert report.valid and report.document_ok and not report.modified_after_signing
    assert "khoảng trắng" in report.coverage


def test_no_changed_byte_crashes_verification_or_passes_as_valid(keys, clean_app):
    signed = sign(clean_app)
    start, length, second, second_length = map(int, re.search(
        rb"/ByteRange \[\s*(\d+)\s+(\d+)\s+(\d+)\s+(\d+)", signed).groups())
    assert start == 0 and second + second_length == len(signed)
    for position in range(0, len(signed), max(1, len(signed) // 80)):
        damaged = signed[:position] + bytes([signed[position] ^ 0x5A]) + signed[position + 1:]
        try:
            reports = verify_pdf(damaged, clean_app.config)
        except VerificationError as exc:
            assert exc.message
            continue
        if position < length or position >= second:  # a signed byte
            assert not any(r.valid for r in reports), position


def test_a_certificate_from_another_ca_is_not_trusted(keys, clean_app, tmp_path):
    from app.signing.keys import AgencyIdentity, init_keys
    other = tmp_path / "other-province"
    init_keys(other, [AgencyIdentity(SIGNING_AGENCY, "Sở Tư pháp tỉnh Khác", "Ủy ban nhân dân tỉnh Khác")],
              "Ủy ban nhân dân tỉnh Khác")
    [report] = verify_pdf(sign(clean_app, config={"MOTCUA_KEYS_DIR": str(other)}), clean_app.config)
    assert report.intact and not report.trusted and not report.valid
    assert report.signer == "Sở Tư pháp tỉnh Khác (Ủy ban nhân dân tỉnh Khác)"
    assert "không do tổ chức chứng thực mà hệ thống tin cậy cấp" in report.summary


def test_the_input_size_is_bounded(clean_app):
    with pytest.raises(VerificationError) as caught:
        verify_pdf(make_pdf(), {"MOTCUA_VERIFY_MAX_MB": 0.001})
    assert caught.value.reason == "too_large" and "0" in caught.value.message


def test_signing_without_a_key_says_which(keys, clean_app):
    with pytest.raises(SigningUnavailable, match="Chưa có khóa ký của cơ quan 000.00.99.H99"):
        sign(clean_app, agency="000.00.99.H99")


def test_a_pdf_written_slightly_off_the_standard_by_a_common_tool_is_read(clean_app):
    """Pillow writes its xref's free entry with generation 65536: poppler reads the file, so it is
    an unsigned PDF here, not a damaged one."""
    import io

    from PIL import Image
    out = io.BytesIO()
    Image.new("RGB", (200, 100), "white").save(out, "PDF")
    assert verify_pdf(out.getvalue(), clean_app.config) == []


def test_the_signers_name_in_an_encrypted_pdf_is_read_as_text(keys, clean_app, client):
    """A file with only an owner password (it opens without one) signed: the signature
    dictionary's strings are encrypted too; they are shown decrypted, never as an object."""
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.pdf_utils.writer import copy_into_new_writer
    from pyhanko.sign import signers
    from pyhanko.sign.fields import SigSeedSubFilter

    from .test_page import post
    writer = copy_into_new_writer(PdfFileReader(io.BytesIO(make_pdf())))
    writer.encrypt("chu-so-huu", "")
    encrypted = io.BytesIO()
    writer.write(encrypted)
    signer = signers.SimpleSigner.load(str(keys / f"{SIGNING_AGENCY}.key.pem"), str(keys / f"{SIGNING_AGENCY}.cert.pem"),
                                       ca_chain_files=[str(keys / "root.cert.pem")])
    incremental = IncrementalPdfFileWriter(encrypted)
    incremental.encrypt(b"chu-so-huu")
    meta = signers.PdfSignatureMetadata(field_name="ChuKy", name="Phạm Thị Dung", reason="Chứng thực bản sao",
                                        location="Bình An", subfilter=SigSeedSubFilter.PADES, md_algorithm="sha256")
    # pyHanko runs its own loop: not in this thread if the browser tests left one running.
    signed = outside_event_loop(signers.PdfSigner(meta, signer).sign_pdf, incremental).getvalue()
    [report] = verify_pdf(signed, clean_app.config)
    assert (report.signer_name, report.reason, report.location) == ("Phạm Thị Dung", "Chứng thực bản sao", "Bình An")
    html = post(client, signed).get_data(as_text=True)
    assert "<dd>Phạm Thị Dung</dd>" in html and "object at 0x" not in html


def test_an_untrusted_changed_upload_logs_one_line(keys, clean_app, tmp_path, caplog):
    """pyHanko's warnings (a traceback each) are not written for what anyone may upload."""
    import logging
    foreign = tmp_path / "foreign"
    certificate = self_signed(foreign, SIGNING_AGENCY, "Sở Tư pháp tỉnh Bình An")  # trusted only to sign
    changed = add_annotation(sign(clean_app, config={"MOTCUA_KEYS_DIR": str(foreign),
                                                     "MOTCUA_TRUST_ROOTS": str(certificate)}))
    with caplog.at_level(logging.DEBUG, logger="pyhanko"), caplog.at_level(logging.INFO, logger="app"):
        [report] = verify_pdf(changed, clean_app.config)
    assert not report.trusted
    assert [(r.name, r.levelno) for r in caplog.records] == [("app.signing.verify", logging.INFO)]
    assert "untrusted" in caplog.records[0].getMessage() and caplog.records[0].exc_info is None
    # An error pyHanko logs still reaches the log.
    caplog.clear()
    with caplog.at_level(logging.DEBUG, logger="pyhanko"):
        logging.getLogger("pyhanko.sign.validation.generic_cms").error("processing error")
    assert [r.getMessage() for r in caplog.records] == ["processing error"]
