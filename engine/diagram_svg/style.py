"""Colours and line weights. Everything is written as SVG presentation attributes, never `style`
attributes or a <style> sheet, so the drawing looks the same inline under a strict CSP."""
from __future__ import annotations

from dataclasses import dataclass, replace

FONT_FAMILY = "Arial, 'Liberation Sans', 'DejaVu Sans', sans-serif"
FONT_SIZE = 12.0
TEXT = "#1a1a1a"


@dataclass(frozen=True)
class Palette:
    stroke: str = "#1a1a1a"
    fill: str = "#ffffff"
    text: str = TEXT
    weight: float = 1.0  # multiplies line widths: marked elements stand out by more than colour

    def width(self, base: float) -> str:
        return f"{base * self.weight:g}"


DEFAULT = Palette()
# done / current / late: green / blue / red, each dark enough on its light fill for text contrast.
STATES = {
    "done": Palette(stroke="#1e7b34", fill="#e3f4e6", weight=1.6),
    "current": Palette(stroke="#0b5cad", fill="#dfeefc", weight=1.9),
    "late": Palette(stroke="#b3261e", fill="#fde6e4", weight=1.9),
}


def palette_for(item, state: str | None) -> Palette:
    """The state's colours when marked, else the modeler's own colours, else black on white."""
    if state in STATES:
        return STATES[state]
    palette = DEFAULT
    if item.fill:
        palette = replace(palette, fill=item.fill)
    if item.stroke:
        palette = replace(palette, stroke=item.stroke)
    if item.text_color:
        palette = replace(palette, text=item.text_color)
    return palette
