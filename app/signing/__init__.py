"""Electronic results signed as PDF signatures (PAdES, pyHanko) with the agency's key, and their
verification: keys.py and demo_keys.py (certificates), backends.py (file or PKCS#11 keys; device.py
the PKCS#11 token), identity.py (a key checked against its certificate before it signs),
sign.py, verify.py (no Flask; raw.py reads the signatures of a file pyHanko cannot open),
cli.py (`motcua keys init`, `status`), views.py (the public page /xac-thuc)."""
