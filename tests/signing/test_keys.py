"""`motcua keys init`: a province root CA and one certificate per agency of the database, read
back with cryptography as any X.509 reader would."""
from __future__ import annotations

import stat
import subprocess
import sys
from pathlib import Path

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import ExtensionOID, NameOID

from app.demo import AGENCIES

ROOT = Path(__file__).resolve().parents[2]


def motcua(*args, input=None):
    return subprocess.run([sys.executable, "-m", "app.cli", *args], cwd=ROOT, capture_output=True,
                          text=True, timeout=180, input=input)


def string_types(certificate: x509.Certificate) -> dict[str, str]:
    """The ASN.1 string type of each subject attribute, read from the DER (asn1crypto)."""
    from asn1crypto import x509 as asn1
    subject = asn1.Certificate.load(certificate.public_bytes(serialization.Encoding.DER)).subject
    return {rdn[0]["type"].native: rdn[0]["value"].name for rdn in subject.chosen}


def names(certificate: x509.Certificate, oid) -> list[str]:
    return [a.value for a in certificate.subject.get_attributes_for_oid(oid)]


def test_keys_init_makes_a_root_and_one_certificate_per_agency(clean_app, database_url, tmp_path):
    directory = tmp_path / "keys"
    result = motcua("keys", "init", "--db", database_url, "--dir", str(directory))
    assert result.returncode == 0, result.stderr
    assert "Đã tạo chứng thư số gốc" in result.stdout
    root = x509.load_pem_x509_certificate((directory / "root.cert.pem").read_bytes())
    assert root.issuer == root.subject
    assert root.extensions.get_extension_for_class(x509.BasicConstraints).value.ca
    root.verify_directly_issued_by(root)
    assert 9 * 365 <= (root.not_valid_after_utc - root.not_valid_before_utc).days <= 11 * 365
    assert names(root, NameOID.ORGANIZATION_NAME) == ["Ủy ban nhân dân tỉnh Bình An"]
    parents = {code: parent for code, _, _, parent in AGENCIES}
    by_code = {code: name for code, name, _, _ in AGENCIES}
    for code, name, _, parent in AGENCIES:
        assert f"Đã tạo khóa và chứng thư số cho {code} ({name})" in result.stdout
        cert = x509.load_pem_x509_certificate((directory / f"{code}.cert.pem").read_bytes())
        cert.verify_directly_issued_by(root)  # signed by the root's key
        assert cert.issuer == root.subject
        assert names(cert, NameOID.COMMON_NAME) == [name]
        assert names(cert, NameOID.ORGANIZATION_IDENTIFIER) == [code]
        assert names(cert, NameOID.ORGANIZATION_NAME) == [by_code[parents[code] or code]]
        assert string_types(cert) == {"common_name": "utf8_string", "organization_name": "utf8_string",
                                      "organization_identifier": "utf8_string", "country_name": "printable_string"}
        usage = cert.extensions.get_extension_for_oid(ExtensionOID.KEY_USAGE)
        assert usage.critical and usage.value.digital_signature and usage.value.content_commitment
        assert not usage.value.key_cert_sign and not usage.value.key_encipherment
        assert not cert.extensions.get_extension_for_class(x509.BasicConstraints).value.ca
        key_file = directory / f"{code}.key.pem"
        assert stat.S_IMODE(key_file.stat().st_mode) == 0o600
        key = serialization.load_pem_private_key(key_file.read_bytes(), password=None)
        assert isinstance(key, ec.EllipticCurvePrivateKey)
        assert key.public_key() == cert.public_key()
    assert stat.S_IMODE((directory / "root.key.pem").stat().st_mode) == 0o600


def test_existing_keys_are_kept_unless_forced(clean_app, database_url, tmp_path):
    directory = tmp_path / "keys"
    assert motcua("keys", "init", "--db", database_url, "--dir", str(directory)).returncode == 0
    before = {p.name: p.read_bytes() for p in directory.glob("*.pem")}
    again = motcua("keys", "init", "--db", database_url, "--dir", str(directory))
    assert again.returncode == 0, again.stderr
    assert "Giữ nguyên chứng thư số gốc đã có" in again.stdout and "Đã tạo khóa" not in again.stdout
    assert {p.name: p.read_bytes() for p in directory.glob("*.pem")} == before
    forced = motcua("keys", "init", "--db", database_url, "--dir", str(directory), "--force", "--yes")
    assert forced.returncode == 0, forced.stderr
    [retired] = directory.glob("root.retired-*.cert.pem")
    assert retired.read_bytes() == before["root.cert.pem"] and str(retired) in forced.stdout
    after = {p.name: p.read_bytes() for p in directory.glob("*.pem") if p != retired}
    assert after.keys() == before.keys() and all(after[n] != before[n] for n in before)


