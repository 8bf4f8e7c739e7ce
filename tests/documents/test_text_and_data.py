"""How instants, dates and durations are written, and what the input values refuse."""
from __future__ import annotations

from datetime import date, datetime, timezone

import pytest

from app.documents import Component, Duration, Handoff, Party, ResultContent, result_code
from app.documents.text import clean, date_line, date_words, datetime_words, duration, markup, short_datetime

from . import samples


def test_instants_print_in_ho_chi_minh_time_to_the_minute():
    instant = datetime(2026, 11, 23, 1, 15, tzinfo=timezone.utc)
    assert datetime_words(instant) == "08 giờ 15 phút, ngày 23 tháng 11 năm 2026"
    assert short_datetime(instant) == "08:15\n23/11/2026"
    assert short_datetime(None) == ""


def test_days_below_ten_and_january_february_take_a_leading_zero():
    assert date_words(date(2026, 3, 5)) == "ngày 05 tháng 3 năm 2026"
    assert date_words(date(2026, 2, 5)) == "ngày 05 tháng 02 năm 2026"
    assert date_words(date(2026, 12, 24)) == "ngày 24 tháng 12 năm 2026"
    # late evening UTC is already the next day in Viet Nam
    assert date_line("Bình An", datetime(2026, 1, 8, 20, 0, tzinfo=timezone.utc)) == \
        "Bình An, ngày 09 tháng 01 năm 2026"
    assert date_line("", date(2026, 1, 9)) == "Ngày 09 tháng 01 năm 2026"


def test_durations_in_the_catalogue_s_units():
    assert duration(Duration(10)) == "10 ngày làm việc"
    assert duration(Duration(8, "working_hours")) == "8 giờ làm việc"
    assert duration(Duration(2.5, "calendar_days")) == "2,5 ngày"


def test_user_text_is_composed_escaped_and_stripped_of_controls():
    assert clean("Nguye\u0302\u0303n\x00\u202e") == "Nguyễn"
    assert markup("<b>A & B</b>\nC") == "&lt;b&gt;A &amp; B&lt;/b&gt;<br/>C"


def test_naive_datetimes_are_refused():
    with pytest.raises(ValueError, match="timezone-aware"):
        samples.receipt(received_at=datetime(2026, 11, 23, 8, 15))
    with pytest.raises(ValueError, match="timezone-aware"):
        Handoff(Party("A"), Party("B"), datetime(2026, 11, 23, 8, 15))


def test_unknown_codes_are_refused():
    with pytest.raises(ValueError):
        Component("Tờ khai", kind="photocopy")
    with pytest.raises(ValueError):
        Duration(3, "weeks")
    with pytest.raises(ValueError):
        Handoff(Party("A"), Party("B"), samples.vn(2026, 11, 23, 8), verdict="sớm")
    with pytest.raises(ValueError, match="KQ"):
        samples.result(result_code=samples.CODE)
    with pytest.raises(ValueError):
        result_code(samples.CODE, 0)


def test_lists_are_frozen_into_tuples():
    content = ResultContent("Tiêu đề", fields=[["Họ và tên", "Nguyễn Văn An"]], paragraphs=["Một"])
    assert content.fields == (("Họ và tên", "Nguyễn Văn An"),) and content.paragraphs == ("Một",)
    assert isinstance(samples.receipt().components, tuple)
    assert hash(content) == hash(ResultContent("Tiêu đề", fields=[("Họ và tên", "Nguyễn Văn An")],
                                               paragraphs=("Một",)))


def test_the_paper_result_reprints_the_signed_result():
    paper = samples.paper()
    result = samples.result()
    assert (paper.document_number, paper.signing_agency, paper.signer, paper.signed_on, paper.result_code,
            paper.content, paper.verify_url, paper.applicant) == \
        (result.number, result.agency.name, result.signer.name, result.issued_on, result.result_code,
         result.content, result.verify_url, result.applicant)


def test_the_typeface_ships_inside_the_package_with_its_licence():
    from app.documents.typography import FONT_DIR
    assert sorted(path.name for path in FONT_DIR.glob("*.ttf")) == [
        "LiberationSerif-Bold.ttf", "LiberationSerif-Italic.ttf", "LiberationSerif-Regular.ttf"]
    assert "SIL Open Font License" in (FONT_DIR / "LICENSE").read_text()
