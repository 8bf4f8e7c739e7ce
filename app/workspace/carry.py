"""What a workspace form carries between its sendings (counter intake, a paper supplement,
digitising a paper result): the scans already accepted (app/files/carried.py: a signed hidden
field, each scan removable by its own button, a scan chosen again kept once), said in the
workspace's words; and a one-time value, so the same form sent twice (a double click, a page
sent again) acts once."""
from __future__ import annotations

from ..files import carried as _carried
from ..files.carried import FIELD, carried, carry, merged, nonce, sent_nonce  # noqa: F401 -- the pages read them here
from ..files.kept import REMOVE  # noqa: F401 -- likewise
from .messages import MESSAGES


def gathered(new: list[dict], action: str) -> list[dict]:
    """The scans a form holds as sent: those it carried, less the one its remove button names
    (`action`), then the new uploads without exact duplicates; the page says what it removed
    and what it left out."""
    return _carried.gathered(new, action, MESSAGES)


