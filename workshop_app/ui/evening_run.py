"""An evening being presented: its talks one after the other, on one server and one join.

The presenting session shows one talk at a time; this puts the next one on. Its deck
is read ahead in Qt's thread pool as soon as a talk begins, so "Nächster Vortrag"
waits only for the server: it opens the next talk's session (voting/stagehand.py),
and once it says the talk is on, the windows, the state and the live client follow
it. Phones hear of it from the server and stay joined. A talk added during the
evening is written into the program file (atomically, off the GUI thread) and the
server reads the program again.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, QThreadPool, Signal
from PySide6.QtWidgets import QFileDialog, QInputDialog, QMessageBox

from workshop_app.deck import DeckError
from workshop_app.deck.model import DECK_SUFFIXES
from workshop_app.i18n import tr
from workshop_app.session.program import (
    Program,
    Talk,
    deck_file,
    load_program,
    relative_deck,
    save_program,
    talk_titles,
)
from workshop_app.ui.loading import DeckLoader
from workshop_app.ui.prepared import PreparedDeck
from workshop_app.voting.evening import Evening

if TYPE_CHECKING:
    from workshop_app.ui.presenting_session import PresentingSession


@dataclass(frozen=True)
class EveningPlan:
    """An evening to present: its program file and program, the talk to begin with
    (from 0), and the folder of its session files (None: the evening's folder in the
    data folder; as `serve --sessions DIR`)."""

    program_file: Path
    program: Program
    talk: int = 0
    folder: Path | None = None

    @classmethod
    def resume(cls, program_file: Path, folder: Path | None = None) -> EveningPlan:
        """The evening in `program_file`, from the talk that was on when its server last
        ran (after a crash: where it stopped), else from the first; ProgramError."""
        program = load_program(program_file)
        talk = Evening(program_file, folder).resumed(program)
        return cls(program_file, program, talk, folder)

    def anchor(self, program: Program | None = None) -> Path:
        return Evening(self.program_file, self.folder).anchor(program or self.program)

    def deck_path(self) -> Path | None:
        """The deck of the talk to begin with (None: outside the program's folder)."""
        return deck_file(self.program_file, self.program.talks[self.talk])


class EveningRun(QObject):
    talk_changed = Signal(int)  # the talk now on (from 0)
    program_changed = Signal()  # a talk was added
    _saved = Signal(object)  # Program, written (from the pool's thread)
    _not_saved = Signal(str)
    _titled = Signal(object, object)  # Program, its talks' titles (from the pool's thread)

    def __init__(self, session: PresentingSession, plan: EveningPlan) -> None:
        super().__init__(session)
        self.session = session
        self.plan = plan
        self.program = plan.program
        self.on = plan.talk
        self.titles = [talk.shown_title(None) for talk in self.program.talks]
        self.loader = DeckLoader(self)
        self.loader.loaded.connect(self._loaded)
        self.loader.failed.connect(self._failed)
        self._ahead: dict[Path, PreparedDeck] = {}  # decks read ahead, by file
        self._wanted: int | None = None  # the talk being put on
        self._saved.connect(self._program_saved)
        self._not_saved.connect(self._say)
        self._titled.connect(self._took_titles)
        self._read_titles()
        panel = session.console.program
        panel.next_wanted.connect(self.next)
        panel.add_wanted.connect(self._ask_for_talk)
        panel.show()

    # ------------------------------------------------------------ the talk on

    def began(self, deck_title: str) -> None:
        """The talk on has its deck: its title as the room reads it, the next read ahead."""
        self.titles[self.on] = self.program.talks[self.on].shown_title(deck_title)
        self._show()
        self._read_ahead()

    def key(self) -> None:
        """The key for the next talk: the first press asks, the second puts it on."""
        if self.session.console.program.key():
            self.next()

    def next(self) -> None:
        self.go(self.on + 1)

    def go(self, index: int) -> None:
        """Put talk `index` on: its deck (read ahead, or now), then the server's word."""
        if self._wanted is not None or not 0 <= index < len(self.program.talks):
            return
        path = deck_file(self.plan.program_file, self.program.talks[index])
        if path is None:
            self._say(tr("evening.deck_outside", deck=self.program.talks[index].deck))
            return
        self._wanted = index
        self.session.console.program.set_switching(True)
        ready = self._ahead.pop(path, None)
        if ready is not None:
            self._switch(index, ready)
        else:
            self.loader.load(path)

    def _read_ahead(self) -> None:
        coming = self.on + 1
        if coming < len(self.program.talks):
            path = deck_file(self.plan.program_file, self.program.talks[coming])
            if path is not None and path not in self._ahead:
                self.loader.load(path)

    def _loaded(self, path: Path, prepared: PreparedDeck) -> None:
        for index, talk in enumerate(self.program.talks):
            if deck_file(self.plan.program_file, talk) == path:
                self.titles[index] = talk.shown_title(prepared.deck.title)
        wanted = self._wanted
        if wanted is not None and deck_file(self.plan.program_file, self.program.talks[wanted]) == (
            path
        ):
            self._switch(wanted, prepared)
        else:
            self._ahead = {path: prepared}  # the next talk's; an older one is not kept
            self._show()

    def _failed(self, path: Path, error: DeckError) -> None:
        if self._wanted is not None:
            self._wanted = None
            self.session.console.program.set_switching(False)
            self._say(tr("evening.deck_failed", deck=path.name, detail=error.errors[0].format()))

    def _switch(self, index: int, prepared: PreparedDeck) -> None:
        live = self.session.live
        if live is None:  # no server (none wanted, or not up): the windows alone
            self._on(index, prepared)
            return
        live.switch_talk(index, lambda _stage: self._on(index, prepared), self._refused)

    def _refused(self) -> None:
        """The server did not put the talk on (it says why in the poll panel)."""
        self._wanted = None
        self.session.console.program.set_switching(False)

    def _on(self, index: int, prepared: PreparedDeck) -> None:
        self._wanted = None
        self.on = index
        self.session.console.program.set_switching(False)
        self.session.new_talk(prepared)
        self.began(prepared.deck.title)
        self.talk_changed.emit(index)

    def _read_titles(self) -> None:
        """The talks' titles from their decks' front matter, in the pool: the list
        names talks not read yet by their titles, not their file names."""
        program_file, program = self.plan.program_file, self.program
        QThreadPool.globalInstance().start(
            lambda: self._titled.emit(program, talk_titles(program_file, program))
        )

    def _took_titles(self, program: Program, titles: list[str]) -> None:
        if program is not self.program:  # a talk was added meanwhile: asked again
            return
        for index, talk in enumerate(program.talks):
            if self.titles[index] == talk.shown_title(None):  # not read whole meanwhile
                self.titles[index] = titles[index]
        self._show()

    def _show(self) -> None:
        self.session.console.program.show_program(self.program, self.on, self.titles)

    def _say(self, message: str) -> None:
        self.session.console.polls.set_server(message)

    # ------------------------------------------------------------ a talk added

    def add(self, talk: Talk) -> None:
        """Add `talk` at the end of the program: the file first, then the server."""
        program = self.program.added(talk)
        path = self.plan.program_file
        QThreadPool.globalInstance().start(lambda: self._write(path, program))

    def _write(self, path: Path, program: Program) -> None:  # in the pool's thread
        try:
            save_program(path, program)
        except OSError as error:
            self._not_saved.emit(tr("evening.not_saved", detail=str(error)))
        else:
            self._saved.emit(program)

    def _program_saved(self, program: Program) -> None:
        added = len(program.talks) - len(self.program.talks)
        self.program = program
        self.titles += [talk.shown_title(None) for talk in program.talks[-added:]]
        self._show()
        self._read_titles()
        self._read_ahead()
        if self.session.live is not None:
            self.session.live.reload_program(self._reloaded)
        else:
            self.program_changed.emit()

    def _reloaded(self, _stage: dict[str, Any]) -> None:
        self.program_changed.emit()

    def _ask_for_talk(self) -> None:
        """The console's "add a talk": a deck in the program's folder and its speaker."""
        folder = str(self.plan.program_file.parent)
        kinds = " ".join(f"*{suffix}" for suffix in DECK_SUFFIXES)
        chosen, _ = QFileDialog.getOpenFileName(
            self.session.console,
            tr("evening.add_talk"),
            folder,
            tr("evening.decks") + f" ({kinds})",
        )
        if not chosen:
            return
        named = relative_deck(self.plan.program_file, Path(chosen))
        if named is None:
            QMessageBox.warning(self.session.console, tr("evening.add_talk"),
                                tr("evening.deck_outside", deck=chosen))  # fmt: skip
            return
        speaker, given = QInputDialog.getText(
            self.session.console, tr("evening.add_talk"), tr("evening.speaker")
        )
        if given:
            self.add(Talk(named, speaker.strip()))
