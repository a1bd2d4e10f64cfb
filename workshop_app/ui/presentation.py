"""What is being presented: the deck, the current slide, blank and frozen screens.

The audience window and the presenter console both take this object and
subscribe to `changed`; key handling calls its methods.
"""

from __future__ import annotations

from collections import OrderedDict
from enum import StrEnum

from PySide6.QtCore import QObject, QSize, QTimer, Signal
from PySide6.QtGui import QColor, QPainter, QPixmap

from workshop_app.deck import Deck, DeckError
from workshop_app.deck.themes import Theme
from workshop_app.ui.prepared import PreparedDeck
from workshop_app.ui.slide_renderer import SlideRenderer

MAX_CACHED = 48  # pixmaps; a 1920×1080 one is 8 MB


class Blank(StrEnum):
    NONE = "none"
    BLACK = "black"
    WHITE = "white"


class SlideCache:
    """Rendered slides by (index, size): a slide change is a blit, not a layout."""

    def __init__(self, renderer: SlideRenderer) -> None:
        self.renderer = renderer
        self._pixmaps: OrderedDict[tuple[int, int, int], QPixmap] = OrderedDict()

    def pixmap(self, index: int, size: QSize) -> QPixmap:
        key = (index, size.width(), size.height())
        cached = self._pixmaps.get(key)
        if cached is not None:
            self._pixmaps.move_to_end(key)
            return cached
        pixmap = QPixmap(size)
        pixmap.fill(QColor("#000000"))
        painter = QPainter(pixmap)
        self.renderer.paint(painter, pixmap.rect().toRectF(), index)
        painter.end()
        self._pixmaps[key] = pixmap
        while len(self._pixmaps) > MAX_CACHED:
            self._pixmaps.popitem(last=False)
        return pixmap

    def has(self, index: int, size: QSize) -> bool:
        return (index, size.width(), size.height()) in self._pixmaps


class Presentation(QObject):
    changed = Signal()  # slide, blank or freeze changed
    deck_replaced = Signal()  # a live reload brought a new version
    reload_failed = Signal(object)  # DeckError, shown on the console only
    wanted_sizes_changed = Signal()

    def __init__(self, prepared: PreparedDeck, theme: Theme | None = None, start: int = 0):
        super().__init__()
        self.theme_override = theme
        self._set_deck(prepared)
        self.index = min(max(start, 0), self.count - 1)
        self.blank = Blank.NONE
        self.frozen_at: int | None = None
        self.reload_error: DeckError | None = None
        self._wanted: dict[object, QSize] = {}  # view → size, for rendering ahead
        self._ahead = QTimer(self, singleShot=True, interval=0)
        self._ahead.timeout.connect(self._render_ahead)
        self.changed.connect(self._ahead.start)

    def _set_deck(self, prepared: PreparedDeck) -> None:
        self.prepared = prepared
        self.renderer = SlideRenderer(prepared, self.theme_override)
        self.cache = SlideCache(self.renderer)

    @property
    def deck(self) -> Deck:
        return self.prepared.deck

    @property
    def count(self) -> int:
        return len(self.prepared.deck.slides)

    @property
    def audience_index(self) -> int:
        """What the room sees: the frozen slide while frozen, else the current one."""
        return self.frozen_at if self.frozen_at is not None else self.index

    # ------------------------------------------------------------ navigation

    def go(self, index: int) -> None:
        index = min(max(index, 0), self.count - 1)
        if index != self.index:
            self.index = index
            self.changed.emit()

    def next(self) -> None:
        self.go(self.index + 1)

    def previous(self) -> None:
        self.go(self.index - 1)

    def first(self) -> None:
        self.go(0)

    def last(self) -> None:
        self.go(self.count - 1)

    def toggle_blank(self, blank: Blank) -> None:
        self.blank = Blank.NONE if self.blank is blank else blank
        self.changed.emit()

    def toggle_freeze(self) -> None:
        self.frozen_at = None if self.frozen_at is not None else self.index
        self.changed.emit()

    # ------------------------------------------------------------ live reload

    def replace_deck(self, prepared: PreparedDeck) -> None:
        """A new version of the deck: keep the slide the speaker is on."""
        self._set_deck(prepared)
        self.index = min(self.index, self.count - 1)
        if self.frozen_at is not None:
            self.frozen_at = min(self.frozen_at, self.count - 1)
        self.reload_error = None
        self.deck_replaced.emit()
        self.changed.emit()

    def keep_after_error(self, error: DeckError) -> None:
        """The file on disk is broken: the room keeps the last good version."""
        self.reload_error = error
        self.reload_failed.emit(error)

    def set_theme(self, theme: Theme | None) -> None:
        self.theme_override = theme
        self._set_deck(self.prepared)
        self.deck_replaced.emit()
        self.changed.emit()

    # ------------------------------------------------------------ rendering ahead

    def want_size(self, view: object, size: QSize) -> None:
        """A view paints at `size`: render its neighbours at that size ahead of time."""
        self._wanted[view] = size
        self._ahead.start()

    def _render_ahead(self) -> None:
        for size in list(self._wanted.values()):
            for index in (self.index + 1, self.index - 1, self.index + 2):
                if 0 <= index < self.count and not self.cache.has(index, size):
                    self.cache.pixmap(index, size)
                    self._ahead.start()  # one at a time; a key press may come in between
                    return
