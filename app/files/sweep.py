"""Blobs nothing refers to: a file accepted on a form that was never sent (a counter intake or a
step left after a correction, a draft deleted by its citizen). Removed only when no dossier file
and no draft names them and they were last stored more than `days` ago, so a form still open
(its files ride in a signed field, app/files/carried.py) keeps them; `motcua files sweep`."""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from sqlalchemy import Text, cast, literal, select

from ..db import db
from .storage import Storage


@dataclass
class Sweep:
    kept: int = 0
    unreferenced: list[tuple[str, int]] = field(default_factory=list)  # (key, bytes)

    @property
    def size(self) -> int:
        return sum(size for _, size in self.unreferenced)


def referenced() -> set[str]:
    """The keys a dossier file or a draft names, read in one statement and so in one snapshot
    on SQLite and PostgreSQL alike: read apart, a draft submitted between the two reads moved
    its keys from the draft to its dossier's files unseen by either, and its files were swept."""
    from ..dossiers.models import DossierFile
    from ..portal.models import Draft
    rows = db.session.execute(select(literal("f"), DossierFile.storage_key)
                              .union_all(select(literal("d"), cast(Draft.files, Text)))).all()
    keys = set()
    for kind, value in rows:
        if kind == "f":
            keys.add(value)
            continue
        files = json.loads(value) if isinstance(value, str) else value
        keys.update(item.get("storage_key") for item in files or [] if isinstance(item, dict))
    return keys


def sweep(store: Storage, at: datetime, days: float, delete: bool) -> Sweep:
    """The blobs no row names, last stored before `at` - `days`; removed when `delete`. The
    references are read after the blobs are listed, and each blob's age is looked at again just
    before it is removed: a file named meanwhile is kept, and so is one stored again meanwhile
    (its form, still open, will name it)."""
    before = (at - timedelta(days=days)).timestamp()
    candidates = [(key, size) for key, size, stored in store.blobs() if stored < before]
    keys = referenced()
    result = Sweep()
    for key, size in candidates:
        if key in keys:
            result.kept += 1
            continue
        if delete:
            stored = store.stored_at(key)
            if stored is None or stored >= before:  # gone already, or stored again since listed
                continue
            store.delete(key)
        result.unreferenced.append((key, size))
    return result
