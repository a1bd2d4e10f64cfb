"""The console's small live meter of the room's reactions on the current slide.

Each emoji with the slide's count so far, and under it a short bar of the last
few seconds' taps, so the speaker sees at a glance whether the room is moving
now, and how much it moved on this slide.
"""

from __future__ import annotations

import time
from collections import deque

from PySide6.QtCore import QRectF, QSize, Qt, QTimer
from PySide6.QtGui import QColor, QFont, QPainter, QPaintEvent
from PySide6.QtWidgets import QWidget

from workshop_app.i18n import tr
from workshop_app.session.reactions import Burst

RECENT_SECONDS = 5.0  # the bar's memory
FULL_BAR = 20  # taps within RECENT_SECONDS that fill an emoji's bar
CELL = 58  # pixels per emoji


class ReactionMeter(QWidget):
    """Follows `show(burst)` and the slide the console is on (`set_slide`)."""

    def __init__(self, offered: tuple[str, ...]) -> None:
        super().__init__()
        self.offered = offered
        self.slide = 0
        self.totals: dict[int, dict[str, int]] = {}  # slide → its totals, as last heard
        self.recent: deque[tuple[float, str, int]] = deque()  # (when, emoji, taps)
        self.setToolTip(tr("console.reactions_tip"))
        self.setAccessibleName(tr("console.reactions"))
        self._fade = QTimer(self, interval=500)  # the bars shrink while the room is quiet
        self._fade.timeout.connect(self._expire)
        if not offered:  # `reactions: false` (showing it here would open it as a window)
            self.hide()

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        return QSize(CELL * len(self.offered) + 8, 34)

    def show_burst(self, burst: Burst) -> None:
        now = time.monotonic()
        self.totals[burst.slide] = burst.totals
        for emoji, taps in burst.taps.items():
            self.recent.append((now, emoji, taps))
        if not self._fade.isActive():
            self._fade.start()
        self.update()

    def restart(self, offered: tuple[str, ...]) -> None:
        """An evening's next talk: its reactions from zero, nothing of the last talk's
        (whose slides have the same numbers)."""
        self.offered = offered
        self.totals.clear()
        self.recent.clear()
        self._fade.stop()
        self.setVisible(bool(offered))
        self.updateGeometry()
        self.update()

    def set_slide(self, index: int) -> None:
        if index != self.slide:
            self.slide = index
            self.update()

    def recent_taps(self, emoji: str) -> int:
        return sum(taps for _, e, taps in self.recent if e == emoji)

    def _expire(self) -> None:
        now = time.monotonic()
        while self.recent and now - self.recent[0][0] > RECENT_SECONDS:
            self.recent.popleft()
        if not self.recent:
            self._fade.stop()
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt's name
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        totals = self.totals.get(self.slide, {})
        font = QFont(self.font())
        font.setPixelSize(15)
        painter.setFont(font)
        height = self.height()
        for place, emoji in enumerate(self.offered):
            cell = QRectF(4 + place * CELL, 0, CELL - 6, height)
            painter.setPen(QColor("#e8ecf2"))
            painter.drawText(cell.adjusted(0, 0, 0, -8),
                             Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                             f"{emoji} {totals.get(emoji, 0)}")  # fmt: skip
            track = QRectF(cell.left(), height - 6, cell.width(), 4)
            painter.fillRect(track, QColor("#2b313b"))
            share = min(1.0, self.recent_taps(emoji) / FULL_BAR)
            if share > 0:
                painter.fillRect(
                    QRectF(track.left(), track.top(), track.width() * share, track.height()),
                    QColor("#f2b441"),
                )
        painter.end()
