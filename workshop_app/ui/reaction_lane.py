"""The room's reactions on the projector: a few emoji rising in the slide's right margin.

The server gathers the taps (at most ten events a second); the lane gathers once
more: taps of one emoji within MERGE_SECONDS are one emoji with their count, so
500 phones are a handful of emoji on the screen, never a blizzard. Each new one
enters at the lane's foot and lifts the others one place (a short stack that
slides up, never two on top of each other); each fades after LIFE_SECONDS. The lane is
the margin `deck/look.reaction_lane` keeps free of text, so nothing the slide says
is ever covered; where a slide has no such margin (a full PDF page), and while the
room sees black, the join screen, a question or a zoomed region, nothing rises.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

from PySide6.QtCore import QEvent, QObject, QRectF, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QFont, QPainter, QPaintEvent
from PySide6.QtWidgets import QWidget

from workshop_app.session.presentation_state import Blank
from workshop_app.session.reactions import Burst
from workshop_app.ui.slide_show import SlideShow

LIFE_SECONDS = 2.6  # shown this long, fading over the last part
MERGE_SECONDS = 1.0  # an emoji's taps within this are one emoji, with their count
MOST_RISING = 8
FRAME_MS = 33  # ~30 frames a second, only while something moves or fades
EMOJI_SHARE = 0.62  # of the lane's width
PLACE = 1.35  # one place in the stack, in emoji sizes (the count's pill included)
EASE = 0.35  # of the way to its place an emoji goes each frame
MAKE_ROOM = 0.4  # of a place the others still have to go when a new emoji comes
SWAYS = (0.0, 0.08, -0.06, 0.04, -0.1)  # each new emoji a little off the middle


@dataclass
class _Rising:
    emoji: str
    count: int
    born: float  # time.monotonic()
    sway: float  # share of the lane's width, off its middle
    lift: float = 0.0  # places above the foot, easing towards its place in the stack


class ReactionLane(QWidget):
    """Drawn over a slide view (its parent), in the lane of the slide the room sees."""

    painted = Signal()  # after each paint that showed the lane

    def __init__(self, slideshow: SlideShow, view: QWidget) -> None:
        super().__init__(view)
        self.slideshow = slideshow
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.rising: list[_Rising] = []
        self.shown: dict[str, int] = {}  # taps on the screen at least once, per emoji
        self._added: dict[str, int] = {}
        self._sways = 0
        self._frame = QTimer(self, interval=FRAME_MS)
        self._frame.timeout.connect(self._advance)
        self.view = view
        self.setGeometry(view.rect())
        view.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if event.type() == QEvent.Type.Resize and watched is self.view:
            self.setGeometry(self.view.rect())
        return False

    def add(self, burst: Burst) -> None:
        """The room's latest taps: they start rising at once."""
        now = time.monotonic()
        for emoji, count in burst.taps.items():
            self._added[emoji] = self._added.get(emoji, 0) + count
            newest = next((r for r in reversed(self.rising) if r.emoji == emoji), None)
            if newest is not None and now - newest.born < MERGE_SECONDS:
                newest.count += count
            else:  # at the foot at once, visible; the others make room, the rest eased
                for older in self.rising:
                    older.lift = max(older.lift, older.lift + 1 - MAKE_ROOM)
                self._sways += 1
                self.rising.append(_Rising(emoji, count, now, SWAYS[self._sways % len(SWAYS)]))
        del self.rising[:-MOST_RISING]
        if not self._frame.isActive():
            self._frame.start()
        self._repaint_lane()

    def clear(self) -> None:
        """An evening's next talk: the last talk's taps stop rising at once."""
        self.rising.clear()
        self._added.clear()
        self.shown = {}
        self._frame.stop()
        self.update()

    def lane(self) -> QRectF | None:
        """The lane in this widget's pixels, or None while nothing may rise."""
        show = self.slideshow
        state = show.state
        if state.blank is not Blank.NONE or state.joining or show.spotlight() is not None:
            return None
        if state.zoom is not None:  # the margin is elsewhere, text may be where it was
            return None
        box = show.renderer.reaction_lane(state.audience_index)
        if box is None:
            return None
        scale, corner = show.renderer.placement(QRectF(self.rect()))
        return QRectF(corner.x() + box.x() * scale, corner.y() + box.y() * scale,
                      box.width() * scale, box.height() * scale)  # fmt: skip

    def _advance(self) -> None:
        now = time.monotonic()
        self.rising = [r for r in self.rising if now - r.born < LIFE_SECONDS]
        for place, rising in enumerate(reversed(self.rising)):  # the newest at the foot
            rising.lift += (place - rising.lift) * EASE
        if not self.rising:
            self._frame.stop()
        self._repaint_lane()

    def _repaint_lane(self) -> None:
        lane = self.lane()
        if lane is not None:
            self.update(lane.toAlignedRect().adjusted(-2, -2, 2, 2))

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt's name
        lane = self.lane()
        if lane is None or not self.rising:
            return
        now = time.monotonic()
        painter = QPainter(self)
        painter.setRenderHints(
            QPainter.RenderHint.Antialiasing | QPainter.RenderHint.TextAntialiasing
        )
        painter.setClipRect(lane)
        size = lane.width() * EMOJI_SHARE
        emoji_font, count_font = QFont(), QFont()
        emoji_font.setPixelSize(max(8, round(size)))
        count_font.setPixelSize(max(7, round(size * 0.34)))
        count_font.setBold(True)
        foot = lane.bottom() - 0.9 * size  # the newest, its count's pill inside the lane
        for rising in self.rising:
            age = (now - rising.born) / LIFE_SECONDS
            middle_y = foot - rising.lift * PLACE * size
            if age >= 1 or middle_y < lane.top() - size:
                continue
            middle_x = lane.center().x() + rising.sway * lane.width()
            painter.setOpacity(1.0 if age < 0.7 else max(0.0, (1 - age) / 0.3))
            painter.setFont(emoji_font)
            painter.setPen(QColor("#ffffff"))
            box = QRectF(middle_x - size / 2, middle_y - size / 2, size, size)
            painter.drawText(box, Qt.AlignmentFlag.AlignCenter, rising.emoji)
            if rising.count > 1:
                self._paint_count(painter, count_font, box, rising.count)
        painter.end()
        self.shown = dict(self._added)
        self.painted.emit()

    @staticmethod
    def _paint_count(painter: QPainter, font: QFont, emoji: QRectF, count: int) -> None:
        """ "×12" on a dark pill under the emoji: legible on any slide's colours."""
        painter.setFont(font)
        text = f"×{count}"
        width = painter.fontMetrics().horizontalAdvance(text) + font.pixelSize()
        height = font.pixelSize() * 1.4
        pill = QRectF(emoji.center().x() - width / 2, emoji.bottom() - height * 0.35, width, height)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor(0, 0, 0, 170))
        painter.drawRoundedRect(pill, height / 2, height / 2)
        painter.setPen(QColor("#ffffff"))
        painter.drawText(pill, Qt.AlignmentFlag.AlignCenter, text)
