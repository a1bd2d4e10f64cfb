"""The slides as pictures, following a `PresentationState`: renderer, cache, live results.

The state (slide, black/white, frozen, join screen, timer) is Qt-free and shared;
a `SlideShow` renders the deck it was given for its views and re-emits the
state's changes as Qt signals, so widgets connect as they always do.
"""

from __future__ import annotations

import math
import time
from collections import OrderedDict
from collections.abc import Callable

from PySide6.QtCore import QObject, QRectF, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QPainter, QPixmap

from workshop_app.deck import Deck, DeckError, PdfPage
from workshop_app.deck.look import page_pixels
from workshop_app.deck.themes import Theme
from workshop_app.session import countdown
from workshop_app.session.model import PollState
from workshop_app.session.presentation_state import Change, PresentationState
from workshop_app.session.questions import PUBLIC, Question
from workshop_app.session.quiz import Standings
from workshop_app.session.tally import PollResults
from workshop_app.ui.join_card import JoinInfo
from workshop_app.ui.prepared import PreparedDeck
from workshop_app.ui.slide_renderer import Layer, SlideRenderer

# Pixmaps; a 1920×1080 one is 8 MB. Rendering ahead needs three per view size (next,
# previous, the one after next) and there are about four sizes (audience, current,
# next, overview); 24 keeps those and a few slides back. 48 cost 180 MB more.
MAX_CACHED = 24
MAX_BASES = 6  # poll slides' bases (without their live results)


class SlideCache:
    """Rendered slides by (index, size): a slide change is a blit, not a layout."""

    def __init__(self, renderer: SlideRenderer) -> None:
        self.renderer = renderer
        self._pixmaps: OrderedDict[tuple[int, int, int], QPixmap] = OrderedDict()
        self._bases: dict[tuple[int, int, int], QPixmap] = {}  # poll slides without results
        # Pixmaps painted while their PDF page was not there at their size (another
        # size of it stood in, scaled): made again once it arrives; the others stay.
        self._provisional: set[tuple[int, int, int]] = set()

    def pixmap(self, index: int, size: QSize) -> QPixmap:
        key = (index, size.width(), size.height())
        cached = self._pixmaps.get(key)
        if cached is not None:
            self._pixmaps.move_to_end(key)
            return cached
        target = QRectF(0, 0, size.width(), size.height())
        sharp = self._page_ready(index, size)
        if self.renderer.has_live_layer(index):
            # A poll slide: its base is kept apart, so a new tally costs the chart only.
            base = self._bases.get(key)
            if base is None:
                base = self._bases[key] = self._render(size, index, Layer.BASE)
                while len(self._bases) > MAX_BASES:
                    self._bases.pop(next(iter(self._bases)))
            pixmap = QPixmap(base)
            painter = QPainter(pixmap)
            self.renderer.paint(painter, target, index, Layer.LIVE)
            painter.end()
        else:
            pixmap = self._render(size, index, Layer.ALL)
        self._pixmaps[key] = pixmap
        if sharp:
            self._provisional.discard(key)
        else:
            self._provisional.add(key)
        while len(self._pixmaps) > MAX_CACHED:
            self._provisional.discard(self._pixmaps.popitem(last=False)[0])
        return pixmap

    def _render(self, size: QSize, index: int, layer: Layer) -> QPixmap:
        pixmap = QPixmap(size)
        pixmap.fill(QColor("#000000"))
        painter = QPainter(pixmap)
        self.renderer.paint(painter, pixmap.rect().toRectF(), index, layer)
        painter.end()
        return pixmap

    def drop(self, indices: set[int], *, bases: bool = False) -> None:
        """Forget the pictures of slides that changed (live results; with `bases`, the QR)."""
        for key in [k for k in self._pixmaps if k[0] in indices]:
            del self._pixmaps[key]
            self._provisional.discard(key)
        if bases:
            for key in [k for k in self._bases if k[0] in indices]:
                del self._bases[key]

    def _page_ready(self, index: int, size: QSize) -> bool:
        """Whether slide `index` at `size` is painted from its PDF page at that size (or
        has no page); asks for nothing."""
        page = self.renderer.deck.slides[index].page
        if page is None:
            return True
        aspect = self.renderer.deck.meta.aspect
        pixels = page_pixels(page, aspect, size.width(), size.height())
        return self.renderer.prepared.pages.cached(page, *pixels) is not None

    def drop_provisional(self, indices: set[int]) -> None:
        """Forget the pictures of these slides painted with a stand-in for their page."""
        for key in [k for k in self._provisional if k[0] in indices]:
            self._pixmaps.pop(key, None)
            self._provisional.discard(key)

    def has(self, index: int, size: QSize) -> bool:
        return (index, size.width(), size.height()) in self._pixmaps


