"""What the renderer draws, read back: its text without OCR (painted into an SVG), its
laid-out blocks and its ink on an image; and a renderer for a deck given as text."""

from __future__ import annotations

import re
from pathlib import Path

from PySide6.QtCore import QBuffer, QIODevice, QPointF, QRect, QRectF, QSize
from PySide6.QtGui import QColor, QImage, QPainter, QTextBlock, QTextDocument
from PySide6.QtSvg import QSvgGenerator
from PySide6.QtWidgets import QWidget

from workshop_app.deck.parser import parse_deck
from workshop_app.ui.prepared import prepare, prepare_deck
from workshop_app.ui.slide_renderer import SlideRenderer


def shown(text: str) -> str:
    """Text as read: without the spaces that pad `code` and the word joiners that keep
    a path on one line (ui/slide_html.py)."""
    return text.replace("\u00a0", "").replace("\u2060", "")


def block_reading(document: QTextDocument, text: str) -> QTextBlock:
    """The block of a laid-out slide whose text, as read (`shown`), is `text`."""
    block = document.begin()
    while block.isValid():
        if shown(block.text()) == text:
            return block
        block = block.next()
    raise AssertionError(f"no block reads {text!r}")


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


def renderer_for(source: str, tmp_path: Path | None = None) -> SlideRenderer:
    path = tmp_path / "deck.md" if tmp_path else None
    if path is not None:
        path.write_text(source, encoding="utf-8")
        return SlideRenderer(prepare_deck(path))
    return SlideRenderer(prepare(parse_deck(source)))


def ink(image: QImage, area: QRect, background: QColor) -> int:
    """Pixels in `area` that differ clearly from the background (sampled every 2 px)."""
    count = 0
    for y in range(area.top(), area.bottom(), 2):
        for x in range(area.left(), area.right(), 2):
            pixel = image.pixelColor(x, y)
            if abs(pixel.red() - background.red()) + abs(pixel.green() - background.green()) > 60:
                count += 1
    return count


def pixels_like(image: QImage, centre: QPointF, radius: float, color: QColor) -> int:
    """Pixels of about `color` in the square of `radius` around `centre` (image pixels)."""
    found = 0
    for y in range(int(centre.y() - radius), int(centre.y() + radius)):
        for x in range(int(centre.x() - radius), int(centre.x() + radius)):
            if 0 <= x < image.width() and 0 <= y < image.height():
                pixel = image.pixelColor(x, y)
                apart = abs(pixel.red() - color.red()) + abs(pixel.green() - color.green())
                found += apart + abs(pixel.blue() - color.blue()) < 90
    return found


def on_slide_of(view: QWidget, renderer: SlideRenderer, x: float, y: float) -> QPointF:
    """Where (x, y) of the slide (fractions) lies on `view` grabbed, in image pixels."""
    shown = renderer.slide_rect(view.rect().toRectF())
    ratio = view.devicePixelRatioF()
    return QPointF(
        (shown.x() + x * shown.width()) * ratio, (shown.y() + y * shown.height()) * ratio
    )
