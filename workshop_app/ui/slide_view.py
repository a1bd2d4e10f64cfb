"""A widget that shows one slide of a slide show (or a blank screen)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QRect, QRectF, QSize, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QIcon,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPixmap,
    QResizeEvent,
    QWheelEvent,
)
from PySide6.QtWidgets import QListWidget, QSizePolicy, QWidget

from workshop_app.session.marks import Point, Stroke, Zoom
from workshop_app.session.presentation_state import Blank, PresentationState
from workshop_app.ui.marks import (
    laser_rect,
    paint_frame,
    paint_ink,
    paint_laser,
    segment_rect,
    whole_rect,
)
from workshop_app.ui.slide_show import SlideShow


class SlideView(QWidget):
    """Paints `pick(state)` letterboxed; emits `painted(index)` after each paint.

    The room's view (`honours_blank`) shows the speaker's marks as the room sees them:
    the zoomed region, ink and the laser dot. `shows_marks` (the console's current
    slide) shows the ink and where the room's view is zoomed, for the speaker.
    """

    painted = Signal(int)
    step = Signal(int)  # clicks and the wheel: +1 forward, -1 back (when `navigates`)

    def __init__(
        self,
        slideshow: SlideShow,
        pick: Callable[[PresentationState], int | None],
        *,
        honours_blank: bool = False,
        navigates: bool = False,
        shows_marks: bool = False,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.slideshow = slideshow
        self.pick = pick
        self._last: QPixmap | None = None  # shown again while the slide show is paused
        self.honours_blank = honours_blank
        self.navigates = navigates
        self.shows_marks = shows_marks
        self.drag: tuple[Point, Point] | None = None  # a region being chosen for the zoom
        # The room's view zoomed in: rendered once at this view's size, as vectors.
        self._zoomed: tuple[tuple[int, Zoom, int, int], QPixmap] | None = None
        self._with_ink: tuple[object, QPixmap] | None = None  # the picture with older strokes
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumSize(160, 90)
        slideshow.changed.connect(self.update)
        slideshow.live_changed.connect(self.update)
        slideshow.page_arrived.connect(self.update)
        if honours_blank or shows_marks:  # the next slide's view has none to show
            slideshow.marks_changed.connect(self.update)
            slideshow.stroke_grew.connect(self._stroke_grew)
        if honours_blank:
            slideshow.pointer_moved.connect(self._pointer_moved)
        self._dot: QRect | None = None  # where the laser dot was painted last
        for changed in (slideshow.changed, slideshow.live_changed, slideshow.page_arrived):
            changed.connect(self._forget_zoomed)

    def shown_index(self) -> int | None:
        return self.pick(self.slideshow.state)

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        return QSize(640, 360)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802
        super().resizeEvent(event)
        self.slideshow.want_size(self, self._pixel_size())

    def _pixel_size(self) -> QSize:
        ratio = self.devicePixelRatioF()
        return QSize(round(self.width() * ratio), round(self.height() * ratio))

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        if self.navigates and event.button() == Qt.MouseButton.LeftButton:
            self.step.emit(1)
        elif self.navigates and event.button() == Qt.MouseButton.RightButton:
            self.step.emit(-1)
        else:
            super().mousePressEvent(event)

    def wheelEvent(self, event: QWheelEvent) -> None:  # noqa: N802
        delta = event.angleDelta().y()
        if self.navigates and delta:
            self.step.emit(-1 if delta > 0 else 1)
        else:
            super().wheelEvent(event)

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802
        painter = QPainter(self)
        if not self.slideshow.following:
            # A talk runs elsewhere on the shared state: Qt may still ask us to repaint
            # (an expose, or our first paint), but the GUI thread renders for the room only.
            if self._last is not None:
                painter.drawPixmap(0, 0, self._last)
            else:
                painter.fillRect(self.rect(), QColor("#000000"))
            painter.end()
            return
        state = self.slideshow.state
        blank = state.blank if self.honours_blank else Blank.NONE
        index = self.shown_index()
        if blank is Blank.WHITE:
            painter.fillRect(self.rect(), QColor("#ffffff"))
        elif blank is Blank.BLACK or index is None:
            painter.fillRect(self.rect(), QColor("#000000"))
        elif self.honours_blank and (question := self.slideshow.spotlight()) is not None:
            painter.fillRect(self.rect(), QColor("#000000"))
            self.slideshow.renderer.paint_spotlight(painter, self.rect().toRectF(), question)
        elif self.honours_blank and state.joining:
            painter.fillRect(self.rect(), QColor("#000000"))
            self.slideshow.renderer.paint_join_screen(
                painter, self.rect().toRectF(), state.watching
            )
        else:
            zoom = state.zoom if self.honours_blank else None
            if zoom is None:
                pixmap = self.slideshow.cache.pixmap(index, self._pixel_size())
            else:
                pixmap = self._zoomed_pixmap(index, zoom)
            pixmap.setDevicePixelRatio(self.devicePixelRatioF())
            marks = self.honours_blank or self.shows_marks
            whole = self._slide_rect(zoom)
            strokes = state.ink_on(index) if marks else ()
            # The strokes drawn before are kept on a copy of the slide's picture; only
            # the last one, perhaps still growing, is drawn on each paint.
            pixmap = self._inked(pixmap, whole, strokes[:-1])
            painter.drawPixmap(0, 0, pixmap)
            self._last = pixmap
            if marks:
                paint_ink(painter, whole, strokes[-1:])
                self._paint_marks(painter, index, whole)
        painter.end()
        self.painted.emit(-1 if index is None else index)

    def _slide_rect(self, zoom: Zoom | None) -> QRectF:
        """Where the whole slide lies on this view (beyond it, when zoomed in)."""
        shown = self.slideshow.renderer.slide_rect(self.rect().toRectF())
        return shown if zoom is None else whole_rect(shown, zoom)

    def _inked(self, pixmap: QPixmap, whole: QRectF, strokes: tuple[Stroke, ...]) -> QPixmap:
        """`pixmap` with `strokes` drawn on it, made once per picture, place and strokes."""
        if not strokes:
            return pixmap
        key = (pixmap.cacheKey(), whole.getRect(), strokes)
        if self._with_ink is not None and self._with_ink[0] == key:
            return self._with_ink[1]
        inked = QPixmap(pixmap)
        inked.setDevicePixelRatio(pixmap.devicePixelRatio())
        painter = QPainter(inked)
        paint_ink(painter, whole, strokes)
        painter.end()
        self._with_ink = (key, inked)
        return inked

    def _paint_marks(self, painter: QPainter, index: int, whole: QRectF) -> None:
        """The laser dot on the room's view; on the speaker's, where the room is zoomed."""
        state = self.slideshow.state
        shown = self.slideshow.renderer.slide_rect(self.rect().toRectF())
        if self.honours_blank and state.pointer is not None:
            paint_laser(painter, whole, state.pointer)
            self._dot = laser_rect(whole, state.pointer).toAlignedRect()
        if not self.honours_blank:
            region = state.zoom
            if region is not None and index == state.audience_index:
                far = Point(region.left + region.size, region.top + region.size)
                paint_frame(painter, shown, Point(region.left, region.top), far)
            if self.drag is not None:
                paint_frame(painter, shown, *self.drag)

    def _zoomed_pixmap(self, index: int, zoom: Zoom) -> QPixmap:
        """The slide's `zoom` region at this view's size, drawn from the slide itself
        (sharp text, not an enlarged picture); kept until the slide or its results change."""
        size = self._pixel_size()
        key = (index, zoom, size.width(), size.height())
        if self._zoomed is not None and self._zoomed[0] == key:
            return self._zoomed[1]
        renderer = self.slideshow.renderer
        whole = whole_rect(renderer.slide_rect(QRectF(0, 0, size.width(), size.height())), zoom)
        pixmap = QPixmap(size)
        pixmap.fill(QColor("#000000"))
        painter = QPainter(pixmap)
        renderer.paint(painter, whole, index)
        painter.end()
        self._zoomed = (key, pixmap)
        return pixmap

    def _pointer_moved(self) -> None:
        """Repaint where the dot was and where it is now, not the whole slide: a move
        costs two small blits (bench/pointer.py)."""
        if self._dot is not None:
            self.update(self._dot)
            self._dot = None
        pointer = self.slideshow.state.pointer
        if pointer is not None:
            whole = self._slide_rect(self.slideshow.state.zoom)
            self.update(laser_rect(whole, pointer).toAlignedRect())

    def _stroke_grew(self) -> None:
        """Repaint the stroke's newest segment only: drawing costs a small blit a move."""
        state = self.slideshow.state
        strokes = state.ink_on(state.index)
        if self.shown_index() != state.index or not strokes:
            return  # the room keeps a frozen slide: the ink goes on the speaker's
        zoom = state.zoom if self.honours_blank else None
        self.update(segment_rect(self._slide_rect(zoom), strokes[-1][-2:]).toAlignedRect())

    def _forget_zoomed(self) -> None:
        self._zoomed = None


def placeholder(size: QSize) -> QIcon:
    """A blank icon of the thumbnails' size, until the slide's own is rendered.

    The grid has uniform item sizes, measured on the first item: an item without an
    icon made every cell a sliver until the window was resized.
    """
    blank = QPixmap(size)
    blank.fill(QColor("#e6e9ef"))
    return QIcon(blank)


def thumbnail_grid(size: QSize) -> QListWidget:
    """A grid of slide thumbnails with fixed cells, so icons filled in later never overlap."""
    grid = QListWidget()
    grid.setViewMode(QListWidget.ViewMode.IconMode)
    grid.setIconSize(size)
    grid.setGridSize(QSize(size.width() + 24, size.height() + 44))
    grid.setUniformItemSizes(True)
    grid.setWordWrap(False)
    grid.setResizeMode(QListWidget.ResizeMode.Adjust)
    grid.setMovement(QListWidget.Movement.Static)
    return grid
