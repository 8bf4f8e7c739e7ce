"""A key is checked against its certificate before it signs, and `motcua keys status` says the
same: a certificate copied over another agency's, a key and certificate filed under another
agency's code, a certificate no trust anchor vouches for; the signature just made is checked
again before anything is stored. Files that cannot be read are named, never a traceback."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys

import pytest
from cryptography.hazmat.primitives import serialization

from app.signing.backends import SigningUnavailable
from app.signing.keys import cert_path, key_path
from app.signing.sign import SigningFailed
from app.signing.status import agency_states

from .conftest import AT, SIGNING_AGENCY, self_signed, sign
from .test_keys import ROOT, motcua

OTHER = "000.00.30.H99"  # Công an tỉnh Bình An in the demo data


def _state(keys, config=None):
    [state] = agency_states(config or {"MOTCUA_KEYS_DIR": str(keys)}, [(SIGNING_AGENCY, "Sở Tư pháp")], AT)
    return state


def test_a_certificate_copied_over_another_agencys_is_refused(keys, clean_app):
    """The reviewer's case: the key signed anyway, pdfsig said Invalid, the citizen got it."""
    shutil.copy(cert_path(keys, OTHER), cert_path(keys, SIGNING_AGENCY))
    with pytest.raises(SigningUnavailable, match="Khóa bí mật của cơ quan 000.00.12.H99 không khớp với chứng thư "
                                                 f"số \\({cert_path(keys, SIGNING_AGENCY)}\\)"):
        sign(clean_app)
    state = _state(keys)
    assert state.state == "unavailable" and "không khớp" in state.detail
    assert state.not_after is not None  # what the certificate says is still shown


def test_another_agencys_key_and_certificate_are_refused(keys, clean_app):
    for suffix in ("key.pem", "cert.pem"):
        shutil.copy(keys / f"{OTHER}.{suffix}", keys / f"{SIGNING_AGENCY}.{suffix}")
    with pytest.raises(SigningUnavailable, match="đặt cho cơ quan 000.00.12.H99 lại được cấp cho .*Công an tỉnh "
                                                 "Bình An.*, mã định danh 000.00.30.H99"):
        sign(clean_app)


def test_a_certificate_no_trust_anchor_vouches_for_is_refused(clean_app, tmp_path):
    directory = tmp_path / "ca-that"
    certificate = self_signed(directory, SIGNING_AGENCY, "Sở Tư pháp tỉnh Bình An")
    config = {"MOTCUA_KEYS_DIR": str(directory)}
    with pytest.raises(SigningUnavailable, match="không dẫn tới chứng thư số gốc được tin cậy .*: không tìm thấy "
                                                 "tổ chức cấp nào được tin cậy"):
        sign(clean_app, config=config)
    assert _state(directory).state == "unavailable"
    assert _state(directory, {**config, "MOTCUA_TRUST_ROOTS": str(certificate)}).state == "ok"


def test_a_signature_that_does_not_verify_is_not_handed_out(keys, clean_app, monkeypatch):
    """Whatever slips past the checks before signing: the bytes are checked before they are stored."""
    monkeypatch.setattr("app.signing.sign.check_signer", lambda *args: None)
    shutil.copy(cert_path(keys, OTHER), cert_path(keys, SIGNING_AGENCY))
    with pytest.raises(SigningFailed, match="Chữ ký vừa tạo bằng khóa của cơ quan 000.00.12.H99 không hợp lệ"):
        sign(clean_app)


def _encrypt(path, passphrase: bytes) -> None:
    key = serialization.load_pem_private_key(path.read_bytes(), password=None)
    path.write_bytes(key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                       serialization.BestAvailableEncryption(passphrase)))


@pytest.mark.parametrize("damage, passphrase, said", [
    (lambda keys: key_path(keys, SIGNING_AGENCY).write_text("hỏng"), None,
     "Không đọc được tệp khóa {key} của cơ quan 000.00.12.H99: tệp hỏng"),
    (lambda keys: _encrypt(key_path(keys, SIGNING_AGENCY), b"bi-mat"), None,
     "Tệp khóa {key} của cơ quan 000.00.12.H99 được mã hóa: đặt mật khẩu khóa vào MOTCUA_KEYS_PASSPHRASE"),
    (lambda keys: None, "bi-mat",
     "Tệp khóa {key} của cơ quan 000.00.12.H99 không được mã hóa nhưng MOTCUA_KEYS_PASSPHRASE có đặt"),
    (lambda keys: _encrypt(key_path(keys, SIGNING_AGENCY), b"bi-mat"), "sai",
     "Mật khẩu khóa MOTCUA_KEYS_PASSPHRASE không mở được tệp khóa {key}"),
    (lambda keys: cert_path(keys, SIGNING_AGENCY).write_bytes(b"-----BEGIN CERTIFICATE-----\nAAAA\n"), None,
     "Không đọc được chứng thư số {cert} của cơ quan 000.00.12.H99"),
])
def test_unreadable_key_files_are_named_with_what_to_do(keys, clean_app, damage, passphrase, said):
    damage(keys)
    config = {"MOTCUA_KEYS_DIR": str(keys)} | ({"MOTCUA_KEYS_PASSPHRASE": passphrase} if passphrase else {})
    expected = said.format(key=key_path(keys, SIGNING_AGENCY), cert=cert_path(keys, SIGNING_AGENCY))
    state = _state(keys, config)
    assert state.state == "unavailable" and expected in state.detail
    with pytest.raises(SigningUnavailable) as caught:
        sign(clean_app, config=config)
    assert expected in str(caught.value) and caught.value.for_officers.endswith("liên hệ quản trị hệ thống.")


def test_keys_status_names_each_broken_file_without_a_traceback(clean_app, database_url, tmp_path):
    directory = tmp_path / "keys"
    assert motcua("keys", "init", "--db", database_url, "--dir", str(directory)).returncode == 0
    key_path(directory, SIGNING_AGENCY).write_text("hỏng")
    cert_path(directory, "000.00.00.H99").write_text("hỏng")
    shutil.copy(cert_path(directory, OTHER), cert_path(directory, "000.00.15.H99"))
    environment = {k: v for k, v in os.environ.items() if not k.startswith("MOTCUA_KEYS")}
    result = subprocess.run([sys.executable, "-m", "app.cli", "keys", "status", "--db", database_url,
                             "--dir", str(directory)], cwd=ROOT, env=environment, capture_output=True, text=True,
                            timeout=180)
    assert result.returncode == 1
    assert "Traceback" not in result.stdout + result.stderr and "Could not load" not in result.stderr, result.stderr
    assert f"Không đọc được tệp khóa {key_path(directory, SIGNING_AGENCY)}" in result.stdout
    assert f"Không đọc được chứng thư số {cert_path(directory, '000.00.00.H99')}" in result.stdout
    assert "Khóa bí mật của cơ quan 000.00.15.H99 không khớp" in result.stdout
    assert f"[còn hạn] {OTHER} Công an tỉnh Bình An" in result.stdout
