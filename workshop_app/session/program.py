"""An evening's program: its title, date and place, and its talks in order.

An association's evening is seldom one talk. The organizer makes a program in the
library, `NAME.impuls-abend` beside the decks, a small YAML file:

    # Impuls: Programm eines Abends
    title: Jahresversammlung 2026
    date: 2026-12-07
    place: Vereinsheim am Markt
    talks:
    - deck: begruessung.md
      speaker: Anna Muster
    - deck: vortraege/kassenbericht.pdf
      speaker: Bernd Beispiel
      title: Kassenbericht 2026      # optional: instead of the deck's own title

The evening runs on one voting server and one join code; each talk keeps its own
session file (`talk_sessions`), in a folder of the evening's own in the data folder
(`evening_folder`), beside which the evening's sidecars (the join code,
session/room_code.py, and whatever else belongs to the whole evening) hang on one
anchor (`evening_anchor`).

A program someone sent is hostile input: it is read with the decks' strict YAML
(deck/yamlblock.py: YAML 1.2 scalars, nothing constructed), every key checked, every
text cleaned and capped (session/questions.py `clean_text`), every mistake reported
with file and line, and a deck may only be named inside the program's folder, as a
deck names its pictures (deck/local_files.py): nothing is fetched, nothing outside
is read. Qt-free; reading and writing block.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path, PurePosixPath, PureWindowsPath

import yaml

from workshop_app.deck import yamlblock
from workshop_app.deck.local_files import in_deck_folder
from workshop_app.deck.model import (
    DECK_SUFFIXES,
    Problem,
    Severity,
    is_deck_file,
    is_office_file,
)
from workshop_app.deck.recovery import write_atomically
from workshop_app.deck.report import Reporter, unknown_key
from workshop_app.session.model import StoreError
from workshop_app.session.paths import PROGRAM_SUFFIX, is_program_file, sessions_dir
from workshop_app.session.questions import clean_text

MAX_PROGRAM_BYTES = 64 * 1024  # forty talks take 4 KB
MAX_TALKS = 40
MAX_TITLE = 200  # the evening's and a talk's title, in characters
MAX_PLACE = 200
MAX_SPEAKER = 120
MAX_DECK_PATH = 400
SESSION_SUFFIX = ".impuls"

_TOP_KEYS = ("title", "date", "place", "talks")
_TALK_KEYS = ("deck", "speaker", "title")
_HEADER = "# Impuls: Programm eines Abends (Titel, Datum, Ort, Vorträge in ihrer Reihenfolge)\n"


@dataclass(frozen=True)
class Talk:
    """One talk of the evening: its deck (as the program names it: relative to the
    program's folder, with `/`), who gives it, and a title instead of the deck's own
    ("": the deck's)."""

    deck: str
    speaker: str = ""
    title: str = ""

    def shown_title(self, deck_title: str | None) -> str:
        """What the room reads for this talk: the program's title, else the deck's,
        else the deck's file name without its suffix."""
        return self.title or (deck_title or "").strip() or PurePosixPath(self.deck).stem


@dataclass(frozen=True)
class Program:
    """An evening: its title, date and place (the minutes print them) and its talks in
    the order they are given."""

    title: str
    date: date
    place: str = ""
    talks: tuple[Talk, ...] = ()

    def added(self, talk: Talk, at: int | None = None) -> Program:
        """This program with `talk` inserted before talk `at` (None: at the end)."""
        talks = list(self.talks)
        talks.insert(len(talks) if at is None else at, talk)
        return dataclasses.replace(self, talks=tuple(talks))


class ProgramError(Exception):
    """A program that cannot be used; carries every problem found (errors first)."""

    def __init__(self, problems: tuple[Problem, ...]) -> None:
        errors = [p for p in problems if p.severity is Severity.ERROR]
        super().__init__("\n".join(p.format() for p in errors or problems))
        self.problems = problems


def load_program(path: Path) -> Program:
    """Read and check the program in `path`; ProgramError with every problem otherwise.
    Warnings (a deck not there yet) do not stop it: `check_program` returns them."""
    program, problems = check_program(path)
    if program is None:
        raise ProgramError(tuple(problems))
    return program


def check_program(path: Path) -> tuple[Program | None, list[Problem]]:
    """The program in `path` (None if it has an error) and every problem, with its line."""
    report = Reporter(path)
    try:
        with path.open("rb") as file:
            data = file.read(MAX_PROGRAM_BYTES + 1)
    except FileNotFoundError:
        report.error(None, "file.not_found")
        return None, report.problems
    except IsADirectoryError:
        report.error(None, "program.is_directory")
        return None, report.problems
    except (OSError, ValueError) as error:
        report.error(None, "file.unreadable", detail=str(error))
        return None, report.problems
    if len(data) > MAX_PROGRAM_BYTES:
        report.error(None, "program.too_large", most=MAX_PROGRAM_BYTES // 1024)
        return None, report.problems
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        report.error(data.count(b"\n", 0, error.start) + 1, "file.not_utf8", byte=error.start)
        return None, report.problems
    program = parse_program(text, path.parent, report)
    return (None if report.has_errors else program), report.problems


def parse_program(text: str, folder: Path, report: Reporter) -> Program | None:
    """The program `text` describes, its decks looked up in `folder`; each problem goes
    to `report` (lines 1-based). None where it is not a program at all."""
    try:
        root = yamlblock.compose(text)
    except yamlblock.YamlError as error:
        report.error(error.line + 1, error.message_id, **error.params)
        return None
    if not isinstance(root, yaml.MappingNode):
        report.error(_line(root), "program.not_mapping")
        return None
    fields = dict(_entries(root, _TOP_KEYS, report))
    title = _text(fields.get("title"), MAX_TITLE, report)
    if fields.get("title") is None or not title:
        report.error(_line(fields.get("title", root)), "program.no_title")
    day = _day(fields.get("date"), root, report)
    place = _text(fields.get("place"), MAX_PLACE, report)
    talks = tuple(_talks(fields.get("talks"), folder, report))
    if day is None:
        return None
    return Program(title, day, place, talks)


# ---------------------------------------------------------------- writing


def program_text(program: Program) -> str:
    """The file's text for `program` (what `parse_program` reads back as it)."""
    talks = []
    for talk in program.talks:
        entry = {"deck": talk.deck, "speaker": talk.speaker}
        if talk.title:
            entry["title"] = talk.title
        talks.append(entry)
    body = {"title": program.title, "date": program.date, "place": program.place, "talks": talks}
    dumped = yaml.safe_dump(body, allow_unicode=True, sort_keys=False, width=1000)
    return _HEADER + dumped


def save_program(path: Path, program: Program) -> None:
    """Write `program` to `path` atomically (a crash leaves the old file or the new one,
    deck/recovery.py). Raises OSError."""
    write_atomically(path, program_text(program).encode("utf-8"), keep_mode=True)


# ---------------------------------------------------------------- where its data lives


def evening_folder(program_file: Path, program: Program, sessions: Path | None = None) -> Path:
    """`<data>/sessions/<program name>-<YYYY-MM-DD>/`: the evening's session files.

    As a talk's session is named by its deck and day (session/paths.py), the evening's
    folder is named by the program file and the program's date, so starting the
    evening again (after a crash, or later that night) resumes it. `sessions`: another
    data folder than the platform's (tests, `--session`)."""
    return (sessions or sessions_dir()) / f"{program_file.stem}-{program.date.isoformat()}"


def evening_anchor(program_file: Path, program: Program, sessions: Path | None = None) -> Path:
    """The path the whole evening's sidecars hang on, as a talk's hang on its session
    file: the join code is `room_code.code_path(evening_anchor(…))`. Not a file itself;
    it lies in the data folder so that the code stays with the laptop, never beside a
    program that travels."""
    return evening_folder(program_file, program, sessions) / program_file.name


def talk_sessions(
    program_file: Path, program: Program, sessions: Path | None = None
) -> tuple[Path, ...]:
    """Each talk's session file, in program order: `<evening folder>/<deck name>.impuls`.

    A deck given twice in one evening (a welcome and a farewell from one deck), or two
    decks of one name in different folders, get `-2`, `-3`, … in program order, so each
    talk keeps its own session. Reordering talks keeps their sessions; a talk added
    before another of the same deck name takes that name's earlier number."""
    folder = evening_folder(program_file, program, sessions)
    taken: set[str] = set()
    paths = []
    for talk in program.talks:
        stem = PurePosixPath(talk.deck).stem or "vortrag"
        name, number = stem, 1
        while name.casefold() in taken:  # case-insensitive systems see one file
            number += 1
            name = f"{stem}-{number}"
        taken.add(name.casefold())
        paths.append(folder / f"{name}{SESSION_SUFFIX}")
    return tuple(paths)


def deck_file(program_file: Path, talk: Talk) -> Path | None:
    """The deck file a talk names, resolved, if it lies in the program's folder or
    below (as `parse_program` checked); None otherwise."""
    if _outside_reason(talk.deck) is not None:
        return None
    return in_deck_folder(program_file.parent, talk.deck)


def relative_deck(program_file: Path, deck: Path) -> str | None:
    """How a program in `program_file` names `deck` (relative, with `/`); None for a
    deck outside the program's folder, which a program may not name."""
    try:
        inside = deck.resolve().relative_to(program_file.parent.resolve())
    except (ValueError, OSError, RuntimeError):
        return None
    return inside.as_posix()


def talk_titles(program_file: Path, program: Program) -> list[str]:
    """Each talk's title as the room will read it, without reading its deck: the
    program's `title:`, else a Markdown deck's front-matter title, else the deck's file
    name (a PDF or PowerPoint is read only when it goes on). Blocking (disk)."""
    titles = []
    for talk in program.talks:
        path = None if talk.title else deck_file(program_file, talk)
        titles.append(talk.shown_title(front_matter_title(path) if path else None))
    return titles


def front_matter_title(path: Path) -> str | None:
    """The `title:` of a Markdown deck's front matter (None: none, not Markdown, or not
    readable), as the parser reads it; the slides are not parsed."""
    from workshop_app.deck import DeckError  # the parser's parts: only for the program's list
    from workshop_app.deck.frontmatter import read_front_matter
    from workshop_app.deck.loader import read_deck_text
    from workshop_app.deck.splitter import split_source

    if path.suffix.lower() == ".pdf" or is_office_file(path):  # as load_deck tells them
        return None
    try:
        text = read_deck_text(path)
    except DeckError:
        return None
    split = split_source(text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n"))
    front = read_front_matter(split.front_matter, split.front_matter_closed, Reporter(path))
    return front.meta.title or None


# ---------------------------------------------------------------- reading, piece by piece


def _line(node: yaml.Node | None) -> int | None:
    return None if node is None else node.start_mark.line + 1


def _entries(
    node: yaml.MappingNode, known: tuple[str, ...], report: Reporter
) -> Iterator[tuple[str, yaml.Node]]:
    """The mapping's known keys with their values; an unknown or repeated key reported."""
    seen: set[str] = set()
    for key_node, value in node.value:
        key = key_node.value if isinstance(key_node, yaml.ScalarNode) else None
        if not isinstance(key, str) or key not in known:
            said = str(key)[:40]
            message_id, params = (
                unknown_key("program", said, known)
                if known is _TOP_KEYS
                else unknown_key("slot", said, known)
            )
            report.error(_line(key_node), message_id, **params)
        elif key in seen:
            report.error(_line(key_node), "yaml.duplicate_key", key=key)
        else:
            seen.add(key)
            yield key, value


def _text(node: yaml.Node | None, most: int, report: Reporter) -> str:
    """A scalar's text, cleaned as text from a phone is; "" for none or null."""
    if node is None or node.tag == "tag:yaml.org,2002:null":
        return ""
    if not isinstance(node, yaml.ScalarNode):
        report.error(_line(node), "program.not_text")
        return ""
    try:
        return clean_text(node.value, most=most)
    except StoreError:
        report.error(_line(node), "program.text_too_long", most=most)
        return ""


def _day(node: yaml.Node | None, root: yaml.Node, report: Reporter) -> date | None:
    if node is None:
        report.error(_line(root), "program.no_date")
        return None
    if isinstance(node, yaml.ScalarNode):
        try:
            return date.fromisoformat(node.value.strip())
        except ValueError:
            pass
    report.error(_line(node), "program.bad_date")
    return None


def _talks(node: yaml.Node | None, folder: Path, report: Reporter) -> Iterator[Talk]:
    if node is None or node.tag == "tag:yaml.org,2002:null":
        return
    if not isinstance(node, yaml.SequenceNode):
        report.error(_line(node), "program.talks_not_list")
        return
    if len(node.value) > MAX_TALKS:
        report.error(_line(node), "program.too_many_talks", most=MAX_TALKS)
        return
    for item in node.value:
        if not isinstance(item, yaml.MappingNode):
            report.error(_line(item), "program.talk_not_mapping")
            continue
        fields = dict(_entries(item, _TALK_KEYS, report))
        deck = _deck(fields.get("deck"), item, folder, report)
        speaker = _text(fields.get("speaker"), MAX_SPEAKER, report)
        title = _text(fields.get("title"), MAX_TITLE, report)
        if deck is not None:
            yield Talk(deck, speaker, title)


def _outside_reason(reference: str) -> str | None:
    """Why a deck's name leaves the program's folder by its spelling alone, or None."""
    if "://" in reference or reference.lower().startswith(("file:", "data:")):
        return "program.deck_url"
    if PurePosixPath(reference).is_absolute() or PureWindowsPath(reference).anchor:
        return "program.deck_absolute"
    return None


def _deck(node: yaml.Node | None, item: yaml.Node, folder: Path, report: Reporter) -> str | None:
    if node is None:
        report.error(_line(item), "program.no_deck")
        return None
    line = _line(node)
    if not isinstance(node, yaml.ScalarNode) or not node.value.strip():
        report.error(line, "program.no_deck")
        return None
    reference: str = node.value.strip()
    if len(reference) > MAX_DECK_PATH or "\x00" in reference:
        report.error(line, "program.deck_bad", most=MAX_DECK_PATH)
        return None
    reason = _outside_reason(reference)
    if reason is not None:
        report.error(line, reason, deck=reference)
        return None
    if not is_deck_file(Path(reference)):
        report.error(line, "program.not_a_deck", deck=reference, kinds=", ".join(DECK_SUFFIXES))
        return None
    try:
        found = in_deck_folder(folder, reference)
    except (OSError, RuntimeError, ValueError):
        found = None
    if found is None:
        report.error(line, "program.deck_outside", deck=reference)
        return None
    if not found.is_file():
        report.warning(line, "program.deck_missing", deck=reference)
    return reference


__all__ = [
    "MAX_TALKS",
    "PROGRAM_SUFFIX",
    "Program",
    "ProgramError",
    "Talk",
    "check_program",
    "deck_file",
    "evening_anchor",
    "evening_folder",
    "is_program_file",
    "load_program",
    "parse_program",
    "program_text",
    "relative_deck",
    "save_program",
    "talk_sessions",
    "talk_titles",
]
