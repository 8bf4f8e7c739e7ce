"""The demo's public-key infrastructure: a province root CA and one signing certificate per
agency, written as PEM files into the keys directory. No Flask, no database: the caller passes
the agencies. A production installation gets its certificates from a real CA instead and puts
them in the same files (or keeps the keys in a PKCS#11 device, see backends.py).

Files: `root.key.pem` + `root.cert.pem` (the trust anchor), `<code>.key.pem` + `<code>.cert.pem`
per agency; keys are written with mode 0600 and never replaced unless `force`. A root replaced by
`force` stays a trust anchor as `root.retired-<UTC time>.cert.pem`: every result and receipt
already signed under it must still verify."""
from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from .messages import CERTIFICATES, CLI, ERRORS
from .settings import valid_code

ROOT_KEY, ROOT_CERT = "root.key.pem", "root.cert.pem"
RETIRED_ROOT = "root.retired-{stamp}.cert.pem"  # settings.retired_roots() finds them by this shape
ROOT_YEARS, AGENCY_YEARS = 10, 5
NAME_MAX = 64
# The app's clock can be set back to replay past dossiers; a demo certificate also covers the
# year before its creation so that signatures made at such instants still verify.
DEMO_BACKDATE = timedelta(days=366)


@dataclass(frozen=True)
class AgencyIdentity:
    """What an agency's certificate names: CN = the agency, O = the body it belongs to."""
    code: str
    name: str
    organisation: str


@dataclass
class InitResult:
    root_created: bool = False
    created: list[str] = field(default_factory=list)
    kept: list[str] = field(default_factory=list)
    no_root_key: list[str] = field(default_factory=list)
    retired_root: Path | None = None  # where the root `force` replaced is kept as a trust anchor


def key_path(directory: Path, code: str) -> Path:
    if not valid_code(code):
        raise ValueError(ERRORS["bad_code"].format(code=code))
    return Path(directory) / f"{code}.key.pem"


def cert_path(directory: Path, code: str) -> Path:
    if not valid_code(code):
        raise ValueError(ERRORS["bad_code"].format(code=code))
    return Path(directory) / f"{code}.cert.pem"


def chain_path(directory: Path, code: str) -> Path:
    return cert_path(directory, code).with_name(f"{code}.chain.pem")


def init_keys(directory: Path, agencies: list[AgencyIdentity], province: str, *, force: bool = False,
              at: datetime | None = None) -> InitResult:
    """Create what is missing: the root CA (named after `province`, the top agency's name)
    unless it exists, then a key and certificate for each agency that has neither file.
    `force` replaces everything, root included."""
    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True, mode=0o700)
    at = at or datetime.now(timezone.utc)
    result = InitResult()
    root_key_file, root_cert_file = directory / ROOT_KEY, directory / ROOT_CERT
    root_key = root_cert = None
    if force or not (root_key_file.exists() or root_cert_file.exists()):
        if root_cert_file.exists():
            result.retired_root = retire_root(root_cert_file, at)
        root_key = ec.generate_private_key(ec.SECP256R1())
        root_cert = new_root(root_key, province, at)
        write_key(root_key_file, root_key)
        write_certificates(root_cert_file, [root_cert])
        result.root_created = True
    elif root_key_file.exists() and root_cert_file.exists():
        try:
            root_key = serialization.load_pem_private_key(root_key_file.read_bytes(), password=None)
            root_cert = x509.load_pem_x509_certificate(root_cert_file.read_bytes())
        except (ValueError, TypeError) as exc:  # damaged, or encrypted (the demo's never is)
            raise ValueError(CLI["root_unreadable"].format(path=directory)) from exc
    for agency in agencies:
        key_file, cert_file = key_path(directory, agency.code), cert_path(directory, agency.code)
        if not force and (key_file.exists() or cert_file.exists()):
            result.kept.append(agency.code)
            continue
        if root_key is None:
            result.no_root_key.append(agency.code)
            continue
        key = ec.generate_private_key(ec.SECP256R1())
        write_key(key_file, key)
        write_certificates(cert_file, [issue_certificate(root_key, root_cert, key.public_key(), agency, at)])
        result.created.append(agency.code)
    return result


