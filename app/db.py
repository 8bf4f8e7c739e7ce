"""The database handle, and the pragmas the embedded SQLite default needs."""
from __future__ import annotations

from datetime import datetime, timezone

from flask_migrate import Migrate
from flask_sqlalchemy import SQLAlchemy
from sqlalchemy import DateTime, MetaData, event, update
from sqlalchemy.engine import Engine
from sqlalchemy.types import TypeDecorator

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

db = SQLAlchemy(metadata=MetaData(naming_convention=NAMING))
MAX_ID = 2**31 - 1  # the largest id an INTEGER column holds, on SQLite's driver and PostgreSQL alike


def as_id(value) -> int | None:
    """An id read from a request: one no INTEGER column can hold is no id (never sent to the
    database, where it would fail the statement instead of finding nothing)."""
    return value if isinstance(value, int) and 0 < value <= MAX_ID else None
migrate = Migrate(render_as_batch=True)  # SQLite needs batch mode to alter tables


class UTCDateTime(TypeDecorator):
    """Aware datetimes in, aware UTC datetimes out, on SQLite (which has no time zones) too."""
    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value, dialect):
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime stored; use timezone-aware instants")
        value = value.astimezone(timezone.utc)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value, dialect):
        if value is None:
            return None
        return value.replace(tzinfo=timezone.utc) if value.tzinfo is None else value.astimezone(timezone.utc)


def on_sqlite() -> bool:
    """Whether the session's database is the embedded SQLite (no row locks: see `locked`)."""
    return db.session.get_bind().dialect.name == "sqlite"


def locked(statement, model, key, touch: str):
    """`statement` run with `model`'s row whose id is `key` locked until the transaction ends,
    and what it reads read afresh. SQLite has no row locks: an UPDATE of the row's `touch` column
    to itself, as the transaction's first write, takes the database's write lock. PostgreSQL
    locks the row with the SELECT itself (FOR UPDATE), one round trip fewer."""
    if on_sqlite():
        column = getattr(model, touch)
        db.session.connection().execute(update(model).where(model.id == key).values({column: column}))
    return db.session.execute(statement.with_for_update(of=model).execution_options(populate_existing=True))


def savepoint():
    """`db.session.begin_nested()`, nested in the request's transaction on SQLite too. pysqlite
    opens a transaction only before a write, and SQLite takes a SAVEPOINT outside a transaction
    as the transaction itself, which its RELEASE commits: without this, what a savepoint wraps
    at the start of a request (a dossier's row) was committed apart from the rest (its files,
    events and steps), seen half-made by a concurrent request and kept by a crash."""
    connection = db.session.connection()
    if connection.dialect.name == "sqlite":
        raw = connection.connection.dbapi_connection
        if not raw.in_transaction:  # IMMEDIATE: the write lock now (waiting busy_timeout), so a read
            raw.execute("BEGIN IMMEDIATE")  # in the block cannot be outdated by a commit before its write
    return db.session.begin_nested()


def utcnow() -> datetime:
    return datetime.now(timezone.utc)


@event.listens_for(Engine, "connect")
def _sqlite_pragmas(dbapi_connection, connection_record):
    if type(dbapi_connection).__module__.startswith("sqlite3"):
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA busy_timeout=10000")
        cursor.close()


# Schema objects made by migrations with dialect-specific SQL that no model describes (the
# catalogue's text index, PostgreSQL's pattern index on dossier codes): autogenerate must
# neither drop nor compare them.
MIGRATION_ONLY = ("procedures_fts", "ix_procedures_search", "ix_dossiers_code_pattern")


def include_object(obj, name, type_, reflected, compare_to) -> bool:
    return not (name or "").startswith(MIGRATION_ONLY)
