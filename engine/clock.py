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


def now() -> datetime:
    """The frozen instant of the current engine operation, or the wall clock outside one."""
    value = _now.get()
    return value if value is not None else datetime.now(timezone.utc)


@contextmanager
def frozen_at(instant: datetime):
    if instant.tzinfo is None:
        raise ValueError("the engine clock needs a timezone-aware instant")
    token = _now.set(instant)
    try:
        yield instant
    finally:
        _now.reset(token)
