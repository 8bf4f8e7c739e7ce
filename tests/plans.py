"""Query plans for tests that assert an index is used: the database's own EXPLAIN of a
statement compiled with its values, as one text."""
from __future__ import annotations

from sqlalchemy import text


def query_plan(db, statement) -> str:
    compiled = statement.compile(db.engine, compile_kwargs={"literal_binds": True})
    prefix = "EXPLAIN QUERY PLAN" if db.engine.dialect.name == "sqlite" else "EXPLAIN"
    return "\n".join(" ".join(str(c) for c in row) for row in db.session.execute(text(f"{prefix} {compiled}")))
