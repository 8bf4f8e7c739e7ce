"""What a document signer's certificate must be to be trusted: chained to one of our roots within
the limits the root sets (its path length: a root with pathLenConstraint 0 vouches for no
intermediate CA), issued for signing, and not itself a CA's (a CA issues certificates; the
province root signing a document directly proves nobody signed it for an agency)."""
from __future__ import annotations

from datetime import datetime

from asn1crypto import x509
from pyhanko.sign.validation.settings import KeyUsageConstraints
from pyhanko_certvalidator import ValidationContext
from pyhanko_certvalidator.authority import CertTrustAnchor

# Either suffices, as poppler accepts: other agencies' certified copies are often signed with a
# certificate having only digitalSignature (pyHanko alone would ask for nonRepudiation).
KEY_USAGE = KeyUsageConstraints(key_usage={"digital_signature", "non_repudiation"}, match_all_key_usages=False)


def context(roots: list[x509.Certificate], at: datetime | None) -> ValidationContext:
    # The roots' own constraints (path length, name constraints) apply: without this pyHanko
    # takes a root for a bare name and key.
    anchors = [CertTrustAnchor(root, derive_default_quals_from_cert=True) for root in roots]
    return ValidationContext(trust_roots=anchors, allow_fetching=False, moment=at)


def is_ca(cert: x509.Certificate) -> bool:
    return bool(cert.ca)
