"""The working calendar: national holidays (the `holidays` package, VN), the province's own days
off and swapped working days, and the province's working hours.

The rules, exactly:
- the official start of a period is the instant itself when it falls in working time, otherwise
  the start of the next working period;
- `add_working_hours(t, h)` walks forward h hours from the official start, counting working time only;
- `add_working_days(t, n)` = `add_working_hours(t, n × hours of a working day)`;
- `add_calendar_days(t, n)` ends at the close of the n-th day after the official start's day,
  moved to the close of the next working day when that day is not a working day.
Results are aware datetimes in the province's time zone.
"""
from __future__ import annotations

from datetime import date, datetime, timedelta

import holidays

from .profile import Profile

MAX_DAYS_SEARCHED = 3660  # ten years: a profile with no working day at all must not loop forever

MESSAGES = {
    "naive": "thời điểm phải có múi giờ (ví dụ +07:00).",
    "amount": "thời hạn phải là số dương, không phải «{value}»",
    "amount_text": "thời hạn phải là một số, viết không có dấu ngoặc kép (ví dụ working_days(5)), không phải "
                   "chữ «{value}»",
    "whole_days": "số ngày theo lịch phải là số nguyên, không phải «{value}» (ngày lẻ: dùng working_days)",
    "too_long": "thời hạn «{value}» vượt quá giới hạn tính toán.",
    "no_working_day": "lịch làm việc không có ngày làm việc nào trong mười năm tới.",
}


class WorkingCalendar:
    def __init__(self, profile: Profile):
        self.profile = profile
        self.tz = profile.timezone
        self.hours_per_day = profile.hours_per_day
        self._national = holidays.country_holidays("VN")
        self._working: dict[date, bool] = {}

    # -- days -------------------------------------------------------------------------------

    def is_working_day(self, day: date) -> bool:
        known = self._working.get(day)
        if known is None:
            if day in self.profile.working_days:
                known = True
            elif day in self.profile.days_off:
                known = False
            else:
                # Knows weekends, public holidays, substitute days off and official working
                # Saturdays (Labour Code 2019 Điều 112 and the government's yearly swaps).
                known = self._national.is_working_day(day)
            self._working[day] = known
        return known

    def periods(self, day: date) -> list[tuple[datetime, datetime]]:
        """The working periods of a day as aware instants; none on a day off."""
        if not self.is_working_day(day):
            return []
        return [(datetime.combine(day, start, self.tz), datetime.combine(day, end, self.tz))
                for start, end in self.profile.periods]

    def _periods_from(self, instant: datetime):
        """Every working period that ends after `instant`, in order, as (start, end)."""
        local = _aware(instant).astimezone(self.tz)
        day = local.date()
        for _ in range(MAX_DAYS_SEARCHED):
            for start, end in self.periods(day):
                if end > local:
                    yield max(start, local), end
            day += timedelta(days=1)
        raise ValueError(MESSAGES["no_working_day"])

    # -- instants ---------------------------------------------------------------------------

    def official_start(self, instant: datetime) -> datetime:
        start, _ = next(self._periods_from(instant))
        return start

    def is_working_time(self, instant: datetime) -> bool:
        return self.official_start(instant) == _aware(instant)

    def is_appointment_time(self, instant: datetime) -> bool:
        """Within a working period, its closing instant included: the calendar's own due
        instants often fall there (17:00, 11:30), so a date an officer sets may too."""
        local = _aware(instant).astimezone(self.tz)
        return any(start <= local <= end for start, end in self.periods(local.date()))

    def add_working_hours(self, instant: datetime, hours: float) -> datetime:
        remaining = timedelta(hours=_positive(hours, limit=24 * MAX_DAYS_SEARCHED))
        for start, end in self._periods_from(instant):
            if remaining <= end - start:
                return start + remaining
            remaining -= end - start
        raise AssertionError("unreachable")

    def add_working_days(self, instant: datetime, days: float) -> datetime:
        days = _positive(days, limit=MAX_DAYS_SEARCHED // 2)
        return self.add_working_hours(instant, days * self.hours_per_day)

    def add_calendar_days(self, instant: datetime, days: int) -> datetime:
        if isinstance(days, float) and days > 0 and not days.is_integer():  # positive, so not "phải là số dương"
            raise ValueError(MESSAGES["whole_days"].format(value=days))
        days = int(_positive(days, limit=MAX_DAYS_SEARCHED // 2))
        day = self.official_start(instant).date() + timedelta(days=days)
        for _ in range(MAX_DAYS_SEARCHED):
            periods = self.periods(day)
            if periods:
                return periods[-1][1]
            day += timedelta(days=1)
        raise ValueError(MESSAGES["no_working_day"])

    def working_hours_between(self, start: datetime, end: datetime) -> float:
        """Working hours from `start` to `end` (negative when `end` is earlier): how early or
        late a step finished against its due instant."""
        if end < start:
            return -self.working_hours_between(end, start)
        total = timedelta()
        for period_start, period_end in self._periods_from(start):
            if period_start >= end:
                break
            total += min(period_end, end) - period_start
        return total.total_seconds() / 3600


def _aware(instant: datetime) -> datetime:
    if not isinstance(instant, datetime) or instant.tzinfo is None or instant.utcoffset() is None:
        raise ValueError(MESSAGES["naive"])
    return instant


def _positive(value, limit: float) -> float:
    if isinstance(value, str):
        raise ValueError(MESSAGES["amount_text"].format(value=value))
    if isinstance(value, bool) or not isinstance(value, (int, float)) or value != value or value <= 0:
        raise ValueError(MESSAGES["amount"].format(value=value))
    if value > limit:
        raise ValueError(MESSAGES["too_long"].format(value=value))
    return value
