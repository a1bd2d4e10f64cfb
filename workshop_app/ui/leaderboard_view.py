"""The quiz's standings on the canvas: a ```leaderboard slide's live part.

Nicknames come from strangers' phones: they are only ever drawn as plain text
(QPainter.drawText), and the server cleaned them of control and direction
characters, so markup or a bidi trick stays characters on the projector.
"""

from __future__ import annotations

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter, QPainterPath

from workshop_app.deck.model import LeaderboardBlock
from workshop_app.deck.themes import Colors, Theme
from workshop_app.i18n import tr
from workshop_app.session.quiz import Standings
from workshop_app.ui.join_card import draw_text, pixel_font

LEFT = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
WRAP = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop | Qt.TextFlag.TextWordWrap


def paint_leaderboard(
    painter: QPainter,
    area: QRectF,
    board: Standings | None,
    block: LeaderboardBlock,
    theme: Theme,
    colors: Colors,
) -> None:
    """The top `block.count` places by nickname (guests as "Gast"), or, with
    `names: false`, the room's average alone."""
    painter.save()
    body = pixel_font(theme.family, theme.sizes.body)
    if board is None or not board.rows:
        draw_text(painter, area, body, colors.muted, WRAP, tr("quiz.nobody"))
        painter.restore()
        return
    if not block.names:
        big = pixel_font(theme.family, theme.sizes.body * 1.4, bold=True)
        draw_text(painter, area, big, colors.heading, WRAP, board.average_note())
        painter.restore()
        return
    lines = board.lines(block.count)
    row = min(area.height() / max(len(lines), 1), theme.sizes.body * 2.0)
    scale = min(1.0, row / (theme.sizes.body * 1.6))
    font = pixel_font(theme.family, theme.sizes.body * scale)
    bold = pixel_font(theme.family, theme.sizes.body * scale, bold=True)
    badge_width = theme.sizes.body * 2.2 * scale
    points_width = area.width() * 0.3
    for k, (place, name, points) in enumerate(lines):
        top = area.top() + k * row
        badge = QRectF(area.left(), top + row * 0.1, badge_width, row * 0.8)
        path = QPainterPath()
        path.addRoundedRect(badge, 10, 10)
        painter.fillPath(path, QColor(colors.accent if place == "1." else colors.panel))
        ink = colors.accent_text if place == "1." else colors.panel_text
        draw_text(painter, badge, bold, ink, Qt.AlignmentFlag.AlignCenter, place)
        left = badge.right() + 24
        slot = QRectF(left, top, area.right() - left - points_width, row)
        draw_text(painter, slot, font, colors.text, LEFT, _elided(font, name, slot.width()))
        draw_text(painter, QRectF(area.right() - points_width, top, points_width, row), bold,
                  colors.heading, RIGHT, points)  # fmt: skip
    painter.restore()


def _elided(font: QFont, text: str, width: float) -> str:
    return QFontMetricsF(font).elidedText(text, Qt.TextElideMode.ElideRight, width)
