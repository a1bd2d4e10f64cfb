"""The presenter console: current and next slide, notes, slide N/M, the clocks."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QRectF, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QFont, QIcon, QPainter, QPaintEvent
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSplitter,
    QStackedWidget,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from workshop_app.deck import DeckError, PdfPage
from workshop_app.deck.notes import shown_notes
from workshop_app.deck.pdf import looks_like_notes_pages
from workshop_app.i18n import tr
from workshop_app.session.marks import Tool
from workshop_app.session.presentation_state import Blank
from workshop_app.session.questions import Moderation, Question
from workshop_app.session.talk_timer import TimeState, clock_text
from workshop_app.ui.keys import HELP_ROWS
from workshop_app.ui.loading import DeckLoader
from workshop_app.ui.pointing import SlidePointing
from workshop_app.ui.poll_panel import PollPanel
from workshop_app.ui.prepared import PreparedDeck
from workshop_app.ui.program_panel import ProgramPanel
from workshop_app.ui.questions_panel import QuestionsPanel
from workshop_app.ui.reaction_meter import ReactionMeter
from workshop_app.ui.remote_panel import RemotePanel
from workshop_app.ui.settings import PDF_NOTES_HALF, Settings
from workshop_app.ui.slide_show import SlideShow
from workshop_app.ui.slide_view import SlideView, placeholder, thumbnail_grid

THUMB = QSize(384, 216)
TOOL_MODES = {
    Tool.LASER: "console.mode.laser",
    Tool.DRAW: "console.mode.draw",
    Tool.ZOOM: "console.mode.zoom_choose",
}
STATE_COLORS = {
    TimeState.NORMAL: "#f2f4f8",
    TimeState.WARNING: "#ff9f1a",
    TimeState.OVER: "#ff4d4d",
}
CONSOLE_STYLE = """
QWidget#console { background: #111419; color: #f2f4f8; }
QLabel { color: #f2f4f8; }
QLabel#caption { color: #aab2c0; font-size: 18px; }
QLabel#status { font-size: 26px; }
QLabel#clock { font-size: 34px; font-weight: bold; }
QLabel#alert { background: #b3261e; color: white; font-size: 22px; padding: 10px; }
QScrollArea#help, QScrollArea#help > QWidget > QWidget { background: transparent; }
QLabel#mode { background: #ff9f1a; color: #111419; font-size: 22px; font-weight: bold;
              padding: 4px 12px; }
