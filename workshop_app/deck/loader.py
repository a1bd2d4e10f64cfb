"""Read a deck file from disk: size limit, UTF-8 with the line of a bad byte."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from pathlib import Path
from types import MappingProxyType

from workshop_app.deck.model import Deck, DeckError, Problem, Severity, is_office_file
from workshop_app.deck.parser import parse_deck
from workshop_app.deck.pdf_deck import pdf_deck_source

# A 1,000-slide deck is ~200 KB; anything past this is not a deck.
MAX_DECK_BYTES = 16 * 1024 * 1024


def load_deck(path: Path, converting: Callable[[Path], None] | None = None) -> Deck:
    """Parse the deck at `path`; raises DeckError (also for unreadable files).

    Markdown; a PDF (every page a slide); a PowerPoint, Impress or Keynote file,
    converted to a PDF by LibreOffice first (`converting` is called before that
    starts: it takes seconds); so is one that a Markdown deck's `pdf:` names.
    """
    if (path.suffix.lower() == ".pdf" or is_office_file(path)) and not path.is_dir():
        return _pages_only(pdf_deck_source(path.name), path, converting)
    return parse_deck(read_deck_text(path), path, converting=converting)


def read_deck_text(path: Path) -> str:
    """A Markdown deck's text as it is in the file; raises DeckError naming the
    file (and the line of a byte that is not UTF-8)."""
    try:
        if path.is_dir():
            raise _file_error(path, "file.is_directory")
        with path.open("rb") as handle:
            data = handle.read(MAX_DECK_BYTES + 1)
    except FileNotFoundError:
        raise _file_error(path, "file.not_found") from None
    except OSError as exc:
        raise _file_error(path, "file.unreadable", detail=exc.strerror or str(exc)) from None
    if len(data) > MAX_DECK_BYTES:
        raise _file_error(path, "file.too_large", most=MAX_DECK_BYTES // (1024 * 1024))
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise _file_error(
            path, "file.not_utf8", line=line, byte=f"0x{data[exc.start]:02X}"
        ) from None
    return text


def _pages_only(source: str, path: Path, converting: Callable[[Path], None] | None) -> Deck:
    try:
        return parse_deck(source, path, converting=converting)
    except DeckError as error:  # the lines are those of a source nobody wrote
        raise DeckError(tuple(dataclasses.replace(p, line=None) for p in error.problems)) from None


def _file_error(
    path: Path, message_id: str, line: int | None = None, **params: object
) -> DeckError:
    return DeckError((Problem(Severity.ERROR, message_id, line, MappingProxyType(params), path),))
