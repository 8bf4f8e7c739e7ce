"""Uploads: the type is read from the content, the size limit holds while reading, names are
cleaned, storage is content-addressed and refuses keys that are not its own."""
from __future__ import annotations

import io

import pytest
from werkzeug.datastructures import FileStorage

from app.files.sniff import detect
from app.files.storage import LocalStorage
from app.files.uploads import UploadRejected, accept_upload, allowed_for, clean_name
from tests.web.pages import pdf_bytes

PNG = (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x02\x00\x00\x00\x90wS\xde"
       b"\x00\x00\x00\x0cIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00\x05\x18\xd8N\x00\x00\x00\x00IEND\xaeB`\x82")
JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00\xff\xd9"
TYPES = ("application/pdf", "image/jpeg", "image/png")


def test_detect_reads_the_content_not_the_name():
    assert detect(pdf_bytes()) == "application/pdf"
    assert detect(PNG) == "image/png" and detect(JPEG) == "image/jpeg"
    for disguised in (b"MZ\x90\x00" + b"\x00" * 100, b"\x7fELF\x02\x01" + b"\x00" * 100, b"<html></html>",
                      b"PK\x03\x04zip", b"%PDF-1.4 but no end", b""):
        assert detect(disguised) is None


class CountingStream(io.BytesIO):
    def __init__(self, data):
        super().__init__(data)
        self.largest_read = 0

    def read(self, size=-1):
        chunk = super().read(size)
        self.largest_read = max(self.largest_read, len(chunk))
        return chunk


def test_accept_upload_limits_and_stores(clean_app):
    with clean_app.test_request_context():
        stored = accept_upload(FileStorage(io.BytesIO(PNG), "../../ảnh\x00chụp.png"), TYPES, 1024)
        assert stored.content_type == "image/png" and stored.file_name == "ảnhchụp.png"
        again = accept_upload(FileStorage(io.BytesIO(PNG), "khac.png"), TYPES, 1024)
        assert again.storage_key == stored.storage_key  # the same content is stored once
        stream = CountingStream(b"%PDF-1.4\n" + b"0" * 100_000 + b"%%EOF")
        with pytest.raises(UploadRejected, match="vượt quá dung lượng"):
            accept_upload(FileStorage(stream, "lon.pdf"), TYPES, 2048)
        assert stream.largest_read <= 2049
        with pytest.raises(UploadRejected, match="không phải là tệp PDF"):
            accept_upload(FileStorage(io.BytesIO(b"MZ" + b"\x00" * 50), "x.pdf"), ("application/pdf",), 1024)
        with pytest.raises(UploadRejected, match="rỗng"):
            accept_upload(FileStorage(io.BytesIO(b""), "x.pdf"), TYPES, 1024)


def test_storage_refuses_foreign_keys(tmp_path):
    storage = LocalStorage(tmp_path)
    key = storage.put(b"abc")
    assert storage.open(key) == b"abc" and storage.exists(key)
    for bad in ("../../etc/passwd", key[:10], key + "/..", ""):
        with pytest.raises(KeyError):
            storage.open(bad)
        assert not storage.exists(bad)
    assert not list(tmp_path.rglob(".upload-*"))


def test_limits_come_from_the_procedure_or_the_defaults():
    config = {"MOTCUA_UPLOAD_TYPES": TYPES, "MOTCUA_UPLOAD_MAX_MB": 10}
    assert allowed_for({}, config) == (TYPES, 10 * 1024 * 1024)
    assert allowed_for({"attachments": {"max_size_mb": 5, "types": ["pdf"]}}, config) == (("application/pdf",), 5 * 1024 * 1024)
    assert clean_name("") == "tệp không tên"
