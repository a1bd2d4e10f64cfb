"""The speaker's laser dot, zoom and ink, read back as pixels on the audience window."""

from __future__ import annotations

import http.client
import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, QPoint, QPointF, QRect, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QImage, QInputDevice, QPointingDevice, QTabletEvent
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from tests.support.app import presenting, start_live, write_deck
from tests.support.drawn import on_slide_of, pixels_like
from workshop_app.session.marks import Point, Tool, Zoom
from workshop_app.ui.marks import INK, LASER_RED, at
from workshop_app.ui.prepared import PreparedDeck, prepare_deck
from workshop_app.ui.presenting_session import PresentingSession
from workshop_app.ui.settings import Settings
from workshop_app.ui.slide_view import SlideView

Key = Qt.Key
LEFT = Qt.MouseButton.LeftButton


@pytest.fixture
def talk(qtbot: QtBot, settings: Settings, tmp_path: Path) -> Iterator[PresentingSession]:
    """Three light slides: one of text, one chart-like of coloured blocks, one empty."""
    deck = write_deck(
        tmp_path / "talk.md",
        "# Zeigen\n\nEin Satz links oben, der gezeigt wird.",
        "# Diagramm\n\n| A | B |\n|---|---|\n| 12 | 34 |\n\nUnten rechts steht das Kleingedruckte.",
        "# Leer",
    )
    with presenting(qtbot, settings, prepare_deck(deck)) as running:
        yield running


def press(qtbot: QtBot, session: PresentingSession, key: Key) -> None:
    qtbot.keyClick(session.console, key)


def on_view(view: SlideView, point: Point) -> QPoint:
    """Where `point` of the slide lies on `view`, in its widget coordinates."""
    shown = view.slideshow.renderer.slide_rect(view.rect().toRectF())
    return at(shown, point).toPoint()


def audience(session: PresentingSession) -> QImage:
    return session.audience.view.grab().toImage().convertToFormat(QImage.Format.Format_RGB32)


def near(image: QImage, view: SlideView, point: Point, color: QColor, radius: int = 12) -> int:
    """Pixels of about `color` in a box around `point` of the slide on `view`."""
    centre = on_slide_of(view, view.slideshow.renderer, point.x, point.y)
    return pixels_like(image, centre, radius * view.devicePixelRatioF(), color)


def drag(qtbot: QtBot, view: SlideView, points: list[Point]) -> None:
    qtbot.mousePress(view, LEFT, pos=on_view(view, points[0]))
    for point in points[1:]:
        qtbot.mouseMove(view, on_view(view, point))
    qtbot.mouseRelease(view, LEFT, pos=on_view(view, points[-1]))


def test_the_laser_dot_follows_the_mouse_on_the_console(
    qtbot: QtBot, talk: PresentingSession
) -> None:
    view, room = talk.console.current, talk.audience.view
    spot, elsewhere = Point(0.3, 0.6), Point(0.7, 0.3)
    qtbot.mouseMove(view, on_view(view, spot))
    assert near(audience(talk), room, spot, LASER_RED) == 0  # no laser before L
    press(qtbot, talk, Key.Key_L)
    assert talk.state.tool is Tool.LASER and "LASERPUNKT" in talk.console.mode.text()
    qtbot.mouseMove(view, on_view(view, elsewhere))
    qtbot.mouseMove(view, on_view(view, spot))
    qtbot.waitUntil(lambda: talk.state.pointer is not None)
    seen = audience(talk)
    assert near(seen, room, spot, LASER_RED) > 20
    assert near(seen, room, elsewhere, LASER_RED) == 0  # one dot, where the mouse is
    press(qtbot, talk, Key.Key_L)  # off again: the dot goes
    assert talk.state.pointer is None
    assert near(audience(talk), room, spot, LASER_RED) == 0
    assert talk.state.index == 0  # moving the mouse turned no slide


def test_a_click_with_the_laser_still_turns_the_slide(
    qtbot: QtBot, talk: PresentingSession
) -> None:
    press(qtbot, talk, Key.Key_L)
    qtbot.mouseClick(talk.console.current, LEFT, pos=on_view(talk.console.current, Point(0.5, 0.5)))
    assert talk.state.index == 1


