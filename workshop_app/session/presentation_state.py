"""What the room is shown during a talk, as plain state that every view follows.

One `PresentationState` per open deck: the library, the presenter console, the
audience window and the voting server read it and subscribe to its changes; keys,
clicks and (later) a phone remote change it through its methods. It knows nothing
of Qt: the Qt layer re-emits the changes as signals (`ui/slide_show.py`), the way
napari's evented models and qutebrowser's `changed` signals do.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from enum import StrEnum

from workshop_app.deck import Deck
from workshop_app.session.marks import MAX_STROKE_POINTS, MAX_STROKES, Point, Stroke, Tool, Zoom
from workshop_app.session.talk_timer import TalkTimer


class Blank(StrEnum):
    NONE = "none"
    BLACK = "black"
    WHITE = "white"


class Change(StrEnum):
    """What changed, so a listener redraws only what it shows."""

    SLIDE = "slide"  # the current slide
    SCREEN = "screen"  # black, white, frozen, the join screen or a question on it
    DECK = "deck"  # a new version of the deck (a save while presenting)
    WATCHING = "watching"  # the number of phones with the page open
    TIMER = "timer"  # paused, resumed or reset
    MARKS = "marks"  # the mouse's tool or the ink (the slide itself stays)
    POINTER = "pointer"  # the laser dot moved (or went): the room's view repaints the dot
    STROKE = "stroke"  # the stroke under way grew by a point: the views repaint that bit
    INK = "ink"  # a stroke finished or a slide's ink erased: worth keeping in the session
    ZOOM = "zoom"  # the room sees a region of the slide large, or the whole slide again


Listener = Callable[[Change], None]


class PresentationState:
    def __init__(
        self, deck: Deck, start: int = 0, *, clock: Callable[[], float] = time.monotonic
    ) -> None:
        self.deck = deck
        self.index = _within(start, len(deck.slides))
        self.blank = Blank.NONE
        self.frozen_at: int | None = None  # the slide the room keeps seeing while frozen
        self.joining = False  # the "Beitreten" screen is up on the projector
        self.spotlight: int | None = None  # the id of the room's question shown large
        self.following = deck.meta.follow  # participants' phones show the room's slide
        self.watching = 0  # phones with the voting page open
        self.tool = Tool.NONE  # what the mouse on the console's slide does
        self.pointer: Point | None = None  # the laser dot on the room's slide
        self.zoom: Zoom | None = None  # the region of the room's slide shown large
        self.ink: dict[int, tuple[Stroke, ...]] = {}  # per slide, for the whole talk
        # The last change of the ink worth keeping (Change.INK): a stroke finished on a
        # slide, or (slide, None) that slide erased.
        self.inked: tuple[int, Stroke | None] | None = None
        self._drawing = False  # the last stroke of the current slide still grows
        self._clock = clock
        self.timer = TalkTimer(deck.meta.duration_minutes, clock)
        self._listeners: list[Listener] = []

    # ------------------------------------------------------------ listening

    def subscribe(self, listener: Listener) -> Callable[[], None]:
        """Call `listener(change)` after every change; returns the way to stop."""
        self._listeners.append(listener)
        return lambda: self._listeners.remove(listener) if listener in self._listeners else None

    def _tell(self, change: Change) -> None:
        for listener in list(self._listeners):  # a listener may unsubscribe while told
            listener(change)

    # ------------------------------------------------------------ reading

    @property
    def count(self) -> int:
        return len(self.deck.slides)

    @property
    def audience_index(self) -> int:
        """What the room sees: the frozen slide while frozen, else the current one."""
        return self.frozen_at if self.frozen_at is not None else self.index

    # ------------------------------------------------------------ the slide

    def go(self, index: int) -> None:
        index = _within(index, self.count)
        if index != self.index:
            self.end_stroke()  # a stroke under way when the slide turns is kept
            self.index = index
            self.zoom = None  # a new slide is seen whole
            self._tell(Change.SLIDE)

    def next(self) -> None:
        self.go(self.index + 1)

    def previous(self) -> None:
        self.go(self.index - 1)

    def first(self) -> None:
        self.go(0)

    def last(self) -> None:
        """The talk's last slide; for a PDF whose pdfpc file ends the talk earlier (backup
        pages after it), first that one, as pdfpc does, then the very last."""
        end = self.deck.meta.end_slide
        self.go(end if end is not None and self.index < end else self.count - 1)

    # ------------------------------------------------------------ the screen

    def toggle_blank(self, blank: Blank) -> None:
        self.blank = Blank.NONE if self.blank is blank else blank
        self._tell(Change.SCREEN)

    def toggle_freeze(self) -> None:
        self.frozen_at = None if self.frozen_at is not None else self.index
        self._tell(Change.SCREEN)

    def toggle_join(self) -> None:
        self.joining = not self.joining
        self._tell(Change.SCREEN)

    def toggle_following(self) -> None:
        """Phones show the slide the room sees, or only polls and questions."""
        self.following = not self.following
        self._tell(Change.SCREEN)

    def show_question(self, question: int | None) -> None:
        """Put one of the room's questions on the screen (None: back to the slide)."""
        if question != self.spotlight:
            self.spotlight = question
            self._tell(Change.SCREEN)

    def set_watching(self, watching: int) -> None:
        if watching != self.watching:
            self.watching = watching
            self._tell(Change.WATCHING)

    # ------------------------------------------------------------ pointer, zoom and ink

    def toggle_tool(self, tool: Tool) -> None:
        """L, D, Z: the mouse's tool on (or, pressed again, off)."""
        self.end_stroke()
        self.tool = Tool.NONE if self.tool is tool else tool
        if self.tool is not Tool.LASER:
            self.pointer = None
        self._tell(Change.MARKS)

    def point(self, at: Point | None) -> None:
        """The laser dot at `at` on the room's slide (None: no dot)."""
        if at != self.pointer:
            self.pointer = at
            self._tell(Change.POINTER)

    def zoom_to(self, region: Zoom | None) -> None:
        """The room sees `region` of its slide large (None: the whole slide again)."""
        if region != self.zoom:
            self.zoom = region
            self._tell(Change.ZOOM)

    def ink_on(self, index: int) -> tuple[Stroke, ...]:
        return self.ink.get(index, ())

    def draw(self, at: Point, *, new_stroke: bool = False) -> None:
        """Ink on the current slide: a new stroke begins at `at`, or the last one goes on to it."""
        strokes = self.ink_on(self.index)
        going_on = self._drawing and not new_stroke and bool(strokes)
        if going_on and len(strokes[-1]) >= MAX_STROKE_POINTS:
            last = strokes[-1][-1]
            self.end_stroke()  # a long stroke is kept in parts of a bounded size
            self._add_stroke((last, at))
        elif going_on:
            self.ink[self.index] = (*strokes[:-1], (*strokes[-1], at))
        else:
            self.end_stroke()
            self._add_stroke((at,))
        self._tell(Change.STROKE)

    def _add_stroke(self, stroke: Stroke) -> None:
        self.ink[self.index] = (*self.ink_on(self.index), stroke)[-MAX_STROKES:]
        self._drawing = True

    def end_stroke(self) -> None:
        """The pen is lifted: the stroke is done (and worth keeping)."""
        strokes = self.ink_on(self.index)
        if self._drawing and strokes:
            self.inked = (self.index, strokes[-1])
            self._tell(Change.INK)
        self._drawing = False

    def erase(self) -> None:
        """E: the current slide without its ink."""
        self._drawing = False
        if self.ink.pop(self.index, None) is not None:
            self.inked = (self.index, None)
            self._tell(Change.MARKS)
            self._tell(Change.INK)

    def restore_ink(self, ink: dict[int, tuple[Stroke, ...]]) -> None:
        """The ink the session kept (after a restart); strokes drawn since stay on top."""
        for index, strokes in ink.items():
            if 0 <= index < self.count:
                self.ink[index] = (*strokes, *self.ink.get(index, ()))[-MAX_STROKES:]
        self._tell(Change.MARKS)

    # ------------------------------------------------------------ the deck and the clock

    def replace_deck(self, deck: Deck) -> None:
        """A new version of the deck: the speaker stays on their slide (or the last)."""
        self.deck = deck
        self.index = _within(self.index, self.count)
        if self.frozen_at is not None:
            self.frozen_at = _within(self.frozen_at, self.count)
        self.ink = {i: strokes for i, strokes in self.ink.items() if i < self.count}
        self._tell(Change.DECK)

    def new_talk(self, deck: Deck) -> None:
        """An evening's next talk: its first slide, nothing blanked, frozen, pointed at
        or drawn on, its own clock running; the phones follow as its deck says."""
        self.deck = deck
        self.index = 0
        self.blank = Blank.NONE
        self.frozen_at = None
        self.joining = False
        self.spotlight = None
        self.following = deck.meta.follow
        self.tool = Tool.NONE
        self.pointer = self.zoom = None
        self.ink = {}
        self.inked = None
        self._drawing = False
        self._tell(Change.DECK)
        self.start_timer()

    def start_timer(self) -> None:
        """A talk begins: a fresh clock, with the deck's `duration` as it is now."""
        self.timer = TalkTimer(self.deck.meta.duration_minutes, self._clock)
        self.timer.start()
        self._tell(Change.TIMER)

    def toggle_pause(self) -> None:
        self.timer.toggle_pause()
        self._tell(Change.TIMER)

    def reset_timer(self) -> None:
        self.timer.reset()
        self._tell(Change.TIMER)


def _within(index: int, count: int) -> int:
    return min(max(index, 0), max(count - 1, 0))
