"""Preparing a talk in the app: the slide list, one slide's text, and its preview.

A keystroke edits the deck's Draft (undoably), then two readings follow off the
GUI thread:

- the **preview**: only the slide being typed in is read (`parse_deck(only=…)`)
  and drawn by the one slide renderer, so its cost does not grow with the deck;
- the **check**: a moment after the typing stops the whole deck is read, as
  `impuls check` reads it, and its problems are marked at their lines, the
  slide list's thumbnails redrawn where a slide changed.

Only the newest request of each kind counts: a reading that finishes after a
newer keystroke is dropped.
"""

from __future__ import annotations

import bisect
import contextlib
import dataclasses
import logging
import shutil
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from PySide6.QtCore import QObject, QSize, Qt, QThreadPool, QTimer, Signal
from PySide6.QtGui import QAction, QColor, QImage, QKeySequence, QPainter, QPaintEvent, QPixmap
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSizePolicy,
    QSplitter,
    QToolBar,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from workshop_app.deck import Deck, DeckError, Problem, Severity
from workshop_app.deck.draft import Draft, fenced_blocks, with_block
from workshop_app.deck.model import Poll
from workshop_app.deck.new_talk import slide_after_page_index, with_slide_after_page
from workshop_app.deck.parser import parse_deck
from workshop_app.deck.poll_form import read_poll_form
from workshop_app.deck.themes import Theme
from workshop_app.i18n import tr
from workshop_app.ui.deck_document import DeckDocument
from workshop_app.ui.poll_form import PollFormDialog, QuestionsFormDialog
from workshop_app.ui.prepared import PreparedDeck, prepare
from workshop_app.ui.problem_list import line_of, said, show_problems
from workshop_app.ui.slide_list import THUMB, SlideList
from workshop_app.ui.slide_renderer import SlideRenderer
from workshop_app.ui.source_editor import IMAGE_SUFFIXES, Mark, SourceEditor
from workshop_app.ui.talk_details import TalkDetailsDialog

log = logging.getLogger("impuls.ui")

FormDialog = PollFormDialog | QuestionsFormDialog | TalkDetailsDialog
CHECK_AFTER_MS = 350  # the whole deck is read once the typing pauses this long
NEW_SLIDE = "## {title}\n\n- {point}"
TABLE = "| {a} | {b} |\n|---|---|\n| … | … |\n| … | … |"
NOTE = "<!--\n{note}\n-->"


@dataclass(frozen=True)
class Reading:
    """What a reading of the deck found: the deck prepared, or its problems."""

    generation: int
    text: str
    prepared: PreparedDeck | None
    problems: tuple[Problem, ...]
    slot: int  # the source slide read (the preview), or -1 (the whole deck)
    draft: Draft | None = None  # the whole deck's: how the parser divides `text`
    titles: dict[str, str] = field(default_factory=dict)  # slide text → its title


class _Reader(QObject):
    """Reads decks in Qt's thread pool, newest request first; one at a time per kind."""

    done = Signal(object)  # Reading

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.generation = 0
        self._running = False
        self._pending: tuple[int, str, Path, int] | None = None

    def read(self, text: str, path: Path, slot: int) -> None:
        self.generation += 1
        self._pending = (self.generation, text, path, slot)
        if not self._running:
            self._next()

    def _next(self) -> None:
        if self._pending is None:
            self._running = False
            return
        job, self._pending = self._pending, None
        self._running = True
        QThreadPool.globalInstance().start(lambda: self._work(*job))

    def _work(self, generation: int, text: str, path: Path, slot: int) -> None:
        # The whole deck's reading also divides the text and titles its slides
        # here, so the GUI thread does neither for a large deck.
        draft = Draft.read(text) if slot < 0 else None
        try:
            deck = parse_deck(text, path, only=None if slot < 0 else slot)
            titles = _titles(deck, draft) if draft is not None else {}
            reading = Reading(generation, text, prepare(deck), deck.warnings, slot, draft, titles)
        except DeckError as error:
            reading = Reading(generation, text, None, error.problems, slot, draft)
        except Exception as error:  # a bug must not stop the editor's readings
            log.exception("reading the deck in the editor failed")  # the trace, for a report
            problem = Problem(Severity.ERROR, "app.internal_error", None, {"detail": repr(error)})
            reading = Reading(generation, text, None, (problem,), slot)
        with contextlib.suppress(RuntimeError):  # the editor closed meanwhile
            self.done.emit(reading)

    def finished(self) -> None:
        """Called on the GUI thread when a reading arrived: start the next one."""
        self._next()


