"""A client's name for one request (a page's one-time value, an API's Idempotency-Key) joined to
what the request carries. The same request sent again (a double click, a retry) acts once; the
name sent again with other content (a stale page resent after editing, a key reused by mistake)
is another request, never swallowed as the first."""
from __future__ import annotations

import hashlib
import json


def request_key(prefix: str, token: str | None, content) -> str | None:
    """None without a name: the request is then not recognised when sent again."""
    if not token:
        return None
    canonical = json.dumps(content, sort_keys=True, ensure_ascii=False, default=str)
    return f"{prefix}:{token}:{hashlib.sha256(canonical.encode()).hexdigest()}"
