"""The PKCS#11 side of signing: the token (MOTCUA_PKCS11_TOKEN, or the only one the module
has), the login, the agency's key and certificate on it; each failure a SigningUnavailable that
names the agency, the token and what to do, never the module's English.

A PIN the token refused is not offered to it again by this process until the configuration
changes: real tokens lock after 3 to 10 wrong tries, and `motcua keys status` or a few leaders'
approvals would otherwise spend one try per agency and per attempt."""
from __future__ import annotations

import hashlib
import logging

import pkcs11
from asn1crypto import x509 as asn1_x509
from pkcs11 import Attribute, KeyType, ObjectClass, TokenFlag

from .errors import SigningUnavailable, unusable_key
from .messages import ERRORS

logger = logging.getLogger(__name__)

_PIN_REFUSALS = {pkcs11.PinIncorrect: "incorrect", pkcs11.PinLocked: "locked", pkcs11.PinExpired: "expired",
                 pkcs11.PinInvalid: "invalid", pkcs11.PinLenRange: "invalid"}
# (library, token setting, PIN digest) -> (the token's refusal, its label). Used under backends'
# device turn.
_refused: dict[tuple[str, str, str], tuple[str, str]] = {}


def open_session(library: str, token_label: str | None, pin: str | None, code: str) -> pkcs11.Session:
    """A session on the token, logged in when a PIN is set (without one, most tokens hide the keys)."""
    remembered = _refused.get(_login_key(library, token_label, pin))
    if remembered:
        raise _pin_refused(*remembered, code)
    token = find_token(library, token_label, code)
    if pin is None:
        return token.open()
    if token.flags & TokenFlag.USER_PIN_LOCKED:  # a login would only be refused
        raise _pin_refused("locked", token.label, code)
    try:
        return login(token, pin)
    except pkcs11.UserAlreadyLoggedIn:
        # The login belongs to the whole process, not to a session: another session of this
        # process is logged in, so this one is too.
        return token.open()
    except tuple(_PIN_REFUSALS) as exc:
        reason = _PIN_REFUSALS[type(exc)]
        _refused[_login_key(library, token_label, pin)] = reason, token.label
        logger.error("PKCS#11 token %s refused the PIN (%s); not trying it again", token.label, type(exc).__name__)
        raise _pin_refused(reason, token.label, code) from exc


def login(token, pin: str) -> pkcs11.Session:
    return token.open(user_pin=pin)


def find_token(library: str, token_label: str | None, code: str):
    try:
        module = pkcs11.lib(library)
        tokens = [token for token in _tokens(module) if token.flags & TokenFlag.TOKEN_INITIALIZED]
    except (pkcs11.PKCS11Error, OSError, RuntimeError) as exc:
        raise unusable_key(ERRORS["pkcs11_module"].format(code=code, library=library, detail=_detail(exc))) from exc
    labels = ", ".join(f"«{token.label}»" for token in tokens) or ERRORS["pkcs11_none"]
    if token_label:
        tokens = [token for token in tokens if token.label == token_label]
        if not tokens:
            raise unusable_key(ERRORS["pkcs11_no_token"].format(code=code, token=token_label, library=library,
                                                                labels=labels))
    if len(tokens) != 1:
        raise unusable_key(ERRORS["pkcs11_which_token" if tokens else "pkcs11_no_tokens"].format(
            code=code, library=library, labels=labels))
    return tokens[0]


def signing_key(session: pkcs11.Session, code: str, pin_set: bool):
    """The private key labelled with the agency code (the one pyHanko will use)."""
    found = list(session.get_objects({Attribute.CLASS: ObjectClass.PRIVATE_KEY, Attribute.SIGN: True,
                                      Attribute.LABEL: code}))
    token = session.token.label
    if not found:
        message = ERRORS["pkcs11_no_key"] if pin_set else ERRORS["pkcs11_no_key_no_pin"]
        raise unusable_key(message.format(code=code, token=token))
    if len(found) > 1:
        raise unusable_key(ERRORS["pkcs11_many_keys"].format(code=code, token=token, count=len(found)))
    return found[0]


def certificate(session: pkcs11.Session, code: str) -> asn1_x509.Certificate | None:
    """The certificate labelled with the agency code on the token (tokens from a CA carry it)."""
    found = list(session.get_objects({Attribute.CLASS: ObjectClass.CERTIFICATE, Attribute.LABEL: code}))
    return asn1_x509.Certificate.load(found[0][Attribute.VALUE]) if len(found) == 1 else None


def key_algorithm(key) -> str | None:
    """The key's kind as certificates name it ('rsa', 'ec')."""
    return {KeyType.RSA: "rsa", KeyType.EC: "ec", KeyType.DSA: "dsa"}.get(key[Attribute.KEY_TYPE])


def needs_raw_mechanism(key) -> bool:
    """EC keys sign with plain CKM_ECDSA over a digest made here: many tokens (SoftHSM2 among
    them) have no ECDSA-with-SHA-256 in one step and refuse it with MechanismInvalid."""
    return key[Attribute.KEY_TYPE] == KeyType.EC


def device_error(exc: Exception, token_label: str | None, code: str) -> SigningUnavailable:
    return unusable_key(ERRORS["pkcs11"].format(code=code, token=token_label or "", detail=_detail(exc)))


def _tokens(module):
    for slot in module.get_slots(token_present=True):
        try:
            yield slot.get_token()
        except pkcs11.PKCS11Error:  # a slot whose token was just pulled out
            continue


def _pin_refused(reason: str, token_label: str, code: str) -> SigningUnavailable:
    return unusable_key(ERRORS["pkcs11_pin"].format(
        code=code, token=token_label, reason=ERRORS["pkcs11_pin_reasons"][reason]))


def _login_key(library: str, token_label: str | None, pin: str | None) -> tuple[str, str, str]:
    return library, token_label or "", hashlib.sha256((pin or "").encode("utf-8")).hexdigest()


def _detail(exc: Exception) -> str:
    return str(exc) or type(exc).__name__