QPlainTextEdit { background: #1b2029; color: #f2f4f8; border: none; padding: 12px; }
QPushButton { font-size: 18px; padding: 6px 14px; }
QListWidget { background: #111419; color: #f2f4f8; font-size: 18px; }
QListWidget::item:selected { background: #2f6fd6; }
QTabWidget::pane { border: none; }
QTabBar::tab { font-size: 18px; padding: 6px 16px; color: #f2f4f8; background: #1b2029; }
QTabBar::tab:selected { background: #2f6fd6; }
"""


class PresenterConsole(QWidget):
    """Follows a slide show and its state; the keys are handled by the presenting session."""

    overview_chosen = Signal(int)

    def __init__(self, slideshow: SlideShow, notes_px: int) -> None:
        super().__init__()
        self.setObjectName("console")
        self.setWindowTitle(tr("console.title", title=slideshow.deck.title))
        self.setStyleSheet(CONSOLE_STYLE)
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground)
        self.slideshow = slideshow
        self.state = slideshow.state
        self.notes_px = notes_px

        self.current = SlideView(
            slideshow, lambda state: state.index, navigates=True, shows_marks=True
        )
        SlidePointing(self.current, self.state)  # the view, its parent, keeps it
        self.next = SlideView(
            slideshow, lambda state: state.index + 1 if state.index + 1 < state.count else None
        )
        self.polls = PollPanel()
        self.questions = QuestionsPanel()
        self.remote = RemotePanel()
        self.program = ProgramPanel()  # an evening's: shown by its EveningRun
        self.program.hide()
        self.notes = QPlainTextEdit(readOnly=True)
        self.notes.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        # A Beamer PDF's notes half, as the speaker wrote it (the room sees the slide half).
        self.notes_page = NotesPageView(slideshow)
        self.notes_guess = _label("caption", wrap=True)
        self.notes_switch = QPushButton()
        self.notes_switch.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.notes_switch.clicked.connect(self.switch_notes_half)
        self._loader: DeckLoader | None = None
        self.alert = _label("alert", wrap=True)
        self.alert.hide()
        self.mode = _label("mode", wrap=True)
        self.mode.hide()
        self.position = _label("status")
        self.jump_label = _label("status")
        self.jump_label.hide()
        self.elapsed = _label("clock")
        self.remaining = _label("clock")
        self.wall_clock = _label("clock")
        self.reactions = ReactionMeter(slideshow.deck.meta.reactions)
        # Participants' phones show the room's slide as text; one click switches it off.
        self.follow_button = QPushButton()
        self.follow_button.clicked.connect(self.state.toggle_following)
        self.pause_button = QPushButton(tr("console.pause"))
        self.reset_button = QPushButton(tr("console.reset"))
        for button in (self.pause_button, self.reset_button, self.follow_button):
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.pause_button.clicked.connect(self.state.toggle_pause)
        self.reset_button.clicked.connect(self.state.reset_timer)

        self.stack = QStackedWidget()
        self.stack.addWidget(self._main_page())
        self.overview = thumbnail_grid(THUMB)
        self.overview.itemActivated.connect(
            lambda item: self.overview_chosen.emit(self.overview.row(item))
        )
        self.overview.itemClicked.connect(
            lambda item: self.overview_chosen.emit(self.overview.row(item))
        )
        self.stack.addWidget(self.overview)
        self._unfilled: set[int] = set()  # overview cells whose PDF page is being rendered
        slideshow.page_arrived.connect(self._fill_in_overview)
        self.help = self._help_page()
        # Scrolled, so that the keys' table (large, for reading at a glance) does not
        # make the console wider or taller than a small laptop's screen.
        self.help_page = QScrollArea(widgetResizable=True)
        self.help_page.setFrameShape(QFrame.Shape.NoFrame)
        self.help_page.setObjectName("help")
        self.help_page.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.help_page.setWidget(self.help)
        self.stack.addWidget(self.help_page)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        layout.addWidget(self.alert)
        # What the room sees instead of the slide (black, frozen, the join screen …):
        # a band across the top, as wide as the console, not in the status bar.
        layout.addWidget(self.mode)
        layout.addWidget(self.stack, 1)
        layout.addLayout(self._status_bar())

        self._marks_shown = (self.state.tool, self.state.zoom is None)
        slideshow.changed.connect(self.refresh)
        slideshow.timer_changed.connect(self.refresh_clocks)
        slideshow.marks_changed.connect(self._marks_changed)
        slideshow.reload_failed.connect(self.show_reload_error)
        slideshow.deck_replaced.connect(self._deck_replaced)
        self._tick = QTimer(self, interval=250)
        self._tick.timeout.connect(self.refresh_clocks)
        self._tick.start()
        self.refresh()

    # ------------------------------------------------------------ building

    def _main_page(self) -> QWidget:
        right = QWidget()
        column = QVBoxLayout(right)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.program)
        column.addWidget(_caption(tr("console.next")))
        column.addWidget(self.next, 2)
        # Notes and the room's questions share the space; the tab's title counts new
        # questions, so the speaker sees them come in while reading the notes.
        self.side = QTabWidget()
        self.side.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.side.tabBar().setFocusPolicy(Qt.FocusPolicy.NoFocus)
        notes = QWidget()
        notes_column = QVBoxLayout(notes)
        notes_column.setContentsMargins(0, 0, 0, 0)
        guess = QHBoxLayout()
        guess.addWidget(self.notes_guess, 1)
        guess.addWidget(self.notes_switch)
        notes_column.addLayout(guess)
        notes_column.addWidget(self.notes_page, 3)
        notes_column.addWidget(self.notes, 2)
        self.side.addTab(notes, tr("console.notes"))
        self.side.addTab(self.questions, tr("console.questions_tab"))
        self.side.addTab(self.remote, tr("console.remote_tab"))
        self.side.setTabVisible(1, False)  # until the voting server is up
        self.side.setTabVisible(2, False)
        column.addWidget(self.side, 3)
        left = QWidget()
        current = QVBoxLayout(left)
        current.setContentsMargins(0, 0, 0, 0)
        # The slide number being typed stands above the slide, not in the status bar,
        # where it made the console wider than a laptop's screen.
        heading = QHBoxLayout()
        heading.addWidget(_caption(tr("console.current")))
        heading.addSpacing(18)
        heading.addWidget(self.jump_label)
        heading.addStretch(1)
        current.addLayout(heading)
        current.addWidget(self.current, 1)
        # Under the current slide: a 16:9 slide in the wider column leaves room
        # there, so on poll slides next slide and notes keep their size.
        current.addWidget(self.polls)
        splitter = QSplitter()
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        return splitter

    def _help_page(self) -> QLabel:
        rows = "".join(
            f"<tr><td style='padding:6px 24px 6px 0; font-weight:bold;'>{tr(keys)}</td>"
            f"<td style='padding:6px 0;'>{tr(does)}</td></tr>"
            for keys, does in HELP_ROWS
        )
        title, close = tr("help.title"), tr("help.close")
        label = QLabel(
            f"<p align='center' style='font-size:34px; font-weight:bold;'>{title}</p>"
            f"<table align='center' style='font-size:26px;'>{rows}</table>"
            f"<p align='center' style='font-size:22px; color:#aab2c0;'>{close}</p>",
            alignment=Qt.AlignmentFlag.AlignCenter,
        )
        label.setTextFormat(Qt.TextFormat.RichText)
        label.setWordWrap(True)  # the table narrows to the console's width
        return label

    def _status_bar(self) -> QHBoxLayout:
        bar = QHBoxLayout()
        bar.addWidget(self.position)
        bar.addStretch(1)
        bar.addWidget(self.reactions)
        bar.addSpacing(18)
        for caption, label in (
            (tr("console.elapsed"), self.elapsed),
            (tr("console.remaining"), self.remaining),
            (tr("console.clock"), self.wall_clock),
        ):
            bar.addWidget(_caption(caption))
            bar.addWidget(label)
            bar.addSpacing(18)
        bar.addWidget(self.follow_button)
        bar.addWidget(self.pause_button)
        bar.addWidget(self.reset_button)
        return bar

    # ------------------------------------------------------------ updates

    def _marks_changed(self) -> None:
        """A laser move or a stroke: the mode line only, and only when it says otherwise."""
        if (self.state.tool, self.state.zoom is None) != self._marks_shown:
            self._marks_shown = (self.state.tool, self.state.zoom is None)
            self.refresh_modes()

    def refresh(self) -> None:
        p = self.state
        self.position.setText(tr("console.position", number=p.index + 1, count=p.count))
        self.reactions.set_slide(p.audience_index)  # what the room reacts to (frozen too)
        self._show_notes()
        self.refresh_modes()
        self.refresh_clocks()

    def refresh_modes(self) -> None:
        """The line of what the room is shown besides the slide, and the mouse's tool."""
        p = self.state
        modes = []
        if p.blank is Blank.BLACK:
            modes.append(tr("console.mode.black"))
        if p.blank is Blank.WHITE:
            modes.append(tr("console.mode.white"))
        if p.frozen_at is not None:
            modes.append(tr("console.mode.frozen", number=p.frozen_at + 1))
        if p.joining:
            modes.append(tr("console.mode.joining"))
        if p.spotlight is not None:
            modes.append(tr("console.mode.question"))
        if p.zoom is not None:
            modes.append(tr("console.mode.zoomed"))
        tool = TOOL_MODES.get(p.tool)
        if tool is not None:
            modes.append(tr(tool))
        self.follow_button.setText(tr("console.follow_on" if p.following else "console.follow_off"))
        self.mode.setText(" · ".join(modes))
        self.mode.setVisible(bool(modes))

    def refresh_clocks(self) -> None:
        timer = self.state.timer
        self.elapsed.setText(clock_text(timer.elapsed()))
        left = timer.remaining()
        self.remaining.setText("–" if left is None else clock_text(left))
        color = STATE_COLORS[timer.state()]
        self.remaining.setStyleSheet(f"color: {color};")
        self.wall_clock.setText(datetime.now().strftime("%H:%M"))
        self.pause_button.setText(tr("console.resume" if timer.paused else "console.pause"))

    def _show_notes(self) -> None:
        """The slide's notes; of a Beamer notes PDF, its notes half as a picture, and
        below it only the notes that are not that half's words."""
        slide = self.state.deck.slides[self.state.index]
        page = slide.page
        pages = self.slideshow.prepared.pages
        half = page is not None and pages.has_notes_half(page)
        notes = slide.notes
        if half and page is not None:
            said = pages.pdfs[page.document].pages[page.page].notes
            notes = notes.removesuffix(said).strip() if said else notes
        self.notes_page.setVisible(half)
        self.notes.setVisible(bool(notes) or not half)
        shown = shown_notes(notes, as_typed=page is not None)
        self.notes.setPlainText(shown or tr("console.no_notes"))
        self._apply_notes_font()
        self._show_notes_guess()

    def _show_notes_guess(self) -> None:
        """Say when pages were taken for Beamer's slides with notes, and offer the other
        reading: the guess is made from the pages' shape (deck/pdf.py)."""
        pages = [slide.page for slide in self.state.deck.slides if slide.page is not None]
        split = any(self.slideshow.prepared.pages.has_notes_half(page) for page in pages)
        wide = bool(pages) and all(_wide(page) for page in pages)
        if split:
            self.notes_guess.setText(tr("console.pdf_notes_half"))
            self.notes_switch.setText(tr("console.pdf_notes_whole"))
        elif wide:
            self.notes_guess.setText(tr("console.pdf_notes_off"))
            self.notes_switch.setText(tr("console.pdf_notes_split"))
        self.notes_guess.setVisible(split or wide)
        self.notes_switch.setVisible(split or wide)
        self.notes_switch.setEnabled(self._loader is None)

    def switch_notes_half(self) -> None:
        """The other reading of wide pages: the setting is kept for every deck, and this
        one is read again off the GUI thread and replaces the one on screen."""
        path = self.state.deck.path
        settings = Settings()
        settings.set(PDF_NOTES_HALF, not settings.get(PDF_NOTES_HALF))
        settings.sync()
        if path is None:
            return
        self._loader = DeckLoader(self)
        self._loader.loaded.connect(self._read_again)
        self._loader.failed.connect(self._read_again)
        self.notes_switch.setEnabled(False)
        self._loader.load(Path(path))

    def _read_again(self, _path: Path, result: object) -> None:
        self._loader = None
        if isinstance(result, PreparedDeck):
            self.slideshow.replace_deck(result)
        elif isinstance(result, DeckError):
            self.show_reload_error(result)
        self.refresh()

    def show_questions(self, live: tuple[Question, ...], moderation: Moderation) -> None:
        """The room's questions, as the voting server has them now."""
        self.side.setTabVisible(1, True)
        self.questions.show_questions(live, moderation, self.state.spotlight)
        new = self.questions.new_count
        title = tr("console.questions_tab_new", count=new) if new else tr("console.questions_tab")
        self.side.setTabText(1, title)

    def show_typing(self, digits: str) -> None:
        self.jump_label.setText(tr("console.jump", digits=digits) if digits else "")
        self.jump_label.setVisible(bool(digits))  # hidden, the caption row keeps its height

    def show_reload_error(self, error: DeckError) -> None:
        self.alert.setText(tr("console.reload_failed", problem=error.errors[0].format()))
        self.alert.show()

    def _deck_replaced(self) -> None:
        self.alert.hide()
        self.reactions.offered = self.slideshow.deck.meta.reactions
        self.reactions.setVisible(bool(self.reactions.offered))
        if self.stack.currentWidget() is self.overview:
            self.fill_overview()

    def change_notes_size(self, step: int) -> int:
        self.notes_px = min(max(self.notes_px + step, 14), 72)
        self._apply_notes_font()
        return self.notes_px

    def _apply_notes_font(self) -> None:
        font = QFont(self.notes.font())
        font.setPixelSize(self.notes_px)
        self.notes.setFont(font)

    # ------------------------------------------------------------ overlays

    def toggle_overview(self) -> None:
        if self.stack.currentWidget() is self.overview:
            self.stack.setCurrentIndex(0)
            return
        self.fill_overview()
        self.stack.setCurrentWidget(self.overview)
        self.overview.setCurrentRow(self.state.index)
        self.overview.setFocus()

    def fill_overview(self) -> None:
        """Every slide's thumbnail; a PDF's pages not yet rendered at this size come in
        from the PDF worker (`_fill_in_overview`), so opening the grid never waits."""
        self.overview.clear()
        blank = placeholder(THUMB)
        self._unfilled = set()
        for slide in self.slideshow.deck.slides:
            ready = self.slideshow.ready_pixmap(slide.index, THUMB)
            if ready is None:
                self._unfilled.add(slide.index)
            icon = QIcon(ready) if ready is not None else blank
            QListWidgetItem(icon, f"{slide.index + 1}  {slide.title}"[:40], self.overview)

    def _fill_in_overview(self) -> None:
        for index in sorted(self._unfilled):
            if index >= self.overview.count():  # the deck was replaced meanwhile
                self._unfilled.discard(index)
            elif (ready := self.slideshow.ready_pixmap(index, THUMB)) is not None:
                self.overview.item(index).setIcon(QIcon(ready))
                self._unfilled.discard(index)

    def toggle_help(self) -> None:
        showing = self.stack.currentWidget() is self.help_page
        self.stack.setCurrentIndex(0 if showing else self.stack.indexOf(self.help_page))

    def close_overlay(self) -> bool:
        """Esc closes an overlay first; True when there was one."""
        if self.stack.currentIndex() != 0:
            self.stack.setCurrentIndex(0)
            return True
        return False

    @property
    def overlay(self) -> str:
        widget = self.stack.currentWidget()
        return "overview" if widget is self.overview else "help" if widget is self.help_page else ""


class NotesPageView(QWidget):
    """The notes half of a Beamer PDF's current page, fitted, rendered by the PDF worker."""

    def __init__(self, slideshow: SlideShow) -> None:
        super().__init__()
        self.slideshow = slideshow
        self.setMinimumSize(160, 90)
        slideshow.changed.connect(self.update)
        slideshow.page_arrived.connect(self.update)

    def wanted(self, page: PdfPage) -> tuple[int, int]:
        """The half's size in pixels, fitted into the view."""
        ratio = self.devicePixelRatioF()
        width, height = self.width() * ratio, self.height() * ratio
        scale = min(width / max(page.width, 1e-6), height / max(page.height, 1e-6))
        return max(1, round(page.width * scale)), max(1, round(page.height * scale))

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt's name
        painter = QPainter(self)
        painter.fillRect(self.rect(), QColor("#111419"))
        state = self.slideshow.state
        pages = self.slideshow.prepared.pages
        page = state.deck.slides[state.index].page if state.index < state.count else None
        if page is not None and pages.has_notes_half(page):
            size = self.wanted(page)
            picture = pages.cached(page, *size, notes=True)
            if picture is None:
                pages.request(page, *size, notes=True)  # `page_arrived` paints it
            else:
                ratio = self.devicePixelRatioF()
                left = (self.width() - size[0] / ratio) / 2
                top = (self.height() - size[1] / ratio) / 2
                painter.drawImage(QRectF(left, top, size[0] / ratio, size[1] / ratio), picture)
            following = state.index + 1
            ahead = state.deck.slides[following].page if following < state.count else None
            if ahead is not None and pages.has_notes_half(ahead):  # the next one, ahead
                pages.request(ahead, *self.wanted(ahead), notes=True)
        painter.end()


def _wide(page: PdfPage) -> bool:
    """A page as wide as a slide and its notes (read whole: the speaker said so)."""
    return looks_like_notes_pages(page.width, page.height)


def _label(name: str, *, wrap: bool = False) -> QLabel:
    label = QLabel()
    label.setObjectName(name)  # the style sheet styles labels by name
    label.setWordWrap(wrap)
    return label


def _caption(text: str) -> QLabel:
    label = _label("caption")
    label.setText(text)
    label.setFrameShape(QFrame.Shape.NoFrame)
    return label
