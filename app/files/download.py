"""Sending a stored file or a generated document to the browser, with its Vietnamese name."""
from __future__ import annotations

from urllib.parse import quote

from flask import current_app

from .sniff import EXTENSIONS

_TYPE_EXTENSIONS = {extension for extensions in EXTENSIONS.values() for extension in extensions}


def disposition(name: str, inline: bool = False) -> str:
    """A Content-Disposition that keeps a Vietnamese file name (RFC 6266 filename*)."""
    ascii_name = name.encode("ascii", "replace").decode().replace('"', "").replace("?", "_")
    return f"{'inline' if inline else 'attachment'}; filename=\"{ascii_name}\"; filename*=UTF-8''{quote(name)}"


def named_for(name: str, content_type: str) -> str:
    """`name` ending as its content type does: the type was read from the content, the name is
    what the sender typed, and a JPEG saved as scan.pdf would open in the wrong program. Another
    type's extension is replaced, any other suffix kept."""
    extensions = EXTENSIONS.get(content_type)
    if not extensions or name.lower().endswith(extensions):
        return name
    stem, dot, suffix = name.rpartition(".")
    return (stem if dot and stem and f".{suffix.lower()}" in _TYPE_EXTENSIONS else name) + extensions[0]


def file_response(data: bytes, name: str, mimetype: str = "application/pdf", inline: bool = False):
    """`inline` for documents generated here (shown in the browser's PDF viewer); uploads are
    always downloaded, never rendered in the site's origin."""
    response = current_app.response_class(data, mimetype=mimetype)
    response.headers["Content-Disposition"] = disposition(named_for(name, mimetype), inline)
    response.headers["X-Content-Type-Options"] = "nosniff"
    return response