def test_z_and_a_drag_zoom_the_room_into_that_region_and_esc_goes_back(
    qtbot: QtBot, talk: PresentingSession
) -> None:
    talk.state.go(1)
    whole = audience(talk)
    press(qtbot, talk, Key.Key_Z)
    drag(qtbot, talk.console.current, [Point(0.0, 0.0), Point(0.3, 0.3), Point(0.5, 0.5)])
    zoom = talk.state.zoom
    assert zoom is not None
    assert (zoom.left, zoom.top, zoom.size) == pytest.approx((0, 0, 0.5), abs=0.01)
    assert talk.state.tool is Tool.NONE and talk.state.index == 1  # the drag turned nothing
    zoomed = audience(talk)
    # The region drawn from the slide itself at twice the size: the room sees that.
    shown = talk.slideshow.renderer.slide_rect(QRectF(zoomed.rect())).toRect()
    size = QSize(round(shown.width() / zoom.size), round(shown.height() / zoom.size))
    corner = QPoint(round(zoom.left * size.width()), round(zoom.top * size.height()))
    expected = talk.slideshow.renderer.image(1, size).copy(QRect(corner, shown.size()))
    expected = expected.convertToFormat(QImage.Format.Format_RGB32)
    assert difference(zoomed.copy(shown), expected) < 3.0
    assert difference(zoomed, whole) > 3 * difference(zoomed.copy(shown), expected) + 1
    assert "VERGRÖSSERT" in talk.console.mode.text()
    press(qtbot, talk, Key.Key_Escape)  # back to the whole slide, and still presenting
    assert talk.state.zoom is None and talk.console.isVisible()
    assert difference(audience(talk), whole) < 0.5


def test_a_new_slide_is_seen_whole(qtbot: QtBot, talk: PresentingSession) -> None:
    talk.state.zoom_to(Zoom(0.25, 0.25, 0.5))
    press(qtbot, talk, Key.Key_Right)
    assert talk.state.zoom is None


def test_ink_is_drawn_kept_per_slide_and_erased(qtbot: QtBot, talk: PresentingSession) -> None:
    view, room = talk.console.current, talk.audience.view
    clean = audience(talk)
    press(qtbot, talk, Key.Key_D)
    line = [Point(0.2 + i * 0.05, 0.8) for i in range(13)]
    drag(qtbot, view, line)
    assert talk.state.index == 0  # drawing turned no slide
    assert len(talk.state.ink_on(0)) == 1 and len(talk.state.ink_on(0)[0]) == 13
    drawn = audience(talk)
    for point in (Point(0.25, 0.8), Point(0.5, 0.8), Point(0.75, 0.8)):
        assert near(drawn, room, point, INK, radius=6) > 10
    assert near(drawn, room, Point(0.5, 0.6), INK) == 0
    assert near(view.grab().toImage(), view, Point(0.5, 0.8), INK, radius=4) > 3  # speaker too
    press(qtbot, talk, Key.Key_Right)  # another slide, without ink
    assert near(audience(talk), room, Point(0.5, 0.8), INK) == 0
    press(qtbot, talk, Key.Key_Left)  # back: the ink is still there
    assert near(audience(talk), room, Point(0.5, 0.8), INK, radius=6) > 10
    press(qtbot, talk, Key.Key_E)
    assert talk.state.ink_on(0) == ()
    assert difference(audience(talk), clean) < 0.5


def test_ink_follows_the_zoom(qtbot: QtBot, talk: PresentingSession) -> None:
    talk.state.toggle_tool(Tool.DRAW)
    drag(qtbot, talk.console.current, [Point(0.1, 0.1), Point(0.2, 0.2)])
    talk.state.zoom_to(Zoom(0.0, 0.0, 0.5))
    room = talk.audience.view
    seen = audience(talk)
    # On the room's screen the stroke is twice as far from the corner.
    assert near(seen, room, Point(0.3, 0.3), INK, radius=6) > 10
    assert near(seen, room, Point(0.15, 0.15), INK, radius=4) == 0


def test_esc_leaves_drawing_before_it_leaves_the_talk(
    qtbot: QtBot, talk: PresentingSession
) -> None:
    press(qtbot, talk, Key.Key_D)
    press(qtbot, talk, Key.Key_Escape)
    assert talk.state.tool is Tool.NONE and talk.console.isVisible()


