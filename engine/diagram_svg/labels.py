"""Names as SVG text: measured with approximate per-character widths (no font is loaded on the
server), wrapped to the room they have, placed where bpmn.io would put them. lxml writes every
string as escaped text, so a name can never become markup."""
from __future__ import annotations

import unicodedata
from functools import lru_cache

from .geometry import Box, fmt
from .style import FONT_SIZE, Palette
from .svg import el

LINE = 1.2  # line height, in font sizes
HALO = "#ffffff"
EXTERNAL_WIDTH = 90.0  # bpmn.io's width for a label under an event or gateway
NARROW = set("iljI.,:;'|!()[]{}` ")
SEMI = set("frt-\"*/\\")
WIDE = set("mwMW@%")


@lru_cache(maxsize=4096)
def char_width(ch: str) -> float:
    """Width in ems of a character in a sans-serif font like Arial; Vietnamese letters measure
    as their base letter (diacritics add height, not width)."""
    if unicodedata.combining(ch):
        return 0.0
    base = unicodedata.normalize("NFD", ch)[0]
    if base in NARROW:
        return 0.26
    if base in SEMI:
        return 0.34
    if base in WIDE:
        return 0.86
    if base.isupper():
        return 0.69
    if base.isdigit():
        return 0.56
    if unicodedata.east_asian_width(base) in ("W", "F"):
        return 1.0
    return 0.54


def text_width(text: str, size: float) -> float:
    return sum(char_width(ch) for ch in text) * size


def wrap(text: str, width: float, size: float) -> list[str]:
    """Greedy word wrap; a newline the modeler typed is kept; a word longer than the line is cut."""
    lines: list[str] = []
    for paragraph in text.splitlines() or [""]:
        line = ""
        for word in paragraph.split():
            candidate = f"{line} {word}" if line else word
            if text_width(candidate, size) <= width or not line:
                line = candidate
            else:
                lines.append(line)
                line = word
            while text_width(line, size) > width and len(line) > 1:
                cut = cut_point(line, width, size)
                lines.append(line[:cut])
                line = line[cut:]
        lines.append(line)
    while lines and not lines[-1]:
        lines.pop()
    return lines


def cut_point(word: str, width: float, size: float) -> int:
    used = 0.0
    for i, ch in enumerate(word):
        used += char_width(ch) * size
        if used > width:
            return max(i, 1)
    return len(word)


def write(parent, lines: list[str], x: float, top: float, size: float, anchor: str,
          palette: Palette, halo: bool = False) -> Box:
    """Lines of text from `top` down, anchored at x; returns the box they cover. With a halo, a
    white band under each line and a white outline under the letters keep a label readable
    where a flow or a lane border crosses it."""
    if not lines:
        return Box(x, top, 0, 0)
    height = size * LINE
    widths = [text_width(line, size) for line in lines]
    lefts = [{"start": x, "middle": x - w / 2, "end": x - w}[anchor] for w in widths]
    if halo:
        for i, (left, w) in enumerate(zip(lefts, widths)):
            # The estimate runs a little wide: stay inside it, the outline covers the edges.
            el(parent, "rect", x=left + w * 0.05, y=top + height * i + size * 0.15, width=w * 0.9,
               height=size * 0.9, fill=HALO)
    text = el(parent, "text", fill=palette.text)
    if halo:
        text.attrib.update({"stroke": HALO, "stroke-width": "3", "stroke-linejoin": "round",
                            "paint-order": "stroke"})
    if anchor != "start":
        text.set("text-anchor", anchor)
    if size != FONT_SIZE:
        text.set("font-size", fmt(size))
    for i, line in enumerate(lines):
        # Baseline a third of the size below the line's middle: capitals sit centred in it.
        baseline = top + height * (i + 0.5) + size * 0.35
        el(text, "tspan", x=x, y=baseline).text = line
    return Box(min(lefts), top, max(widths), height * len(lines))


def inside(parent, text: str, box: Box, palette: Palette, size: float = FONT_SIZE,
           align: str = "center", valign: str = "middle", padding: float = 5, clear_top: float = 0) -> Box:
    """Text wrapped inside a box: centred in a task, top-left in a sub-process or annotation.
    `clear_top`: height of a symbol in the top-left corner that centred text should stay under
    as far as the box allows."""
    lines = wrap(text, max(box.w - 2 * padding, size), size)
    height = len(lines) * size * LINE
    top = box.y + padding if valign == "top" else box.cy - height / 2
    if valign != "top" and top < box.y + clear_top:
        top = max(min(box.y + clear_top, box.bottom - padding - height), box.y + padding, top)
    if align == "left":
        return write(parent, lines, box.x + padding, top, size, "start", palette)
    return write(parent, lines, box.cx, top, size, "middle", palette)


def external(parent, text: str, shape: Box, label: Box | None, palette: Palette,
             size: float = FONT_SIZE) -> Box:
    """The label of an event, gateway, data object or flow: in the modeler's label bounds when it
    wrote some, else centred under the shape."""
    if label is not None and label.w > 0:
        # The modeler measured with its own font: allow a little more room before wrapping.
        lines = wrap(text, max(label.w * 1.1 + 4, 4 * size), size)
        height = len(lines) * size * LINE
        return write(parent, lines, label.cx, label.cy - height / 2, size, "middle", palette, halo=True)
    lines = wrap(text, max(EXTERNAL_WIDTH, shape.w), size)
    return write(parent, lines, shape.cx, shape.bottom + 4, size, "middle", palette, halo=True)


def beside_line(parent, text: str, at: tuple[float, float], vertical: bool, palette: Palette,
                size: float = FONT_SIZE) -> Box:
    """A flow's name with no label bounds: right of a vertical line, above a horizontal one."""
    lines = wrap(text, EXTERNAL_WIDTH, size)
    height = len(lines) * size * LINE
    if vertical:
        return write(parent, lines, at[0] + 5, at[1] - height / 2, size, "start", palette, halo=True)
    return write(parent, lines, at[0], at[1] - 3 - height, size, "middle", palette, halo=True)


def along_band(parent, text: str, band: Box, horizontal: bool, palette: Palette,
               size: float = FONT_SIZE) -> None:
    """A pool's or lane's name in its band: read bottom to top in a horizontal pool."""
    length = band.h if horizontal else band.w
    lines = wrap(text, max(length - 10, size), size)
    if not horizontal:
        write(parent, lines, band.cx, band.cy - len(lines) * size * LINE / 2, size, "middle", palette)
        return
    group = el(parent, "g", transform=f"rotate(-90 {fmt(band.cx)} {fmt(band.cy)})")
    write(group, lines, band.cx, band.cy - len(lines) * size * LINE / 2, size, "middle", palette)
