"""The working calendar against hand-counted deadlines (Vietnam, 07:30-11:30 and 13:00-17:00)."""
from __future__ import annotations

from datetime import date, datetime, timezone

import pytest

from engine.calendar import WorkingCalendar
from engine.calendar_functions import deadline_functions
from engine.expressions import ExpressionError, evaluate
from engine.profile import ProfileError, UnknownProvince, load_profile, parse_profile
from tests.conftest import vn


@pytest.fixture(scope="module")
def cal():
    return WorkingCalendar(load_profile("demo"))


def iso(instant: datetime) -> str:
    return instant.isoformat()


@pytest.mark.parametrize("start, hours, expected", [
    # In working time: 2.5 + 4 hours on Monday, 1.5 on Tuesday.
    (vn(2026, 11, 16, 9, 0), 8, "2026-11-17T09:00:00+07:00"),
    # At lunch: the clock starts at 13:00.
    (vn(2026, 11, 16, 12, 0), 8, "2026-11-17T11:30:00+07:00"),
    # After 17:00: the clock starts the next morning and ends at the close of that day.
    (vn(2026, 11, 16, 17, 30), 8, "2026-11-17T17:00:00+07:00"),
    # Friday evening: Monday, then Tuesday 24/11 (Vietnam Cultural Day, from 2026) is skipped.
    (vn(2026, 11, 20, 18, 0), 9, "2026-11-25T08:30:00+07:00"),
    (vn(2026, 11, 23, 16, 0), 2, "2026-11-25T08:30:00+07:00"),
    # 24/11/2025 was still a working day.
    (vn(2025, 11, 21, 16, 0), 2, "2025-11-24T08:30:00+07:00"),
    # Before Tết 2026 (16-20/02): Thursday 2 h, Friday 8 h, then Monday 23/02.
    (vn(2026, 2, 12, 15, 0), 16, "2026-02-23T15:00:00+07:00"),
    # The government's swap of 2026: Saturday 22/08 is worked, Monday 31/08 is off.
    (vn(2026, 8, 21, 16, 0), 2, "2026-08-22T08:30:00+07:00"),
    # An instant in another zone: 05:00 UTC is 12:00 in Vietnam, lunch time.
    (datetime(2026, 11, 20, 5, 0, tzinfo=timezone.utc), 1, "2026-11-20T14:00:00+07:00"),
    # Half an hour counts as half an hour.
    (vn(2026, 11, 16, 11, 0), 0.5, "2026-11-16T11:30:00+07:00"),
    (vn(2026, 11, 16, 11, 0), 0.75, "2026-11-16T13:15:00+07:00"),
])
def test_working_hours(cal, start, hours, expected):
    assert iso(cal.add_working_hours(start, hours)) == expected


@pytest.mark.parametrize("start, days, expected", [
    # The issue's example: Friday 13/02/2026 16:30, then Tết and a weekend.
    (vn(2026, 2, 13, 16, 30), 3, "2026-02-25T16:30:00+07:00"),
    # Across 30/4 and 1/5 (Thursday, Friday in 2026).
    (vn(2026, 4, 29, 10, 0), 2, "2026-05-05T10:00:00+07:00"),
    # Across 2/9: Monday 31/08 (swapped), Tuesday 1/9 and Wednesday 2/9 are off.
    (vn(2026, 8, 28, 13, 0), 2, "2026-09-04T11:30:00+07:00"),
    # Ten working days from Monday 23/11/2026 08:00, with 24/11 off.
    (vn(2026, 11, 23, 8, 0), 10, "2026-12-08T08:00:00+07:00"),
    # Friday evening: one working day is all of Monday.
    (vn(2026, 11, 20, 18, 0), 1, "2026-11-23T17:00:00+07:00"),
    (vn(2026, 11, 16, 9, 0), 0.5, "2026-11-16T14:30:00+07:00"),
])
def test_working_days(cal, start, days, expected):
    assert iso(cal.add_working_days(start, days)) == expected


def test_swapped_working_saturday_and_own_day_off_from_the_profile(cal):
    # provinces/demo.json: Saturday 09/01/2027 is worked in exchange for Monday 04/01/2027.
    assert cal.is_working_day(date(2027, 1, 9)) and not cal.is_working_day(date(2027, 1, 4))
    assert iso(cal.add_working_hours(vn(2027, 1, 8, 16, 0), 2)) == "2027-01-09T08:30:00+07:00"
    # Thursday 31/12, then New Year's Day, the weekend and the province's own day off.
    assert iso(cal.add_working_hours(vn(2026, 12, 31, 16, 0), 2)) == "2027-01-05T08:30:00+07:00"
    # Without the profile's days the national calendar alone applies.
    national = WorkingCalendar(parse_profile("x", {}))
    assert iso(national.add_working_hours(vn(2027, 1, 8, 16, 0), 2)) == "2027-01-11T08:30:00+07:00"


