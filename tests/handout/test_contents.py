"""The contents page that the handout, the proceedings and the comparison share
(handout/document.py `with_contents`): one evening's sessions through all three, each
PDF read back, each contents line found on the page it names."""

from __future__ import annotations

from pathlib import Path

import pytest
from pypdf import PdfReader

from tests.support.sessions import evening
from workshop_app.handout.document import HandoutInput, build_handout
from workshop_app.handout.minutes import MinutesSource
from workshop_app.handout.proceedings import build_proceedings
from workshop_app.handout.trend_document import build_trends
from workshop_app.session.snapshot import open_snapshot
from workshop_app.session.trend import compare, editions

POLL_HEADING = "Abstimmung: Wie sehr warten Sie ab? · Folie 3"  # a level deeper in the proceedings


def contents(pdf: Path) -> tuple[list[str], list[tuple[str, int]]]:
    """Each page's text, and the contents on the second page: (heading, page) each."""
    said = [page.extract_text() or "" for page in PdfReader(pdf).pages]
    lines = [line.strip() for line in said[1].splitlines()]
    assert "Inhalt" in lines, said[1]
    lines = [line for line in lines[lines.index("Inhalt") + 1 :] if line.strip(". ")]
    pairs = list(zip(lines[::2], lines[1::2], strict=False))
    entries = [(heading, int(page)) for heading, page in pairs if page.isdigit()]
    return said, entries


@pytest.fixture
def written(tmp_path: Path) -> dict[str, Path]:
    """The three documents, the sessions in this test's own data folder (conftest.py)."""
    folder = tmp_path
    program, first, second = evening(folder)
    welcome, treasury = open_snapshot(first), open_snapshot(second)
    out = {name: folder / f"{name}.pdf" for name in ("handout", "proceedings", "trends")}
    build_handout(HandoutInput(treasury.deck, treasury), out["handout"])
    build_proceedings(MinutesSource.of_program_file(program), out["proceedings"])
    build_trends(compare(editions([welcome, treasury], "de"), "de"), out["trends"])
    return out


def test_each_contents_line_names_the_page_its_heading_is_on(written: dict[str, Path]) -> None:
    for name, pdf in written.items():
        said, entries = contents(pdf)
        assert len(entries) >= 3, (name, said[1])
        assert said[0].strip() and "Inhalt" not in said[0]  # the cover comes first
        for heading, page in entries:
            assert 2 < page <= len(said), (name, heading, page)
            assert heading.rstrip("…")[:20] in said[page - 1], (name, heading, page)
    headings = [heading for heading, _ in contents(written["proceedings"])[1]]
    assert headings[:3] == ["Programm", "1. Begrüßung", "Folie 1: Probevortrag"]
    assert "2. Kassenbericht" in headings and "Teilnahme" in headings
    assert POLL_HEADING not in headings
    handout = [heading for heading, _ in contents(written["handout"])[1]]
    assert POLL_HEADING in handout
