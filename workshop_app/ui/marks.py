"""The speaker's marks drawn over a slide's picture: laser dot, ink, the zoomed region.

The marks are in fractions of the slide (`session/marks.py`); here they meet the
pixels of one view. A view finds where its slide lies (`SlideRenderer.slide_rect`),
and, when the room sees a region large, where the whole slide would lie (`whole_rect`).
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPen, QRadialGradient

from workshop_app.session.marks import INK_COLOR, INK_WIDTH, Point, Stroke, Zoom

LASER_RED = QColor(255, 32, 32)
INK = QColor(INK_COLOR)
LASER_RADIUS = 0.009  # of the slide's width
ZOOM_FRAME = QColor("#ffb45c")


def at(rect: QRectF, point: Point) -> QPointF:
    """`point` of the slide, in a view whose slide lies at `rect`."""
    return QPointF(rect.x() + point.x * rect.width(), rect.y() + point.y * rect.height())


def on_slide(rect: QRectF, position: QPointF) -> Point | None:
    """The point of the slide under `position`, or None off the slide (the letterbox)."""
    if rect.width() <= 0 or rect.height() <= 0:
        return None
    return Point.within(
        (position.x() - rect.x()) / rect.width(), (position.y() - rect.y()) / rect.height()
    )


def whole_rect(shown: QRectF, zoom: Zoom) -> QRectF:
    """Where the whole slide lies when its `zoom` region fills `shown`."""
    width, height = shown.width() / zoom.size, shown.height() / zoom.size
    return QRectF(shown.x() - zoom.left * width, shown.y() - zoom.top * height, width, height)


def paint_ink(painter: QPainter, rect: QRectF, strokes: tuple[Stroke, ...]) -> None:
    if not strokes:
        return
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    pen = QPen(INK, max(1.5, INK_WIDTH * rect.width()))
    pen.setCapStyle(Qt.PenCapStyle.RoundCap)
    pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
    painter.setPen(pen)
    for stroke in strokes:
        if len(stroke) == 1:
            painter.drawPoint(at(rect, stroke[0]))
            continue
        painter.drawPolyline([at(rect, point) for point in stroke])
    painter.restore()


def _laser_radius(rect: QRectF) -> float:
    """The dot's glow, for a slide lying at `rect`."""
    return max(4.0, LASER_RADIUS * rect.width()) * 2.2


def laser_rect(rect: QRectF, point: Point) -> QRectF:
    """What the dot at `point` covers (a pixel more, for antialiasing)."""
    reach = _laser_radius(rect) + 2
    centre = at(rect, point)
    return QRectF(centre.x() - reach, centre.y() - reach, 2 * reach, 2 * reach)


def segment_rect(rect: QRectF, points: Stroke) -> QRectF:
    """What ink between `points` covers, with its pen's width and a pixel more."""
    reach = max(1.5, INK_WIDTH * rect.width()) / 2 + 2
    xs = [rect.x() + p.x * rect.width() for p in points]
    ys = [rect.y() + p.y * rect.height() for p in points]
    return QRectF(min(xs) - reach, min(ys) - reach,
                  max(xs) - min(xs) + 2 * reach, max(ys) - min(ys) + 2 * reach)  # fmt: skip


def paint_laser(painter: QPainter, rect: QRectF, point: Point) -> None:
    """A red dot with a soft glow, as a laser pointer looks on a screen."""
    centre = at(rect, point)
    radius = _laser_radius(rect) / 2.2
    glow = QRadialGradient(centre, radius * 2.2)
    glow.setColorAt(0.0, QColor(255, 255, 255, 255))
    glow.setColorAt(0.18, LASER_RED)
    glow.setColorAt(0.45, QColor(255, 32, 32, 170))
    glow.setColorAt(1.0, QColor(255, 32, 32, 0))
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(glow)
    painter.drawEllipse(centre, radius * 2.2, radius * 2.2)
    painter.restore()


def paint_frame(painter: QPainter, rect: QRectF, a: Point, b: Point) -> None:
    """The region between `a` and `b` outlined, on the speaker's view (zoom)."""
    painter.save()
    pen = QPen(ZOOM_FRAME, 2, Qt.PenStyle.DashLine)
    painter.setPen(pen)
    painter.setBrush(Qt.BrushStyle.NoBrush)
    painter.drawRect(QRectF(at(rect, a), at(rect, b)).normalized())
    painter.restore()
