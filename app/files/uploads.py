"""Accepting an uploaded file: size limit enforced while reading, type checked by content,
name cleaned; only an accepted file is stored."""
from __future__ import annotations

import hashlib
import os
import unicodedata
from dataclasses import asdict, dataclass

from .messages import MESSAGES, SHORT_TYPES, TYPE_NAMES
from .sniff import detect
from .storage import storage

MAX_NAME = 255


class UploadRejected(Exception):
    pass


@dataclass(frozen=True)
class StoredUpload:
    file_name: str
    content_type: str
    size: int
    sha256: str
    storage_key: str

    def as_dict(self) -> dict:
        return asdict(self)


def clean_name(name: str) -> str:
    name = unicodedata.normalize("NFC", os.path.basename((name or "").replace("\\", "/")))
    name = "".join(ch for ch in name if unicodedata.category(ch)[0] != "C").strip(" .")
    return name[-MAX_NAME:] or MESSAGES["unnamed"]


def allowed_for(details: dict, config) -> tuple[tuple[str, ...], int]:
    """The procedure's own limits ("attachments" in its catalogue entry), else the defaults."""
    own = (details or {}).get("attachments") or {}
    types = tuple(SHORT_TYPES[t] for t in own.get("types", []) if t in SHORT_TYPES) or tuple(config["MOTCUA_UPLOAD_TYPES"])
    megabytes = own.get("max_size_mb") or config["MOTCUA_UPLOAD_MAX_MB"]
    return types, int(float(megabytes) * 1024 * 1024)


def accept_upload(file_storage, allowed_types, max_bytes: int) -> StoredUpload:
    name = clean_name(file_storage.filename)
    data = file_storage.stream.read(max_bytes + 1)  # never more than the limit into memory
    if not data:
        raise UploadRejected(MESSAGES["empty"].format(name=name))
    if len(data) > max_bytes:
        raise UploadRejected(MESSAGES["too_large"].format(name=name, limit=f"{max_bytes / 1024 / 1024:g}"))
    content_type = detect(data)
    if content_type not in allowed_types:
        raise UploadRejected(MESSAGES["bad_type"].format(
            name=name, types=", ".join(TYPE_NAMES.get(t, t) for t in allowed_types)))
    key = storage().put(data)
    return StoredUpload(name, content_type, len(data), hashlib.sha256(data).hexdigest(), key)
