"""Preparing a talk inside Impuls, as a speaker who has never seen Markdown would.

The real main window offscreen: "Neuer Vortrag", polls made in the form, slides
added and dragged, a picture dropped, saved; then `impuls check --strict` in a
subprocess and the talk presented with its real voting server. Also undo across
every kind of edit, the live preview, problems marked as you type, and a file
changed on disk while the speaker has unsaved text.
"""

from __future__ import annotations

import hashlib
import os
import select
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QTimer, QUrl
from PySide6.QtGui import QColor, QDragEnterEvent, QDropEvent, QImage
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from tests.support.app import WAIT_MS, open_poll, state_of, type_text, vote, write_deck
from tests.support.commands import impuls
from tests.support.office import make_pptx
from tests.support.serving import MANY_DEVICES
from workshop_app.deck import Deck
from workshop_app.deck.loader import load_deck
from workshop_app.deck.model import PollType, Severity
from workshop_app.deck.parser import parse_deck
from workshop_app.deck.recovery import RecoveryStore
from workshop_app.paths import DEFAULT_DECK
from workshop_app.session.model import PollState
from workshop_app.ui.editor_panel import EditorPanel
from workshop_app.ui.library import LibraryWindow
from workshop_app.ui.live import VotingSetup
from workshop_app.ui.new_talk import NewTalkDialog
from workshop_app.ui.poll_form import PollFormDialog
from workshop_app.ui.settings import Settings
from workshop_app.ui.talk_editor import TalkEditor

Key = Qt.Key
QUESTION_LEFT_S = 20  # longer than any question a test answers takes to come


@pytest.fixture(autouse=True)
def recovery_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The recovery files of these tests, away from the user's."""
    folder = tmp_path / "wiederherstellung"
    monkeypatch.setattr("workshop_app.deck.recovery.default_folder", lambda: folder)
    return folder


@pytest.fixture(autouse=True)
def no_question_left_open(qtbot: QtBot) -> Iterator[None]:
    """A question nobody answers (a test's mistake, or a race) fails the test
    instead of hanging the suite: it is closed after a while, and said."""
    opened: dict[int, float] = {}
    stuck: list[str] = []

    def look() -> None:
        box = QApplication.activeModalWidget()
        if isinstance(box, QMessageBox):
            first = opened.setdefault(id(box), time.monotonic())
            if time.monotonic() - first > QUESTION_LEFT_S:
                stuck.append(box.text())
                box.reject()

    watching = QTimer(interval=250)
    watching.timeout.connect(look)
    watching.start()
    yield
    watching.stop()
    assert not stuck, f"a question stayed open: {stuck}"


def library(qtbot: QtBot, settings: Settings, deck: Path, **kwargs: object) -> LibraryWindow:
    window = LibraryWindow(settings, deck, [], **kwargs)  # type: ignore[arg-type]
    qtbot.addWidget(window, before_close_func=forget_edits)
    window.resize(1366, 768)
    window.show()
    qtbot.waitUntil(lambda: window.state is not None and window.path == deck.resolve(),
                    timeout=WAIT_MS)  # fmt: skip
    return window


def forget_edits(window: LibraryWindow) -> None:
    """A test that failed midway must not hang on "Save changes?" as it closes."""
    editor = window.editor
    if editor is not None and editor.document is not None:
        editor.document.disk_text = editor.document.text


def editing(qtbot: QtBot, window: LibraryWindow) -> EditorPanel:
    """The editor, opened by the speaker's click, once it has read the deck and its
    first check is done."""
    if not window.edit_action.isChecked():
        window.edit_action.trigger()
    qtbot.waitUntil(lambda: window.editor is not None and window.editor.panel is not None,
                    timeout=WAIT_MS)  # fmt: skip
    assert window.editor is not None and window.editor.panel is not None
    panel = window.editor.panel
    qtbot.waitUntil(lambda: checked(panel), timeout=WAIT_MS)
    return panel