def test_the_help_lists_laser_zoom_and_ink(qtbot: QtBot, talk: PresentingSession) -> None:
    press(qtbot, talk, Key.Key_F1)
    text = talk.console.help.text()
    assert "Laserpunkt" in text and "Ausschnitt der Folie groß" in text
    assert "auf die Folie zeichnen" in text


def difference(a: QImage, b: QImage) -> float:
    """The mean difference of two images' pixels (0–255), sampled on a grid."""
    total = count = 0
    for y in range(0, min(a.height(), b.height()), 7):
        for x in range(0, min(a.width(), b.width()), 7):
            p, q = a.pixelColor(x, y), b.pixelColor(x, y)
            total += abs(p.red() - q.red()) + abs(p.green() - q.green()) + abs(p.blue() - q.blue())
            count += 3
    return total / max(count, 1)


def test_ink_is_kept_in_the_session_and_back_after_a_restart(
    qtbot: QtBot, poll_deck: PreparedDeck, settings: Settings, tmp_path: Path
) -> None:
    """Drawn with the voting server running: a restarted app shows the same ink."""
    kept = tmp_path / "abend.impuls"
    first = start_live(qtbot, poll_deck, settings, kept)
    try:
        first.state.toggle_tool(Tool.DRAW)
        first.state.go(1)
        drag(qtbot, first.console.current, [Point(0.3, 0.3), Point(0.4, 0.4)])
        first.state.erase()  # slide 2's ink is gone for good
        first.state.go(0)
        drag(qtbot, first.console.current, [Point(0.2, 0.8), Point(0.5, 0.8), Point(0.8, 0.8)])
        drawn = first.state.ink_on(0)
        assert first.live is not None
        stored = first.live.info
        # The app sends in order: once the last stroke is kept, the erase before it was.
        qtbot.waitUntil(lambda: ink_of(stored.port, stored.presenter_token) == {"0": 1})
    finally:
        first.stop()
    second = start_live(qtbot, poll_deck, settings, kept)
    try:
        qtbot.waitUntil(lambda: second.state.ink_on(0) != ())
        flat = [v for stroke in drawn for p in stroke for v in (p.x, p.y)]
        back = [v for stroke in second.state.ink_on(0) for p in stroke for v in (p.x, p.y)]
        assert len(second.state.ink_on(0)) == len(drawn) == 1
        assert back == pytest.approx(flat, abs=1e-4)  # JSON keeps a fifth of a pixel
        assert second.state.ink_on(1) == ()
        room = second.audience.view
        assert near(audience(second), room, Point(0.5, 0.8), INK, radius=6) > 10
    finally:
        second.stop()


