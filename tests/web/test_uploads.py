"""Uploads: the type is read from the content (never the name or the browser's Content-Type),
the size limit holds while reading, names are cleaned, only accepted files are stored, and the
content-addressed store writes atomically and refuses keys that are not its own."""
from __future__ import annotations

import hashlib
import io
import os
import stat
import unicodedata
import zipfile

import pytest
from flask import Flask
from werkzeug.datastructures import FileStorage

from app.files.sniff import detect
from app.files.storage import LocalStorage, storage
from app.files.uploads import (StoredUpload, UploadRejected, accept_upload, allowed_for, clean_name, megabytes,
                               type_list)
from tests.web.pages import pdf_bytes

TYPES = ("application/pdf", "image/jpeg", "image/png")
MB = 1024 * 1024
# Minimal valid files, for when Pillow is not there to make real ones.
MINIMAL_PNG = (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x02\x00\x00\x00\x90wS\xde"
               b"\x00\x00\x00\x0cIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00\x05\x18\xd8N\x00\x00\x00\x00IEND\xaeB`\x82")
MINIMAL_JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00\xff\xd9"


def image(kind: str) -> bytes:
    try:
        from PIL import Image
    except ImportError:
        return {"JPEG": MINIMAL_JPEG, "PNG": MINIMAL_PNG}[kind]
    out = io.BytesIO()
    Image.new("RGB", (40, 30), (165, 14, 14)).save(out, kind)
    return out.getvalue()


PDF, JPEG, PNG = pdf_bytes(), image("JPEG"), image("PNG")
ELF = b"\x7fELF\x02\x01\x01\x00" + b"\x00" * 500 + b"%%EOF"
MZ = b"MZ\x90\x00\x03\x00\x00\x00" + b"\x00" * 2000
HTML = b"<!DOCTYPE html><html><body><script>alert(document.cookie)</script></body></html>"


@pytest.fixture()
def store(tmp_path):
    return LocalStorage(tmp_path / "uploads")


def upload(data: bytes, name: str, content_type: str | None = None) -> FileStorage:
    return FileStorage(io.BytesIO(data), name, content_type=content_type)


def stored_files(store) -> list:
    return [p for p in store.root.rglob("*") if p.is_file()] if store.root.exists() else []


# -- detecting the type -------------------------------------------------------------------------

def test_real_documents_are_recognised_by_their_content():
    assert detect(PDF) == "application/pdf"
    assert detect(JPEG) == "image/jpeg" and detect(PNG) == "image/png"
    assert detect(MINIMAL_JPEG) == "image/jpeg" and detect(MINIMAL_PNG) == "image/png"
    assert detect(bytearray(PDF)) == "application/pdf" and detect(memoryview(PNG)) == "image/png"
    assert detect(JPEG + b"\x00\x00\r\n") == "image/jpeg"  # padding some cameras add


def _zip_behind(document: bytes, ending: bytes) -> bytes:
    """A working zip after a document, its comment (over 1 KB) ending as the document ends."""
    archive = io.BytesIO()
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("evil.html", "<script>alert(1)</script>")
        z.writestr("run.exe", b"MZ" + b"\x00" * 200)
        z.comment = b"x" * 1500 + ending
    return document + archive.getvalue()


@pytest.mark.parametrize("disguised", [
    _zip_behind(PDF, b"\nstartxref\n0\n%%EOF\n"), _zip_behind(JPEG, b"\xff\xd9"),  # what a zip reader opens
    ELF, MZ, HTML, b"", b"%PDF-", b"PK\x03\x04" + b"\x00" * 100 + b"PK\x05\x06" + b"\x00" * 18,
    "Giấy tờ tùy thân, chỉ là văn bản".encode(), b"%PDF-1.4 but no end",
    b"%PDF-1.4\n%%EOF",                                                   # no cross-reference: not a PDF
    b"%PDF-1.7\n<html><script>alert(1)</script></html>\nstartxref\n0\n%%EOF",  # a web page behind a PDF header
    PDF + b"PK\x05\x06" + b"\x00" * 18,                                   # a zip stuck to the end of a PDF
    PDF + b"<script>alert(1)</script>",
    b"%PDF-x.y\nstartxref\n0\n%%EOF",
    JPEG[:-2], JPEG + b"<html></html>", b"\xff\xd8\xff\x00" + JPEG[4:],
    PNG[:-12], PNG + b"trailing", PNG[:12] + b"IDAT" + PNG[16:],
    b"\x89PNG\r\n\x1a\n<html>",
], ids=lambda d: repr(d[:12]))
def test_anything_else_is_not_a_document(disguised):
    assert detect(disguised) is None


# -- accepting an upload ------------------------------------------------------------------------

