"""The main window: the deck library, a deck's slides and problems, and "Präsentieren"."""

from __future__ import annotations

import os
from collections import Counter
from pathlib import Path

from PySide6.QtCore import QSize, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QDragEnterEvent, QDropEvent, QGuiApplication, QIcon, QKeySequence
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFileDialog,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from workshop_app.deck import DeckError, Problem
from workshop_app.deck.model import THEMES, is_deck_file
from workshop_app.deck.new_talk import deck_page_count, find_companion, talk_from_presentation
from workshop_app.deck.office import stop_conversions
from workshop_app.deck.recovery import Recovered
from workshop_app.deck.themes import Theme, load_theme
from workshop_app.i18n import Lang, tr
from workshop_app.session.model import StoreError
from workshop_app.session.paths import delete_session, sessions_dir
from workshop_app.session.presentation_state import PresentationState
from workshop_app.session.program import PROGRAM_SUFFIX, ProgramError, is_program_file
from workshop_app.ui import settings as setting
from workshop_app.ui.cards_dialog import CardsDialog
from workshop_app.ui.evening_run import EveningPlan
from workshop_app.ui.export_dialog import ExportDialog
from workshop_app.ui.live import VotingSetup
from workshop_app.ui.loading import DeckLoader, DeckWatcher
from workshop_app.ui.new_talk import NewTalkDialog
from workshop_app.ui.poll_form import PollFormDialog
from workshop_app.ui.prepared import PreparedDeck
from workshop_app.ui.presenting_session import PresentingSession
from workshop_app.ui.problem_list import line_of, show_problems
from workshop_app.ui.program_editor import ProgramEditor
from workshop_app.ui.slide_show import SlideShow
from workshop_app.ui.slide_view import SlideView, placeholder, thumbnail_grid
from workshop_app.ui.talk_editor import TalkEditor, UnsavedText, is_markdown

THUMB = QSize(256, 144)
PATH_ROLE = Qt.ItemDataRole.UserRole  # a deck in the list: its file


