"""An evening on one server and one join code: the keeper moves from talk to talk.

An evening (session/program.py) runs on one voting server from the first talk to the
last, so the room scans once. Each talk keeps its own session file, with its own
lock; between two talks the keeper closes the one and opens the next, in the same
process, so the key that signs tickets stays and every phone keeps its ticket and its
device id (a hash of the ticket): one voice in each talk. The workers are told with
one `TalkChanged` (the next deck, its session file, what the room reads of it): they
read the next session file and tell every stream one `talk` event; the phones follow
without a reload.

The join code is the evening's: kept beside the evening's anchor (`room_code` on
`program.evening_anchor`), and written beside each talk's session before it opens,
so the store, its readers and a restart all find the one code. Which talk is on is
kept beside the anchor too (`NAME.talk`), so a server started again after a crash
resumes in that talk, with that code, and phones rejoin as they do after any restart.
"""

from __future__ import annotations

import dataclasses
import hashlib
import logging
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from workshop_app.deck import Deck, DeckError
from workshop_app.deck.loader import load_deck
from workshop_app.deck.recovery import write_atomically
from workshop_app.session.cards import CardKey, Issued, checked_issued, read_issued
from workshop_app.session.model import StoreError, new_join_code
from workshop_app.session.program import (
    Program,
    ProgramError,
    deck_file,
    evening_anchor,
    load_program,
    talk_sessions,
)
from workshop_app.session.room_code import keep_code, kept_code
from workshop_app.session.store import SessionStore
from workshop_app.voting.messages import TALK_KEY_LENGTH, Pickled

log = logging.getLogger("impuls.voting")
TALK_SUFFIX = ".talk"  # beside the anchor: the session file of the talk that is on


@dataclass(frozen=True, slots=True)
class OnStage(Pickled):
    """The talk that is on, as phones and the app are told of it (the `talk` event).

    `key` names the talk for as long as the evening lasts (from its session file's
    name, hashed): a phone files its votes under it, and a talk added before this one
    leaves it unchanged, which its place in the program would not."""

    key: str
    index: int  # its place in the program, from 0
    count: int  # talks in the program
    title: str
    speaker: str

    def as_json(self) -> dict[str, object]:
        return {"talk": self.key, "index": self.index, "count": self.count,
                "title": self.title, "speaker": self.speaker}  # fmt: skip


@dataclass(frozen=True)
class Evening:
    """Where an evening is: its program file, and the folder its session files are in
    (None: the evening's folder in the data folder, session/program.py; as the
    minutes' and the proceedings' `--sessions DIR`)."""

    program_file: Path
    folder: Path | None = None

    def program(self) -> Program:
        """The program as the file says now (a talk may have been added); ProgramError."""
        return load_program(self.program_file)

    def anchor(self, program: Program) -> Path:
        return self._here(evening_anchor(self.program_file, program))

    def sessions_of(self, program: Program) -> tuple[Path, ...]:
        return tuple(map(self._here, talk_sessions(self.program_file, program)))

    def _here(self, path: Path) -> Path:
        return path if self.folder is None else self.folder / path.name

    def code(self, program: Program) -> str:
        """The evening's join code: the one kept, or a new one, kept from now on."""
        anchor = self.anchor(program)
        code = kept_code(anchor)
        if code is None:
            code = new_join_code()
            anchor.parent.mkdir(parents=True, exist_ok=True)
            keep_code(anchor, code)
        return code

    def resumed(self, program: Program) -> int:
        """The talk to start in: the one that was on when the server last ran (found by
        its session file, so talks added meanwhile do not move it), else the first."""
        kept = _kept_talk(self.anchor(program))
        names = [path.name for path in self.sessions_of(program)]
        return names.index(kept) if kept in names else 0


@dataclass(frozen=True)
class Talk:
    """A talk made ready to go on: its deck (titled as the program says), its session
    file (with the evening's code beside it) and what the room is told."""

    deck: Deck
    session: Path
    stage: OnStage


@dataclass(frozen=True)
class EveningStart:
    """What `serve` needs to give an evening: where it is, its program, the talk on."""

    evening: Evening
    program: Program
    stage: OnStage


def ready_talk(evening: Evening, program: Program, index: int) -> Talk:
    """Read talk `index`'s deck and make its session ready to open; StoreError
    ("unknown_talk") for a talk the program does not have, DeckError for its deck.
    Blocking: a deck takes a moment to read (LibreOffice's seconds for a PowerPoint)."""
    if not 0 <= index < len(program.talks):
        raise StoreError("unknown_talk", f"the program has {len(program.talks)} talks")
    talk = program.talks[index]
    path = deck_file(evening.program_file, talk)
    if path is None:  # load_program refused it already; the file changed since
        raise StoreError("unknown_talk", f"talk {index + 1}: its deck is outside the program")
    deck = load_deck(path)
    title = talk.shown_title(deck.title)
    deck = dataclasses.replace(deck, meta=dataclasses.replace(deck.meta, title=title))
    session = evening.sessions_of(program)[index]
    session.parent.mkdir(parents=True, exist_ok=True)
    keep_code(session, evening.code(program))
    key = hashlib.sha256(session.name.encode("utf-8")).hexdigest()[:TALK_KEY_LENGTH]
    return Talk(deck, session, OnStage(key, index, len(program.talks), title, talk.speaker))


def open_store(talk: Talk) -> SessionStore:
    """The talk's session store, for the keeper's event loop (StoreError "locked" if
    another process has it)."""
    deck = talk.deck
    return SessionStore(
        talk.session,
        deck_source=deck.source,
        poll_ids=[p.id for p in deck.polls],
        deck_path=deck.path,
        deck_files=deck.files,
        countdowns={p.id: p.seconds for p in deck.polls if p.seconds},
        own_thread=False,
    )


def evening_cards(
    evening: Evening, program: Program, key: CardKey | None, but: Path
) -> Issued | None:
    """The evening's record of its voting cards, from a talk's session that has one
    (checked against the evening's `key`), for the talk `but`, which may have none yet:
    cards belong to the evening, so a talk added after they were printed, and started
    first, counts them too. None where no other talk records cards (or there is no
    key); CardsAlteredError for a record that is not what was issued."""
    if key is None or not key.issued:
        return None
    for path in evening.sessions_of(program):
        if path == but or not path.is_file():
            continue
        try:
            db = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
        except sqlite3.Error:
            continue
        try:
            if read_issued(db) is not None:
                return checked_issued(db, path, key)
        except sqlite3.Error:
            continue  # not a session file we can read: the next talk's may do
        finally:
            db.close()
    return None


def keep_on_stage(evening: Evening, program: Program, talk: Talk) -> None:
    """Say beside the anchor which talk is on, for a restart (written whole or not)."""
    anchor = evening.anchor(program)
    target = anchor.with_name(anchor.name + TALK_SUFFIX)
    write_atomically(target, talk.session.name.encode("utf-8") + b"\n")


def _kept_talk(anchor: Path) -> str | None:
    try:
        with anchor.with_name(anchor.name + TALK_SUFFIX).open("rb") as kept:
            return kept.read(512).decode("utf-8").strip() or None
    except (OSError, UnicodeDecodeError):
        return None


def problem_text(error: DeckError | ProgramError | StoreError | OSError) -> str:
    """One line for the log and the console: why the next talk cannot go on."""
    return str(error).splitlines()[0] if str(error) else type(error).__name__


__all__ = [
    "Evening",
    "EveningStart",
    "OnStage",
    "Talk",
    "evening_cards",
    "keep_on_stage",
    "open_store",
    "problem_text",
    "ready_talk",
]