def retire_root(root_cert_file: Path, at: datetime) -> Path:
    """Keep the root about to be replaced beside the new one, byte for byte (it may be a real
    CA's certificate, not the demo's)."""
    stamp = at.astimezone(timezone.utc).strftime("%Y%m%dT%H%M%SZ")
    retired = root_cert_file.with_name(RETIRED_ROOT.format(stamp=stamp))
    number = 1
    while retired.exists():  # two replacements within a second
        number += 1
        retired = root_cert_file.with_name(RETIRED_ROOT.format(stamp=f"{stamp}-{number}"))
    _write(retired, root_cert_file.read_bytes(), 0o644)
    return retired


def new_root(key, province: str, at: datetime) -> x509.Certificate:
    name = x509.Name([
        x509.NameAttribute(NameOID.COUNTRY_NAME, "VN"),
        x509.NameAttribute(NameOID.ORGANIZATION_NAME, _fit(province)),
        x509.NameAttribute(NameOID.COMMON_NAME, _fit(CERTIFICATES["root_common_name"].format(name=province))),
    ])
    start = at - DEMO_BACKDATE
    return (x509.CertificateBuilder().subject_name(name).issuer_name(name).public_key(key.public_key())
            .serial_number(x509.random_serial_number())
            .not_valid_before(start).not_valid_after(start + timedelta(days=365 * ROOT_YEARS + 3))
            .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
            .add_extension(_usage(key_cert_sign=True, crl_sign=True), critical=True)
            .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
            .sign(key, hashes.SHA256()))


def issue_certificate(root_key, root_cert: x509.Certificate, public_key, agency: AgencyIdentity,
                      at: datetime) -> x509.Certificate:
    """A signing certificate for `public_key` (generated here, or inside a PKCS#11 device):
    digitalSignature + nonRepudiation, the agency's Vietnamese name and identifier code."""
    subject = x509.Name([
        x509.NameAttribute(NameOID.COUNTRY_NAME, "VN"),
        x509.NameAttribute(NameOID.ORGANIZATION_NAME, _fit(agency.organisation)),
        x509.NameAttribute(NameOID.COMMON_NAME, _fit(agency.name)),
        x509.NameAttribute(NameOID.ORGANIZATION_IDENTIFIER, agency.code),
    ])
    start = at - DEMO_BACKDATE
    end = min(start + timedelta(days=365 * AGENCY_YEARS + 1), root_cert.not_valid_after_utc)
    return (x509.CertificateBuilder().subject_name(subject).issuer_name(root_cert.subject)
            .public_key(public_key).serial_number(x509.random_serial_number())
            .not_valid_before(start).not_valid_after(end)
            .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
            .add_extension(_usage(digital_signature=True, content_commitment=True), critical=True)
            .add_extension(x509.SubjectKeyIdentifier.from_public_key(public_key), critical=False)
            .add_extension(x509.AuthorityKeyIdentifier.from_issuer_public_key(root_key.public_key()),
                           critical=False)
            .sign(root_key, hashes.SHA256()))


def _fit(text: str) -> str:
    """X.520 allows at most 64 characters in a common or organisation name (the agency code
    identifies the agency anyway)."""
    return text if len(text) <= NAME_MAX else text[:NAME_MAX - 1].rstrip() + "…"


def _usage(**chosen) -> x509.KeyUsage:
    names = ("digital_signature", "content_commitment", "key_encipherment", "data_encipherment",
             "key_agreement", "key_cert_sign", "crl_sign", "encipher_only", "decipher_only")
    return x509.KeyUsage(**{name: chosen.get(name, False) for name in names})


def write_key(path: Path, key) -> None:
    _write(path, key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                   serialization.NoEncryption()), 0o600)


def write_certificates(path: Path, certificates: list[x509.Certificate]) -> None:
    _write(path, b"".join(c.public_bytes(serialization.Encoding.PEM) for c in certificates), 0o644)


def _write(path: Path, data: bytes, mode: int) -> None:
    # A temporary file created with its final mode, then renamed: a reader never sees half a
    # key, and a key is never readable by others, not even for a moment.
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
    try:
        os.fchmod(handle, mode)
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