class SlideShow(QObject):
    changed = Signal()  # slide, blank, freeze or the join screen changed
    # Poll results, the join card or the phones' count changed: the views repaint,
    # but the console keeps its notes (resetting them ten times a second lost the
    # speaker's scroll position during a vote).
    live_changed = Signal()
    deck_replaced = Signal()  # a live reload brought a new version
    reload_failed = Signal(object)  # DeckError, shown on the console only
    timer_changed = Signal()  # paused, resumed, reset
    # The laser dot, ink or the zoom: the views paint them over the cached slide; the
    # console keeps its notes and nothing is rendered again.
    marks_changed = Signal()
    pointer_moved = Signal()  # the laser dot alone: the room's view repaints where it was and is
    stroke_grew = Signal()  # the stroke under way got a point: the views repaint that segment
    # A PDF page rendered ahead has arrived: the slides showing it are drawn sharp
    # now, and thumbnails waiting for it can be made (the library's, the overview's).
    page_arrived = Signal()
    # A PDF page rendered in the background (emitted in the worker thread: queued).
    _page_ready = Signal(object)

    def __init__(
        self, prepared: PreparedDeck, state: PresentationState, theme: Theme | None = None
    ) -> None:
        super().__init__()
        self.state = state
        self.theme_override = theme
        self.live: dict[str, PollResults] = {}  # the session's polls, from the live client
        self.join: JoinInfo | None = None  # where phones vote, once the server is up
        self.questions: tuple[Question, ...] = ()  # the room's, every state, from the client
        self.standings: Standings | None = None  # the quiz's, from the client
        self._page_ready.connect(self._page_arrived)
        self._stop_pages: Callable[[], None] = lambda: None
        self._set_deck(prepared)
        self._wanted: dict[object, QSize] = {}  # view → size, for rendering ahead
        self._ahead = QTimer(self, singleShot=True, interval=0)
        self._ahead.timeout.connect(self._render_ahead)
        self.changed.connect(self._ahead.start)
        # A poll counting down: its slides are redrawn as the time shown changes, once a
        # second (the time itself is the server's: session/countdown.py).
        self._clock = QTimer(self, singleShot=True, timerType=Qt.TimerType.PreciseTimer)
        self._clock.timeout.connect(self._count_down)
        self.following = True
        self._stop_listening = state.subscribe(self._state_changed)
        self.destroyed.connect(self._stop_listening)
        self.destroyed.connect(self._forget_pages)

    def _state_changed(self, change: Change) -> None:
        if not self.following:
            return
        if change is Change.DECK:
            if self.state.deck is not self.prepared.deck:
                return  # another view's new version; this one is replaced by its owner
            self.deck_replaced.emit()
            self.changed.emit()
        elif change is Change.TIMER:
            self.timer_changed.emit()
        elif change in (Change.MARKS, Change.ZOOM):
            self.marks_changed.emit()
        elif change is Change.POINTER:
            self.pointer_moved.emit()
        elif change is Change.STROKE:
            self.stroke_grew.emit()
        elif change is Change.INK:
            pass  # the session keeps it; the views painted it stroke by stroke
        elif change is Change.WATCHING:
            if self.state.joining:
                self.live_changed.emit()
        else:
            self.changed.emit()

    def _forget_pages(self) -> None:
        self._stop_pages()

    def pause(self) -> None:
        """Stop following the state (the library's view while a talk runs elsewhere)."""
        self.following = False
        self._ahead.stop()

    def resume(self) -> None:
        """Follow the state again, from where it is now."""
        self.following = True
        self.changed.emit()

    def close(self) -> None:
        """Stop following for good: a newer view of the deck took over."""
        self.following = False
        self._stop_listening()
        self._forget_pages()

    def _set_deck(self, prepared: PreparedDeck) -> None:
        self._stop_pages()
        self._stop_pages = prepared.pages.listen(self._page_ready.emit)
        self.prepared = prepared
        self.renderer = SlideRenderer(prepared, self.theme_override)
        self.renderer.live = self.live
        self.renderer.join = self.join
        self.renderer.questions = self.questions
        self.renderer.standings = self.standings
        self.cache = SlideCache(self.renderer)

    @property
    def deck(self) -> Deck:
        return self.prepared.deck

    # ------------------------------------------------------------ live polls

    def set_join(self, join: JoinInfo | None) -> None:
        """The voting server is up (or gone): poll slides get their QR code."""
        self.join = self.renderer.join = join
        polls = {p.id for p in self.deck.polls}
        self.cache.drop(self.renderer.slides_showing(polls), bases=True)
        self.live_changed.emit()

    def update_polls(self, results: dict[str, PollResults]) -> None:
        """New states or counts for some polls: redraw the slides that show them."""
        relaid = {  # revealed or hidden: the slide's layout itself changes
            poll_id
            for poll_id, now in results.items()
            if (poll_id in self.live and self.live[poll_id].shown) != now.shown
        }
        self.live.update(results)
        self.cache.drop(self.renderer.slides_showing(set(results)))
        self.cache.drop(self.renderer.slides_showing(relaid), bases=True)
        self.live_changed.emit()
        self._next_count()

    def counting(self) -> dict[str, float]:
        """The open polls counting down: seconds left on each, by this clock."""
        now = time.time()
        return {
            poll_id: left
            for poll_id, results in self.live.items()
            if results.status.state is PollState.OPEN
            and (left := countdown.left(results.status.ends, now)) is not None
        }

    def _count_down(self) -> None:
        self.cache.drop(self.renderer.slides_showing(set(self.counting())))
        self.live_changed.emit()
        self._next_count()

    def _next_count(self) -> None:
        """Wake when a countdown's shown time changes next (its last change: at zero)."""
        waits = [countdown.next_tick(left) for left in self.counting().values() if left > 0]
        if waits:  # a hair late rather than early: early would show the second before again
            self._clock.start(math.ceil(min(waits) * 1000) + 2)
        else:
            self._clock.stop()

    def update_questions(self, questions: tuple[Question, ...]) -> None:
        """The room's questions changed: redraw question slides and the one on the screen."""
        self.questions = self.renderer.questions = questions
        shown = self.spotlight()
        if self.state.spotlight is not None and (shown is None or shown.state not in PUBLIC):
            self.state.show_question(None)  # hidden (or gone) meanwhile: off the screen
        self.cache.drop(self.renderer.slides_listing_questions())
        self.live_changed.emit()

    def update_standings(self, standings: Standings) -> None:
        """The quiz's standings changed: redraw the leaderboard slides."""
        self.standings = self.renderer.standings = standings
        self.cache.drop(self.renderer.slides_showing_standings())
        self.live_changed.emit()

    def spotlight(self) -> Question | None:
        """The question the state puts on the screen, as the room has it now."""
        wanted = self.state.spotlight
        return next((q for q in self.questions if q.id == wanted), None) if wanted else None

    # ------------------------------------------------------------ live reload

    def replace_deck(self, prepared: PreparedDeck) -> None:
        """A new version of the deck: render it, and the state keeps the speaker's slide."""
        self._set_deck(prepared)
        self.state.replace_deck(prepared.deck)

    def new_talk(self, prepared: PreparedDeck) -> None:
        """An evening's next talk: its deck, nothing live of the last one (its polls may
        have the same ids), and the state on its first slide."""
        self.live.clear()
        self.questions = ()
        self.standings = None
        self._clock.stop()
        self._set_deck(prepared)
        self.state.new_talk(prepared.deck)

    def keep_after_error(self, error: DeckError) -> None:
        """The file on disk is broken: the room keeps the last good version."""
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
        if self.following:
            self._ahead.start()

    def _page_arrived(self, page: PdfPage) -> None:
        """A page at a view's size is ready: its slides are blitted from it, not scaled."""
        showing = {
            slide.index
            for slide in self.deck.slides
            if slide.page is not None
            and (slide.page.document, slide.page.page) == (page.document, page.page)
        }
        self.cache.drop_provisional(showing)  # those painted sharp stay
        self.page_arrived.emit()
        if self.following:
            self._ahead.start()

    def ready_pixmap(self, index: int, size: QSize) -> QPixmap | None:
        """Slide `index` at `size`, or None while its PDF page is being rendered in the
        worker (`page_arrived` follows): thumbnails and rendering ahead never wait."""
        if not self.renderer.prefetch(index, size):
            return None
        return self.cache.pixmap(index, size)

    def rendering_ahead(self) -> bool:
        """True while neighbours of the slide are still being rendered (here, or their
        PDF pages in the worker, whose arrivals may still wait in the event queue)."""
        return self._ahead.isActive() or self.prepared.pages.busy()

    def _render_ahead(self) -> None:
        if not self.following:
            return
        here, count = self.state.index, len(self.deck.slides)
        for size in list(self._wanted.values()):
            for index in (here + 1, here - 1, here + 2):
                if 0 <= index < count and not self.cache.has(index, size):
                    if self.ready_pixmap(index, size) is None:
                        continue  # a PDF page being rendered: `_page_arrived` comes back
                    self._ahead.start()  # one at a time; a key press may come in between
                    return
