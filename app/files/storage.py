"""Where uploaded files live: content-addressed blobs behind a small interface, local disk by
default (ARCHITECTURE.md: an S3-compatible store can take its place). The same content is
stored once; a key is the content's SHA-256 in hex, and anything else is refused, so a key can
never name a path outside the store."""
from __future__ import annotations

import hashlib
import os
import re
import tempfile
from pathlib import Path
from typing import Iterator, Protocol

from flask import current_app

_KEY = re.compile(r"[0-9a-f]{64}")
FILE_MODE = 0o640


class Storage(Protocol):
    def put(self, data: bytes) -> str: ...
    def open(self, key: str) -> bytes: ...
    def exists(self, key: str) -> bool: ...
    def blobs(self) -> Iterator[tuple[str, int, float]]: ...
    def stored_at(self, key: str) -> float | None: ...
    def delete(self, key: str) -> None: ...


def valid_key(key) -> bool:
    return isinstance(key, str) and _KEY.fullmatch(key) is not None


class LocalStorage:
    """Blobs under `root`, sharded by the key's first two bytes (ab/cd/abcd…)."""

    def __init__(self, root):
        self.root = Path(root)

    def _path(self, key: str) -> Path:
        if not valid_key(key):
            raise KeyError(key)
        return self.root / key[:2] / key[2:4] / key

    def put(self, data: bytes) -> str:
        key = hashlib.sha256(data).hexdigest()
        path = self._path(key)
        if path.exists():
            os.utime(path)  # stored again now: as new as its latest upload for the sweep (sweep.py)
            return key
        path.parent.mkdir(parents=True, exist_ok=True)
        # Written beside its final place and renamed: a crash never leaves half a file under a
        # key, and two writers of the same content both end with the whole file.
        handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".upload-")
        try:
            with os.fdopen(handle, "wb") as out:
                out.write(data)
                out.flush()
                os.fsync(out.fileno())
            os.chmod(temporary, FILE_MODE)
            os.replace(temporary, path)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise
        return key

    def open(self, key: str) -> bytes:
        """The blob's bytes; KeyError for a key that is not ours, FileNotFoundError if absent."""
        return self._path(key).read_bytes()

    def exists(self, key: str) -> bool:
        return valid_key(key) and self._path(key).is_file()

    def blobs(self) -> Iterator[tuple[str, int, float]]:
        """Every blob as (key, size in bytes, last stored as a POSIX time); half-written files
        (.upload-…) and anything not named by a key are not blobs."""
        for path in self.root.glob("??/??/*"):
            if valid_key(path.name) and path.name[:2] == path.parent.parent.name and path.is_file():
                stat = path.stat()
                yield path.name, stat.st_size, stat.st_mtime

    def stored_at(self, key: str) -> float | None:
        """When the blob was last stored (a POSIX time), None if absent."""
        try:
            return self._path(key).stat().st_mtime
        except FileNotFoundError:
            return None

    def delete(self, key: str) -> None:
        self._path(key).unlink(missing_ok=True)


def storage() -> Storage:
    """The application's store (MOTCUA_UPLOAD_DIR)."""
    return LocalStorage(current_app.config["MOTCUA_UPLOAD_DIR"])