def test_an_accepted_file_is_described_and_stored(store):
    stored = accept_upload(upload(PDF, "Giấy khai sinh.pdf", "application/octet-stream"), TYPES, 10 * MB, store)
    assert isinstance(stored, StoredUpload)
    digest = hashlib.sha256(PDF).hexdigest()
    assert stored.as_dict() == {"file_name": "Giấy khai sinh.pdf", "content_type": "application/pdf", "size": len(PDF),
                                "sha256": digest, "storage_key": digest}
    assert store.open(stored.storage_key) == PDF
    image_upload = accept_upload(upload(JPEG, "anh.png", "image/png"), TYPES, 10 * MB, store)
    assert image_upload.content_type == "image/jpeg"  # the content decides, not the name or the browser


def test_the_same_content_is_stored_once(store):
    first = accept_upload(upload(PNG, "a.png"), TYPES, MB, store)
    second = accept_upload(upload(PNG, "b.png"), TYPES, MB, store)
    assert first.storage_key == second.storage_key and (first.file_name, second.file_name) == ("a.png", "b.png")
    assert len(stored_files(store)) == 1


@pytest.mark.parametrize("data, name, allowed, message", [
    (b"", "rong.pdf", TYPES, "Tệp «rong.pdf» rỗng"),
    (MZ, "giay-to.pdf", TYPES, "Tệp «giay-to.pdf» không phải là tệp PDF, JPEG hoặc PNG hợp lệ"),
    (ELF, "giay-to.pdf", TYPES, "không phải là tệp PDF, JPEG hoặc PNG hợp lệ"),
    (HTML, "anh.png", TYPES, "Tệp «anh.png» không phải là tệp"),
    (b"just text", "ghi-chu.pdf", TYPES, "không phải là tệp"),
    (PNG, "anh.png", ("application/pdf",), "Tệp «anh.png» không phải là tệp PDF hợp lệ"),
    (PDF, "don.pdf", ("image/jpeg", "image/png"), "không phải là tệp JPEG hoặc PNG hợp lệ"),
])
def test_refused_files_say_why_and_store_nothing(store, data, name, allowed, message):
    with pytest.raises(UploadRejected) as refused:
        accept_upload(upload(data, name, "application/pdf"), allowed, MB, store)
    assert message in str(refused.value) and refused.value.message == str(refused.value)
    assert stored_files(store) == []


class EndlessStream(io.RawIOBase):
    """A 50 MB upload that is never in memory: counts what is read from it."""

    def __init__(self, size: int, start: bytes = b"%PDF-1.4\n"):
        self.size, self.position, self.start = size, 0, start

    def readable(self):
        return True

    def read(self, n=-1):
        n = self.size - self.position if n is None or n < 0 else min(n, self.size - self.position)
        chunk = (self.start + b"0" * n)[self.position:self.position + n] if self.position < len(self.start) else b"0" * n
        self.position += len(chunk)
        return chunk


