"""The certificate of a document's signer, under our own root: the root's constraints hold (its
path length of 0 admits no intermediate CA), a CA's certificate is no document signer (the root
signing directly), and a certificate issued for digitalSignature alone signs, as poppler accepts."""
from __future__ import annotations

import io
from datetime import datetime, timedelta, timezone

from asn1crypto import keys as asn1_keys, x509 as asn1_x509
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID
from pyhanko.sign import signers
from pyhanko.sign.fields import SigSeedSubFilter
from pyhanko_certvalidator.registry import SimpleCertificateStore

from app.signing.loop import outside_event_loop
from app.signing.verify import verify_pdf

from .conftest import make_pdf, nss_database, pdfsig

NOW = datetime.now(timezone.utc)
USAGES = ("digital_signature", "content_commitment", "key_encipherment", "data_encipherment", "key_agreement",
          "key_cert_sign", "crl_sign", "encipher_only", "decipher_only")


def _root(keys):
    cert = x509.load_pem_x509_certificate((keys / "root.cert.pem").read_bytes())
    return serialization.load_pem_private_key((keys / "root.key.pem").read_bytes(), None), cert


def _issue(name: str, issuer: x509.Certificate, issuer_key, usages: set[str], ca: bool = False):
    key = ec.generate_private_key(ec.SECP256R1())
    cert = (x509.CertificateBuilder().subject_name(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, name)]))
            .issuer_name(issuer.subject).public_key(key.public_key()).serial_number(x509.random_serial_number())
            .not_valid_before(NOW - timedelta(days=1)).not_valid_after(NOW + timedelta(days=365))
            .add_extension(x509.BasicConstraints(ca=ca, path_length=None), critical=True)
            .add_extension(x509.KeyUsage(**{usage: usage in usages for usage in USAGES}), critical=True)
            .add_extension(x509.AuthorityKeyIdentifier.from_issuer_public_key(issuer_key.public_key()), critical=False)
            .sign(issuer_key, hashes.SHA256()))
    return key, cert


def _signed(key, cert, chain=()) -> bytes:
    def asn1(c):
        return asn1_x509.Certificate.load(c.public_bytes(serialization.Encoding.DER))
    der = key.private_bytes(serialization.Encoding.DER, serialization.PrivateFormat.PKCS8,
                            serialization.NoEncryption())
    signer = signers.SimpleSigner(signing_cert=asn1(cert), signing_key=asn1_keys.PrivateKeyInfo.load(der),
                                  cert_registry=SimpleCertificateStore.from_certs([asn1(c) for c in chain]))
    meta = signers.PdfSignatureMetadata(field_name="ChuKy", subfilter=SigSeedSubFilter.PADES, md_algorithm="sha256")
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    # pyHanko runs its own loop: not in this thread if the browser tests left one running.
    return outside_event_loop(signers.PdfSigner(meta, signer).sign_pdf,
                              IncrementalPdfFileWriter(io.BytesIO(make_pdf()))).getvalue()


def test_the_root_signing_a_document_itself_is_not_trusted(keys, clean_app):
    root_key, root = _root(keys)
    [report] = verify_pdf(_signed(root_key, root), clean_app.config)
    assert report.intact and not report.trusted and not report.valid
    assert "là của tổ chức chứng thực" in report.summary


def test_an_intermediate_ca_under_a_root_of_path_length_0_is_not_trusted(keys, clean_app):
    root_key, root = _root(keys)
    assert root.extensions.get_extension_for_class(x509.BasicConstraints).value.path_length == 0
    middle_key, middle = _issue("Trung gian", root, root_key, {"key_cert_sign", "crl_sign"}, ca=True)
    key, cert = _issue("Sở Tư pháp giả", middle, middle_key, {"digital_signature", "content_commitment"})
    [report] = verify_pdf(_signed(key, cert, [middle, root]), clean_app.config)
    assert report.intact and not report.trusted and not report.valid


def test_a_certificate_for_digital_signature_alone_signs(keys, clean_app, tmp_path):
    root_key, root = _root(keys)
    key, cert = _issue("Sở Y tế tỉnh khác", root, root_key, {"digital_signature"})
    signed = _signed(key, cert, [root])
    [report] = verify_pdf(signed, clean_app.config)
    assert report.valid and report.document_ok
    nss = nss_database(tmp_path / "nss", trusted_root=keys / "root.cert.pem")
    assert "Certificate is Trusted." in pdfsig(signed, tmp_path, nss_dir=nss)
    # Neither usage: refused, saying why.
    key, cert = _issue("Khóa mã hóa", root, root_key, {"key_encipherment"})
    [report] = verify_pdf(_signed(key, cert, [root]), clean_app.config)
    assert not report.trusted and "không được cấp cho mục đích ký văn bản" in report.summary
