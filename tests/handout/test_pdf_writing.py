"""Every PDF Impuls writes (handout, proceedings, comparison, minutes) is written whole
or not at all: a cancelled or failed build leaves neither half a PDF nor a temporary
file, and a whole one is renamed into place readable by all (handout/document.py
`write_pdf`)."""

from __future__ import annotations

import errno
import stat
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader

from tests.support.decks import SCALE, SINGLE
from tests.support.sessions import dated_talk, recorded
from workshop_app.handout.document import CancelledError, HandoutInput, Written, build_handout
from workshop_app.handout.minutes import MinutesSource, minutes
from workshop_app.handout.minutes_pdf import write_minutes_pdf
from workshop_app.handout.proceedings import build_proceedings
from workshop_app.handout.trend_document import build_trends
from workshop_app.session.snapshot import SessionSnapshot, open_snapshot
from workshop_app.session.trend import compare, editions

Build = Callable[..., Written]  # (out, cancelled=...) → Written


@pytest.fixture(scope="module")
def sessions(tmp_path_factory: pytest.TempPathFactory) -> list[SessionSnapshot]:
    folder = tmp_path_factory.mktemp("sitzungen")
    return [
        open_snapshot(recorded(folder / f"herbst-{year}.impuls", dated_talk(year),
                               {SINGLE: [0, 1, 1, year % 4], SCALE: [2, 4]}))
        for year in (2025, 2026)
    ]  # fmt: skip


def builders(sessions: list[SessionSnapshot]) -> dict[str, Build]:
    talk = sessions[-1]

    def handout(out: Path, **how: Any) -> Written:
        return build_handout(HandoutInput(talk.deck, talk), out, **how)

    def proceedings(out: Path, **how: Any) -> Written:
        return build_proceedings(MinutesSource.of_session(talk), out, **how)

    def comparison(out: Path, **how: Any) -> Written:
        return build_trends(compare(editions(sessions, "de"), "de"), out, **how)

    def minutes_pdf(out: Path, **how: Any) -> Written:
        return write_minutes_pdf(minutes(MinutesSource.of_session(talk)), out, **how)

    return {"handout": handout, "proceedings": proceedings, "compare": comparison,
            "minutes": minutes_pdf}  # fmt: skip


DOCUMENTS = ("handout", "proceedings", "compare", "minutes")


def after(asked: int, then: Callable[[], bool]) -> Callable[[], bool]:
    """A `cancelled` that answers False `asked` times (some pages are laid out by then,
    and the temporary file is open), then `then()`."""
    count = [0]

    def cancelled() -> bool:
        count[0] += 1
        return count[0] > asked and then()

    return cancelled


def full_disk() -> bool:
    raise OSError(errno.ENOSPC, "No space left on device")


@pytest.mark.parametrize("document", DOCUMENTS)
def test_a_cancelled_build_leaves_no_file(
    document: str, sessions: list[SessionSnapshot], tmp_path: Path
) -> None:
    out = tmp_path / "ausgabe" / f"{document}.pdf"
    with pytest.raises(CancelledError):
        builders(sessions)[document](out, cancelled=after(3, lambda: True))
    assert list(out.parent.iterdir()) == []  # no half a PDF, no .impuls-*.pdf


@pytest.mark.parametrize("document", DOCUMENTS)
def test_a_build_failing_midway_leaves_no_file(
    document: str, sessions: list[SessionSnapshot], tmp_path: Path
) -> None:
    out = tmp_path / f"{document}.pdf"
    with pytest.raises(OSError, match="No space left"):
        builders(sessions)[document](out, cancelled=after(3, full_disk))
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("document", DOCUMENTS)
def test_a_whole_pdf_that_cannot_take_its_place_is_removed(
    document: str, sessions: list[SessionSnapshot], tmp_path: Path
) -> None:
    out = tmp_path / f"{document}.pdf"
    out.mkdir()  # a folder of that name: the rename fails after the whole build
    with pytest.raises(IsADirectoryError):
        builders(sessions)[document](out)
    assert list(tmp_path.iterdir()) == [out] and list(out.iterdir()) == []


@pytest.mark.parametrize("document", DOCUMENTS)
def test_a_whole_pdf_takes_its_place_readable_by_all(
    document: str, sessions: list[SessionSnapshot], tmp_path: Path
) -> None:
    out = tmp_path / f"{document}.pdf"
    written = builders(sessions)[document](out)
    assert list(tmp_path.iterdir()) == [out] == [written.path]
    assert stat.S_IMODE(out.stat().st_mode) == 0o644
    assert written.pages == len(PdfReader(out).pages) >= 1