class LibraryWindow(QMainWindow):
    first_paint = Signal()  # the first slide is on screen (start-up measurement)
    deck_shown = Signal(object)  # PreparedDeck, after a deck (or its new version) is shown

    def __init__(
        self,
        settings: setting.Settings,
        initial: Path,
        shipped: list[Path],
        *,
        voting: VotingSetup | None = None,
    ) -> None:
        super().__init__()
        self.voting = voting  # None: present without live polls (the tests of the library)
        self.settings = settings
        self.shipped = shipped
        self.path: Path | None = None
        # The open deck's one presentation state, which a talk started here shares.
        self.state: PresentationState | None = None
        self.slideshow: SlideShow | None = None  # the library's pictures of it
        self.session: PresentingSession | None = None
        self.export_dialog: ExportDialog | None = None
        self.cards_dialog: CardsDialog | None = None
        self.watcher: DeckWatcher | None = None
        self._waiting: PreparedDeck | None = None  # a save made while presenting
        self.editor: TalkEditor | None = None  # the deck being prepared, when it is
        self._may_ask = True  # False once we are told to stop: nobody may be at the screen
        self._edit_when_loaded = False  # a new talk: the editor opens once it is read
        # Slides to add once the editor has the deck: their texts, and after which
        # page of the PDF (page, page count) or which line of the file.
        self._to_insert: tuple[list[str], tuple[int, int] | int] | None = None
        self.form: QDialog | None = None  # the new-talk or poll form last opened
        self._painted_once = False
        self.loader = DeckLoader(self)
        self.loader.loaded.connect(self._loaded)
        self.loader.failed.connect(self._failed)
        self.loader.converting.connect(self._converting)
        # LibreOffice says nothing while it converts: a busy bar shows that it works.
        self.busy = QProgressBar(textVisible=False)
        self.busy.setMaximumWidth(160)
        self.busy.setRange(0, 0)
        self.busy.hide()
        self.cancel_conversion = QPushButton(tr("library.cancel_conversion"))
        self.cancel_conversion.clicked.connect(stop_conversions)
        self.cancel_conversion.hide()
        self.setWindowTitle("Impuls")
        self.setAcceptDrops(True)
        self.resize(1400, 860)
        self._build()
        self._menus()
        self.fill_decks()
        self.open_deck(initial)
        # Text a crash left unsaved, in any deck: offered once the window is up.
        self.unsaved_box: QMessageBox | None = None
        self.unsaved = UnsavedText(self)
        self.unsaved.found.connect(self._offer_unsaved)
        self.unsaved.look()

    # ------------------------------------------------------------ building

    def _build(self) -> None:
        self.decks = QListWidget()
        self.decks.setMinimumWidth(260)
        self.decks.itemActivated.connect(self._deck_item)
        self.decks.itemClicked.connect(self._deck_item)
        self.message = QLabel(alignment=Qt.AlignmentFlag.AlignCenter, wordWrap=True)
        self.preview_stack = QStackedWidget()
        self.preview_stack.addWidget(self.message)
        self.thumbnails = thumbnail_grid(THUMB)
        self.thumbnails.currentRowChanged.connect(self._thumbnail_chosen)
        self.problems = QListWidget()
        self.problems.itemClicked.connect(self._problem_chosen)
        self.problems.itemActivated.connect(self._problem_chosen)
        center = QSplitter(Qt.Orientation.Vertical)
        center.addWidget(self.preview_stack)
        center.addWidget(self.thumbnails)
        center.addWidget(self.problems)
        center.setSizes([480, 260, 120])
        # Looking at a deck, or preparing it: the editor takes the overview's place.
        self.modes = QStackedWidget()
        self.modes.addWidget(center)
        # An evening's program, made and started here (ui/program_editor.py).
        self.program_editor = ProgramEditor()
        self.program_editor.start_wanted.connect(self.start_evening)
        self.program_editor.saved.connect(lambda _path: self.fill_decks())
        self.program_editor.files.resumed.connect(self._evening_planned)
        self.modes.addWidget(self.program_editor)
        self.evening_loader = DeckLoader(self)
        self.evening_loader.loaded.connect(self._evening_loaded)
        self.evening_loader.failed.connect(self._evening_failed)
        self._evening: EveningPlan | None = None  # an evening whose first deck is read
        left = QWidget()
        column = QVBoxLayout(left)
        column.setContentsMargins(6, 6, 6, 6)
        decks_title = QLabel(tr("library.decks"))
        decks_title.setStyleSheet("font-weight: bold;")
        column.addWidget(decks_title)
        column.addWidget(self.decks)
        splitter = QSplitter()
        self.library_column = left  # hidden while editing: the editor needs the width
        splitter.addWidget(left)
        splitter.addWidget(self.modes)
        splitter.setStretchFactor(1, 1)
        self.setCentralWidget(splitter)
        self.statusBar().showMessage(tr("library.hint"))
        self.statusBar().addPermanentWidget(self.busy)
        self.statusBar().addPermanentWidget(self.cancel_conversion)

    def _menus(self) -> None:
        file_menu = self.menuBar().addMenu(tr("menu.file"))
        self.new_action = QAction(
            tr("menu.new_talk"), self, shortcut=QKeySequence(QKeySequence.StandardKey.New)
        )
        self.new_action.triggered.connect(self.new_talk)
        file_menu.addAction(self.new_action)
        self.new_evening_action = QAction(tr("menu.new_evening"), self)
        self.new_evening_action.triggered.connect(self.new_evening)
        file_menu.addAction(self.new_evening_action)
        self.open_action = QAction(
            tr("menu.open"), self, shortcut=QKeySequence(QKeySequence.StandardKey.Open)
        )
        self.open_action.triggered.connect(self.choose_file)
        file_menu.addAction(self.open_action)
        self.export_action = QAction(tr("menu.export"), self, shortcut=QKeySequence("Ctrl+E"))
        self.export_action.triggered.connect(self.export_handout)
        file_menu.addAction(self.export_action)
        self.cards_action = QAction(tr("cards.menu"), self)
        self.cards_action.triggered.connect(self.print_cards)
        file_menu.addAction(self.cards_action)
        self.delete_session_action = QAction(tr("menu.delete_session"), self)
        self.delete_session_action.triggered.connect(self.delete_session)
        file_menu.addAction(self.delete_session_action)
        quit_action = QAction(
            tr("menu.quit"), self, shortcut=QKeySequence(QKeySequence.StandardKey.Quit)
        )
        quit_action.triggered.connect(self.close)
        file_menu.addAction(quit_action)
        self.save_action = QAction(
            tr("editor.save"), self, shortcut=QKeySequence(QKeySequence.StandardKey.Save)
        )
        self.save_action.triggered.connect(self.save)
        self.save_action.setEnabled(False)
        file_menu.insertAction(self.export_action, self.save_action)
        edit_menu = self.menuBar().addMenu(tr("menu.edit"))
        self.edit_action = QAction(tr("menu.edit_talk"), self, checkable=True)
        self.edit_action.setToolTip(tr("menu.edit_talk_tip"))
        self.edit_action.toggled.connect(self.set_editing)
        self.undo_action = QAction(
            tr("editor.undo"), self, shortcut=QKeySequence(QKeySequence.StandardKey.Undo)
        )
        self.redo_action = QAction(
            tr("editor.redo"), self, shortcut=QKeySequence(QKeySequence.StandardKey.Redo)
        )
        self.undo_action.triggered.connect(lambda: self._undo_stack_call("undo"))
        self.redo_action.triggered.connect(lambda: self._undo_stack_call("redo"))
        self.poll_after_action = QAction(tr("menu.poll_after"), self)
        self.poll_after_action.setToolTip(tr("menu.poll_after_tip"))
        self.poll_after_action.triggered.connect(self.insert_poll_after_current)
        edit_menu.addActions([self.edit_action, self.undo_action, self.redo_action])
        edit_menu.addSeparator()
        edit_menu.addAction(self.poll_after_action)
        self._follow_undo()
        show_menu = self.menuBar().addMenu(tr("menu.present"))
        self.present_action = QAction(tr("menu.present_start"), self, shortcut=QKeySequence("F5"))
        self.present_action.triggered.connect(lambda: self.present(from_start=True))
        self.present_here_action = QAction(
            tr("menu.present_here"), self, shortcut=QKeySequence("Shift+F5")
        )
        self.present_here_action.triggered.connect(lambda: self.present(from_start=False))
        show_menu.addActions([self.present_action, self.present_here_action])
        language = self.menuBar().addMenu(tr("menu.language"))
        for lang, label in ((Lang.DE, "Deutsch"), (Lang.EN, "English")):
            action = QAction(label, self)
            action.triggered.connect(lambda _=False, lang=lang: self._set_language(lang))
            language.addAction(action)
        toolbar = QToolBar(tr("menu.toolbar"))
        toolbar.setMovable(False)
        toolbar.addAction(self.new_action)
        toolbar.addAction(self.open_action)
        toolbar.addAction(self.edit_action)
        toolbar.addAction(self.save_action)
        toolbar.addAction(self.present_action)
        self.theme_box = QComboBox()
        self.theme_box.addItem(tr("library.theme_from_deck"), "")
        for name in THEMES:
            self.theme_box.addItem(load_theme(name).display_name(), name)
        self.theme_box.setCurrentIndex(
            max(0, self.theme_box.findData(self.settings.get(setting.THEME)))
        )
        self.theme_box.currentIndexChanged.connect(self._theme_chosen)
        toolbar.addWidget(QLabel("  " + tr("library.theme") + " "))
        toolbar.addWidget(self.theme_box)
        self.screen_box = QComboBox()
        self.screen_box.setToolTip(tr("library.screen_tip"))
        self.fill_screens()
        self.screen_box.currentIndexChanged.connect(self._screen_chosen)
        app = QGuiApplication.instance()
        if isinstance(app, QGuiApplication):
            app.screenAdded.connect(self.fill_screens)
            app.screenRemoved.connect(self.fill_screens)
        toolbar.addWidget(QLabel("  " + tr("library.screen") + " "))
        toolbar.addWidget(self.screen_box)
        self.addToolBar(toolbar)

    def fill_screens(self, *_changed: object) -> None:
        """Where the audience window goes: automatic (the second screen) or a named one."""
        wanted = self.settings.get(setting.AUDIENCE_SCREEN)
        self.screen_box.blockSignals(True)
        self.screen_box.clear()
        self.screen_box.addItem(tr("library.screen_auto"), "")
        for screen in QGuiApplication.screens():
            size = screen.geometry()
            label = f"{screen.name()} ({size.width()}×{size.height()})"
            self.screen_box.addItem(label, screen.name())
        self.screen_box.setCurrentIndex(max(0, self.screen_box.findData(wanted)))
        self.screen_box.blockSignals(False)

    def _screen_chosen(self, _row: int) -> None:
        self.settings.set(setting.AUDIENCE_SCREEN, str(self.screen_box.currentData() or ""))

    # ------------------------------------------------------------ the deck list

    def fill_decks(self) -> None:
        self.decks.clear()
        header = QListWidgetItem(tr("library.shipped"))
        header.setFlags(Qt.ItemFlag.NoItemFlags)
        self.decks.addItem(header)
        recent = recent_entries(self.shipped, self.settings.recent_decks())
        # A name listed twice (the shipped talk and the speaker's copy of it, say) shows
        # its folder, so the two can be told apart without hovering.
        stems = Counter(path.stem for path in [*self.shipped, *recent])
        for path in self.shipped:
            self._deck_entry(path, stems[path.stem] > 1)
        if recent:
            header = QListWidgetItem(tr("library.recent"))
            header.setFlags(Qt.ItemFlag.NoItemFlags)
            self.decks.addItem(header)
            for path in recent:
                self._deck_entry(path, stems[path.stem] > 1)

    def _deck_entry(self, path: Path, with_folder: bool) -> None:
        label = f"  {path.stem}"
        if with_folder:
            label += f"  ({tr('library.shipped') if path in self.shipped else folder_of(path)})"
        item = QListWidgetItem(label, self.decks)
        item.setData(PATH_ROLE, str(path))
        item.setToolTip(str(path))

    def _deck_item(self, item: QListWidgetItem) -> None:
        path = item.data(PATH_ROLE)
        if path:
            self.open_deck(Path(path))

    def choose_file(self) -> None:
        start = str(self.path.parent) if self.path else ""
        kinds = tr("library.filter") + ";;" + tr("library.evenings")
        chosen, _ = QFileDialog.getOpenFileName(self, tr("menu.open"), start, kinds)
        if chosen:
            self.open_deck(Path(chosen))

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:  # noqa: N802 - Qt's name
        if _dropped_deck(event) is not None:
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:  # noqa: N802
        path = _dropped_deck(event)
        if path is not None:
            event.acceptProposedAction()
            self.open_deck(path)

    # ------------------------------------------------------------ opening

    def open_deck(self, path: Path) -> None:
        """Load `path` off the GUI thread; the window shows it when ready."""
        if is_program_file(path):
            self.open_program(path)
            return
        if self.modes.currentWidget() is self.program_editor:
            self.modes.setCurrentIndex(0)
        if self.editor is not None and self.editor.path != path.resolve():
            if not self.editor.may_close():
                return
            self.edit_action.setChecked(False)
        self.path = path.resolve()
        self.message.setText(tr("library.loading", path=path))
        self.preview_stack.setCurrentWidget(self.message)
        if self.state is not None and self.state.deck.path != self.path:
            # Another deck: nothing of the last one stays beside "Lade …" (a
            # PowerPoint file takes seconds to convert).
            self.thumbnails.clear()
            self.problems.clear()
            self.statusBar().showMessage(tr("library.loading", path=path))
        self.loader.load(self.path)
        if self.watcher is None or self.watcher.path != self.path:
            if self.watcher is not None:
                self.watcher.deleteLater()
            self.watcher = DeckWatcher(self.path, self)
            self.watcher.reloaded.connect(
                lambda prepared: self._loaded(prepared.deck.path, prepared)
            )
            self.watcher.failed.connect(lambda error: self._failed(self.path, error))

    def _loaded(self, path: Path, prepared: PreparedDeck) -> None:
        if path is None or Path(path) != self.path:  # both resolved already: no disk access
            return  # the user picked another deck meanwhile
        self._show_busy(False)
        if self.session is not None:
            # A save during the talk: the presenting session shows it; the library's
            # own view and thumbnails wait, so the GUI thread renders nothing extra.
            self._waiting = prepared
            return
        if self.watcher is not None:
            self.watcher.remember(prepared)
        if self.editor is not None:
            self.editor.file_read(prepared.deck.source)
        before = self.settings.recent_decks()
        self.settings.add_recent(str(self.path))
        if self.settings.recent_decks() != before:
            self.fill_decks()  # a deck opened by File → Open or a drop shows among the recent
        same_deck = self.state is not None and self.state.deck.path == prepared.deck.path
        if self.slideshow is not None:
            self.slideshow.close()
        if self.state is None or not same_deck:
            self.state = PresentationState(prepared.deck, self.settings.last_slide(str(self.path)))
        self.slideshow = SlideShow(prepared, self.state, self._theme_override())
        self.slideshow.page_arrived.connect(self._render_thumbnail)  # one it waited for
        if same_deck:
            self.state.replace_deck(prepared.deck)  # a new version: stay on the slide
        old = self.preview_stack.widget(1)
        if old is not None:
            self.preview_stack.removeWidget(old)
            old.deleteLater()
        self.preview = SlideView(self.slideshow, lambda state: state.index)
        self.preview.painted.connect(self._painted)
        self.preview_stack.addWidget(self.preview)
        self.preview_stack.setCurrentWidget(self.preview)
        deck = prepared.deck
        # Qt adds " — Impuls" (the display name) on Linux and Windows; [*]: unsaved edits
        self.setWindowTitle(f"{deck.title}[*]")
        problems = list(deck.warnings) + self.slideshow.renderer.layout_problems()
        self._show_problems(problems)
        self._fill_thumbnails()
        self.statusBar().showMessage(
            tr(
                "library.loaded",
                slides=tr("count.slides", count=len(deck.slides)),
                polls=tr("count.polls", count=len(deck.polls)),
                problems=tr("count.problems", count=len(problems)),
            )
        )
        self.deck_shown.emit(prepared)
        if self._edit_when_loaded and Path(path) == self.path:
            self._edit_when_loaded = False
            self.edit_action.setChecked(True)

    def _converting(self, path: Path) -> None:
        if Path(path) != self.path:
            return
        self.message.setText(tr("office.converting", name=Path(path).name))
        self._show_busy(True)

    def _show_busy(self, busy: bool) -> None:
        self.busy.setVisible(busy)
        self.cancel_conversion.setVisible(busy)

    def _failed(self, path: Path | None, error: DeckError) -> None:
        if path is None or Path(path) != self.path:  # both resolved already: no disk access
            return
        self._show_busy(False)
        self._show_problems(list(error.problems))
        cancelled = any(p.message_id == "office.cancelled" for p in error.problems)
        said = tr("library.broken", path=self.path)
        if cancelled:
            said = error.problems[0].message()
            said = said[:1].upper() + said[1:]
        if self.state is None or self.state.deck.path != self.path:
            self.message.setText(said)
            self.preview_stack.setCurrentWidget(self.message)
            self.thumbnails.clear()
        self.statusBar().showMessage(said)

    def _show_problems(self, problems: list[Problem]) -> None:
        show_problems(self.problems, problems)

    def _fill_thumbnails(self) -> None:
        self.thumbnails.blockSignals(True)
        self.thumbnails.clear()
        assert self.state is not None
        blank = placeholder(THUMB)
        for slide in self.state.deck.slides:
            QListWidgetItem(blank, f"{slide.index + 1}  {slide.title}"[:36], self.thumbnails)
        self.thumbnails.setCurrentRow(self.state.index)
        self.thumbnails.blockSignals(False)
        self._next_thumb = 0
        QTimer.singleShot(0, self, self._render_thumbnail)

    def _render_thumbnail(self) -> None:
        """One thumbnail per event-loop turn: the window stays responsive on big decks."""
        shown = self.slideshow
        if shown is None or not shown.following:
            return  # a talk runs: the library catches up when it ends
        if self._next_thumb >= min(len(shown.deck.slides), self.thumbnails.count()):
            return
        ready = shown.ready_pixmap(self._next_thumb, THUMB)
        if ready is None:
            return  # a PDF page rendered in its worker thread: `page_arrived` calls again
        self.thumbnails.item(self._next_thumb).setIcon(QIcon(ready))
        self._next_thumb += 1
        QTimer.singleShot(0, self, self._render_thumbnail)

    def _thumbnail_chosen(self, row: int) -> None:
        if self.state is not None and row >= 0:
            self.state.go(row)

    def _problem_chosen(self, item: QListWidgetItem) -> None:
        line = line_of(item)
        if self.state is None or line is None:
            return
        slides = self.state.deck.slides
        index = max((s.index for s in slides if s.line <= line), default=0)
        self.thumbnails.setCurrentRow(index)

    def _painted(self, _index: int) -> None:
        if not self._painted_once:
            self._painted_once = True
            self.first_paint.emit()

    # ------------------------------------------------------------ preparing

    def set_editing(self, editing: bool) -> None:
        """The editor in place of the overview, or the overview again."""
        if not editing:
            if self.editor is not None:
                if not self.editor.may_close():
                    self.edit_action.setChecked(True)
                    return
                self.modes.removeWidget(self.editor)
                self.editor.deleteLater()
                self.editor = None
                self.setWindowModified(False)
            self.modes.setCurrentIndex(0)
            self.library_column.show()
            self._follow_undo()
            return
        if self.path is None or self.editor is not None:
            return
        if not is_markdown(self.path):
            # A PDF or PowerPoint stays as it is: the polls go into a Markdown deck
            # beside it that shows its pages (made once, found again later).
            self.edit_action.setChecked(False)
            self._edit_presentation()
            return
        self.editor = TalkEditor(self.path, self._theme_override, self)
        self.editor.message.connect(self.statusBar().showMessage)
        self.editor.failed.connect(self._editor_failed)
        self.editor.ready.connect(self._follow_undo)
        self.editor.modified_changed.connect(self.setWindowModified)
        self.editor.ready.connect(self._insert_waiting)
        self.modes.addWidget(self.editor)
        self.modes.setCurrentWidget(self.editor)
        self.library_column.hide()
        self._follow_undo()

    # ------------------------------------------------------------ an evening

    def open_program(self, path: Path) -> None:
        """An evening's program in the form, in place of the overview."""
        if self.editor is not None:
            if not self.editor.may_close():
                return
            self.edit_action.setChecked(False)
        self.program_editor.open(path.absolute())
        self.modes.setCurrentWidget(self.program_editor)
        self.statusBar().showMessage(tr("editor.program.heading", name=path.name))
        before = self.settings.recent_decks()
        self.settings.add_recent(str(path.absolute()))
        if self.settings.recent_decks() != before:
            self.fill_decks()

    def new_evening(self) -> None:
        """ "Neuer Abend": a program file beside the decks, then its form."""
        folder = self.path.parent if self.path is not None else Path.home()
        name = tr("menu.new_evening_name")
        chosen, _ = QFileDialog.getSaveFileName(
            self, tr("menu.new_evening"), str(folder / f"abend{PROGRAM_SUFFIX}"),
            tr("library.evenings"),
        )  # fmt: skip
        if not chosen:
            return
        path = Path(chosen)
        if not is_program_file(path):
            path = path.with_name(path.name + PROGRAM_SUFFIX)
        self.open_program(path)
        self.program_editor.new(path.absolute(), name)

    def start_evening(self, path: Path) -> None:
        """The evening in `path` begins (or resumes where its server last was)."""
        if self.session is None and self._evening is None:
            self.program_editor.files.resume(path)

    def _evening_planned(self, plan: EveningPlan | ProgramError) -> None:
        if isinstance(plan, ProgramError):
            self.program_editor.say("\n".join(problem.format() for problem in plan.problems))
            return
        deck = plan.deck_path()
        if deck is None or self.session is not None:
            return
        self._evening = plan
        self.statusBar().showMessage(tr("library.loading", path=deck))
        self.evening_loader.load(deck)

    def _evening_loaded(self, _path: Path, prepared: PreparedDeck) -> None:
        plan, self._evening = self._evening, None
        if plan is None or self.session is not None:
            return
        if self.slideshow is not None:
            self.slideshow.pause()  # the talks' windows render; the library waits
        self.session = PresentingSession(
            prepared, self.settings, theme=self._theme_override(), voting=self.voting,
            evening=plan,
        )  # fmt: skip
        self.session.finished.connect(self._evening_finished)
        self.session.start()

    def _evening_failed(self, _path: Path, error: DeckError) -> None:
        self._evening = None
        self.program_editor.say("\n".join(problem.format() for problem in error.errors))

    def _evening_finished(self, _index: int) -> None:
        self.session = None
        if self.slideshow is not None:
            self.slideshow.resume()
        self.activateWindow()

    def new_talk(self) -> NewTalkDialog:
        """ "Neuer Vortrag": from the template or around a presentation, then edited."""
        dialog = NewTalkDialog(self)
        dialog.accepted.connect(lambda: self._talk_created(dialog.created()))
        self._open_form(dialog)
        return dialog

    def _talk_created(self, path: Path) -> None:
        self.statusBar().showMessage(tr("editor.created", name=path.name))
        self._edit_when_loaded = True
        self.open_deck(path)

    def _edit_presentation(self) -> Path | None:
        """The companion deck of the PDF or presentation shown, opened for editing."""
        assert self.path is not None
        presentation = self.path
        try:
            companion = find_companion(presentation) or talk_from_presentation(presentation)
        except (OSError, ValueError) as error:
            detail = getattr(error, "strerror", None) or str(error)
            self.statusBar().showMessage(
                tr("editor.companion_failed", name=presentation.name, detail=detail)
            )
            return None
        self.statusBar().showMessage(
            tr("editor.companion", name=companion.name, original=presentation.name)
        )
        self._edit_when_loaded = True
        self.open_deck(companion)
        return companion

    def insert_poll_after_current(self) -> PollFormDialog | None:
        """ "Umfrage nach dieser Folie einfügen": the form, then the poll slide right
        after the slide shown (in a PDF or presentation: after its page)."""
        if self.state is None:
            return None
        deck = self.state.deck
        slide = deck.slides[self.state.index]
        polls = {poll.id: poll for poll in deck.polls}
        dialog = PollFormDialog(self, block=None, other_ids=set(polls), other_polls=polls)
        page_count = deck_page_count(deck)
        where: tuple[int, int] | int = slide.line
        if slide.page is not None and page_count is not None:
            where = (slide.page.page + 1, page_count)
        dialog.accepted.connect(lambda: self._insert_poll(dialog.slide_texts(), where))
        self._open_form(dialog)
        return dialog

    def _insert_poll(self, texts: list[str], where: tuple[int, int] | int) -> None:
        self._to_insert = (texts, where)
        if self.path is not None and not is_markdown(self.path):
            self._edit_presentation()  # the editor opens on its companion, then inserts
        elif self.editor is None:
            self.edit_action.setChecked(True)
        else:
            self._insert_waiting()

    def _insert_waiting(self) -> None:
        editor = self.editor
        if self._to_insert is None or editor is None or editor.panel is None:
            return
        texts, where = self._to_insert
        self._to_insert = None
        if isinstance(where, tuple):
            editor.panel.insert_after_page(texts, *where)
        else:
            editor.panel.insert_after_line(texts, where)
        editor.save()  # made in a form: done, as in Mentimeter; Ctrl+Z still undoes it

    def _open_form(self, dialog: QDialog) -> None:
        self.form = dialog
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()

    def _offer_unsaved(self, found: list[Recovered]) -> None:
        """ "Für „vortrag.md“ gibt es ungespeicherten Text …": open it in the editor, which
        then offers the text back (or keep it for later: it stays in the recovery file)."""
        if not found:
            return
        newest = found[-1]
        box = QMessageBox(
            QMessageBox.Icon.Question,
            tr("editor.unsaved_found_title"),
            tr("editor.unsaved_found", name=newest.deck.name, folder=newest.deck.parent),
            QMessageBox.StandardButton.NoButton,
            self,
        )
        edit = box.addButton(tr("editor.unsaved_found_edit"), QMessageBox.ButtonRole.AcceptRole)
        box.addButton(tr("editor.unsaved_found_later"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(edit)
        box.buttonClicked.connect(
            lambda clicked: self._edit_unsaved(newest.deck) if clicked is edit else None
        )
        self.unsaved_box = box
        box.open()

    def _edit_unsaved(self, deck: Path) -> None:
        if self.path == deck and self.state is not None:
            self.edit_action.setChecked(True)
            return
        self._edit_when_loaded = True
        self.open_deck(deck)

    def _editor_failed(self, said: str) -> None:
        self.statusBar().showMessage(said)
        self.edit_action.setChecked(False)

    def save(self) -> None:
        if self.editor is not None:
            self.editor.save()

    def _undo_stack_call(self, what: str) -> None:
        if self.editor is not None and self.editor.document is not None:
            getattr(self.editor.document.undo, what)()

    def _follow_undo(self) -> None:
        """Undo, redo and save are the editor's: off while there is none."""
        document = self.editor.document if self.editor is not None else None
        self.save_action.setEnabled(document is not None)
        for action in (self.undo_action, self.redo_action):
            action.setEnabled(False)
        if document is None:
            return
        stack = document.undo
        stack.canUndoChanged.connect(self.undo_action.setEnabled)
        stack.canRedoChanged.connect(self.redo_action.setEnabled)
        self.undo_action.setEnabled(stack.canUndo())
        self.redo_action.setEnabled(stack.canRedo())

    # ------------------------------------------------------------ the handout

    def export_handout(self) -> ExportDialog | None:
        """The export dialog: for the evening whose program is shown (its proceedings),
        else for the open deck."""
        program = self.program_editor.path
        if self.modes.currentWidget() is self.program_editor and program is not None:
            self.export_dialog = ExportDialog(None, self, program=program)
        elif self.state is not None:
            self.export_dialog = ExportDialog(self.state.deck, self)
        else:
            return None
        self.export_dialog.show()
        return self.export_dialog

    def print_cards(self) -> CardsDialog | None:
        """The organizer's dialog for voting cards (issue 35): count, day, address."""
        if self.state is None:
            return None
        self.cards_dialog = CardsDialog(self.state.deck, self)
        self.cards_dialog.show()
        return self.cards_dialog

    def delete_session(self) -> None:
        """Delete an event's session file (and its WAL/SHM companions), after asking."""
        chosen, _ = QFileDialog.getOpenFileName(
            self, tr("menu.delete_session"), str(sessions_dir()), "Impuls (*.impuls)"
        )
        if not chosen:
            return
        path = Path(chosen)
        sure = QMessageBox.question(
            self, tr("menu.delete_session"), tr("library.delete_session_sure", name=path.name)
        )
        if sure != QMessageBox.StandardButton.Yes:
            return
        try:
            delete_session(path)
        except (StoreError, OSError) as error:
            QMessageBox.warning(self, tr("menu.delete_session"), str(error))
            return
        self.statusBar().showMessage(tr("library.session_deleted", name=path.name))

    # ------------------------------------------------------------ presenting

    def present(self, *, from_start: bool) -> None:
        if self.slideshow is None or self.state is None or self.session is not None:
            return
        self.slideshow.pause()  # the talk's windows render; the library waits
        self.session = PresentingSession(
            self.slideshow.prepared,
            self.settings,
            start=0 if from_start else None,
            theme=self._theme_override(),
            voting=self.voting,
            watcher=self.watcher,
            state=self.state,
        )
        self.session.finished.connect(self._presenting_finished)
        self.session.start()

    def _presenting_finished(self, index: int) -> None:
        self.session = None
        waiting, self._waiting = self._waiting, None
        if waiting is not None and self.path is not None:
            self._loaded(self.path, waiting)  # the library catches up with the saves
        elif self.slideshow is not None:
            self.slideshow.resume()
            QTimer.singleShot(0, self, self._render_thumbnail)  # any not drawn yet
        self.thumbnails.setCurrentRow(index)
        self.activateWindow()

    def _theme_override(self) -> Theme | None:
        name = self.settings.get(setting.THEME)
        return load_theme(name) if name in THEMES else None

    def _theme_chosen(self, _row: int) -> None:
        self.settings.set(setting.THEME, str(self.theme_box.currentData() or ""))
        if self.slideshow is not None:
            self.slideshow.set_theme(self._theme_override())
            self._fill_thumbnails()

    def _set_language(self, lang: Lang) -> None:
        self.settings.set(setting.LANGUAGE, lang.value)
        self.statusBar().showMessage(tr("library.language_next_start", lang.value))

    def close_without_questions(self) -> list[str]:
        """Ctrl-C in the terminal, or the system stopping us: end as closing the window
        would, but ask nothing, since nobody may be at the screen. Unsaved text stays in
        the recovery store, offered at the next start. Returns what to tell the terminal."""
        told = []
        if self.editor is not None and (kept := self.editor.keep_unsaved()) is not None:
            told.append(tr("cli.unsaved_kept", name=kept.name))
        voting = self.session.voting if self.session is not None else None
        self._may_ask = False
        self.close()
        if voting is not None:
            told.append(tr("cli.session_saved", path=voting.session_path))
        return told

    def closeEvent(self, event) -> None:  # type: ignore[no-untyped-def]  # noqa: N802
        if self._may_ask and self.editor is not None and not self.editor.may_close():
            event.ignore()
            return
        if self.session is not None:
            self.session.stop()
        if self.state is not None and self.path is not None:
            self.settings.set_last_slide(str(self.path), self.state.index)
        self.settings.sync()
        super().closeEvent(event)


def _dropped_deck(event: QDragEnterEvent | QDropEvent) -> Path | None:
    urls = event.mimeData().urls() if event.mimeData().hasUrls() else []
    for url in urls:
        dropped = Path(url.toLocalFile()) if url.isLocalFile() else None
        if dropped is not None and (is_deck_file(dropped) or is_program_file(dropped)):
            return dropped
    return None


def recent_entries(shipped: list[Path], recent: list[str]) -> list[Path]:
    """The recent decks to list: each file once, however its path was spelt, and
    none that is listed among the shipped talks already (no disk access: this runs
    on the GUI thread)."""
    seen = {os.path.normcase(_absolute(path)) for path in shipped}
    entries = []
    for spelt in recent:
        path = _absolute(spelt)
        if (key := os.path.normcase(path)) not in seen:
            seen.add(key)
            entries.append(Path(path))
    return entries


def _absolute(path: Path | str) -> str:
    """`path` from the root, ".." taken out, as text: Path.resolve would read the disk."""
    return os.path.normpath(Path(path).absolute())


def folder_of(path: Path) -> str:
    """The folder a deck is in, as a person reads it: the home folder as "~"."""
    folder = str(path.parent)
    home = str(Path.home())
    if folder == home or folder.startswith(home + os.sep):
        folder = "~" + folder[len(home) :]
    return folder
