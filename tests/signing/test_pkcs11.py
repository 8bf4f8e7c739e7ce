"""The PKCS#11 backend signing for real inside SoftHSM2: the key is generated in the token and
never leaves it; the certificate is issued by our root for the token's public key."""
from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa

from app.signing.keys import AgencyIdentity, ROOT_CERT, ROOT_KEY, cert_path, init_keys, issue_certificate
from app.signing.verify import verify_pdf

from .conftest import AT, SIGNING_AGENCY, make_pdf, pdfsig

LIBRARY = "/usr/lib/softhsm/libsofthsm2.so"
TOKEN, PIN, SO_PIN = "motcua-test", "246810", "13579111"
AGENCY = AgencyIdentity(SIGNING_AGENCY, "Sở Tư pháp tỉnh Bình An", "Ủy ban nhân dân tỉnh Bình An")


@pytest.fixture(scope="module")
def token(tmp_path_factory):
    """A fresh SoftHSM2 token in a temporary directory, with an RSA key labelled with the agency
    code generated inside it. SOFTHSM2_CONF is read when the module is first loaded into this
    process, so one token serves the whole module."""
    if not (shutil.which("softhsm2-util") and Path(LIBRARY).exists()):
        pytest.skip("softhsm2 is not installed (apt-get install softhsm2): the PKCS#11 backend is untested")
    import pkcs11
    from pkcs11 import Attribute, KeyType
    base = tmp_path_factory.mktemp("softhsm")
    (base / "tokens").mkdir()
    config = base / "softhsm2.conf"
    config.write_text(f"directories.tokendir = {base / 'tokens'}\nobjectstore.backend = file\nlog.level = ERROR\n")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SOFTHSM2_CONF", str(config))
        subprocess.run(["softhsm2-util", "--init-token", "--free", "--label", TOKEN, "--pin", PIN,
                        "--so-pin", SO_PIN], check=True, capture_output=True, timeout=60)
        device = pkcs11.lib(LIBRARY)
        device.reinitialize()  # in case another test loaded the module before with another token dir
        with device.get_token(token_label=TOKEN).open(rw=True, user_pin=PIN) as session:
            public, _ = session.generate_keypair(KeyType.RSA, 2048, store=True, label=SIGNING_AGENCY, id=b"\x01")
            numbers = rsa.RSAPublicNumbers(int.from_bytes(public[Attribute.PUBLIC_EXPONENT], "big"),
                                           int.from_bytes(public[Attribute.MODULUS], "big"))
        yield device, numbers.public_key()


@pytest.fixture()
def hsm_config(token, tmp_path):
    """Our root CA in a keys directory, and the certificate it issued for the token's key put
    alongside, as `<code>.cert.pem`; no key file."""
    _, public_key = token
    directory = tmp_path / "keys"
    init_keys(directory, [], "Ủy ban nhân dân tỉnh Bình An", at=AT)
    root_key = serialization.load_pem_private_key((directory / ROOT_KEY).read_bytes(), password=None)
    root_cert = x509.load_pem_x509_certificate((directory / ROOT_CERT).read_bytes())
    certificate = issue_certificate(root_key, root_cert, public_key, AGENCY, AT)
    cert_path(directory, SIGNING_AGENCY).write_bytes(certificate.public_bytes(serialization.Encoding.PEM))
    return {"MOTCUA_KEYS_DIR": str(directory), "MOTCUA_PKCS11_LIB": LIBRARY, "MOTCUA_PKCS11_TOKEN": TOKEN,
            "MOTCUA_PKCS11_PIN": PIN}, certificate


def sign_with(config) -> bytes:
    from app.signing.sign import sign_pdf
    return sign_pdf(make_pdf(), SIGNING_AGENCY, "Phạm Thị Dung", "Phê duyệt", "Bình An", config, at=AT)


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


def test_the_certificate_may_live_on_the_token(hsm_config, token, tmp_path):
    """Tokens from a CA carry the certificate next to the key, under the same label."""
    from pkcs11 import Attribute, CertificateType, ObjectClass
    config, certificate = hsm_config
    device, _ = token
    der = certificate.public_bytes(serialization.Encoding.DER)
    with device.get_token(token_label=TOKEN).open(rw=True, user_pin=PIN) as session:
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


def test_a_wrong_pin_is_a_clear_error(hsm_config):
    from app.signing.backends import SigningUnavailable
    config, _ = hsm_config
    with pytest.raises(SigningUnavailable, match="Không mở được thiết bị ký PKCS#11 cho cơ quan 000.00.12.H99"):
        sign_with({**config, "MOTCUA_PKCS11_PIN": "000000"})