class Preview(QWidget):
    """The slide being edited, drawn by the slide renderer at the widget's size."""

    painted = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.picture: QImage | None = None
        self.stale = False  # the slide has an error: the picture is the last good one
        self.setMinimumSize(320, 180)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)

    def show_slide(self, renderer: SlideRenderer, index: int) -> None:
        canvas = renderer.canvas
        scale = min(self.width() / canvas.width(), self.height() / canvas.height())
        ratio = self.devicePixelRatioF()
        size = QSize(
            max(1, round(canvas.width() * scale * ratio)),
            max(1, round(canvas.height() * scale * ratio)),
        )
        self.picture = renderer.image(index, size)
        self.picture.setDevicePixelRatio(ratio)
        self.repaint()

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt's name
        painter = QPainter(self)
        painter.fillRect(self.rect(), QColor("#3c3f44"))
        if self.picture is not None:
            size = self.picture.deviceIndependentSize()
            x = (self.width() - size.width()) / 2
            y = (self.height() - size.height()) / 2
            painter.drawImage(round(x), round(y), self.picture)
        if self.stale:  # dimmed, and why, in a band below the slide
            painter.fillRect(self.rect(), QColor(40, 40, 40, 110))
            band = self.rect().adjusted(0, self.height() - 56, 0, 0)
            painter.fillRect(band, QColor("#8f1d24"))
            painter.setPen(QColor("#ffffff"))
            painter.drawText(band.adjusted(16, 4, -16, -4),
                             Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap,
                             tr("editor.preview_stale"))  # fmt: skip
        painter.end()
        self.painted.emit()

    def set_stale(self, stale: bool) -> None:
        if stale != self.stale:
            self.stale = stale
            self.update()


