"""Accepting an uploaded file: the size limit holds while reading (an oversize file is never
read whole into memory), the type is checked by content, the name cleaned; only an accepted
file is stored."""
from __future__ import annotations

import hashlib
import os
import unicodedata
from dataclasses import asdict, dataclass

from .messages import MESSAGES, TYPE_NAMES
from .sniff import JPEG, KNOWN, PDF, PNG, detect
from .storage import Storage, storage

MAX_NAME = 255
CHUNK = 64 * 1024
SHORT_TYPES = {"pdf": PDF, "jpeg": JPEG, "jpg": JPEG, "png": PNG}


class UploadRejected(Exception):
    """The file is refused; str(exc) (also `message`) says why, in Vietnamese, naming the file."""

    def __init__(self, message: str):
        self.message = message
        super().__init__(message)


@dataclass(frozen=True)
class StoredUpload:
    file_name: str
    content_type: str
    size: int
    sha256: str
    storage_key: str

    def as_dict(self) -> dict:
        return asdict(self)


def clean_name(name) -> str:
    """The name to show and to offer on download: the last path part only (browsers on Windows
    may send C:\\fakepath\\…), NFC so Vietnamese letters stay whole, no control or direction
    override characters, no leading dots, at most 255 characters keeping the extension."""
    name = name if isinstance(name, str) else ""
    name = unicodedata.normalize("NFC", os.path.basename(name.replace("\\", "/")))
    name = "".join(ch for ch in name if unicodedata.category(ch)[0] != "C").strip(" .")
    if len(name) > MAX_NAME:
        stem, dot, extension = name.rpartition(".")
        extension = dot + extension if dot and 0 < len(extension) <= 10 else ""
        name = name[:MAX_NAME - len(extension)].rstrip(" .") + extension
    return name or MESSAGES["unnamed"]


def allowed_for(procedure_details, config) -> tuple[tuple[str, ...], int]:
    """(content types, maximum bytes) for a procedure's uploads: its catalogue entry's
    "attachments": {"max_size_mb": 5, "types": ["pdf", "jpeg", "png"]}, else the settings
    MOTCUA_UPLOAD_TYPES and MOTCUA_UPLOAD_MAX_MB. Types this module cannot recognise are ignored."""
    own = (procedure_details or {}).get("attachments") if isinstance(procedure_details, dict) else None
    own = own if isinstance(own, dict) else {}
    listed = own.get("types") if isinstance(own.get("types"), list) else []
    types = tuple(dict.fromkeys(_content_type(t) for t in listed if _content_type(t)))
    types = types or tuple(t for t in config["MOTCUA_UPLOAD_TYPES"] if t in KNOWN)
    size = own.get("max_size_mb")
    megabytes = size if isinstance(size, (int, float)) and not isinstance(size, bool) and size > 0 \
        else config["MOTCUA_UPLOAD_MAX_MB"]
    return types, int(float(megabytes) * 1024 * 1024)


def _content_type(name) -> str | None:
    name = str(name).strip().lower()
    return SHORT_TYPES.get(name) or (name if name in KNOWN else None)


@dataclass(frozen=True)
class CheckedUpload:
    """An accepted file not stored yet: stored once whatever else the request asks holds."""
    file_name: str
    content_type: str
    data: bytes

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.data).hexdigest()


def accept_upload(file_storage, allowed_types, max_bytes: int, store: Storage | None = None) -> StoredUpload:
    """Check and store one uploaded file (a werkzeug FileStorage) in `store` (the app's
    storage by default); UploadRejected when it is empty, too large, or not one of
    `allowed_types` by its content."""
    return store_upload(check_upload(file_storage, allowed_types, max_bytes), store)


def check_upload(file_storage, allowed_types, max_bytes: int) -> CheckedUpload:
    """Read and check one uploaded file; UploadRejected as accept_upload says."""
    name = clean_name(file_storage.filename)
    data = read_at_most(file_storage.stream, max_bytes + 1)
    if not data:
        raise UploadRejected(MESSAGES["empty"].format(name=name))
    if len(data) > max_bytes:
        raise UploadRejected(MESSAGES["too_large"].format(name=name, limit=megabytes(max_bytes)))
    content_type = detect(data)
    if content_type not in allowed_types:
        raise UploadRejected(MESSAGES["bad_type"].format(name=name, types=type_list(allowed_types)))
    return CheckedUpload(name, content_type, data)


def store_upload(checked: CheckedUpload, store: Storage | None = None) -> StoredUpload:
    key = (store or storage()).put(checked.data)
    return StoredUpload(checked.file_name, checked.content_type, len(checked.data), checked.sha256, key)


def read_at_most(stream, limit: int) -> bytes:
    """Up to `limit` bytes, in chunks: a stream may return less than asked before its end."""
    chunks, size = [], 0
    while size < limit:
        chunk = stream.read(min(CHUNK, limit - size))
        if not chunk:
            break
        chunks.append(chunk)
        size += len(chunk)
    return b"".join(chunks)


def kilobytes(size: int) -> str:
    """24166 → "23,6 KB": a file's size as a page shows it."""
    return f"{size / 1024:.1f}".replace(".", ",") + " KB"


def megabytes(size: int) -> str:
    """10485760 → "10", 524288 → "0,5" (a Vietnamese decimal comma)."""
    return f"{size / 1024 / 1024:.2f}".rstrip("0").rstrip(".").replace(".", ",")


def type_list(types) -> str:
    """("application/pdf", "image/jpeg", "image/png") → "PDF, JPEG hoặc PNG"."""
    names = [TYPE_NAMES.get(t, t) for t in types]
    return ", ".join(names[:-1]) + MESSAGES["or"] + names[-1] if len(names) > 1 else "".join(names)