def test_an_oversize_file_is_refused_without_reading_it_whole(store):
    stream = EndlessStream(50 * MB)
    with pytest.raises(UploadRejected, match="Tệp «lon.pdf» vượt quá dung lượng cho phép 10 MB."):
        accept_upload(FileStorage(stream, "lon.pdf"), TYPES, 10 * MB, store)
    assert stream.position == 10 * MB + 1  # one byte past the limit is enough to know
    assert stored_files(store) == []
    with pytest.raises(UploadRejected, match="cho phép 0,5 MB"):
        accept_upload(FileStorage(EndlessStream(MB), "x.pdf"), TYPES, MB // 2, store)
    exact = accept_upload(upload(PNG, "vua.png"), TYPES, len(PNG), store)  # exactly at the limit is fine
    assert exact.size == len(PNG)


class TrickleStream(io.BytesIO):
    """A stream that hands out a few bytes per read, as a network stream may."""

    def read(self, n=-1):
        return super().read(min(n, 7) if n and n > 0 else 7)


def test_short_reads_still_give_the_whole_file(store):
    stored = accept_upload(FileStorage(TrickleStream(PDF), "cham.pdf"), TYPES, MB, store)
    assert stored.size == len(PDF) and store.open(stored.storage_key) == PDF
    with pytest.raises(UploadRejected, match="vượt quá"):
        accept_upload(FileStorage(TrickleStream(PDF), "cham.pdf"), TYPES, len(PDF) - 1, store)


@pytest.mark.parametrize("given, cleaned", [
    ("../../etc/passwd", "passwd"),
    ("C:\\fakepath\\Giấy tờ.pdf", "Giấy tờ.pdf"),
    ("ảnh\x00chụp\x1b.png", "ảnhchụp.png"),
    ("hoa_don\u202egpj.exe", "hoa_dongpj.exe"),       # no right-to-left override to fake an extension
    (unicodedata.normalize("NFD", "Trần Thị Hoa.pdf"), "Trần Thị Hoa.pdf"),
    ("  .an.pdf. ", "an.pdf"),
    ("", "tệp không tên"), (None, "tệp không tên"), ("../..", "tệp không tên"), ("\x00", "tệp không tên"),
])
def test_file_names_are_cleaned(given, cleaned):
    assert clean_name(given) == cleaned


def test_long_names_are_cut_keeping_the_extension():
    name = clean_name("Bản sao " * 60 + ".pdf")
    assert len(name) <= 255 and name.endswith(".pdf") and name.startswith("Bản sao")
    assert len(clean_name("ệ" * 400)) == 255


def test_the_default_store_is_the_applications(tmp_path):
    app = Flask(__name__)
    app.config["MOTCUA_UPLOAD_DIR"] = tmp_path / "kho"
    with app.app_context():
        stored = accept_upload(upload(JPEG, "anh.jpg"), TYPES, MB)
        assert storage().open(stored.storage_key) == JPEG
    assert (tmp_path / "kho" / stored.storage_key[:2] / stored.storage_key[2:4] / stored.storage_key).is_file()


# -- limits per procedure -----------------------------------------------------------------------

def test_limits_come_from_the_procedure_or_the_defaults():
    config = {"MOTCUA_UPLOAD_TYPES": TYPES, "MOTCUA_UPLOAD_MAX_MB": 10.0}
    assert allowed_for({}, config) == (TYPES, 10 * MB)
    assert allowed_for(None, config) == (TYPES, 10 * MB)
    assert allowed_for({"attachments": {"max_size_mb": 5, "types": ["pdf", "jpeg", "png"]}}, config) == (TYPES, 5 * MB)
    assert allowed_for({"attachments": {"max_size_mb": 2.5, "types": ["PDF"]}}, config) == (("application/pdf",), int(2.5 * MB))
    assert allowed_for({"attachments": {"types": ["jpg", "jpeg", "image/png"]}}, config) == (("image/jpeg", "image/png"), 10 * MB)
    for odd in ({"types": ["exe", "html"]}, {"types": "pdf"}, {"max_size_mb": "lớn"}, {"max_size_mb": 0},
                {"max_size_mb": -1}, {"max_size_mb": True}, "không phải đối tượng"):
        assert allowed_for({"attachments": odd}, config) == (TYPES, 10 * MB), odd


def test_the_demo_catalogue_limits(clean_app):
    from app.catalogue.models import Procedure
    from app.db import db
    with clean_app.app_context():
        procedure = db.session.get(Procedure, db.session.query(Procedure.id).filter_by(code="2.000488").scalar())
        assert allowed_for(procedure.details, clean_app.config) == (TYPES, 5 * MB)
        db.session.remove()


def test_messages_name_sizes_and_types_in_vietnamese():
    assert (megabytes(10 * MB), megabytes(MB // 2), megabytes(int(2.25 * MB))) == ("10", "0,5", "2,25")
    assert type_list(TYPES) == "PDF, JPEG hoặc PNG" and type_list(("image/png",)) == "PNG"


# -- the store ----------------------------------------------------------------------------------

def test_storage_is_content_addressed_sharded_and_private(store):
    key = store.put(b"abc")
    assert key == hashlib.sha256(b"abc").hexdigest()
    path = store.root / key[:2] / key[2:4] / key
    assert path.read_bytes() == b"abc" and stat.S_IMODE(path.stat().st_mode) == 0o640
    assert store.open(key) == b"abc" and store.exists(key)
    assert store.put(b"abc") == key and len(stored_files(store)) == 1
    missing = hashlib.sha256(b"other").hexdigest()
    assert not store.exists(missing)
    with pytest.raises(FileNotFoundError):
        store.open(missing)


def test_storage_refuses_keys_that_are_not_its_own(store, tmp_path):
    key = store.put(b"abc")
    (tmp_path / "secret").write_text("bí mật")
    for bad in ("../../etc/passwd", "../secret", "/etc/passwd", key[:10], key + "/..", key + "\n", key.upper(),
                "..", "", None, 42, key[:2] + "/" + key[2:4] + "/" + key, "." * 64, "g" * 64):
        with pytest.raises(KeyError):
            store.open(bad)
        assert not store.exists(bad)


def test_storage_writes_atomically(store, monkeypatch):
    key = store.put(b"first")
    assert not list(store.root.rglob(".upload-*"))  # no temporary file left behind

    def crash(source, target):
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", crash)
    with pytest.raises(OSError, match="disk full"):
        store.put(b"second")
    monkeypatch.undo()
    assert not list(store.root.rglob(".upload-*"))  # the half-written file is removed
    assert not store.exists(hashlib.sha256(b"second").hexdigest())  # and nothing is under its key
    assert store.open(key) == b"first"