def test_forcing_new_keys_asks_first_and_what_was_signed_still_verifies(keys, clean_app, database_url):
    """--force replaces the root and every agency's key: it says what that means and waits for a
    yes; the old root stays a trust anchor, so a result signed before still verifies."""
    from app.signing.status import root_states
    from app.signing.verify import verify_pdf
    from tests.signing.conftest import AT, sign
    signed_before = sign(clean_app)
    before = {p.name: p.read_bytes() for p in keys.glob("*.pem")}
    declined = motcua("keys", "init", "--db", database_url, "--dir", str(keys), "--force", input="n\n")
    assert declined.returncode == 1 and "Đã hủy." in declined.stderr
    assert "chưa xác thực được người ký" in declined.stdout and "không có giá trị pháp lý" in declined.stdout
    assert {p.name: p.read_bytes() for p in keys.glob("*.pem")} == before
    accepted = motcua("keys", "init", "--db", database_url, "--dir", str(keys), "--force", input="y\n")
    assert accepted.returncode == 0, accepted.stderr
    assert (keys / "root.cert.pem").read_bytes() != before["root.cert.pem"]
    [report] = verify_pdf(signed_before, clean_app.config)
    assert report.valid and report.trusted
    [report] = verify_pdf(sign(clean_app), clean_app.config)
    assert report.valid  # the new keys sign under the new root
    assert [state.label for state in root_states(clean_app.config, AT)] == [
        str(keys / "root.cert.pem"), str(next(keys.glob("root.retired-*.cert.pem")))]
    next(keys.glob("root.retired-*.cert.pem")).unlink()  # what the question warns of
    [report] = verify_pdf(signed_before, clean_app.config)
    assert not report.trusted


def test_a_new_agency_gets_a_key_from_the_existing_root(keys, clean_app):
    from app.agencies.models import Agency
    from app.db import db
    from app.signing.demo_keys import ensure_demo_keys
    root_before = (keys / "root.cert.pem").read_bytes()
    with clean_app.app_context():
        db.session.add(Agency(code="000.21.01.H99", name="Ủy ban nhân dân xã Bình Minh", level="xa"))
        db.session.commit()
    result = ensure_demo_keys(clean_app)
    assert result.created == ["000.21.01.H99"] and not result.root_created
    assert (keys / "root.cert.pem").read_bytes() == root_before
    root = x509.load_pem_x509_certificate(root_before)
    x509.load_pem_x509_certificate((keys / "000.21.01.H99.cert.pem").read_bytes()).verify_directly_issued_by(root)


def test_without_the_root_key_nothing_is_issued(clean_app, tmp_path):
    """Production: the directory holds a real CA's root certificate only; the demo never
    makes a root of its own beside it."""
    from app.signing.demo_keys import ensure_demo_keys
    directory = tmp_path / "keys"
    directory.mkdir()
    (directory / "root.cert.pem").write_bytes(b"a real CA's certificate")
    previous, clean_app.config["MOTCUA_KEYS_DIR"] = clean_app.config["MOTCUA_KEYS_DIR"], str(directory)
    try:
        result = ensure_demo_keys(clean_app)
    finally:
        clean_app.config["MOTCUA_KEYS_DIR"] = previous
    assert not result.created and not result.root_created and len(result.no_root_key) == len(AGENCIES)
    assert sorted(p.name for p in directory.iterdir()) == ["root.cert.pem"]


def test_keys_init_without_agencies_says_what_to_do(tmp_path):
    empty = tmp_path / "empty.db"
    missing = motcua("keys", "init", "--db", str(empty), "--dir", str(tmp_path / "keys"))
    assert missing.returncode == 2 and f"motcua db upgrade --db {empty}" in missing.stderr
    assert motcua("db", "upgrade", "--db", str(empty)).returncode == 0
    result = motcua("keys", "init", "--db", str(empty), "--dir", str(tmp_path / "keys"))
    assert result.returncode == 2
    assert "motcua agencies load" in result.stderr and "Traceback" not in result.stderr


@pytest.mark.parametrize("code", ["../etc/passwd", "", "a/b", "x" * 40])
def test_agency_codes_never_name_other_files(code, tmp_path):
    from app.signing.backends import SigningUnavailable, signer_for
    with pytest.raises(SigningUnavailable, match="không hợp lệ"):
        signer_for(code, {"MOTCUA_KEYS_DIR": str(tmp_path)})


@pytest.mark.parametrize("where, reason", [
    ("file", "một phần của đường dẫn là tệp, không phải thư mục"),
    ("/proc/motcua-khong-co", "không tạo được thư mục ở đường dẫn này"),
])
def test_keys_init_into_a_folder_it_cannot_make_says_so(clean_app, database_url, tmp_path, where, reason):
    if where == "file":
        (tmp_path / "a-file").write_text("")
        where = str(tmp_path / "a-file" / "sub")
    result = motcua("keys", "init", "--db", database_url, "--dir", where)
    assert result.returncode == 2 and "Traceback" not in result.stderr, result.stderr
    assert f"Lỗi: Không dùng được thư mục khóa {where}: {reason}. Chọn thư mục khác bằng --dir" in result.stderr
