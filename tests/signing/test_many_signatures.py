"""A file with more signatures than verification checks (revisions.MAX_SIGNATURES): the answer
comes back, says that only the first ones were checked, and never calls the document valid; at
reception too (signature_summary)."""
from __future__ import annotations

import pytest

from app.signing import revisions
from app.signing.inspect import signature_summary
from app.signing.verify import verify_pdf

from .conftest import AT, sign
from .test_page import post

SIGNATURES = revisions.MAX_SIGNATURES + 4


@pytest.fixture()
def many(keys, clean_app):
    pdf = None
    for _ in range(SIGNATURES):
        pdf = sign(clean_app, pdf)
    return pdf


def test_only_the_first_signatures_are_checked_and_the_file_is_not_valid(many, clean_app, monkeypatch):
    import app.signing.verify as verify
    validated = []
    real = verify.validate_pdf_signature
    monkeypatch.setattr(verify, "validate_pdf_signature", lambda *a, **k: validated.append(1) or real(*a, **k))
    reports = verify_pdf(many, clean_app.config)
    assert len(validated) == len(reports) == revisions.MAX_SIGNATURES
    assert all(r.valid and not r.document_ok and r.modification == "unchecked" for r in reports)
    assert "chỉ kiểm tra 16 chữ ký đầu tiên" in reports[-1].summary


def test_the_page_and_reception_say_the_rest_is_not_vouched_for(many, client, clean_app):
    from zoneinfo import ZoneInfo
    html = post(client, many).get_data(as_text=True)
    assert "Văn bản hợp lệ" not in html and "Cảnh báo: văn bản chưa được xác thực đầy đủ." in html
    assert "chỉ 16 chữ ký đầu tiên được kiểm tra" in html and "không được bảo đảm" in html
    assert ": hợp lệ</h3>" not in html and "Chữ ký 16 trong 16 chữ ký" in html
    # At reception (a citizen's attached PDF) too.
    summary = signature_summary(many, clean_app.config, AT, ZoneInfo("Asia/Ho_Chi_Minh"))
    assert len(summary["signatures"]) == revisions.MAX_SIGNATURES
    assert not any(s["valid"] for s in summary["signatures"])
    assert "không được bảo đảm" in summary["signatures"][0]["verdict"]
