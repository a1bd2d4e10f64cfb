"""The card beside a poll: how to join the vote (QR code, short address, code)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import segno
from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPainterPath, QPen

from workshop_app.deck.themes import Theme
from workshop_app.i18n import tr


@dataclass(frozen=True)
class JoinInfo:
    """Where phones vote: the address to type and the event's join code."""

    url: str
    code: str


@lru_cache(maxsize=8)
def _qr_modules(text: str) -> tuple[tuple[bool, ...], ...]:
    """The QR code's dark modules; error level M survives a glare spot on the projection."""
    qr = segno.make_qr(text, error="m")
    return tuple(tuple(bool(cell) for cell in row) for row in qr.matrix)


def paint_join_card(painter: QPainter, card: QRectF, theme: Theme, join: JoinInfo | None) -> None:
    colors = theme.colors
    painter.save()
    path = QPainterPath()
    path.addRoundedRect(card, 24, 24)
    painter.fillPath(path, QColor(colors.panel))
    painter.setPen(QPen(QColor(colors.panel_border), 3))
    painter.drawPath(path)
    inner = card.adjusted(32, 32, -32, -32)
    title = QFont(theme.family)
    title.setPixelSize(theme.sizes.small + 6)
    title.setBold(True)
    painter.setFont(title)
    painter.setPen(QColor(colors.panel_text))
    painter.drawText(
        QRectF(inner.left(), inner.top(), inner.width(), 100),
        Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop | Qt.TextFlag.TextWordWrap,
        tr("render.join.title"),
    )
    body = QFont(theme.family)
    body.setPixelSize(theme.sizes.small)
    if join is None:
        painter.setFont(body)
        painter.setPen(QColor(colors.muted))
        painter.drawText(
            QRectF(inner.left(), inner.top() + 120, inner.width(), inner.height() - 120),
            Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop | Qt.TextFlag.TextWordWrap,
            tr("render.join.not_running"),
        )
        painter.restore()
        return
    side = min(inner.width(), inner.height() - 330)
    qr_box = QRectF(inner.center().x() - side / 2, inner.top() + 110, side, side)
    _paint_qr(painter, qr_box, f"{join.url}?code={join.code}")
    painter.setFont(body)
    painter.setPen(QColor(colors.panel_text))
    painter.drawText(
        QRectF(inner.left(), qr_box.bottom() + 16, inner.width(), 50),
        Qt.AlignmentFlag.AlignHCenter,
        join.url.removeprefix("http://"),
    )
    code = QFont(theme.mono)
    code.setPixelSize(theme.sizes.h2)
    code.setBold(True)
    painter.setFont(code)
    painter.setPen(QColor(colors.accent))
    painter.drawText(
        QRectF(inner.left(), qr_box.bottom() + 70, inner.width(), theme.sizes.h2 + 20),
        Qt.AlignmentFlag.AlignHCenter,
        tr("render.join.code", code=join.code),
    )
    painter.restore()


def _paint_qr(painter: QPainter, box: QRectF, text: str) -> None:
    modules = _qr_modules(text)
    count = len(modules) + 8  # four modules of quiet zone on each side
    unit = box.width() / count
    painter.fillRect(box, QColor("#ffffff"))  # QR readers want dark on light, whatever the theme
    path = QPainterPath()
    for y, row in enumerate(modules):
        for x, dark in enumerate(row):
            if dark:
                path.addRect(box.left() + (x + 4) * unit, box.top() + (y + 4) * unit, unit, unit)
    painter.fillPath(path, QColor("#000000"))
