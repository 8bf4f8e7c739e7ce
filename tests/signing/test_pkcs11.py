"""The PKCS#11 backend signing for real inside SoftHSM2: an RSA key generated in the token (it
never leaves it), a P-256 key imported into it; the certificates issued by our root for the
token's public keys. Every failure of the device is a sentence naming the agency, the token and
what to do, and a PIN the token refused is not tried again."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec

from app.signing import device
from app.signing.backends import SigningUnavailable
from app.signing.keys import AgencyIdentity, cert_path
from app.signing.status import agency_states
from app.signing.verify import verify_pdf

from .conftest import AT, SIGNING_AGENCY, make_pdf, pdfsig
from .softhsm import PIN, config_for, generate_rsa_key, import_ec_key, keys_dir_for, softhsm
from .test_keys import ROOT

TOKEN, OTHER_TOKEN = "motcua-test", "motcua-khac"
PROVINCE = "Ủy ban nhân dân tỉnh Bình An"
AGENCY = AgencyIdentity(SIGNING_AGENCY, "Sở Tư pháp tỉnh Bình An", PROVINCE)
EC_AGENCY = AgencyIdentity("000.00.15.H99", "Sở Xây dựng tỉnh Bình An", PROVINCE)
NO_KEY_AGENCY = AgencyIdentity("000.00.30.H99", "Công an tỉnh Bình An", PROVINCE)  # a certificate, no key
AGENCIES = [(a.code, a.name) for a in (AGENCY, EC_AGENCY, NO_KEY_AGENCY)]


@pytest.fixture(scope="module")
def token(tmp_path_factory):
    """Two tokens; the first holds the RSA key of AGENCY and the P-256 key of EC_AGENCY."""
    with softhsm(tmp_path_factory.mktemp("softhsm"), TOKEN, OTHER_TOKEN) as module:
        yield module, {AGENCY: generate_rsa_key(module, TOKEN, AGENCY.code),
                       EC_AGENCY: import_ec_key(module, TOKEN, EC_AGENCY.code),
                       NO_KEY_AGENCY: ec.generate_private_key(ec.SECP256R1()).public_key()}


@pytest.fixture(autouse=True)
def forget_refused_pins():
    device._refused.clear()
    yield
    device._refused.clear()


@pytest.fixture()
def hsm_config(token, tmp_path):
    """Our root CA in a keys directory and the certificates it issued for the token's keys; no
    key file."""
    _, public_keys = token
    directory = keys_dir_for(tmp_path / "keys", public_keys, AT)
    certificate = x509.load_pem_x509_certificate(cert_path(directory, SIGNING_AGENCY).read_bytes())
    return config_for(directory, TOKEN), certificate


def sign_with(config, agency: str = SIGNING_AGENCY) -> bytes:
    from app.signing.sign import sign_pdf
    return sign_pdf(make_pdf(), agency, "Phạm Thị Dung", "Phê duyệt", "Bình An", config, at=AT)


def test_the_token_signs_and_pdfsig_accepts_it(hsm_config, tmp_path):
    from app.signing.keys import key_path
    config, _ = hsm_config
    assert not key_path(Path(config["MOTCUA_KEYS_DIR"]), SIGNING_AGENCY).exists()  # only the token has it
    signed = sign_with(config)
    report = pdfsig(signed, tmp_path)
    assert "Signature Validation: Signature is Valid." in report
    assert "Signer Certificate Common Name: Sở Tư pháp tỉnh Bình An" in report
    [verdict] = verify_pdf(signed, config)
    assert verdict.valid and verdict.intact and verdict.trusted and verdict.signer_code == SIGNING_AGENCY


def test_an_imported_p256_key_signs_with_the_raw_ecdsa_mechanism(hsm_config, tmp_path):
    """SoftHSM2 has no ECDSA-with-SHA-256 in one step (MechanismInvalid): the digest is made here."""
    config, _ = hsm_config
    signed = sign_with(config, EC_AGENCY.code)
    assert "Signature Validation: Signature is Valid." in pdfsig(signed, tmp_path)
    [verdict] = verify_pdf(signed, config)
    assert verdict.valid and verdict.signer_code == EC_AGENCY.code


def test_the_certificate_may_live_on_the_token(hsm_config, token, tmp_path):
    """Tokens from a CA carry the certificate next to the key, under the same label."""
    from pkcs11 import Attribute, CertificateType, ObjectClass
    config, certificate = hsm_config
    module, _ = token
    der = certificate.public_bytes(serialization.Encoding.DER)
    with module.get_token(token_label=TOKEN).open(rw=True, user_pin=PIN) as session:
        stored = session.create_object({Attribute.CLASS: ObjectClass.CERTIFICATE,
                                        Attribute.CERTIFICATE_TYPE: CertificateType.X_509,
                                        Attribute.TOKEN: True, Attribute.LABEL: SIGNING_AGENCY,
                                        Attribute.SUBJECT: certificate.subject.public_bytes(),
                                        Attribute.VALUE: der})
        try:
            os.remove(cert_path(Path(config["MOTCUA_KEYS_DIR"]), SIGNING_AGENCY))
            signed = sign_with(config)
        finally:
            stored.destroy()
    assert "Signature is Valid." in pdfsig(signed, tmp_path)
    [verdict] = verify_pdf(signed, config)
    assert verdict.valid
    with pytest.raises(SigningUnavailable, match=f"nạp chứng thư số vào thẻ «{TOKEN}» với nhãn {SIGNING_AGENCY}"):
        sign_with(config)  # neither the file nor the token has it now


def test_a_key_missing_from_the_token_is_said_not_raised(hsm_config):
    """pyHanko's 'Could not find private key with label' came out as a raw PKCS11Error."""
    config, _ = hsm_config
    with pytest.raises(SigningUnavailable, match=f"Thẻ «{TOKEN}» không có khóa bí mật nhãn «000.00.30.H99» "
                                                 "của cơ quan 000.00.30.H99: nạp khóa") as caught:
        sign_with(config, NO_KEY_AGENCY.code)
    assert caught.value.for_officers == "Khóa ký số của cơ quan chưa dùng được; liên hệ quản trị hệ thống."
    # Without a PIN the token hides its private keys: the PIN is what to set first.
    without_pin = config_for(Path(config["MOTCUA_KEYS_DIR"]), TOKEN, pin=None)
    with pytest.raises(SigningUnavailable, match="chưa đặt MOTCUA_PKCS11_PIN"):
        sign_with(without_pin)
    states = agency_states(without_pin, AGENCIES, AT)
    assert [s.state for s in states] == ["unavailable"] * 3
    assert all("MOTCUA_PKCS11_PIN" in s.detail for s in states)


