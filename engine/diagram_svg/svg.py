"""Building SVG elements with lxml: attribute values are formatted here, escaped by lxml."""
from __future__ import annotations

from lxml import etree

from .geometry import fmt

SVG_NS = "http://www.w3.org/2000/svg"


def el(parent, tag: str, attrs: dict | None = None, **more):
    """A child element; keyword names use _ for - (stroke_width), numbers are written compactly,
    None values are left out."""
    node = etree.SubElement(parent, f"{{{SVG_NS}}}{tag}")
    for name, value in {**(attrs or {}), **{k.replace("_", "-"): v for k, v in more.items()}}.items():
        if value is not None:
            node.set(name, fmt(value) if isinstance(value, (int, float)) else value)
    return node