def test_official_start(cal):
    assert iso(cal.official_start(vn(2026, 11, 16, 9, 0))) == "2026-11-16T09:00:00+07:00"
    assert iso(cal.official_start(vn(2026, 11, 16, 11, 30))) == "2026-11-16T13:00:00+07:00"
    assert iso(cal.official_start(vn(2026, 11, 16, 6, 0))) == "2026-11-16T07:30:00+07:00"
    assert iso(cal.official_start(vn(2026, 11, 20, 17, 0))) == "2026-11-23T07:30:00+07:00"
    assert iso(cal.official_start(vn(2026, 2, 14, 10, 0))) == "2026-02-23T07:30:00+07:00"
    assert cal.is_working_time(vn(2026, 11, 16, 7, 30)) and not cal.is_working_time(vn(2026, 11, 24, 9, 0))


@pytest.mark.parametrize("start, days, expected", [
    # The first day is Saturday: moved to the close of Monday.
    (vn(2026, 11, 20, 10, 0), 1, "2026-11-23T17:00:00+07:00"),
    # The first day is 24/11: moved to Wednesday.
    (vn(2026, 11, 23, 10, 0), 1, "2026-11-25T17:00:00+07:00"),
    (vn(2026, 11, 16, 10, 0), 3, "2026-11-19T17:00:00+07:00"),
    # Submitted on Saturday: counted from Monday's official start.
    (vn(2026, 11, 21, 10, 0), 2, "2026-11-25T17:00:00+07:00"),
])
def test_calendar_days(cal, start, days, expected):
    assert iso(cal.add_calendar_days(start, days)) == expected


def test_other_working_hours_from_the_profile():
    cal = WorkingCalendar(parse_profile("x", {"working_hours": [["08:00", "12:00"], ["13:30", "17:30"]]}))
    assert cal.hours_per_day == 8
    assert iso(cal.add_working_days(vn(2026, 11, 16, 12, 15), 1)) == "2026-11-17T12:00:00+07:00"


def test_working_hours_between(cal):
    assert cal.working_hours_between(vn(2026, 11, 23, 8, 0), vn(2026, 11, 25, 8, 0)) == 8
    assert cal.working_hours_between(vn(2026, 11, 25, 8, 0), vn(2026, 11, 23, 8, 0)) == -8
    assert cal.working_hours_between(vn(2026, 11, 16, 11, 0), vn(2026, 11, 16, 13, 30)) == 1


@pytest.mark.parametrize("call", [
    lambda c: c.add_working_hours(datetime(2026, 11, 16, 9, 0), 8),  # no time zone
    lambda c: c.add_working_hours(vn(2026, 11, 16, 9, 0), 0),
    lambda c: c.add_working_hours(vn(2026, 11, 16, 9, 0), -1),
    lambda c: c.add_working_hours(vn(2026, 11, 16, 9, 0), float("nan")),
    lambda c: c.add_working_days(vn(2026, 11, 16, 9, 0), True),
    lambda c: c.add_working_days(vn(2026, 11, 16, 9, 0), 10 ** 9),
    lambda c: c.add_calendar_days(vn(2026, 11, 16, 9, 0), 1.5),
])
def test_invalid_amounts_and_instants_are_refused(cal, call):
    with pytest.raises(ValueError) as refused:
        call(cal)
    assert str(refused.value)


def test_profiles_are_checked():
    with pytest.raises(UnknownProvince):
        load_profile("khong-co")
    with pytest.raises(UnknownProvince):
        load_profile("../etc/passwd")
    with pytest.raises(ProfileError):
        parse_profile("x", {"working_hours": [["13:00", "17:00"], ["07:30", "11:30"]]})
    with pytest.raises(ProfileError):
        parse_profile("x", {"days_off": [{"date": "31/12/2026"}]})
    profile = load_profile("demo")
    assert profile.policy("reception_working_hours", date(2026, 11, 22)) == 8
    with pytest.raises(ProfileError):
        profile.policy("reception_working_hours", date(2010, 1, 1))


def test_effective_dated_policies():
    profile = parse_profile("x", {"policies": [
        {"effective_from": "2018-06-01", "reception_working_hours": 8},
        {"effective_from": "2026-07-01", "reception_working_hours": 4}]})
    assert profile.policy("reception_working_hours", date(2026, 6, 30)) == 8
    assert profile.policy("reception_working_hours", vn(2026, 7, 1, 0, 0)) == 4


def test_deadline_functions_in_expressions(cal):
    functions = deadline_functions(cal, vn(2026, 11, 20, 16, 0))
    assert iso(evaluate("working_hours(8)", {}, functions)) == "2026-11-23T16:00:00+07:00"
    assert iso(evaluate("working_days(3)", {}, functions)) == "2026-11-26T16:00:00+07:00"
    assert iso(evaluate("calendar_days(1)", {}, functions)) == "2026-11-23T17:00:00+07:00"
    assert iso(evaluate("working_days(1, ngay)", {"ngay": "2026-11-16T09:00:00+07:00"}, functions)) \
        == "2026-11-17T09:00:00+07:00"
    for bad in ("working_hours(-8)", "working_days(1, 'hôm qua')", "working_days('ba')"):
        with pytest.raises(ExpressionError):
            evaluate(bad, {}, functions)