def test_several_tokens_need_a_label_and_an_unknown_label_is_named(hsm_config):
    config, _ = hsm_config
    unnamed = {k: v for k, v in config.items() if k != "MOTCUA_PKCS11_TOKEN"}
    with pytest.raises(SigningUnavailable, match="có nhiều thẻ .*: đặt MOTCUA_PKCS11_TOKEN bằng nhãn") as caught:
        sign_with(unnamed)
    assert f"«{TOKEN}»" in str(caught.value) and f"«{OTHER_TOKEN}»" in str(caught.value)
    with pytest.raises(SigningUnavailable, match="không có thẻ nhãn «khong-co» .* các thẻ đang có: «") as caught:
        sign_with({**config, "MOTCUA_PKCS11_TOKEN": "khong-co"})
    assert f"«{TOKEN}»" in str(caught.value)


def test_a_wrong_pin_is_tried_once(hsm_config, monkeypatch):
    """A real token locks after a few wrong PINs: one status run used to spend one per agency."""
    config, _ = hsm_config
    logins = []
    monkeypatch.setattr(device, "login", lambda token, pin: logins.append(pin) or token.open(user_pin=pin))
    wrong = {**config, "MOTCUA_PKCS11_PIN": "000000"}
    states = agency_states(wrong, AGENCIES, AT)
    assert logins == ["000000"]
    assert [s.state for s in states] == ["unavailable"] * 3
    for state, (code, _) in zip(states, AGENCIES):
        assert f"Thẻ «{TOKEN}» từ chối mã PIN MOTCUA_PKCS11_PIN (mã PIN sai) nên chưa ký được cho cơ quan {code}" \
            in state.detail
    with pytest.raises(SigningUnavailable, match="Hệ thống không thử lại mã PIN này"):
        sign_with(wrong)
    assert logins == ["000000"]  # refused without asking the token again
    sign_with(config)  # the right PIN is another configuration
    assert logins == ["000000", PIN]


def test_keys_status_makes_a_test_signature(hsm_config, monkeypatch):
    config, _ = hsm_config
    ok, ec_ok, no_key = agency_states(config, AGENCIES, AT)
    assert (ok.state, ec_ok.state, no_key.state) == ("ok", "ok", "unavailable")
    assert "không có khóa bí mật nhãn «000.00.30.H99»" in no_key.detail
    # A key the device cannot sign with (here: ECDSA-with-SHA-256, which SoftHSM2 lacks) is reported.
    monkeypatch.setattr(device, "needs_raw_mechanism", lambda key: False)
    ec_refused = agency_states(config, AGENCIES, AT)[1]
    assert ec_refused.state == "unavailable" and ec_refused.not_after is not None
    assert "Khóa của cơ quan 000.00.15.H99 không ký thử được (MechanismInvalid)" in ec_refused.detail


def test_a_certificate_that_is_not_the_keys_is_refused(hsm_config):
    config, _ = hsm_config
    directory = Path(config["MOTCUA_KEYS_DIR"])
    cert_path(directory, SIGNING_AGENCY).write_bytes(cert_path(directory, EC_AGENCY.code).read_bytes())
    with pytest.raises(SigningUnavailable, match="Khóa bí mật của cơ quan 000.00.12.H99 không khớp với chứng thư số"):
        sign_with(config)
    [state] = agency_states(config, AGENCIES[:1], AT)
    assert state.state == "unavailable" and "không khớp" in state.detail


def test_keys_status_prints_one_line_per_agency(hsm_config, clean_app, database_url):
    """The demo's five agencies against a token holding two of their keys: no traceback."""
    config, _ = hsm_config
    result = subprocess.run([sys.executable, "-m", "app.cli", "keys", "status", "--db", database_url], cwd=ROOT,
                            env={**os.environ, **config}, capture_output=True, text=True, timeout=180)
    assert result.returncode == 1 and "Traceback" not in result.stderr + result.stdout, result.stderr
    assert "[còn hạn] 000.00.12.H99 Sở Tư pháp tỉnh Bình An" in result.stdout
    assert "[còn hạn] 000.00.15.H99 Sở Xây dựng tỉnh Bình An" in result.stdout
    assert result.stdout.count("[KHÔNG DÙNG ĐƯỢC]") == 3
    assert "Thẻ «motcua-test» không có khóa bí mật nhãn «000.00.00.H99»" in result.stdout
