"""Fixed-window rate limits counted in the database (RateCounter), shared by all workers.

One statement per check: an INSERT ... ON CONFLICT DO UPDATE ... RETURNING, which both SQLite
(3.35+) and PostgreSQL run atomically, so concurrent requests cannot both see a free slot."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import delete
from sqlalchemy.dialects import postgresql, sqlite

from ..db import db
from .models import RateCounter


@dataclass(frozen=True)
class Limit:
    purpose: str
    count: int
    seconds: int


# Wrong passwords per client address, the login page and the API's token endpoint together;
# successful logins are not counted (a whole office may share one address).
LOGIN_LIMIT = Limit("login", 30, 300)


class RateLimited(Exception):
    def __init__(self, retry_after: int):
        super().__init__(retry_after)
        self.retry_after = retry_after


def _window(limit: Limit, client: str, at: datetime) -> tuple[str, datetime]:
    window = int(at.timestamp()) // limit.seconds
    return f"{limit.purpose}:{client}:{window}"[:160], datetime.fromtimestamp((window + 1) * limit.seconds, tz=at.tzinfo)


def add(limit: Limit, client: str, at: datetime, commit: bool = True) -> int:
    """Count one event of `client` in the current window; the count so far."""
    key, expires = _window(limit, client, at)
    dialect = postgresql if db.session.get_bind().dialect.name == "postgresql" else sqlite
    statement = dialect.insert(RateCounter).values(key=key, count=1, expires_at=expires)
    statement = statement.on_conflict_do_update(
        index_elements=[RateCounter.key], set_={"count": RateCounter.count + 1}).returning(RateCounter.count)
    count = db.session.execute(statement).scalar_one()
    if commit:
        db.session.commit()
    return count


def hit(limit: Limit, client: str, at: datetime, commit: bool = True) -> int:
    """Count one request of `client`; raises RateLimited when over the limit."""
    count = add(limit, client, at, commit)
    if count > limit.count:
        raise RateLimited(_retry_after(limit, client, at))
    return count


def check(limit: Limit, client: str, at: datetime) -> None:
    """Raises RateLimited when `client` has used up `limit` (counted with `add`), counting
    nothing: for limits on failures only, such as wrong passwords."""
    key, _ = _window(limit, client, at)
    counter = db.session.get(RateCounter, key)
    if counter is not None and counter.count >= limit.count:
        raise RateLimited(_retry_after(limit, client, at))


def _retry_after(limit: Limit, client: str, at: datetime) -> int:
    _, expires = _window(limit, client, at)
    return max(1, int((expires - at).total_seconds()))


def purge(at: datetime) -> int:
    """Drop expired counters (a scheduler job)."""
    result = db.session.execute(delete(RateCounter).where(RateCounter.expires_at <= at - timedelta(minutes=1)))
    db.session.commit()
    return result.rowcount