def ink_of(port: int, token: str) -> dict[str, int]:
    """The strokes per slide the server keeps, as the app asks for them."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    connection.request("GET", "/api/ink", headers={"Authorization": f"Bearer {token}"})
    kept = json.loads(connection.getresponse().read())["ink"]
    connection.close()
    return {slide: len(strokes) for slide, strokes in kept.items()}


def test_nothing_of_the_marks_leaves_the_app_but_the_ink_to_keep(
    qtbot: QtBot, live: PresentingSession, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Phones following along and the remote hear of no laser, zoom or stroke: what the
    app sends meanwhile is the ink the session keeps, and at most the remote's usual
    state (a poll's results arriving ask for it), which says nothing of the marks."""
    assert live.live is not None
    sent: list[tuple[str, str, object]] = []
    command = live.live._command

    def spied(method: str, path: str, body: object = None, **kwargs: object) -> None:
        sent.append((method, path, body))
        command(method, path, body, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(live.live, "_command", spied)
    view = live.console.current
    press(qtbot, live, Key.Key_L)
    for n in range(10):
        qtbot.mouseMove(view, on_view(view, Point(0.1 + n * 0.05, 0.5)))
    press(qtbot, live, Key.Key_L)
    press(qtbot, live, Key.Key_Z)
    drag(qtbot, view, [Point(0.1, 0.1), Point(0.5, 0.5)])
    press(qtbot, live, Key.Key_Escape)
    press(qtbot, live, Key.Key_D)
    drag(qtbot, view, [Point(0.2, 0.8), Point(0.4, 0.8), Point(0.6, 0.8)])
    press(qtbot, live, Key.Key_E)
    ink = [(method, path) for method, path, _ in sent if "/ink" in path]
    assert ink == [("POST", "/api/slides/0/ink"), ("DELETE", "/api/slides/0/ink")]
    others = [(method, path, body) for method, path, body in sent if "/ink" not in path]
    assert {(method, path) for method, path, _ in others} <= {("PUT", "/api/remote/state")}
    for _, _, body in others:
        assert isinstance(body, dict)
        assert not {"pointer", "zoom", "ink", "tool"} & set(body)
    assert live.console.isVisible() and live.state.index == 0


def test_a_pen_draws_without_turning_the_slide(qtbot: QtBot, talk: PresentingSession) -> None:
    """A tablet's pen (QTabletEvent): its own events draw; Qt makes no click of them."""
    pen = QPointingDevice(
        "Stift", 77, QInputDevice.DeviceType.Stylus, QPointingDevice.PointerType.Pen,
        QInputDevice.Capability.Position | QInputDevice.Capability.Pressure, 1, 2,
    )  # fmt: skip
    view = talk.console.current
    press(qtbot, talk, Key.Key_D)
    path = [Point(0.3, 0.5), Point(0.5, 0.55), Point(0.5, 0.55)]
    kinds = [QEvent.Type.TabletPress, QEvent.Type.TabletMove, QEvent.Type.TabletRelease]
    for kind, point in zip(kinds, path, strict=True):
        where = QPointF(on_view(view, point))
        held = Qt.MouseButton.NoButton if kind == QEvent.Type.TabletRelease else LEFT
        event = QTabletEvent(kind, pen, where, view.mapToGlobal(where), 0.6, 0, 0, 0.0, 0.0,
                             0.0, Qt.KeyboardModifier.NoModifier, LEFT, held)  # fmt: skip
        QApplication.sendEvent(view, event)
        assert event.isAccepted()
    assert talk.state.index == 0
    (stroke,) = talk.state.ink_on(0)  # pressed, moved, lifted there: one stroke
    drawn = [v for p in stroke for v in (p.x, p.y)]
    assert drawn == pytest.approx([v for p in path[:2] for v in (p.x, p.y)], abs=0.002)
    assert near(audience(talk), talk.audience.view, Point(0.4, 0.525), INK, radius=6) > 10


def test_the_projector_repainted_piecewise_shows_what_a_full_repaint_would(
    qtbot: QtBot, talk: PresentingSession
) -> None:
    """A laser move or a stroke's new point repaints only where it changed: what is on
    the projector then (its window's picture, not a fresh render) equals a full paint,
    with no trail of dots left behind and no segment missing."""
    view, room = talk.console.current, talk.audience.view
    talk.state.go(1)
    press(qtbot, talk, Key.Key_L)
    path = [Point(0.15 + n * 0.07, 0.3 + 0.04 * (n % 3)) for n in range(10)]
    for point in path:  # each move painted before the next (Qt would merge them)
        with qtbot.waitSignal(room.painted):
            qtbot.mouseMove(view, on_view(view, point))
    qtbot.waitUntil(lambda: on_screen(talk) == audience(talk))  # once the paint is out
    shown = on_screen(talk)
    assert all(near(shown, room, p, LASER_RED, radius=8) == 0 for p in path[:-1])  # no trail
    assert near(shown, room, path[-1], LASER_RED) > 20
    press(qtbot, talk, Key.Key_D)
    zigzag = [Point(0.1 + n * 0.03, 0.6 + 0.1 * ((n % 4) - 1.5)) for n in range(25)]
    with qtbot.waitSignal(room.painted):
        qtbot.mousePress(view, LEFT, pos=on_view(view, zigzag[0]))
    for point in zigzag[1:]:
        with qtbot.waitSignal(room.painted):
            qtbot.mouseMove(view, on_view(view, point))
    qtbot.waitUntil(lambda: on_screen(talk) == audience(talk))
    shown = on_screen(talk)
    assert near(shown, room, Point(0.4, 0.55), INK, radius=40) > 50  # the zigzag is there
    qtbot.mouseRelease(view, LEFT, pos=on_view(view, zigzag[-1]))


def on_screen(session: PresentingSession) -> QImage:
    """The audience window as the screen has it now: its last paints, not a fresh one."""
    window = session.audience
    shot = window.screen().grabWindow(window.winId()).toImage()
    return shot.convertToFormat(QImage.Format.Format_RGB32)
