"""Where uploaded files live: content-addressed blobs behind a small interface, local disk by
default (ARCHITECTURE.md §7: an S3-compatible store can take its place). The same content is
stored once; a key is the content's SHA-256, so it cannot name a path outside the store."""
from __future__ import annotations

import hashlib
import os
import re
import tempfile
from pathlib import Path

from flask import current_app

_KEY = re.compile(r"^[0-9a-f]{64}$")


class LocalStorage:
    def __init__(self, root):
        self.root = Path(root)

    def _path(self, key: str) -> Path:
        if not _KEY.match(key or ""):
            raise KeyError(key)
        return self.root / key[:2] / key[2:4] / key

    def put(self, data: bytes) -> str:
        key = hashlib.sha256(data).hexdigest()
        path = self._path(key)
        if path.exists():
            return key
        path.parent.mkdir(parents=True, exist_ok=True)
        # Written beside its final place and renamed: a crash never leaves half a file under a key.
        handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".upload-")
        try:
            with os.fdopen(handle, "wb") as out:
                out.write(data)
                out.flush()
                os.fsync(out.fileno())
            os.chmod(temporary, 0o640)
            os.replace(temporary, path)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise
        return key

    def open(self, key: str) -> bytes:
        return self._path(key).read_bytes()

    def exists(self, key: str) -> bool:
        try:
            return self._path(key).exists()
        except KeyError:
            return False


def storage() -> LocalStorage:
    return LocalStorage(current_app.config["MOTCUA_UPLOAD_DIR"])