def two_slides_at_the_end(
    qtbot: QtBot, settings: Settings, tmp_path: Path
) -> tuple[Path, EditorPanel]:
    """`probe.md` ("# Eins", "# Zwei") in the editor, the cursor after "# Eins"."""
    deck = write_deck(tmp_path / "probe.md", "# Eins", "# Zwei")
    window = library(qtbot, settings, deck)
    panel = editing(qtbot, window)
    panel.editor.moveCursor(panel.editor.textCursor().MoveOperation.End)
    return deck, panel


def is_editing(window: LibraryWindow) -> bool:
    return window.editor is not None


def shows_whole_file(panel: EditorPanel) -> bool:
    return panel.document.whole_file and panel.whole_file.isChecked()


def checked(panel: EditorPanel) -> bool:
    """The whole deck as it is now has been read (and its thumbnails drawn)."""
    reading = panel.checked_reading
    return (
        reading is not None
        and reading.text == panel.document.text
        and not panel.thumbnails_pending()
    )


def fill_poll(
    qtbot: QtBot, dialog: PollFormDialog, kind: str, question: str, options: list[str]
) -> None:
    dialog.type_box.setCurrentIndex(dialog.type_box.findData(kind))
    dialog.question.clear()
    type_text(qtbot, dialog.question, question)
    if options:
        dialog.options.setPlainText("\n".join(options))
    qtbot.waitUntil(dialog.ok_button.isEnabled)
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.result() == QDialog.DialogCode.Accepted)


def drop(widget: QWidget, at: QPoint, data: QMimeData, *, from_outside: bool = True) -> None:
    """A drag released at `at` (in the widget's viewport). Qt delivers drops only
    inside a real drag, so its handlers are called as Qt would call them."""
    actions = Qt.DropAction.CopyAction | Qt.DropAction.MoveAction
    if from_outside:  # a drag inside the list has no outside source to accept
        enter = QDragEnterEvent(at, actions, data, Qt.MouseButton.LeftButton,
                                Qt.KeyboardModifier.NoModifier)  # fmt: skip
        widget.dragEnterEvent(enter)
        assert enter.isAccepted()
    event = QDropEvent(QPointF(at), actions, data, Qt.MouseButton.LeftButton,
                       Qt.KeyboardModifier.NoModifier)  # fmt: skip
    widget.dropEvent(event)


def photo(path: Path) -> Path:
    image = QImage(320, 180, QImage.Format.Format_RGB32)
    image.fill(QColor("#2a7ab0"))
    assert image.save(str(path))
    return path


def saved(window: LibraryWindow) -> bool:
    """The file holds the editor's text, and the editor knows it (its write was
    acknowledged): leaving the editor then asks nothing."""
    editor = window.editor
    return (
        editor is not None
        and editor.document is not None
        and editor.path.read_text(encoding="utf-8") == editor.document.text
        and not editor.document.modified
    )


# ---------------------------------------------------------------- a whole talk


