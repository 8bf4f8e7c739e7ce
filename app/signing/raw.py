"""Signatures found in the raw bytes of a file pyHanko cannot read (a changed header, a broken
trailer or cross-reference table) or whose signatures it no longer sees (a changed /Type /Sig):
each /ByteRange [a b c d] whose gap is the /Contents hex string of a CMS signature. Hashing those ranges tells whether the signed bytes are still the signed ones,
so such a file is reported as changed after signing rather than as "not a PDF".

Only what the CMS proves is used (its digest, its signature, its certificates): the rest of the
signature dictionary (/Name, /M, /Reason) is read by no parser here, since it is part of the
signed bytes a broken file no longer vouches for."""
from __future__ import annotations

import asyncio
import re
from dataclasses import dataclass, fields

from asn1crypto import cms, parser
from pyhanko.sign.validation.generic_cms import async_validate_detached_cms
from pyhanko.sign.validation.status import PdfSignatureStatus, SignatureCoverageLevel
from pyhanko_certvalidator import ValidationContext

from .revisions import MAX_SIGNATURES  # every one is hashed over up to the whole file
from .trust import KEY_USAGE
_BYTE_RANGE = re.compile(rb"/ByteRange\s*\[\s*(\d{1,12})\s+(\d{1,12})\s+(\d{1,12})\s+(\d{1,12})\s*\]")
_CONTENTS_KEY = re.compile(rb"/Contents\s*\Z")
_HEX_PREFIX = re.compile(rb"[0-9A-Fa-f\s]*")
_NOT_HEX = re.compile(rb"[^0-9A-Fa-f\s]")
_EOF_END = re.compile(rb"%%EOF\s*\Z")


@dataclass(frozen=True)
class RawSignature:
    byte_range: tuple[int, int, int, int]
    cms: bytes             # the DER of the CMS, without the zero padding after it
    padding: slice         # where the padding lies in the file (inside the hex string)

    def signed_bytes(self, data: bytes) -> bytes:
        return b"".join(data[part] for part in self._ranges())

    def signs(self, span: slice) -> bool:
        """Whether any byte of `span` is among the signed ones."""
        return any(max(span.start, part.start) < min(span.stop, part.stop) for part in self._ranges())

    def _ranges(self) -> tuple[slice, slice]:
        start, length, second, second_length = self.byte_range
        return slice(start, start + length), slice(second, second + second_length)


def find_signatures(data: bytes) -> list[RawSignature]:
    """In signing order (the one covering the most bytes last); [] when none can be located."""
    found = {}
    for match in _BYTE_RANGE.finditer(data):
        byte_range = tuple(int(n) for n in match.groups())
        signature = _located(data, byte_range)
        if signature:
            found.setdefault(byte_range, signature)
    return sorted(found.values(), key=lambda s: s.byte_range[2] + s.byte_range[3])[:MAX_SIGNATURES]


def _located(data: bytes, byte_range: tuple[int, int, int, int]) -> RawSignature | None:
    """The signature whose /Contents hex string fills the gap between the two ranges, or None.
    The string must be one token (no < or > inside), so nothing in it can be read as PDF syntax."""
    start, length, second, second_length = byte_range
    gap_start, gap_end = start + length, second
    if not (gap_start + 2 <= gap_end and second + second_length <= len(data)):
        return None  # a file cut short: its signed bytes are not all there
    gap = data[gap_start:gap_end]
    inside = gap[1:-1]
    if gap[:1] != b"<" or gap[-1:] != b">" or b"<" in inside or b">" in inside \
            or not _CONTENTS_KEY.search(data, max(0, gap_start - 64), gap_start):
        return None
    digits = re.sub(rb"\s", b"", _HEX_PREFIX.match(inside).group())
    try:
        decoded = bytes.fromhex(digits[:len(digits) // 2 * 2].decode())
        _, _, _, header, contents, _ = parser.parse(decoded)  # the first element: the CMS
    except ValueError:  # not hex, or garbage before the end of the CMS: not a signature we can read
        return None
    size = len(header) + len(contents)
    # Where the CMS's hex digits end (whitespace may come between them): the padding starts there.
    end = re.match(rb"(?:\s*[0-9A-Fa-f]){%d}" % (2 * size), inside).end()
    return RawSignature(byte_range, decoded[:size], slice(gap_start + 1 + end, gap_end - 1))


def without_padding_garbage(data: bytes, signatures: list[RawSignature]) -> bytes:
    """`data` with anything but hex digits in the padding after each CMS made zeros, where no
    signature signed it: such padding is part of nothing that is checked, and pdfsig reads past
    bytes there that pyHanko stops at. A later signature's ranges cover an earlier one's padding."""
    cleaned = bytearray(data)
    for signature in signatures:
        padding = signature.padding
        if not any(s.signs(padding) for s in signatures):
            cleaned[padding] = _NOT_HEX.sub(b"0", data[padding])
    return bytes(cleaned)


def validate(data: bytes, signature: RawSignature, context: ValidationContext) -> PdfSignatureStatus:
    """The CMS checked against the bytes its ranges cover (digest, signature, certificate chain),
    as pyHanko checks an embedded signature; no analysis of what came after it is possible."""
    content = cms.ContentInfo.load(signature.cms)
    if content["content_type"].native != "signed_data":
        raise ValueError("not a CMS SignedData")
    status = asyncio.run(async_validate_detached_cms(signature.signed_bytes(data), content["content"],
                                                     signer_validation_context=context, key_usage_settings=KEY_USAGE))
    return PdfSignatureStatus(**{f.name: getattr(status, f.name) for f in fields(status)},
                              coverage=_coverage(data, signature.byte_range))


def _coverage(data: bytes, byte_range: tuple[int, int, int, int]) -> SignatureCoverageLevel:
    start, _, second, second_length = byte_range
    end = second + second_length
    if start != 0:
        return SignatureCoverageLevel.UNCLEAR
    if end == len(data):
        return SignatureCoverageLevel.ENTIRE_FILE
    # Up to an end-of-file marker: one revision, later ones came after signing.
    if _EOF_END.search(data, 0, end):
        return SignatureCoverageLevel.ENTIRE_REVISION
    return SignatureCoverageLevel.CONTIGUOUS_BLOCK_FROM_START
