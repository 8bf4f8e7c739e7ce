"""The engine's notion of "now".

Every engine operation takes an explicit instant and runs inside `frozen_at(now)`, so timers,
deadline functions and tests all see the same controllable clock instead of the wall clock.
A ContextVar keeps concurrent requests (threads) independent.
"""
from __future__ import annotations

from contextlib import contextmanager
from contextvars import ContextVar
from datetime import datetime, timezone

_now: ContextVar[datetime | None] = ContextVar("motcua_now", default=None)
_outside: list = [lambda: datetime.now(timezone.utc)]


def now() -> datetime:
    """The frozen instant of the current engine operation, or outside one the host's clock (the
    wall clock unless the application says otherwise, see `use_outside`)."""
    value = _now.get()
    return value if value is not None else _outside[0]()


def use_outside(source) -> None:
    """What `now()` reads outside an operation: the application's own (settable) clock, so a form's
    "today" is the day the application thinks it is."""
    _outside[0] = source


@contextmanager
def frozen_at(instant: datetime):
    if instant.tzinfo is None:
        raise ValueError("the engine clock needs a timezone-aware instant")
    token = _now.set(instant)
    try:
        yield instant
    finally:
        _now.reset(token)
