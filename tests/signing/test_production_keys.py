"""What a production installation needs beyond the demo keys: keys stored encrypted with a
passphrase, more trust anchors (other provinces' and the Government's CAs), a refusal to sign
with a certificate outside its validity, and `motcua keys status` to see all of it in advance."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from datetime import datetime, timedelta, timezone

import pytest
from cryptography.hazmat.primitives import serialization

from app.signing.backends import SigningUnavailable
from app.signing.keys import AgencyIdentity, init_keys, key_path
from app.signing.verify import verify_pdf

from .conftest import AT, SIGNING_AGENCY, pdfsig, sign
from .test_keys import ROOT, motcua

OTHER = AgencyIdentity(SIGNING_AGENCY, "Sở Tư pháp tỉnh Khác", "Ủy ban nhân dân tỉnh Khác")


def _encrypt(path, passphrase: bytes) -> None:
    key = serialization.load_pem_private_key(path.read_bytes(), password=None)
    path.write_bytes(key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                       serialization.BestAvailableEncryption(passphrase)))


def test_an_encrypted_key_signs_with_its_passphrase_and_a_wrong_one_is_named(keys, clean_app, tmp_path):
    _encrypt(key_path(keys, SIGNING_AGENCY), b"mat-khau-kho-doan")
    config = {"MOTCUA_KEYS_DIR": str(keys)}
    signed = sign(clean_app, config={**config, "MOTCUA_KEYS_PASSPHRASE": "mat-khau-kho-doan"})
    assert "Signature is Valid." in pdfsig(signed, tmp_path)
    [report] = verify_pdf(signed, clean_app.config, at=AT)
    assert report.valid
    for wrong in ({}, {"MOTCUA_KEYS_PASSPHRASE": "sai"}):
        with pytest.raises(SigningUnavailable, match="MOTCUA_KEYS_PASSPHRASE"):
            sign(clean_app, config={**config, **wrong})


def test_signing_outside_the_certificates_validity_is_refused(keys, clean_app):
    with pytest.raises(SigningUnavailable, match=r"000\.00\.12\.H99 đã hết hạn từ ngày \d\d/\d\d/\d{4}"):
        sign(clean_app, at=datetime.now(timezone.utc) + timedelta(days=365 * 6))
    with pytest.raises(SigningUnavailable, match="chỉ có hiệu lực từ ngày"):
        sign(clean_app, at=datetime.now(timezone.utc) - timedelta(days=400))


def test_more_trust_anchors_make_another_provinces_results_verify(keys, clean_app, tmp_path):
    other = tmp_path / "tinh-khac"
    init_keys(other, [OTHER], "Ủy ban nhân dân tỉnh Khác")
    signed = sign(clean_app, config={"MOTCUA_KEYS_DIR": str(other)})
    [alone] = verify_pdf(signed, clean_app.config, at=AT)
    assert alone.intact and not alone.trusted
    assert not alone.test_certificate  # its root's name says "CA thử nghiệm", but nothing vouches for it here
    anchors = tmp_path / "neo-tin-cay"
    anchors.mkdir()
    shutil.copy(other / "root.cert.pem", anchors / "tinh-khac.pem")
    (tmp_path / "hong.pem").write_text("không phải chứng thư số")
    for setting in (str(other / "root.cert.pem"), str(anchors),
                    os.pathsep.join([str(tmp_path / "hong.pem"), str(tmp_path / "khong-co.pem"), str(anchors)])):
        [report] = verify_pdf(signed, {**clean_app.config, "MOTCUA_TRUST_ROOTS": setting}, at=AT)
        assert report.valid and report.signer == "Sở Tư pháp tỉnh Khác (Ủy ban nhân dân tỉnh Khác)", setting
        assert report.test_certificate  # another demo's root is a test one too
    # Our own results stay trusted beside the new anchors.
    [own] = verify_pdf(sign(clean_app), {**clean_app.config, "MOTCUA_TRUST_ROOTS": str(anchors)}, at=AT)
    assert own.valid


def test_keys_status_says_which_agency_cannot_sign(clean_app, database_url, tmp_path):
    directory = tmp_path / "keys"
    assert motcua("keys", "init", "--db", database_url, "--dir", str(directory)).returncode == 0
    env_keys = {"MOTCUA_KEYS_DIR": str(directory)}
    result = _status(database_url, env_keys)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "[còn hạn] 000.00.12.H99 Sở Tư pháp tỉnh Bình An" in result.stdout
    assert "Sở Tư pháp tỉnh Bình An (Ủy ban nhân dân tỉnh Bình An); hiệu lực đến" in result.stdout
    assert f"[còn hạn] {directory / 'root.cert.pem'}" in result.stdout
    # A certificate that ends in ten days is a warning; a missing key makes the command fail.
    ends_soon = datetime.now(timezone.utc) + timedelta(days=10) - timedelta(days=365 * 5 + 1) + timedelta(days=366)
    for suffix in ("key.pem", "cert.pem"):
        (directory / f"000.00.12.H99.{suffix}").unlink()
    init_keys(directory, [AgencyIdentity("000.00.12.H99", "Sở Tư pháp tỉnh Bình An", "Ủy ban nhân dân tỉnh Bình An")],
              "Ủy ban nhân dân tỉnh Bình An", at=ends_soon)
    result = _status(database_url, {**env_keys, "MOTCUA_TRUST_ROOTS": str(tmp_path / "khong-co.pem")})
    assert result.returncode == 0
    assert "[SẮP HẾT HẠN] 000.00.12.H99 Sở Tư pháp tỉnh Bình An" in result.stdout
    assert "Không mở được tệp" in result.stdout
    key_path(directory, "000.00.30.H99").unlink()
    result = _status(database_url, env_keys)
    assert result.returncode == 1
    assert "[KHÔNG DÙNG ĐƯỢC] 000.00.30.H99 Công an tỉnh Bình An" in result.stdout
    assert "Chưa có khóa ký của cơ quan 000.00.30.H99" in result.stdout


def _status(database_url, env):
    environment = {k: v for k, v in os.environ.items() if k != "MOTCUA_TRUST_ROOTS"}
    return subprocess.run([sys.executable, "-m", "app.cli", "keys", "status", "--db", database_url], cwd=ROOT,
                          env={**environment, **env}, capture_output=True, text=True, timeout=180)


def test_a_certificate_under_another_root_is_not_called_a_test_one(clean_app, tmp_path):
    from .conftest import self_signed
    directory = tmp_path / "ca-that"
    certificate = self_signed(directory, SIGNING_AGENCY, "Sở Tư pháp tỉnh Bình An")
    signed = sign(clean_app, config={"MOTCUA_KEYS_DIR": str(directory), "MOTCUA_TRUST_ROOTS": str(certificate)})
    [report] = verify_pdf(signed, {**clean_app.config, "MOTCUA_TRUST_ROOTS": str(certificate)})
    assert report.valid and not report.test_certificate
