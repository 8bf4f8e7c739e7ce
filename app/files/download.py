"""Sending a stored file or a generated document to the browser, with its Vietnamese name."""
from __future__ import annotations

from urllib.parse import quote

from flask import current_app


def disposition(name: str, inline: bool = False) -> str:
    """A Content-Disposition that keeps a Vietnamese file name (RFC 6266 filename*)."""
    ascii_name = name.encode("ascii", "replace").decode().replace('"', "").replace("?", "_")
    return f"{'inline' if inline else 'attachment'}; filename=\"{ascii_name}\"; filename*=UTF-8''{quote(name)}"


def file_response(data: bytes, name: str, mimetype: str = "application/pdf", inline: bool = False):
    """`inline` for documents generated here (shown in the browser's PDF viewer); uploads are
    always downloaded, never rendered in the site's origin."""
    response = current_app.response_class(data, mimetype=mimetype)
    response.headers["Content-Disposition"] = disposition(name, inline)
    response.headers["X-Content-Type-Options"] = "nosniff"
    return response