class EditorPanel(QWidget):
    """The slide list, the text of the chosen slide (or the whole file) and its preview."""

    preview_painted = Signal()
    checked = Signal(object)  # Reading of the whole deck

    def __init__(
        self,
        document: DeckDocument,
        theme: Callable[[], Theme | None],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.document = document
        self.theme = theme
        self.slot = 0  # the source slide shown
        self.checked_reading: Reading | None = None
        self.preview_reading: Reading | None = None
        self._thumbs: dict[int, tuple[str, str]] = {}  # row → what its icon shows
        self._thumb_queue: list[int] = []
        self._thumb_reading: Reading | None = None  # the check the thumbnails come from
        self._thumb_renderer: SlideRenderer | None = None
        self.form: FormDialog | None = None  # the poll or questions form last opened
        self._build()
        self._previewer = _Reader(self)
        self._previewer.done.connect(self._preview_read)
        self._checker = _Reader(self)
        self._checker.done.connect(self._check_read)
        self._check_timer = QTimer(self, singleShot=True, interval=CHECK_AFTER_MS)
        self._check_timer.timeout.connect(self._check)
        document.changed.connect(self._draft_changed)
        document.whole_file_changed.connect(self._whole_file_changed)
        self._draft_changed(document.draft, 0)

    # ------------------------------------------------------------ building

    def _build(self) -> None:
        self.slides = SlideList()
        self.slides.currentRowChanged.connect(self._slide_chosen)
        self.slides.moved.connect(self.move_slide)
        self.slides.delete_pressed.connect(self.delete_slide)
        self.editor = SourceEditor()
        self.editor.textChanged.connect(self._typed)
        self.editor.images_dropped.connect(self.insert_images)
        self.preview = Preview()
        self.preview.painted.connect(self.preview_painted)
        self.problems = QListWidget()
        self.problems.setMaximumHeight(96)
        self.problems.setWordWrap(True)  # a long message wraps instead of hiding
        self.problems.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.problems.itemActivated.connect(self._problem_chosen)
        self.problems.itemClicked.connect(self._problem_chosen)
        self.toolbar = QToolBar(tr("editor.toolbar"))
        self.toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.actions_by_name: dict[str, QAction] = {}
        bold = tr("editor.bold_text")
        for name, label, tip, handler, keys in (
            ("heading", "editor.action.heading", "editor.tip.heading",
             self.editor.toggle_heading, "Ctrl+1"),
            ("bold", "editor.action.bold", "editor.tip.bold",
             lambda: self.editor.wrap_selection("**", bold), "Ctrl+B"),
            ("list", "editor.action.list", "editor.tip.list",
             lambda: self.editor.prefix_lines("- "), "Ctrl+L"),
            ("image", "editor.action.image", "editor.tip.image", self.choose_image, ""),
            ("table", "editor.action.table", "editor.tip.table", self.insert_table, ""),
            ("notes", "editor.action.notes", "editor.tip.notes", self.insert_note, ""),
        ):  # fmt: skip
            self.toolbar.addAction(self._action(name, tr(label), tr(tip), handler, keys))
        self.toolbar.addSeparator()
        forms: tuple[tuple[str, str, str, Callable[[], object], str], ...] = (
            ("details", "editor.action.details", "editor.tip.details", self.edit_details, ""),
            ("poll", "editor.action.poll", "editor.tip.poll", self.edit_poll, "Ctrl+Shift+P"),
            ("questions", "editor.action.questions", "editor.tip.questions",
             self.edit_questions, ""),
        )  # fmt: skip
        for name, label, tip, opens, keys in forms:
            self.toolbar.addAction(self._action(name, tr(label), tr(tip), opens, keys))
        self.toolbar.addSeparator()
        self.whole_file = self._action(
            "whole_file", tr("editor.action.whole_file"), tr("editor.tip.whole_file"),
            self._toggle_whole_file, "",
        )  # fmt: skip
        self.whole_file.setCheckable(True)
        self.toolbar.addAction(self.whole_file)
        slide_bar = QHBoxLayout()
        slide_bar.setContentsMargins(0, 0, 0, 0)
        for name, label, tip, handler, keys in (
            ("add_slide", "editor.action.add_slide", "editor.tip.add_slide",
             self.add_slide, "Ctrl+M"),
            ("duplicate_slide", "editor.action.duplicate_slide", "editor.tip.duplicate_slide",
             self.duplicate_slide, "Ctrl+Shift+D"),
            ("delete_slide", "editor.action.delete_slide", "editor.tip.delete_slide",
             self.delete_slide, ""),
            ("slide_up", "editor.action.slide_up", "editor.tip.slide_up",
             lambda: self.move_slide(self.slot, self.slot - 1), ""),
            ("slide_down", "editor.action.slide_down", "editor.tip.slide_down",
             lambda: self.move_slide(self.slot, self.slot + 1), ""),
        ):  # fmt: skip
            button = QToolButton()
            button.setDefaultAction(self._action(name, tr(label), tr(tip), handler, keys))
            slide_bar.addWidget(button)
        slide_bar.addStretch(1)
        left = QWidget()
        column = QVBoxLayout(left)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.slides, 1)
        column.addLayout(slide_bar)
        middle = QWidget()
        text_column = QVBoxLayout(middle)
        text_column.setContentsMargins(0, 0, 0, 0)
        text_column.addWidget(self.toolbar)
        self.where = QLabel()
        self.where.setStyleSheet("color: #5e5c64;")
        text_column.addWidget(self.where)
        # On a slide with a poll: the form, one click away, above the YAML.
        self.block_bar = QWidget()
        bar = QHBoxLayout(self.block_bar)
        bar.setContentsMargins(6, 4, 6, 4)
        self.block_said = QLabel()
        self.block_button = QPushButton()
        self.block_button.clicked.connect(self._edit_block)
        bar.addWidget(self.block_said, 1)
        bar.addWidget(self.block_button)
        self.block_bar.setStyleSheet("background: #e8f0fb; border-radius: 4px;")
        self.block_bar.hide()
        text_column.addWidget(self.block_bar)
        text_column.addWidget(self.editor, 1)
        text_column.addWidget(self.problems)
        splitter = QSplitter()
        splitter.addWidget(left)
        splitter.addWidget(middle)
        splitter.addWidget(self.preview)
        splitter.setStretchFactor(1, 1)
        splitter.setStretchFactor(2, 1)
        splitter.setSizes([230, 600, 500])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(splitter)

    def _action(
        self, name: str, label: str, tip: str, handler: Callable[[], object], keys: str
    ) -> QAction:
        action = QAction(label, self)
        action.setToolTip(f"{tip} ({keys})" if keys else tip)
        if keys:
            action.setShortcut(QKeySequence(keys))
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        action.triggered.connect(lambda _checked=False: handler())
        self.addAction(action)
        self.actions_by_name[name] = action
        return action

    # ------------------------------------------------------------ following the draft

    def _draft_changed(self, draft: Draft, focus: int) -> None:
        self.slot = focus
        self.slides.fill(self._labels(draft), focus)
        self._show_text()
        self._request_preview()
        # A large deck is checked after a longer pause: its reading would compete
        # with the preview's for the interpreter while the speaker types.
        self._check_timer.start(CHECK_AFTER_MS + min(len(draft.slides), 1000))

    def _labels(self, draft: Draft) -> list[str]:
        reading = self.checked_reading
        titles = reading.titles if reading is not None else {}
        labels = []
        for row, slide in enumerate(draft.slides):
            title = titles.get(slide.text)
            if title is None:
                first = next((line for line in slide.content if line.strip()), "")
                title = first.strip().lstrip("#").strip()
            labels.append(f"{row + 1}\n{title}")
        return labels

    def _show_text(self) -> None:
        draft = self.document.draft
        if self.document.whole_file:
            self.editor.show_text(draft.plain, 1)
            self.where.setText(tr("editor.where.whole", path=self.document.path.name))
        else:
            slot = min(self.slot, len(draft.slides) - 1)
            self.editor.show_text(draft.slides[slot].text, draft.content_line(slot))
            self.where.setText(tr("editor.where.slide", number=slot + 1, count=len(draft.slides)))
        self._show_block_bar()
        self._mark_problems()

    def _show_block_bar(self) -> None:
        """ "This slide holds a poll: edit it in the form", while it does."""
        if self.document.whole_file:
            self.block_bar.hide()
            return
        if self.current_block("poll") is not None:
            self.block_said.setText(tr("editor.has_poll"))
            self.block_button.setText(tr("editor.edit_poll"))
        elif self.current_block("questions") is not None:
            self.block_said.setText(tr("editor.has_questions"))
            self.block_button.setText(tr("editor.edit_questions"))
        else:
            self.block_bar.hide()
            return
        self.block_bar.show()

    def _edit_block(self) -> None:
        if self.current_block("poll") is not None:
            self.edit_poll()
        else:
            self.edit_questions()

    def _slide_chosen(self, row: int) -> None:
        if row < 0 or row == self.slot:
            return
        self.slot = row
        if not self.document.whole_file:
            self._show_text()
        else:
            self.editor.go_to_line(self.document.draft.content_line(row))
        self._request_preview()

    def _typed(self) -> None:
        text = self.editor.toPlainText()
        draft = self.document.draft
        if self.document.whole_file:
            changed = draft.with_plain(text)
            cursor_line = self.editor.textCursor().blockNumber() + 1
            slot = changed.slide_at(cursor_line)
            self.document.edit(
                changed, tr("editor.undo.typing"), focus=(self.slot, slot), typing_in=-1
            )
        else:
            changed = draft.with_slide_text(self.slot, text)
            self.document.edit(
                changed, tr("editor.undo.typing"), focus=(self.slot, self.slot),
                typing_in=self.slot,
            )  # fmt: skip

    def _whole_file_changed(self, whole: bool) -> None:
        self.whole_file.blockSignals(True)
        self.whole_file.setChecked(whole)
        self.whole_file.blockSignals(False)
        self._show_text()
        if whole:
            self.editor.go_to_line(self.document.draft.content_line(self.slot))

    def _toggle_whole_file(self) -> None:
        whole = self.whole_file.isChecked()
        label = tr("editor.undo.whole_file" if whole else "editor.undo.slide_view")
        self.document.switch_whole_file(whole, label)

    # ------------------------------------------------------------ slide operations

    def _focus_edit(self, after: Draft, label: str, focus: int) -> None:
        self.document.edit(after, label, focus=(self.slot, focus))

    def add_slide(self, text: str | None = None) -> None:
        body = text or NEW_SLIDE.format(title=tr("editor.new_slide_title"),
                                        point=tr("editor.new_slide_point"))  # fmt: skip
        at = self.slot + 1
        self._focus_edit(self.document.draft.inserted(at, body), tr("editor.undo.add"), at)

    def add_slides(self, texts: list[str], label: str) -> None:
        """New slides in one undo step: the first after the current one; a second (the
        "after" poll of a pair) before the talk's last slide, where the talk ends."""
        draft = self.document.draft.inserted(self.slot + 1, texts[0])
        for text in texts[1:]:
            end = len(draft.slides)
            draft = draft.inserted(end - 1 if end - 1 > self.slot + 1 else end, text)
        self._focus_edit(draft, label, self.slot + 1)

    def duplicate_slide(self) -> None:
        draft = self.document.draft
        self._focus_edit(draft.duplicated(self.slot), tr("editor.undo.duplicate"), self.slot + 1)

    def delete_slide(self) -> None:
        draft = self.document.draft
        if len(draft.slides) <= 1:
            return  # a deck keeps one slide; its text can still be emptied
        focus = min(self.slot, len(draft.slides) - 2)
        self._focus_edit(draft.deleted(self.slot), tr("editor.undo.delete"), focus)

    def move_slide(self, source: int, to: int) -> None:
        draft = self.document.draft
        if source == to or not 0 <= to < len(draft.slides):
            return
        self.slot = source
        self._focus_edit(draft.moved(source, to), tr("editor.undo.move"), to)

    def set_slide_text(self, text: str, label: str) -> None:
        """The current slide's text replaced as one step (a form's result)."""
        after = self.document.draft.with_slide_text(self.slot, text)
        self._focus_edit(after, label, self.slot)

    def current_block(self, kind: str) -> str | None:
        """The body of the current slide's ```kind block, if it has one."""
        found = fenced_blocks(self.document.draft.slides[self.slot].content, kind)
        return found[0].body if found else None

    def set_current_block(self, kind: str, body: str, label: str) -> None:
        content = self.document.draft.slides[self.slot].text
        self.set_slide_text(with_block(content, kind, body), label)

    # ------------------------------------------------------------ polls in a form

    def edit_poll(self) -> PollFormDialog:
        """The form for the slide's poll, or for a new poll on a slide of its own."""
        existing = self.current_block("poll")
        polls = self.polls_by_id()
        if existing is not None:
            polls.pop(read_poll_form(existing).id, None)  # its own id is not taken
        dialog = PollFormDialog(self, block=existing, other_ids=set(polls), other_polls=polls)
        self._open_block_form(dialog, "poll", editing=existing is not None,
                              label=tr("editor.undo.poll"))  # fmt: skip
        return dialog

    def edit_questions(self) -> QuestionsFormDialog:
        existing = self.current_block("questions")
        dialog = QuestionsFormDialog(self, block=existing)
        self._open_block_form(dialog, "questions", editing=existing is not None,
                              label=tr("editor.undo.questions"))  # fmt: skip
        return dialog

    def _open_block_form(
        self, dialog: PollFormDialog | QuestionsFormDialog, kind: str, *, editing: bool,
        label: str,
    ) -> None:  # fmt: skip
        """Once accepted: the slide's block rewritten, or new slides after this one."""

        def made() -> None:
            if editing:
                self.set_current_block(kind, dialog.blocks()[0], label)
            else:
                self.add_slides(dialog.slide_texts(), label)

        dialog.accepted.connect(made)
        self._open_form(dialog)

    def edit_details(self) -> TalkDetailsDialog:
        """„Vortragsdaten …“: the front matter in a form."""
        dialog = TalkDetailsDialog(self, self.document.draft.head)
        dialog.accepted.connect(lambda: self._details_made(dialog))
        self._open_form(dialog)
        return dialog

    def _details_made(self, dialog: TalkDetailsDialog) -> None:
        after = dataclasses.replace(self.document.draft, head=dialog.new_head())
        self._focus_edit(after, tr("editor.undo.details"), self.slot)

    def _open_form(self, dialog: FormDialog) -> None:
        """Window-modal, not application-modal: the speaker can still read the slide."""
        self.form = dialog
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()

    def polls_by_id(self) -> dict[str, Poll]:
        """The deck's polls as the last check read them."""
        reading = self.checked_reading
        if reading is None or reading.prepared is None:
            return {}
        return {poll.id: poll for poll in reading.prepared.deck.polls}

    def insert_after_page(self, texts: list[str], page: int, page_count: int) -> None:
        """New slides right after page `page` of the deck's PDF or presentation (its
        range split there), as one undoable step."""
        text = self.document.text
        changed = with_slide_after_page(text, page, texts[0], page_count)
        at = slide_after_page_index(text, page, page_count)
        draft = Draft.read(changed)
        for extra in texts[1:]:  # the "after" poll of a pair: at the end of the talk
            draft = draft.inserted(len(draft.slides), extra)
        self.document.edit(draft, tr("editor.undo.poll"), focus=(self.slot, at))

    def insert_after_line(self, texts: list[str], line: int) -> None:
        """New slides after the source slide holding the file's `line`."""
        self.slot = self.document.draft.slide_at(line)
        self.add_slides(texts, tr("editor.undo.poll"))

    # ------------------------------------------------------------ inserting

    def insert_table(self) -> None:
        self.editor.insert_block(TABLE.format(a=tr("editor.table_a"), b=tr("editor.table_b")))

    def insert_note(self) -> None:
        self.editor.insert_block(NOTE.format(note=tr("editor.note_text")))

    def choose_image(self) -> None:
        chosen, _ = QFileDialog.getOpenFileNames(
            self, tr("editor.action.image"), str(self.document.path.parent),
            tr("editor.image_filter", patterns=" ".join(f"*{s}" for s in sorted(IMAGE_SUFFIXES))),
        )  # fmt: skip
        if chosen:
            self.insert_images([Path(name) for name in chosen])

    def insert_images(self, images: list[Path]) -> None:
        """Copy each picture beside the deck (unless it is there already) and show it."""
        lines = []
        for image in images:
            try:
                name = copy_beside(image, self.document.path.parent)
            except OSError as error:
                self.where.setText(tr("editor.image_failed", name=image.name,
                                      detail=error.strerror or str(error)))  # fmt: skip
                continue
            lines.append(f"![]({_markdown_path(name)})")
        if lines:
            self.editor.insert_block("\n\n".join(lines))

    # ------------------------------------------------------------ readings

    def _request_preview(self) -> None:
        self._previewer.read(self.document.text, self.document.path, self.slot)

    def _check(self) -> None:
        self._checker.read(self.document.text, self.document.path, -1)

    def _preview_read(self, reading: Reading) -> None:
        self._previewer.finished()
        if reading.generation != self._previewer.generation:
            return  # a newer keystroke's reading is on its way
        self.preview_reading = reading
        self._mark_problems()
        if reading.prepared is None:
            # The last good picture stays, greyed, saying why it does not change.
            self.preview.set_stale(True)
            return
        index = self._deck_slide(reading.prepared.deck, reading.text, reading.slot)
        if index is not None:
            self.preview.set_stale(False)
            self.preview.show_slide(SlideRenderer(reading.prepared, self.theme()), index)

    def _check_read(self, reading: Reading) -> None:
        self._checker.finished()
        if reading.generation != self._checker.generation:
            return
        self.checked_reading = reading
        draft = self.document.draft
        fresh = reading.draft
        same_text = fresh is not None and reading.text == draft.text
        if same_text and fresh is not None and fresh.slides != draft.slides:
            # The parser divides the text otherwise now (a `---` or a fence was
            # typed): the same text, other slides; nothing to undo.
            cursor_line = self.editor.first_line + self.editor.textCursor().blockNumber()
            self.document.draft = fresh
            self.slot = fresh.slide_at(cursor_line)
            self._show_text()
        self.slides.fill(self._labels(self.document.draft), self.slot)
        self._mark_problems()
        self._queue_thumbnails(reading)
        self.checked.emit(reading)

    def _deck_slide(self, deck: Deck, text: str, slot: int) -> int | None:
        """The deck's first slide made from source slide `slot` of `text`."""
        draft = Draft.read(text) if text != self.document.text else self.document.draft
        if not 0 <= slot < len(draft.slides):
            return None
        lines = [slide.line for slide in deck.slides]  # in file order
        at = bisect.bisect_left(lines, draft.start_line(slot))
        if at < len(lines) and draft.slide_at(lines[at]) == slot:
            return deck.slides[at].index
        return None

    # ------------------------------------------------------------ problems

    def _problems_now(self) -> list[Problem]:
        """The freshest problems for the current text: the whole deck's check when it
        read this text, else the preview's (the slide typed in)."""
        text = self.document.text
        checked, preview = self.checked_reading, self.preview_reading
        if checked is not None and checked.text == text:
            return list(checked.problems)
        if preview is not None and preview.text == text:
            return list(preview.problems)
        return list(checked.problems) if checked is not None else []

    def _mark_problems(self) -> None:
        problems = self._problems_now()
        draft = self.document.draft
        first = self.editor.first_line
        shown = self.editor.blockCount()
        marks = [
            Mark(p.line - first, p.severity, said(p))
            for p in problems
            if p.line is not None and first <= p.line < first + shown
        ]
        self.editor.set_marks(marks)
        show_problems(self.problems, problems)
        worst: dict[int, Severity] = {}
        for problem in problems:
            if problem.line is None:
                continue
            row = draft.slide_at(problem.line)
            if worst.get(row) is not Severity.ERROR:
                worst[row] = problem.severity
        self.slides.set_severities(worst, len(draft.slides))

    def _problem_chosen(self, item: QListWidgetItem) -> None:
        line = line_of(item)
        if line is None:
            return
        row = self.document.draft.slide_at(line)
        if not self.document.whole_file and row != self.slot:
            self.slides.setCurrentRow(row)
        self.editor.go_to_line(line)
        self.editor.setFocus()

    # ------------------------------------------------------------ thumbnails

    def _queue_thumbnails(self, reading: Reading) -> None:
        if reading.prepared is None:
            return
        draft = self.document.draft
        if reading.text != draft.text:
            return
        self._thumb_reading = reading
        head = "\n".join(draft.head)
        self._thumb_queue = [
            row for row, slide in enumerate(draft.slides)
            if self._thumbs.get(row) != (head, slide.text)
        ]  # fmt: skip
        QTimer.singleShot(0, self, self._draw_thumbnail)

    def _draw_thumbnail(self) -> None:
        """One thumbnail per turn of the event loop: typing stays smooth."""
        reading = self._thumb_reading
        draft = self.document.draft
        if not self._thumb_queue or reading is None or reading.text != draft.text:
            return
        assert reading.prepared is not None
        row = self._thumb_queue.pop(0)
        index = self._deck_slide(reading.prepared.deck, reading.text, row)
        if index is not None and row < len(draft.slides):
            renderer = self._thumb_renderer
            if renderer is None or renderer.prepared is not reading.prepared:
                renderer = self._thumb_renderer = SlideRenderer(reading.prepared, self.theme())
            picture = QPixmap.fromImage(renderer.image(index, THUMB))
            self.slides.set_thumbnail(row, picture)
            self._thumbs[row] = ("\n".join(draft.head), draft.slides[row].text)
        QTimer.singleShot(0, self, self._draw_thumbnail)

    def thumbnails_pending(self) -> bool:
        return bool(self._thumb_queue)


def _titles(deck: Deck, draft: Draft) -> dict[str, str]:
    """Each source slide's title as the parser reads it, by the slide's text."""
    titles: dict[str, str] = {}
    for slide in deck.slides:
        titles.setdefault(draft.slides[draft.slide_at(slide.line)].text, slide.title)
    return titles


def copy_beside(image: Path, folder: Path) -> str:
    """Copy `image` into `folder` under a free name (the same file already there is
    used as it is); the name, relative to the folder, is returned."""
    image = image.resolve()
    with contextlib.suppress(ValueError):
        return image.relative_to(folder.resolve()).as_posix()  # already beside the deck
    target = folder / image.name
    number = 2
    while target.exists():
        if target.read_bytes() == image.read_bytes():
            return target.name
        target = folder / f"{image.stem}-{number}{image.suffix}"
        number += 1
    shutil.copyfile(image, target)
    return target.name


def _markdown_path(name: str) -> str:
    """A file name as a Markdown address: spaces and brackets would end it early."""
    return name.replace("%", "%25").replace(" ", "%20").replace("(", "%28").replace(")", "%29")
