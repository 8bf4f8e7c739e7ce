"""A QR code drawn as vector squares: sharp at any print resolution, and the same bytes every time."""
from __future__ import annotations

import qrcode
from qrcode.constants import ERROR_CORRECT_M
from reportlab.lib.units import mm
from reportlab.platypus import Flowable

QUIET_ZONE = 4  # modules of white around the symbol, as ISO/IEC 18004 asks
MIN_MODULE = 0.5 * mm  # below this, phone cameras and 150 dpi scans start to miss modules


def qr_matrix(data: str) -> list[list[bool]]:
    code = qrcode.QRCode(error_correction=ERROR_CORRECT_M, border=0)
    code.add_data(data)
    code.make(fit=True)
    return code.get_matrix()


class QRCode(Flowable):
    """`size` is the side including the quiet zone; it grows if modules would get too small."""

    def __init__(self, data: str, size: float = 28 * mm):
        super().__init__()
        self.matrix = qr_matrix(data)
        count = len(self.matrix) + 2 * QUIET_ZONE
        self.module = max(size / count, MIN_MODULE)
        self.width = self.height = self.module * count

    def wrap(self, available_width, available_height):
        return self.width, self.height

    def draw(self):
        canvas, module = self.canv, self.module
        top = self.height - QUIET_ZONE * module
        path = canvas.beginPath()
        for row, cells in enumerate(self.matrix):
            y = top - (row + 1) * module
            column = 0
            while column < len(cells):
                if not cells[column]:
                    column += 1
                    continue
                start = column
                while column < len(cells) and cells[column]:
                    column += 1
                # one rectangle per run of dark modules: fewer operators, no seams between squares
                path.rect((QUIET_ZONE + start) * module, y, (column - start) * module, module)
        canvas.saveState()
        canvas.setFillColorRGB(0, 0, 0)
        canvas.drawPath(path, stroke=0, fill=1)
        canvas.restoreState()
