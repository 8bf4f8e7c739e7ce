"""Fixtures for the signing tests: the demo keys in a temporary directory, real PDFs, pdfsig."""
from __future__ import annotations

import io
import re
import shutil
import subprocess
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

SIGNING_AGENCY = "000.00.12.H99"  # Sở Tư pháp tỉnh Bình An in the demo data
AT = datetime(2026, 2, 13, 2, 30, tzinfo=timezone.utc)  # 09:30 in Hà Nội
TEXT = "KET QUA GIAI QUYET THU TUC HANH CHINH"
# Not a PDF, though its words locate a signature: a /ByteRange whose gap is a /Contents hex string.
NOT_PDF_WITH_BYTE_RANGE = b"GIF89a /Contents <3000> /ByteRange [0 17 23 10] no signature here"


@pytest.fixture()
def keys(clean_app, tmp_path):
    """The demo keys of every demo agency, made as `motcua up` makes them, in a temporary dir."""
    from app.signing.demo_keys import ensure_demo_keys
    previous = clean_app.config["MOTCUA_KEYS_DIR"]
    clean_app.config["MOTCUA_KEYS_DIR"] = str(tmp_path / "keys")
    assert ensure_demo_keys(clean_app).created
    yield tmp_path / "keys"
    clean_app.config["MOTCUA_KEYS_DIR"] = previous


def make_pdf(text: str = TEXT) -> bytes:
    """A one-page PDF whose text stays readable in the file (no compression), so a test can
    change one letter of the content."""
    from reportlab.pdfgen import canvas
    out = io.BytesIO()
    page = canvas.Canvas(out, pageCompression=0)
    page.drawString(72, 720, text)
    page.save()
    return out.getvalue()


def sign(clean_app, pdf: bytes | None = None, agency: str = SIGNING_AGENCY, at=AT, config=None) -> bytes:
    from app.signing.sign import sign_pdf
    return sign_pdf(pdf or make_pdf(), agency, "Phạm Thị Dung", "Phê duyệt kết quả giải quyết",
                    "Bình An", config or clean_app.config, at=at)


def flip(pdf: bytes, position: int) -> bytes:
    """`pdf` with one byte changed, as a reviewer's hex editor would: the byte XOR 0x5A."""
    return pdf[:position] + bytes([pdf[position] ^ 0x5A]) + pdf[position + 1:]


def in_padding(pdf: bytes, signature: int = 0) -> int:
    """An offset in the zero padding after the CMS in a signature's /Contents (the first by
    default): outside the signed bytes and outside the signature itself."""
    start = [m.end() for m in re.finditer(rb"/Contents <", pdf)][signature]
    end = pdf.index(b">", start)
    assert set(pdf[end - 200:end]) == {ord("0")}
    return end - 100


def add_annotation(pdf: bytes) -> bytes:
    """An incremental update after the signature: a note on the first page."""
    from pyhanko.pdf_utils import generic
    from pyhanko.pdf_utils.generic import pdf_name, pdf_string
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    writer = IncrementalPdfFileWriter(io.BytesIO(pdf))
    page_ref, _ = writer.find_page_for_modification(0)
    note = generic.DictionaryObject({
        pdf_name("/Type"): pdf_name("/Annot"), pdf_name("/Subtype"): pdf_name("/Text"),
        pdf_name("/Rect"): generic.ArrayObject([generic.NumberObject(n) for n in (72, 600, 92, 620)]),
        pdf_name("/Contents"): pdf_string("Đã sửa sau khi ký")})
    writer.register_annotation(page_ref, writer.add_object(note))
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def self_signed(directory: Path, code: str, name: str) -> Path:
    """Key and certificate files of a signer whose certificate is its own issuer (and names the
    agency code, as a forger would); the certificate's path, which signing must be told to
    trust (MOTCUA_TRUST_ROOTS) before it signs with it."""
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    from app.signing.keys import cert_path, key_path, write_certificates, write_key
    directory.mkdir(parents=True, exist_ok=True)
    key = ec.generate_private_key(ec.SECP256R1())
    subject = x509.Name([x509.NameAttribute(NameOID.COUNTRY_NAME, "VN"),
                         x509.NameAttribute(NameOID.ORGANIZATION_NAME, "Công ty Giả mạo"),
                         x509.NameAttribute(NameOID.COMMON_NAME, name),
                         x509.NameAttribute(NameOID.ORGANIZATION_IDENTIFIER, code)])
    start = datetime.now(timezone.utc) - timedelta(days=400)
    cert = (x509.CertificateBuilder().subject_name(subject).issuer_name(subject).public_key(key.public_key())
            .serial_number(x509.random_serial_number()).not_valid_before(start)
            .not_valid_after(start + timedelta(days=3650))
            .add_extension(x509.KeyUsage(True, True, False, False, False, False, False, False, False), critical=True)
            .sign(key, hashes.SHA256()))
    write_key(key_path(directory, code), key)
    write_certificates(cert_path(directory, code), [cert])
    return cert_path(directory, code)


def pdfsig(pdf: bytes, tmp_path: Path, nss_dir: Path | None = None) -> str:
    if not shutil.which("pdfsig"):
        pytest.skip("pdfsig is missing: apt-get install poppler-utils")
    path = tmp_path / f"signed-{len(list(tmp_path.glob('signed-*.pdf')))}.pdf"
    path.write_bytes(pdf)
    if nss_dir is None and shutil.which("certutil"):  # an empty NSS database, never the user's own
        nss_dir = nss_database(tmp_path / f"nss-empty-{path.stem}")
    options = ["-nssdir", f"sql:{nss_dir}"] if nss_dir else []
    result = subprocess.run(["pdfsig", *options, str(path)], capture_output=True, text=True, timeout=60,
                            env={"TZ": "UTC", "PATH": "/usr/bin:/bin", "HOME": str(tmp_path)})
    return result.stdout + result.stderr


def nss_database(directory: Path, trusted_root: Path | None = None) -> Path:
    if not shutil.which("certutil"):
        pytest.skip("certutil is missing (apt-get install libnss3-tools): pdfsig cannot be given a trust store")
    directory.mkdir(parents=True, exist_ok=True)
    subprocess.run(["certutil", "-N", "-d", f"sql:{directory}", "--empty-password"], check=True,
                   capture_output=True, timeout=60)
    if trusted_root:
        subprocess.run(["certutil", "-A", "-d", f"sql:{directory}", "-n", "motcua-root", "-t", "CT,C,C",
                        "-i", str(trusted_root)], check=True, capture_output=True, timeout=60)
    return directory
