"""Questions from the room on the canvas: a slide's live list, and one question on the screen.

A participant's text is only ever drawn as plain text (QPainter.drawText), never
handed to Qt's rich-text engine, so `<b>` or `<img>` in a question stays
characters on the projector.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter, QPainterPath

from workshop_app.deck.themes import Colors, Theme
from workshop_app.i18n import tr
from workshop_app.session.questions import Question, QuestionState
from workshop_app.ui.join_card import draw_text, paint_panel, pixel_font

WRAP = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop | Qt.TextFlag.TextWordWrap
# Shrink steps for a list that does not fit; below 0.65 of body text the back row is lost,
# so the list is cut after the last question that fits instead.
STEPS = (1.0, 0.9, 0.8, 0.72, 0.65)


def _height(font: QFont, width: float, text: str) -> float:
    return QFontMetricsF(font).boundingRect(QRectF(0, 0, width, 1e6), WRAP, text).height()


def paint_question_list(
    painter: QPainter,
    area: QRectF,
    questions: Sequence[Question],
    theme: Theme,
    colors: Colors,
    count: int,
) -> None:
    """The top `count` questions the room may see, most upvoted first, in `area`."""
    shown = [q for q in questions if q.state is QuestionState.APPROVED][:count]
    painter.save()
    if not shown:
        draw_text(painter, area, pixel_font(theme.family, theme.sizes.body), colors.muted, WRAP,
              tr("render.questions.none"))  # fmt: skip
        painter.restore()
        return
    badge_width = theme.sizes.body * 2.6
    text_width = area.width() - badge_width - 24
    for step in STEPS:
        body = pixel_font(theme.family, theme.sizes.body * step)
        small = pixel_font(theme.family, theme.sizes.small * step)
        gap = theme.sizes.body * 0.45 * step
        heights = [
            max(_height(body, text_width, q.text) + (
                _height(small, text_width, q.name) + 4 if q.name else 0), body.pixelSize() * 1.3)
            for q in shown
        ]  # fmt: skip
        if sum(heights) + gap * (len(heights) - 1) <= area.height() or step == STEPS[-1]:
            break
    y = area.top()
    for question, height in zip(shown, heights, strict=True):
        if y + height > area.bottom() + 1:
            break  # at the smallest size still too many: the least upvoted wait
        badge = QRectF(area.left(), y, badge_width, body.pixelSize() * 1.3)
        path = QPainterPath()
        path.addRoundedRect(badge, 10, 10)
        painter.fillPath(path, QColor(colors.accent))
        badge_font = pixel_font(theme.family, body.pixelSize() * 0.8, bold=True)
        draw_text(painter, badge, badge_font, colors.accent_text, Qt.AlignmentFlag.AlignCenter,
              f"▲ {question.upvotes}")  # fmt: skip
        left = area.left() + badge_width + 24
        text_height = _height(body, text_width, question.text)
        draw_text(painter, QRectF(left, y, text_width, text_height), body, colors.text, WRAP,
              question.text)  # fmt: skip
        if question.name:
            draw_text(painter, QRectF(left, y + text_height + 4, text_width, height - text_height),
                  small, colors.muted, WRAP, f"– {question.name}")  # fmt: skip
        y += height + gap
    painter.restore()


def paint_spotlight(painter: QPainter, canvas: QRectF, question: Question, theme: Theme) -> None:
    """One question large on the audience window (`Q`), over whatever slide is shown."""
    colors = theme.colors
    painter.save()
    painter.fillRect(canvas, QColor(colors.background))
    card = canvas.adjusted(canvas.width() * 0.07, canvas.height() * 0.1,
                           -canvas.width() * 0.07, -canvas.height() * 0.1)  # fmt: skip
    paint_panel(painter, card, theme, 28)
    inner = card.adjusted(64, 56, -64, -56)
    label = pixel_font(theme.family, theme.sizes.small, bold=True)
    draw_text(painter, QRectF(inner.left(), inner.top(), inner.width(), theme.sizes.small * 1.6),
          label, colors.accent, WRAP, tr("render.questions.spotlight"))  # fmt: skip
    footer = theme.sizes.body * 1.6
    room = QRectF(inner.left(), inner.top() + theme.sizes.small * 2.2, inner.width(),
                  inner.height() - theme.sizes.small * 2.2 - footer)  # fmt: skip
    size = theme.sizes.h2 * 1.25  # as large as fits: the back row reads it
    while size > theme.sizes.body * 0.7:
        font = pixel_font(theme.family, size, bold=True)
        if _height(font, room.width(), question.text) <= room.height():
            break
        size *= 0.92
    draw_text(painter, room, pixel_font(theme.family, size, bold=True), colors.panel_text, WRAP,
          question.text)  # fmt: skip
    said = tr("render.questions.upvotes", count=question.upvotes)
    if question.name:
        said = f"{question.name} · {said}"
    draw_text(painter, QRectF(inner.left(), inner.bottom() - footer, inner.width(), footer),
          pixel_font(theme.family, theme.sizes.body * 0.8), colors.muted, WRAP, said)  # fmt: skip
    painter.restore()
