"""A widget that shows one slide of a slide show (or a blank screen)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QSize, Qt, Signal
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

from workshop_app.session.presentation_state import Blank, PresentationState
from workshop_app.ui.slide_show import SlideShow


class SlideView(QWidget):
    """Paints `pick(state)` letterboxed; emits `painted(index)` after each paint."""

    painted = Signal(int)
    step = Signal(int)  # clicks and the wheel: +1 forward, -1 back (when `navigates`)

    def __init__(
        self,
        slideshow: SlideShow,
        pick: Callable[[PresentationState], int | None],
        *,
        honours_blank: bool = False,
        navigates: bool = False,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.slideshow = slideshow
        self.pick = pick
        self._last: QPixmap | None = None  # shown again while the slide show is paused
        self.honours_blank = honours_blank
        self.navigates = navigates
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumSize(160, 90)
        slideshow.changed.connect(self.update)
        slideshow.live_changed.connect(self.update)
        slideshow.page_arrived.connect(self.update)

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
            pixmap = self.slideshow.cache.pixmap(index, self._pixel_size())
            pixmap.setDevicePixelRatio(self.devicePixelRatioF())
            painter.drawPixmap(0, 0, pixmap)
            self._last = pixmap
        painter.end()
        self.painted.emit(-1 if index is None else index)


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