def test_a_whole_talk_prepared_without_typing_markdown_and_presented(
    qtbot: QtBot, settings: Settings, documents: Path, tmp_path: Path
) -> None:
    window = library(qtbot, settings, DEFAULT_DECK, voting=VotingSetup(
        tmp_path / "abend.impuls", host="127.0.0.1", port=0,
        devices_per_address=MANY_DEVICES))  # fmt: skip
    # Datei → Neuer Vortrag: a title, "Anlegen".
    dialog = window.new_talk()
    assert isinstance(dialog, NewTalkDialog)
    qtbot.keyClicks(dialog.title, "Sichtbar bleiben im Netz")
    qtbot.mouseClick(dialog.create_button, Qt.MouseButton.LeftButton)
    talk = documents / "Impuls" / "sichtbar-bleiben-im-netz.md"
    qtbot.waitUntil(lambda: window.editor is not None and window.editor.panel is not None,
                    timeout=WAIT_MS)  # fmt: skip
    assert window.editor is not None and window.editor.path == talk.resolve()
    panel = editing(qtbot, window)
    template_slides = len(panel.document.draft.slides)
    # Three polls of different kinds, each made in the form after the agenda.
    panel.slides.setCurrentRow(1)
    made = [
        ("multiple", "Welche Kanäle nutzen Sie?", ["LinkedIn", "Instagram", "Ja, regelmäßig: Facebook"]),
        ("scale", "Wie zufrieden sind Sie mit Ihrer Reichweite?", []),
        ("text", "Was wünschen Sie sich von Ihrem Verband?", []),
    ]  # fmt: skip
    for kind, question, options in made:
        panel.slides.setCurrentRow(1)  # on a poll's slide, "Umfrage" edits that poll
        qtbot.mouseClick(panel.toolbar.widgetForAction(panel.actions_by_name["poll"]),
                         Qt.MouseButton.LeftButton)  # fmt: skip
        form = panel.form
        assert isinstance(form, PollFormDialog)
        fill_poll(qtbot, form, kind, question, options)
        qtbot.waitUntil(lambda: checked(panel), timeout=WAIT_MS)
    assert len(panel.document.draft.slides) == template_slides + 3
    # A slide added with "+ Folie", its text typed.
    panel.actions_by_name["add_slide"].trigger()
    assert len(panel.document.draft.slides) == template_slides + 4
    panel.editor.selectAll()
    qtbot.keyClicks(panel.editor, "Drei Gedanken")
    panel.actions_by_name["heading"].trigger()
    added = panel.slot
    assert panel.document.draft.slides[added].text == "## Drei Gedanken"
    # A picture dragged from the file manager onto the text: copied beside the talk.
    picture = photo(tmp_path / "Mein Foto.png")
    data = QMimeData()
    data.setUrls([QUrl.fromLocalFile(str(picture))])
    drop(panel.editor, panel.editor.cursorRect().center(), data)
    assert (talk.parent / "Mein Foto.png").read_bytes() == picture.read_bytes()
    assert "![](Mein%20Foto.png)" in panel.document.draft.slides[added].text
    # Two slides reordered: Alt+Up in the list, and a drag of the first poll to the end.
    panel.slides.setFocus()
    qtbot.keyClick(panel.slides, Key.Key_Up, Qt.KeyboardModifier.AltModifier)
    assert panel.slot == added - 1
    first_poll = next(index for index, slide in enumerate(panel.document.draft.slides)
                      if made[0][1] in slide.text)  # fmt: skip
    panel.slides.setCurrentRow(first_poll)
    moved_text = panel.document.draft.slides[first_poll].text
    last = panel.slides.visualItemRect(panel.slides.item(panel.slides.count() - 1))
    drop(panel.slides, QPoint(last.center().x(), last.bottom() - 2), panel.slides.mimeData(
        [panel.slides.item(first_poll)]), from_outside=False)  # fmt: skip
    assert panel.document.draft.slides[-1].text == moved_text
    # Saved with Ctrl+S.
    qtbot.waitUntil(lambda: checked(panel), timeout=WAIT_MS)
    assert [p for p in panel._problems_now() if p.severity is Severity.ERROR] == []
    window.save_action.trigger()
    qtbot.waitUntil(lambda: saved(window), timeout=WAIT_MS)
    result = impuls("check", "--strict", str(talk))
    assert result.returncode == 0, result.stdout + result.stderr
    deck = load_deck(talk)
    polls = {poll.question: poll for poll in deck.polls}
    assert polls["Welche Kanäle nutzen Sie?"].options[-1] == "Ja, regelmäßig: Facebook"
    assert polls["Welche Kanäle nutzen Sie?"].type is PollType.MULTIPLE
    assert polls["Wie zufrieden sind Sie mit Ihrer Reichweite?"].type is PollType.SCALE
    assert deck.slides[-1].polls[0].question == made[0][1]  # dragged to the end
    assert any(image.src == "Mein%20Foto.png" for s in deck.slides for image in s.shown_images)
    # Presented: the room votes in the poll made in the form.
    qtbot.waitUntil(lambda: window.state is not None and window.state.deck.path == talk.resolve()
                    and len(window.state.deck.polls) == 4, timeout=WAIT_MS)  # fmt: skip
    window.edit_action.trigger()  # back to the overview; nothing unsaved to ask about
    assert not is_editing(window)
    window.present(from_start=True)
    running = window.session
    assert running is not None
    qtbot.waitUntil(lambda: running.live is not None and running.live.session_loaded,
                    timeout=WAIT_MS)  # fmt: skip
    try:
        scale = polls["Wie zufrieden sind Sie mit Ihrer Reichweite?"]
        open_poll(qtbot, running, scale.id)
        vote(running, scale.id, 1, 4)
        assert running.live is not None
        live = running.live

        def counted() -> bool:
            found = live.polls.get(scale.id)
            return found is not None and found.tally is not None and found.tally.ballots == 1

        qtbot.waitUntil(counted, timeout=WAIT_MS)
        assert state_of(running, scale.id) == (PollState.OPEN, False)
    finally:
        running.stop()


