"""Settings, read from the environment (MOTCUA_*) with embedded defaults."""
from __future__ import annotations

import os
import secrets
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _path(name: str, default: Path) -> Path:
    return Path(os.environ.get(name, default))


def database_url(db_option: str | None = None, make_folder: bool = True) -> str:
    """--db (a URL or a SQLite file path), else MOTCUA_DATABASE_URL, else instance/motcua.db.
    `make_folder` False: a command checking that the database exists first must not leave the
    folders of a mistyped path behind."""
    value = db_option or os.environ.get("MOTCUA_DATABASE_URL")
    if not value:
        value = str(ROOT / "instance" / "motcua.db")
    if "://" not in value:
        if make_folder:
            Path(value).expanduser().resolve().parent.mkdir(parents=True, exist_ok=True)
        value = "sqlite:///" + str(Path(value).expanduser().resolve())
    return value


def settings(**overrides) -> dict:
    values = {
        "SQLALCHEMY_DATABASE_URI": database_url(overrides.pop("db", None)),
        "SECRET_KEY": os.environ.get("MOTCUA_SECRET_KEY") or _instance_secret(),
        "MOTCUA_PROVINCE": os.environ.get("MOTCUA_PROVINCE", "demo"),
        "MOTCUA_BPMN_DIR": _path("MOTCUA_BPMN_DIR", ROOT / "bpmn"),
        "MOTCUA_FORMS_DIR": _path("MOTCUA_FORMS_DIR", ROOT / "forms"),
        "MOTCUA_CATALOGUE_DIR": _path("MOTCUA_CATALOGUE_DIR", ROOT / "catalogue"),
        "MOTCUA_UPLOAD_DIR": _path("MOTCUA_UPLOAD_DIR", ROOT / "instance" / "uploads"),
        # Signing keys: a folder of <agency code>.key.pem / .cert.pem and root.cert.pem (the demo
        # makes them on first start), or a PKCS#11 device when MOTCUA_PKCS11_LIB is set.
        "MOTCUA_KEYS_DIR": _path("MOTCUA_KEYS_DIR", ROOT / "instance" / "keys"),
        "MOTCUA_PKCS11_LIB": os.environ.get("MOTCUA_PKCS11_LIB", ""),
        "MOTCUA_PKCS11_TOKEN": os.environ.get("MOTCUA_PKCS11_TOKEN", ""),
        "MOTCUA_PKCS11_PIN": os.environ.get("MOTCUA_PKCS11_PIN", ""),
        "MOTCUA_PUBLIC_URL": os.environ.get("MOTCUA_PUBLIC_URL", "http://127.0.0.1:5000"),
        "MOTCUA_TOKEN_HOURS": 8,
        "MOTCUA_SCHEDULER": False,
        # Seconds between looks at the bpmn, forms and catalogue folders for an analyst's
        # changes, taken without a restart; 0 turns it off (procedures then change on restart).
        "MOTCUA_RELOAD_SECONDS": float(os.environ.get("MOTCUA_RELOAD_SECONDS", "2")),
        "MAX_CONTENT_LENGTH": 25 * 1024 * 1024,
        # A text field's bytes read before the form's own check (eforms.parse: 20,000 characters a
        # field) answers on the page that was sent; werkzeug's 500 kB would answer with a bare 413.
        "MAX_FORM_MEMORY_SIZE": 4 * 1024 * 1024,
        # Outgoing mail: without a host, mails are written to the log (the demo prints the
        # verification link there) and marked sent.
        "MOTCUA_SMTP_HOST": os.environ.get("MOTCUA_SMTP_HOST", ""),
        "MOTCUA_SMTP_PORT": int(os.environ.get("MOTCUA_SMTP_PORT", "25")),
        "MOTCUA_SMTP_USER": os.environ.get("MOTCUA_SMTP_USER", ""),
        "MOTCUA_SMTP_PASSWORD": os.environ.get("MOTCUA_SMTP_PASSWORD", ""),
        "MOTCUA_SMTP_STARTTLS": os.environ.get("MOTCUA_SMTP_STARTTLS", "") == "1",
        "MOTCUA_MAIL_FROM": os.environ.get("MOTCUA_MAIL_FROM", "Cổng Dịch vụ công <khong-tra-loi@dichvucong.example.vn>"),
        # Uploads: a procedure's catalogue entry may lower or raise these.
        "MOTCUA_UPLOAD_MAX_MB": float(os.environ.get("MOTCUA_UPLOAD_MAX_MB", "10")),
        "MOTCUA_UPLOAD_TYPES": ("application/pdf", "image/jpeg", "image/png"),
        # The payment gateway (VNPay 2.1.0 protocol): its payment page, our merchant code and secret.
        # Without them fees are taken at the desk only; `motcua up` runs the local sandbox gateway.
        "MOTCUA_PAYMENT_URL": os.environ.get("MOTCUA_PAYMENT_URL", ""),
        "MOTCUA_PAYMENT_TMN_CODE": os.environ.get("MOTCUA_PAYMENT_TMN_CODE", ""),
        "MOTCUA_PAYMENT_SECRET": os.environ.get("MOTCUA_PAYMENT_SECRET", ""),
        # Proxies in front of the app (0: none): how many X-Forwarded-For hops to trust, so rate
        # limits and the payment gateway see the citizen's address, not the proxy's.
        "MOTCUA_PROXY_HOPS": int(os.environ.get("MOTCUA_PROXY_HOPS", "0")),
        # Public lookup without login: requests per client address per minute and per hour.
        "MOTCUA_LOOKUP_PER_MINUTE": int(os.environ.get("MOTCUA_LOOKUP_PER_MINUTE", "10")),
        "MOTCUA_LOOKUP_PER_HOUR": int(os.environ.get("MOTCUA_LOOKUP_PER_HOUR", "60")),
    }
    # The session cookie: never read by a script, not sent by another site's form, and over an
    # https public address only ever sent over https. Flask's own defaults (no SameSite, not
    # Secure) are already in app.config, so these are settings here, where overrides still win.
    values.update(SESSION_COOKIE_HTTPONLY=True, SESSION_COOKIE_SAMESITE="Lax",
                  SESSION_COOKIE_SECURE=str(overrides.get("MOTCUA_PUBLIC_URL", values["MOTCUA_PUBLIC_URL"]))
                  .startswith("https://"))
    values.update(overrides)
    return values


def _instance_secret() -> str:
    """A per-installation secret kept beside the embedded database, created on first start."""
    path = ROOT / "instance" / "secret_key"
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(secrets.token_hex(32))
        path.chmod(0o600)
    return path.read_text().strip()
