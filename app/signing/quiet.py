"""pyHanko logs a WARNING with its traceback (some 25 lines) for every untrusted or changed
signature it checks: anyone uploading files to /xac-thuc could fill the server log. While a
verification runs, its records below ERROR are dropped (verify.py logs one line per file); its
errors, and all it logs when signing, still reach the log."""
from __future__ import annotations

import logging
from contextlib import contextmanager
from contextvars import ContextVar

_verifying: ContextVar[bool] = ContextVar("verifying", default=False)


class _DuringVerification(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        return record.levelno >= logging.ERROR or not _verifying.get()


_FILTER = _DuringVerification()


def install() -> None:
    """On every pyHanko logger there is (a logger's filter does not see its children's records);
    called once pyHanko's validation modules are imported."""
    for name in list(logging.root.manager.loggerDict):
        if name.split(".", 1)[0] in ("pyhanko", "pyhanko_certvalidator"):
            logger = logging.getLogger(name)
            if _FILTER not in logger.filters:
                logger.addFilter(_FILTER)


@contextmanager
def verifying():
    """The context (also the event loops pyHanko runs in it: they copy it) whose pyHanko
    warnings are dropped."""
    token = _verifying.set(True)
    try:
        yield
    finally:
        _verifying.reset(token)
