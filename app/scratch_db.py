"""A throwaway database for tests and benchmarks: a fresh SQLite file, or a schema of its own on the
given PostgreSQL server that is dropped afterwards (only loopback servers are used)."""
from __future__ import annotations

import tempfile
import uuid
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import create_engine, text


@contextmanager
def temporary_database(url: str | None):
    if not url:
        with tempfile.TemporaryDirectory(prefix="motcua-bench-") as folder:  # removed afterwards
            yield "sqlite:///" + str(Path(folder) / "bench.db")
        return
    schema = f"bench_{uuid.uuid4().hex[:8]}"
    admin = create_engine(url)
    with admin.begin() as conn:
        conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    separator = "&" if "?" in url else "?"
    try:
        yield f"{url}{separator}options=-csearch_path%3D{schema}"
    finally:
        with admin.begin() as conn:
            conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()
