"""SoftHSM2 tokens for the PKCS#11 tests: a token directory of their own, keys made in a token or
imported into it, and certificates our demo root issues for them."""
from __future__ import annotations

import shutil
import subprocess
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec, rsa

from app.signing.keys import AgencyIdentity, ROOT_CERT, ROOT_KEY, cert_path, init_keys, issue_certificate

LIBRARY = "/usr/lib/softhsm/libsofthsm2.so"
PIN, SO_PIN = "246810", "13579111"


@contextmanager
def softhsm(base: Path, *labels: str) -> Iterator[object]:
    """The PKCS#11 module (python-pkcs11) with a fresh token per label in `base`. SOFTHSM2_CONF is
    read when the module is initialised: set for as long as the tokens are used."""
    if not (shutil.which("softhsm2-util") and Path(LIBRARY).exists()):
        pytest.skip("softhsm2 is not installed (apt-get install softhsm2): the PKCS#11 backend is untested")
    import pkcs11
    (base / "tokens").mkdir(parents=True)
    config = base / "softhsm2.conf"
    config.write_text(f"directories.tokendir = {base / 'tokens'}\nobjectstore.backend = file\nlog.level = ERROR\n")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SOFTHSM2_CONF", str(config))
        for label in labels:
            subprocess.run(["softhsm2-util", "--init-token", "--free", "--label", label, "--pin", PIN,
                            "--so-pin", SO_PIN], check=True, capture_output=True, timeout=60)
        module = pkcs11.lib(LIBRARY)
        module.reinitialize()  # in case another test loaded the module before with another token dir
        yield module


def generate_rsa_key(module, token: str, label: str):
    """An RSA key made inside the token (it never leaves it); its public key."""
    from pkcs11 import Attribute, KeyType
    with module.get_token(token_label=token).open(rw=True, user_pin=PIN) as session:
        public, _ = session.generate_keypair(KeyType.RSA, 2048, store=True, label=label, id=b"\x01")
        numbers = rsa.RSAPublicNumbers(int.from_bytes(public[Attribute.PUBLIC_EXPONENT], "big"),
                                       int.from_bytes(public[Attribute.MODULUS], "big"))
    return numbers.public_key()


def import_ec_key(module, token: str, label: str):
    """A P-256 key made here and imported into the token, as a key from a CA is; its public key."""
    from pkcs11 import Attribute, KeyType, ObjectClass
    from pkcs11.util.ec import encode_named_curve_parameters
    key = ec.generate_private_key(ec.SECP256R1())
    with module.get_token(token_label=token).open(rw=True, user_pin=PIN) as session:
        session.create_object({
            Attribute.CLASS: ObjectClass.PRIVATE_KEY, Attribute.KEY_TYPE: KeyType.EC, Attribute.TOKEN: True,
            Attribute.PRIVATE: True, Attribute.SENSITIVE: True, Attribute.SIGN: True, Attribute.LABEL: label,
            Attribute.EC_PARAMS: encode_named_curve_parameters("secp256r1"),
            Attribute.VALUE: key.private_numbers().private_value.to_bytes(32, "big")})
    return key.public_key()


def keys_dir_for(directory: Path, public_keys: dict[AgencyIdentity, object], at) -> Path:
    """Our demo root in `directory` and, for each agency, a certificate it issued for the given
    public key, as `<code>.cert.pem`; no key file."""
    init_keys(directory, [], "Ủy ban nhân dân tỉnh Bình An", at=at)
    root_key = serialization.load_pem_private_key((directory / ROOT_KEY).read_bytes(), password=None)
    root_cert = x509.load_pem_x509_certificate((directory / ROOT_CERT).read_bytes())
    for agency, public_key in public_keys.items():
        certificate = issue_certificate(root_key, root_cert, public_key, agency, at)
        cert_path(directory, agency.code).write_bytes(certificate.public_bytes(serialization.Encoding.PEM))
    return directory


def config_for(directory: Path, token: str | None, pin: str | None = PIN) -> dict:
    config = {"MOTCUA_KEYS_DIR": str(directory), "MOTCUA_PKCS11_LIB": LIBRARY}
    return config | ({"MOTCUA_PKCS11_TOKEN": token} if token else {}) | ({"MOTCUA_PKCS11_PIN": pin} if pin else {})
