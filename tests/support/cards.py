"""Printed voting cards read back: each sheet rendered, each QR code decoded and measured."""

from __future__ import annotations

from pathlib import Path

import pypdfium2
import zxingcpp

DPI = 150
MM_PER_INCH = 25.4


def decoded(pdf: Path) -> list[list[tuple[str, float]]]:
    """Per sheet: each QR code's text and its side in millimetres on paper."""
    sheets = []
    document = pypdfium2.PdfDocument(pdf)
    try:
        for page in document:
            image = page.render(scale=DPI / 72).to_pil()
            found = []
            for code in zxingcpp.read_barcodes(image):
                if code.format != zxingcpp.BarcodeFormat.QRCode:
                    continue
                corners = code.position
                side = abs(corners.top_right.x - corners.top_left.x) / DPI * MM_PER_INCH
                found.append((code.text, side))
            sheets.append(found)
    finally:
        document.close()
    return sheets
