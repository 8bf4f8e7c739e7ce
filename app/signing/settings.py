"""The signing settings, read from the app's config (any mapping) and else from the environment,
so the core works the same in the web app, the CLI and a plain script."""
from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Mapping

from ..config import ROOT

DEFAULT_KEYS_DIR = ROOT / "instance" / "keys"
# An agency identifier code (mã định danh) such as 000.00.12.H99; it names files, so nothing else.
AGENCY_CODE = re.compile(r"[0-9A-Za-z][0-9A-Za-z.\-]{0,31}")


def setting(config: Mapping | None, name: str, default=None):
    value = (config or {}).get(name)
    if value in (None, ""):
        value = os.environ.get(name)
    return default if value in (None, "") else value


def keys_dir(config: Mapping | None) -> Path:
    """MOTCUA_KEYS_DIR: `<code>.key.pem`, `<code>.cert.pem` (+ `<code>.chain.pem`) per agency
    and `root.cert.pem`, the trust anchor; default instance/keys/."""
    return Path(setting(config, "MOTCUA_KEYS_DIR", DEFAULT_KEYS_DIR)).expanduser()


def key_passphrase(config: Mapping | None) -> bytes | None:
    """MOTCUA_KEYS_PASSPHRASE: the passphrase of the PEM keys when they are stored encrypted
    (a production key copied from a CA usually is); unset for the demo's plain keys."""
    value = setting(config, "MOTCUA_KEYS_PASSPHRASE")
    return str(value).encode("utf-8") if value else None


def retired_roots(config: Mapping | None) -> list[Path]:
    """Roots `motcua keys init --force` replaced (keys.RETIRED_ROOT), oldest first: still trust
    anchors, so what was signed under them verifies. Deleting one stops trusting it (after a
    compromised key, say)."""
    return sorted(keys_dir(config).glob("root.retired-*.cert.pem"))


def extra_trust_roots(config: Mapping | None) -> list[Path]:
    """MOTCUA_TRUST_ROOTS: trust anchors besides the keys directory's root.cert.pem, e.g. the
    Government's root CA, so that results and certified copies signed by other provinces and
    ministries verify too: PEM or DER files, or folders of them, separated by os.pathsep."""
    value = setting(config, "MOTCUA_TRUST_ROOTS")
    if not value:
        return []
    paths = []
    for part in str(value).split(os.pathsep):
        path = Path(part.strip()).expanduser()
        if path.is_dir():
            paths += sorted(p for p in path.iterdir() if p.suffix.lower() in (".pem", ".crt", ".cer", ".der"))
        elif part.strip():
            paths.append(path)
    return paths


def pkcs11(config: Mapping | None) -> tuple[str, str | None, str | None] | None:
    """(library, token label, user PIN) when MOTCUA_PKCS11_LIB is set, else None."""
    library = setting(config, "MOTCUA_PKCS11_LIB")
    if not library:
        return None
    return str(library), setting(config, "MOTCUA_PKCS11_TOKEN"), setting(config, "MOTCUA_PKCS11_PIN")


def verify_max_bytes(config: Mapping | None) -> int:
    """The largest file verification reads: MOTCUA_VERIFY_MAX_MB, else the upload limit."""
    megabytes = setting(config, "MOTCUA_VERIFY_MAX_MB") or setting(config, "MOTCUA_UPLOAD_MAX_MB", 10)
    return int(float(megabytes) * 1024 * 1024)


def verify_limits(config: Mapping | None) -> tuple[int, int]:
    """Verifications per client address per minute and per hour (parsing and checking a PDF
    costs far more than a status lookup)."""
    return (int(setting(config, "MOTCUA_VERIFY_PER_MINUTE", 10)),
            int(setting(config, "MOTCUA_VERIFY_PER_HOUR", 60)))


def valid_code(code) -> bool:
    return isinstance(code, str) and AGENCY_CODE.fullmatch(code) is not None and ".." not in code
