"""Blobs nothing refers to: a file accepted on a form that was never sent (a counter intake or a
step left after a correction, a draft deleted by its citizen). Removed only when no dossier file
and no draft names them and they were last stored more than `days` ago, so a form still open
(its files ride in a signed field, app/files/carried.py) keeps them; `motcua files sweep`."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta

from sqlalchemy import select

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
    """The keys a dossier file or a draft names."""
    from ..dossiers.models import DossierFile
    from ..portal.models import Draft
    keys = set(db.session.execute(select(DossierFile.storage_key)).scalars())
    for files in db.session.execute(select(Draft.files)).scalars():
        keys.update(item.get("storage_key") for item in files or [] if isinstance(item, dict))
    return keys


def sweep(store: Storage, at: datetime, days: float, delete: bool) -> Sweep:
    """The blobs no row names, last stored before `at` - `days`; removed when `delete`. The
    references are read after the blobs are listed: a file named meanwhile is kept."""
    before = (at - timedelta(days=days)).timestamp()
    candidates = [(key, size) for key, size, stored in store.blobs() if stored < before]
    keys = referenced()
    result = Sweep()
    for key, size in candidates:
        if key in keys:
            result.kept += 1
            continue
        result.unreferenced.append((key, size))
        if delete:
            store.delete(key)
    return result
