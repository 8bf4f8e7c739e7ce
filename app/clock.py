"""The application's clock: the wall clock, or an instant a test (or a demo) has set."""
from __future__ import annotations

from datetime import datetime, timedelta, timezone

from flask import current_app, has_app_context


class Clock:
    def __init__(self):
        self._fixed: datetime | None = None

    def now(self) -> datetime:
        return self._fixed or datetime.now(timezone.utc)

    @property
    def fixed(self) -> datetime | None:
        """The instant set, or None when the clock is the wall clock."""
        return self._fixed

    def set(self, instant: datetime | None) -> None:
        if instant is not None and instant.tzinfo is None:
            raise ValueError("the clock needs a timezone-aware instant")
        self._fixed = instant

    def advance(self, delta: timedelta) -> datetime:
        self._fixed = self.now() + delta
        return self._fixed


def now() -> datetime:
    return current_app.extensions["motcua_clock"].now()


def now_or_wall() -> datetime:
    """The application's clock where there is an application, else the wall clock: what the
    engine reads outside its operations (a form's "today")."""
    return now() if has_app_context() else datetime.now(timezone.utc)
