"""The mouse or a pen on the console's current slide: laser dot, ink, the zoom's region.

What it does depends on the state's tool (L, D, Z). It only changes the one
`PresentationState`; the audience window paints what the state then holds.
A drag to draw or to zoom is the tool's, so it never also turns the slide;
with no tool (or the laser), clicks go forward and back as before.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QPointF, Qt
from PySide6.QtGui import QMouseEvent, QTabletEvent

from workshop_app.session.marks import Point, Tool, Zoom
from workshop_app.session.presentation_state import PresentationState
from workshop_app.ui.marks import on_slide
from workshop_app.ui.slide_view import SlideView

Type = QEvent.Type
PRESSES = (Type.MouseButtonPress, Type.TabletPress)
MOVES = (Type.MouseMove, Type.TabletMove)
RELEASES = (Type.MouseButtonRelease, Type.TabletRelease)


class SlidePointing(QObject):
    """Follows the mouse and the pen over `view` (the console's current slide)."""

    def __init__(self, view: SlideView, state: PresentationState) -> None:
        super().__init__(view)
        self.view = view
        self.state = state
        self._start: Point | None = None  # where a zoom's drag began
        self._pen_down = False
        view.setMouseTracking(True)  # the laser follows the mouse without a button held
        view.setAttribute(Qt.WidgetAttribute.WA_TabletTracking)
        view.installEventFilter(self)

    def _point(self, position: QPointF) -> Point | None:
        shown = self.view.slideshow.renderer.slide_rect(self.view.rect().toRectF())
        return on_slide(shown, position)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        kind = event.type()
        if kind == Type.Leave:
            if self.state.tool is Tool.LASER:
                self.state.point(None)
            return False
        if not isinstance(event, QMouseEvent | QTabletEvent):
            return False
        if isinstance(event, QMouseEvent) and event.button() not in (
            Qt.MouseButton.LeftButton,
            Qt.MouseButton.NoButton,
        ):
            return False  # the right button still goes back
        point = self._point(event.position())
        tool = self.state.tool
        if tool is Tool.LASER:
            if kind in MOVES:
                self.state.point(point)
            return False  # clicks still turn the slide
        if tool is Tool.DRAW:
            return self._draw(kind, point, event)
        if tool is Tool.ZOOM:
            return self._zoom(kind, point)
        return False

    def _draw(self, kind: QEvent.Type, point: Point | None, event: QEvent) -> bool:
        if kind in PRESSES:
            self._pen_down = True
            if point is not None:
                self.state.draw(point, new_stroke=True)
        elif kind in MOVES and self._pen_down and point is not None:
            self.state.draw(point)
        elif kind in RELEASES:
            self._pen_down = False
            self.state.end_stroke()
        else:
            return False
        event.accept()  # a pen's own event: Qt makes no mouse event of it
        return True

    def _zoom(self, kind: QEvent.Type, point: Point | None) -> bool:
        if kind in PRESSES:
            self._start = point
        elif kind in MOVES and self._start is not None and point is not None:
            self.view.drag = (self._start, point)
            self.view.update()
        elif kind in RELEASES and self._start is not None:
            end = point if point is not None else self._start
            start, self._start = self._start, None
            self.view.drag = None
            self.state.toggle_tool(Tool.ZOOM)  # one region chosen: the mouse is plain again
            self.state.zoom_to(Zoom.around(start, end))
        else:
            return False
        return True