# ---------------------------------------------------------------- undo, preview, problems


def test_undo_and_redo_cover_typing_forms_moves_and_the_whole_file_switch(
    qtbot: QtBot, settings: Settings, tmp_path: Path
) -> None:
    deck = write_deck(tmp_path / "probe.md", "# Eins\n\nText", "# Zwei", "# Drei")
    original = deck.read_text(encoding="utf-8")
    window = library(qtbot, settings, deck)
    panel = editing(qtbot, window)
    document = panel.document
    panel.editor.setFocus()
    panel.editor.moveCursor(panel.editor.textCursor().MoveOperation.End)
    qtbot.keyClicks(panel.editor, " und mehr")
    typed = document.text
    assert "Text und mehr" in typed
    panel.move_slide(0, 2)
    moved = document.text
    panel.whole_file.trigger()
    assert document.whole_file and panel.editor.toPlainText() == moved
    # Ctrl+Z in the text: the switch, then the move, then the typing (one step).
    qtbot.keyClick(panel.editor, Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert not shows_whole_file(panel)
    qtbot.keyClick(panel.editor, Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert document.text == typed
    qtbot.keyClick(panel.editor, Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert document.text == original
    assert not document.modified
    window.redo_action.trigger()
    window.redo_action.trigger()
    assert document.text == moved


def test_the_preview_follows_each_keystroke_and_problems_stand_at_their_line(
    qtbot: QtBot, settings: Settings, tmp_path: Path
) -> None:
    deck = write_deck(tmp_path / "probe.md", "# Eins", "# Zwei")
    window = library(qtbot, settings, deck)
    panel = editing(qtbot, window)
    panel.slides.setCurrentRow(1)
    qtbot.waitUntil(lambda: panel.preview_reading is not None
                    and panel.preview_reading.text == panel.document.text)  # fmt: skip
    before = panel.preview.picture
    assert before is not None
    panel.editor.moveCursor(panel.editor.textCursor().MoveOperation.End)
    type_text(qtbot, panel.editor, "\n\n- Ein Punkt")
    qtbot.waitUntil(lambda: panel.preview.picture is not before
                    and panel.preview_reading is not None
                    and panel.preview_reading.text == panel.document.text)  # fmt: skip
    # A broken poll typed by hand: the problem stands at its line, as `check` says it.
    type_text(qtbot, panel.editor, "\n\n```poll\nid: frage\ntype: einzel\nquestion: Ja?\n```")
    qtbot.waitUntil(lambda: checked(panel), timeout=WAIT_MS)
    problems = [p for p in panel._problems_now() if p.message_id == "poll.unknown_type"]
    assert len(problems) == 1
    type_line = panel.document.draft.content_line(1) + panel.editor.toPlainText().split(
        "\n").index("type: einzel")  # fmt: skip
    assert problems[0].line == type_line
    assert [mark.block for mark in panel.editor.marks] == [type_line - panel.editor.first_line]
    assert panel.slides.item(1).foreground().color() == QColor("#c01c28")


# ---------------------------------------------------------------- safety


def test_a_file_changed_on_disk_while_editing_keeps_both_versions(
    qtbot: QtBot, settings: Settings, tmp_path: Path
) -> None:
    deck, panel = two_slides_at_the_end(qtbot, settings, tmp_path)
    type_text(qtbot, panel.editor, "\n\nMeine Ergänzung")
    mine = panel.document.text
    theirs = deck.read_text(encoding="utf-8").replace("# Zwei", "# Zwei (Kollegin)")

    def answer() -> None:
        box = QApplication.activeModalWidget()
        if isinstance(box, QMessageBox):
            next(b for b in box.buttons() if "Beide" in b.text()).click()

    answering = QTimer(interval=50)  # the question comes once the watcher saw the change
    answering.timeout.connect(answer)
    answering.start()
    deck.write_text(theirs, encoding="utf-8")  # a colleague saves over the network
    qtbot.waitUntil(lambda: panel.document.text == theirs, timeout=WAIT_MS)
    answering.stop()
    kept = tmp_path / "probe.meine-fassung.md"
    assert kept.read_text(encoding="utf-8") == mine
    assert deck.read_text(encoding="utf-8") == theirs


def test_unsaved_text_is_offered_back_after_a_crash(
    qtbot: QtBot, settings: Settings, tmp_path: Path, recovery_folder: Path
) -> None:
    deck = write_deck(tmp_path / "probe.md", "# Eins", "# Zwei")
    on_disk = hashlib.sha256(deck.read_bytes()).hexdigest()
    RecoveryStore(recovery_folder).save(
        deck, deck.read_text(encoding="utf-8") + "\nVerloren?\n", on_disk
    )  # what an Autosaver kept before kill -9

    def restore() -> None:
        box = QApplication.activeModalWidget()
        if isinstance(box, QMessageBox):
            next(b for b in box.buttons() if "Wiederherstellen" in b.text()).click()

    answering = QTimer(interval=50)  # the question comes once the deck's text is read
    answering.timeout.connect(restore)
    answering.start()
    editor = TalkEditor(deck, lambda: None)
    qtbot.addWidget(editor)
    qtbot.waitUntil(lambda: editor.panel is not None, timeout=WAIT_MS)
    answering.stop()
    assert editor.document is not None
    assert editor.document.text.endswith("Verloren?\n")
    assert editor.document.modified
    editor.document.undo.undo()  # the file's own text is one Ctrl+Z away
    assert not editor.document.modified


# What runs in the child: the app on a deck, the editor opened, a sentence typed;
# "kept" is printed once the Autosaver has put it in the recovery file.
TYPING_APP = """
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from PySide6.QtCore import QSettings
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QApplication

app = QApplication([])
import workshop_app.deck.recovery as recovery
recovery.default_folder = lambda: Path(sys.argv[2])
from workshop_app.ui.library import LibraryWindow
from workshop_app.ui.settings import Settings

window = LibraryWindow(Settings(QSettings(sys.argv[3], QSettings.Format.IniFormat)),
                       Path(sys.argv[1]), [])
window.show()

def ready():
    editor = window.editor
    editor.autosaver.saved.connect(lambda deck, text: print("kept", flush=True))
    editor.panel.editor.moveCursor(QTextCursor.MoveOperation.End)
    editor.panel.editor.insertPlainText("\\n\\nNach dem Absturz noch da")

def shown(_prepared):
    if window.editor is None:
        window.edit_action.setChecked(True)
        window.editor.ready.connect(ready)

window.deck_shown.connect(shown)
app.exec()
"""


@pytest.mark.skipif(sys.platform == "win32", reason="kill -9 is a POSIX signal")
def test_text_typed_before_kill_9_is_offered_at_the_next_start(
    qtbot: QtBot, settings: Settings, tmp_path: Path, recovery_folder: Path
) -> None:
    deck = write_deck(tmp_path / "probe.md", "# Eins", "# Zwei")
    before = deck.read_bytes()
    child = subprocess.Popen(
        [sys.executable, "-c", TYPING_APP, str(deck), str(recovery_folder),
         str(tmp_path / "kind.ini")],
        stdout=subprocess.PIPE, text=True, env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
    )  # fmt: skip
    try:
        assert child.stdout is not None
        ready, _, _ = select.select([child.stdout], [], [], WAIT_MS / 1000)
        assert ready, "the child never kept its text"
        assert child.stdout.readline().strip() == "kept"
    finally:
        os.kill(child.pid, signal.SIGKILL)
        child.wait(timeout=30)
        if child.stdout is not None:
            child.stdout.close()
    assert deck.read_bytes() == before  # never saved: only the recovery file has it
    # The next start: Impuls says there is unsaved text; "Jetzt bearbeiten", then
    # "Wiederherstellen".
    window = library(qtbot, settings, deck)
    qtbot.waitUntil(lambda: window.unsaved_box is not None, timeout=WAIT_MS)
    assert window.unsaved_box is not None and "probe.md" in window.unsaved_box.text()
    answering = QTimer(interval=50)
    answering.timeout.connect(lambda: click_modal("Wiederherstellen"))
    answering.start()
    next(b for b in window.unsaved_box.buttons() if "bearbeiten" in b.text()).click()
    panel = editing(qtbot, window)
    answering.stop()
    assert "# Eins\n\nNach dem Absturz noch da\n" in panel.document.text
    assert panel.document.modified


# ---------------------------------------------------------------- a PowerPoint talk


@pytest.mark.libreoffice
def test_two_polls_go_between_a_powerpoints_slides_and_its_notes_stay(
    qtbot: QtBot, settings: Settings, tmp_path: Path
) -> None:
    pptx = make_pptx(tmp_path / "vortrag.pptx", 4)
    original = hashlib.sha256(pptx.read_bytes()).hexdigest()
    window = library(qtbot, settings, pptx)  # converted by LibreOffice, notes included
    assert [s.notes for s in window.state.deck.slides] == [  # type: ignore[union-attr]
        f"Notiz {n}: langsam sprechen" for n in range(1, 5)]  # fmt: skip
    # Slide 2 chosen in the overview; "Umfrage nach dieser Folie einfügen".
    window.thumbnails.setCurrentRow(1)
    form = window.insert_poll_after_current()
    assert isinstance(form, PollFormDialog)
    fill_poll(qtbot, form, "single", "Welcher Kanal bringt Anfragen?", ["LinkedIn", "Website"])
    companion = tmp_path / "vortrag.md"
    qtbot.waitUntil(lambda: saved(window) and window.editor is not None
                    and window.editor.path == companion.resolve(), timeout=120_000)  # fmt: skip
    qtbot.waitUntil(lambda: window.state is not None and window.state.deck.path == companion
                    .resolve() and len(window.state.deck.polls) == 1, timeout=WAIT_MS)  # fmt: skip
    # A second poll after slide 3 (page 3 now stands fourth, after the first poll).
    assert window.state is not None
    page_three = next(s.index for s in window.state.deck.slides
                      if s.page is not None and s.page.page == 2)  # fmt: skip
    window.state.go(page_three)
    form = window.insert_poll_after_current()
    assert isinstance(form, PollFormDialog)
    fill_poll(qtbot, form, "scale", "Wie sicher fühlen Sie sich?", [])
    qtbot.waitUntil(lambda: saved(window) and "Wie sicher" in companion.read_text("utf-8"),
                    timeout=WAIT_MS)  # fmt: skip
    assert hashlib.sha256(pptx.read_bytes()).hexdigest() == original
    deck = load_deck(companion)
    shown = [("poll", s.polls[0].question) if s.polls else ("page", s.page.page + 1)  # type: ignore[union-attr]
             for s in deck.slides]  # fmt: skip
    assert shown == [("page", 1), ("page", 2), ("poll", "Welcher Kanal bringt Anfragen?"),
                     ("page", 3), ("poll", "Wie sicher fühlen Sie sich?"), ("page", 4)]  # fmt: skip
    assert [s.notes for s in deck.slides if s.page is not None] == [
        f"Notiz {n}: langsam sprechen" for n in range(1, 5)]  # fmt: skip
    # Presented: the console shows each page's note.
    window.edit_action.trigger()
    qtbot.waitUntil(lambda: window.state is not None and len(window.state.deck.polls) == 2,
                    timeout=WAIT_MS)  # fmt: skip
    window.present(from_start=True)
    running = window.session
    assert running is not None
    try:
        qtbot.waitUntil(lambda: "Notiz 1" in running.console.notes.toPlainText(),
                        timeout=WAIT_MS)  # fmt: skip
        running.state.go(3)
        qtbot.waitUntil(lambda: "Notiz 3" in running.console.notes.toPlainText(),
                        timeout=WAIT_MS)  # fmt: skip
    finally:
        running.stop()
    # And in the speaker's notes handout.
    handout = tmp_path / "notizen.pdf"
    result = impuls("export", companion, "--pdf", handout, "--layout", "notes")
    assert result.returncode == 0, result.stdout + result.stderr
    text = "".join(page.extract_text() for page in PdfReader(handout).pages)
    for number in range(1, 5):
        assert f"Notiz {number}: langsam sprechen" in text


def test_a_separator_typed_in_a_slide_makes_two_slides_in_the_list(
    qtbot: QtBot, settings: Settings, tmp_path: Path
) -> None:
    _, panel = two_slides_at_the_end(qtbot, settings, tmp_path)
    type_text(qtbot, panel.editor, "\n\n---\n\n## Dazwischen")
    qtbot.waitUntil(lambda: checked(panel) and panel.slides.count() == 3, timeout=WAIT_MS)
    assert [slide.text for slide in panel.document.draft.slides] == [
        "# Eins", "## Dazwischen", "# Zwei"]  # fmt: skip
    assert panel.slot == 1 and panel.editor.toPlainText() == "## Dazwischen"
    assert len(load_deck_text(panel.document.text).slides) == 3
    qtbot.keyClick(panel.editor, Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: checked(panel) and panel.slides.count() == 2, timeout=WAIT_MS)


def load_deck_text(text: str) -> Deck:
    return parse_deck(text, Path("probe.md"))


def test_saving_from_the_editor_while_presenting_reloads_the_room(
    qtbot: QtBot, settings: Settings, tmp_path: Path
) -> None:
    deck = write_deck(tmp_path / "probe.md", "# Eins", "## Zwei", "## Drei")
    window = library(qtbot, settings, deck)
    panel = editing(qtbot, window)
    window.present(from_start=True)
    running = window.session
    assert running is not None
    try:
        running.state.go(1)
        panel.slides.setCurrentRow(1)
        panel.editor.selectAll()
        type_text(qtbot, panel.editor, "## Zwei, verbessert")
        window.save_action.trigger()
        qtbot.waitUntil(lambda: running.state.deck.slides[1].title == "Zwei, verbessert",
                        timeout=WAIT_MS)  # fmt: skip
        assert running.state.index == 1
        # A mistake saved mid-talk: the room keeps the last good version.
        panel.slides.setCurrentRow(2)
        panel.editor.selectAll()
        type_text(qtbot, panel.editor, "```poll\nid: kaputt\n```")
        window.save_action.trigger()
        qtbot.waitUntil(running.console.alert.isVisible, timeout=WAIT_MS)
        assert "Fehler" in running.console.alert.text()
        assert running.state.deck.slides[2].title == "Drei"
        assert running.audience.view.shown_index() == 1
    finally:
        running.stop()


def test_the_next_start_offers_unsaved_text_of_another_deck(
    qtbot: QtBot, settings: Settings, tmp_path: Path, recovery_folder: Path
) -> None:
    other = write_deck(tmp_path / "gestern.md", "# Eins", "# Zwei")
    base = hashlib.sha256(other.read_bytes()).hexdigest()
    typed = other.read_text(encoding="utf-8") + "\nNoch nicht gespeichert\n"
    RecoveryStore(recovery_folder).save(other, typed, base)
    window = library(qtbot, settings, write_deck(tmp_path / "heute.md", "# Heute"))
    qtbot.waitUntil(lambda: window.unsaved_box is not None, timeout=WAIT_MS)
    assert window.unsaved_box is not None
    assert "gestern.md" in window.unsaved_box.text()
    restoring = QTimer(interval=50)  # then the editor asks: "Wiederherstellen"
    restoring.timeout.connect(lambda: click_modal("Wiederherstellen"))
    restoring.start()
    next(b for b in window.unsaved_box.buttons() if "bearbeiten" in b.text()).click()
    qtbot.waitUntil(lambda: window.editor is not None and window.editor.panel is not None
                    and window.editor.path == other.resolve(), timeout=WAIT_MS)  # fmt: skip
    restoring.stop()
    assert window.editor is not None and window.editor.document is not None
    assert window.editor.document.text == typed


def click_modal(label: str) -> None:
    """Click the button `label` of the question on screen, if it is that question."""
    box = QApplication.activeModalWidget()
    if isinstance(box, QMessageBox):
        for button in box.buttons():
            if label in button.text():
                button.click()
                return


def test_the_talks_details_are_set_in_a_form_and_undone_with_ctrl_z(
    qtbot: QtBot, settings: Settings, tmp_path: Path
) -> None:
    deck = write_deck(tmp_path / "probe.md", "# Eins", front="title: Probe\nmarp: true")
    window = library(qtbot, settings, deck)
    panel = editing(qtbot, window)
    before = panel.document.text
    dialog = panel.edit_details()
    dialog.title.clear()
    type_text(qtbot, dialog.title, "Sichtbar bleiben")
    dialog.theme.setCurrentIndex(dialog.theme.findData("neon"))  # not there: stays
    dialog.theme.setCurrentIndex(dialog.theme.findData("dark"))
    dialog.duration.setValue(45)
    dialog.questions.setChecked(False)
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "Sichtbar bleiben" in panel.document.text)
    assert panel.document.text.startswith(
        "---\ntitle: Sichtbar bleiben\nmarp: true\ntheme: dark\nduration: 45\n"
        "questions: false\n---\n"
    )
    qtbot.waitUntil(lambda: checked(panel), timeout=WAIT_MS)
    assert panel.checked_reading is not None and panel.checked_reading.prepared is not None
    meta = panel.checked_reading.prepared.deck.meta
    assert (meta.title, meta.theme, meta.duration_minutes, meta.questions) == (
        "Sichtbar bleiben", "dark", 45, False)  # fmt: skip
    window.undo_action.trigger()
    assert panel.document.text == before


def test_ctrl_c_keeps_unsaved_text_and_asks_nothing(
    qtbot: QtBot, settings: Settings, tmp_path: Path, recovery_folder: Path
) -> None:
    # From the rehearsal (issue 32, item 10): Ctrl-C in the terminal ends the app, and
    # nobody may be at the screen to answer "Save changes?". The text waits for them.
    deck, panel = two_slides_at_the_end(qtbot, settings, tmp_path)
    type_text(qtbot, panel.editor, "\n\nNoch nicht gespeichert")
    window = panel.window()
    assert isinstance(window, LibraryWindow)
    told = window.close_without_questions()  # what the app's stop signal calls
    assert told == [
        "Ungespeicherter Text von „probe.md“ ist gesichert und wird beim nächsten Öffnen angeboten."
    ]
    assert not window.isVisible()
    kept = RecoveryStore(recovery_folder).pending(deck.resolve())
    assert kept is not None and "Noch nicht gespeichert" in kept.text
    assert "Noch nicht gespeichert" not in deck.read_text(encoding="utf-8")  # not saved for them
