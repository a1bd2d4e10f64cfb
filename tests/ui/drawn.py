"""What the renderer draws as text, read back without OCR: painted into an SVG."""

from __future__ import annotations

import re

from PySide6.QtCore import QBuffer, QIODevice, QRectF, QSize
from PySide6.QtGui import QPainter
from PySide6.QtSvg import QSvgGenerator

from workshop_app.ui.slide_renderer import SlideRenderer


def drawn_text(renderer: SlideRenderer, index: int) -> str:
    """Every string the renderer draws on slide `index`, in one line of words."""
    svg = drawn_svg(renderer, index)
    return " ".join(re.sub(r"<[^>]+>", " ", svg).replace("&#xb7;", "·").split())


def drawn_svg(renderer: SlideRenderer, index: int) -> str:
    """Slide `index` as Qt's SVG generator writes it: what is painted, in paint order."""
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    generator = QSvgGenerator()
    generator.setOutputDevice(buffer)
    generator.setSize(QSize(1920, 1080))
    painter = QPainter(generator)
    renderer.paint(painter, QRectF(0, 0, 1920, 1080), index)
    painter.end()
    return bytes(buffer.data().data()).decode()
