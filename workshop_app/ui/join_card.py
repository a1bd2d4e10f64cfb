"""The card beside a poll: how to join the vote (QR code, short address, code)."""

from __future__ import annotations

import time
from dataclasses import dataclass
from functools import lru_cache

import segno
from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter, QPainterPath, QPen

from workshop_app.deck.themes import Theme
from workshop_app.i18n import tr
from workshop_app.session import countdown
from workshop_app.session.model import PollState
from workshop_app.session.tally import PollResults


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


def poll_status_line(results: PollResults | None) -> str:
    """What the room reads under the QR code: is the vote running, how many took part."""
    if results is None or results.status.state is PollState.DRAFT:
        return ""
    count = results.tally.ballots if results.tally is not None else 0
    key = "render.poll.open" if results.status.state is PollState.OPEN else "render.poll.closed"
    return tr(key, count=count)


def poll_clock(results: PollResults | None) -> str | None:
    """An open poll's countdown as the room reads it ("noch 0:42"), or None without one."""
    if results is None or results.status.state is not PollState.OPEN:
        return None
    return countdown.said(results.status.ends, time.time())


def paint_join_card(painter: QPainter, card: QRectF, theme: Theme, join: JoinInfo | None) -> None:
    colors = theme.colors
    painter.save()
    paint_panel(painter, card, theme, 24)
    inner = card.adjusted(32, 32, -32, -32)
    centred = Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop | Qt.TextFlag.TextWordWrap
    draw_text(painter, QRectF(inner.left(), inner.top(), inner.width(), 100),
          pixel_font(theme.family, theme.sizes.small + 6, bold=True), colors.panel_text, centred,
          tr("render.join.title"))  # fmt: skip
    body = pixel_font(theme.family, theme.sizes.small)
    if join is None:
        draw_text(painter, inner.adjusted(0, 120, 0, 0), body, colors.muted, centred,
              tr("render.join.not_running"))  # fmt: skip
        painter.restore()
        return
    side = min(inner.width(), inner.height() - 330)
    qr_box = QRectF(inner.center().x() - side / 2, inner.top() + 110, side, side)
    paint_qr(painter, qr_box, f"{join.url}?code={join.code}")
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


def paint_join_status(
    painter: QPainter, card: QRectF, theme: Theme, status: str, clock: str | None = None
) -> None:
    """The live line at the foot of the card (drawn over it, so the card can be cached).
    While the poll counts down, the time left takes its place, big enough for the back row."""
    if clock:
        status = clock
    if not status:
        return
    painter.save()
    inner = card.adjusted(32, 32, -32, -32)
    body = QFont(theme.family)
    body.setPixelSize(theme.sizes.small)
    if clock:  # on one line: "Die Zeit ist um" as big as the card's width allows
        body.setBold(True)
        body.setPixelSize(theme.sizes.h2)
        wide = QFontMetricsF(body).horizontalAdvance(clock)
        if wide > inner.width():
            body.setPixelSize(max(theme.sizes.small, int(theme.sizes.h2 * inner.width() / wide)))
    painter.setFont(body)
    painter.setPen(QColor(theme.colors.panel_text))
    painter.drawText(
        QRectF(inner.left(), inner.bottom() - 100, inner.width(), 100),
        Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignBottom | Qt.TextFlag.TextWordWrap,
        status,
    )
    painter.restore()


def paint_join_overlay(
    painter: QPainter, canvas: QRectF, theme: Theme, join: JoinInfo | None, watching: int
) -> None:
    """The "Beitreten" screen: a QR code big enough for the back row, address and code."""
    colors = theme.colors
    painter.save()
    painter.fillRect(canvas, QColor(colors.background))
    side = canvas.height() * 0.72
    qr_box = QRectF(canvas.left() + 110, canvas.center().y() - side / 2, side, side)
    text = QRectF(qr_box.right() + 90, qr_box.top(), canvas.right() - qr_box.right() - 200, side)
    left = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop | Qt.TextFlag.TextWordWrap
    draw_text(painter, QRectF(text.left(), text.top(), text.width(), theme.sizes.h1 * 2.6),
          pixel_font(theme.family, theme.sizes.h1, bold=True), colors.heading, left,
          tr("render.join.title"))  # fmt: skip
    body = pixel_font(theme.family, theme.sizes.body)
    if join is None:
        draw_text(painter, text.adjusted(0, theme.sizes.h1 * 2.8, 0, 0), body, colors.muted, left,
              tr("render.join.not_running"))  # fmt: skip
        painter.restore()
        return
    paint_qr(painter, qr_box, f"{join.url}?code={join.code}")
    y = text.top() + theme.sizes.h1 * 2.8
    painter.setFont(body)
    painter.setPen(QColor(colors.text))
    painter.drawText(
        QRectF(text.left(), y, text.width(), theme.sizes.body * 2.6),
        Qt.AlignmentFlag.AlignLeft | Qt.TextFlag.TextWordWrap,
        tr("render.join.or_open"),
    )
    y += theme.sizes.body * 2.8
    address = QFont(theme.mono)
    address.setPixelSize(theme.sizes.h2)
    address.setBold(True)
    painter.setFont(address)
    painter.setPen(QColor(colors.heading))
    painter.drawText(
        QRectF(text.left(), y, text.width(), theme.sizes.h2 * 1.4),
        Qt.AlignmentFlag.AlignLeft,
        join.url.removeprefix("http://"),
    )
    y += theme.sizes.h2 * 1.8
    code = QFont(theme.mono)
    code.setPixelSize(round(theme.sizes.h1 * 1.3))
    code.setBold(True)
    painter.setFont(code)
    painter.setPen(QColor(colors.accent))
    painter.drawText(
        QRectF(text.left(), y, text.width(), theme.sizes.h1 * 1.8),
        Qt.AlignmentFlag.AlignLeft,
        tr("render.join.code", code=join.code),
    )
    y += theme.sizes.h1 * 2.2
    painter.setFont(body)
    painter.setPen(QColor(colors.muted))
    painter.drawText(
        QRectF(text.left(), y, text.width(), theme.sizes.body * 1.5),
        Qt.AlignmentFlag.AlignLeft,
        tr("render.join.watching", count=watching),
    )
    painter.restore()


def paint_panel(painter: QPainter, card: QRectF, theme: Theme, radius: float) -> None:
    """A card in the theme's panel colours, as the join card and the spotlight have it."""
    path = QPainterPath()
    path.addRoundedRect(card, radius, radius)
    painter.fillPath(path, QColor(theme.colors.panel))
    painter.setPen(QPen(QColor(theme.colors.panel_border), 3))
    painter.drawPath(path)


def pixel_font(family: str, px: float, *, bold: bool = False) -> QFont:
    """A font of the canvas's pixel size (at least one pixel: Qt refuses zero)."""
    font = QFont(family)
    font.setPixelSize(max(1, round(px)))
    font.setBold(bold)
    return font


def draw_text(
    painter: QPainter, box: QRectF, font: QFont, color: str, flags: Qt.AlignmentFlag, text: str
) -> None:
    painter.setFont(font)
    painter.setPen(QColor(color))
    painter.drawText(box, flags, text)


def paint_qr(painter: QPainter, box: QRectF, text: str) -> None:
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
