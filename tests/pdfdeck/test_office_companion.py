"""A Markdown deck puts polls between the pages of a PowerPoint talk, notes included."""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from pypdf import PdfReader

from tests.support.commands import impuls
from tests.support.office import make_pptx
from workshop_app.deck.loader import load_deck
from workshop_app.deck.office import cache_dir

if TYPE_CHECKING:  # the app's loader is tested here too; the rest runs without Qt
    from pytestqt.qtbot import QtBot

    from workshop_app.ui.prepared import PreparedDeck

COMPANION = """\
---
title: Sichtbar bleiben
pdf: vortrag.pptx
---

![](pdf:1-2)

<!-- Jetzt zur ersten Frage überleiten. -->

---

```poll
id: kanal
type: single
question: Welcher Kanal bringt Ihnen die meisten Anfragen?
options: [LinkedIn, Instagram, Die eigene Website]
```

---

![](pdf:3)

---

```poll
id: stunden
type: single
question: Wie viele Stunden pro Woche gehen in Social Media?
options: [keine, eine bis drei, mehr]
```

---

![](pdf:4-)
"""


def companion(folder: Path, pdf_line: str = "pdf: vortrag.pptx") -> Path:
    """`begleitung.md` beside a four-slide `vortrag.pptx`, its `pdf:` on line 3."""
    folder.mkdir(parents=True, exist_ok=True)
    make_pptx(folder / "vortrag.pptx", 4)
    deck = folder / "begleitung.md"
    deck.write_text(COMPANION.replace("pdf: vortrag.pptx", pdf_line), encoding="utf-8")
    return deck


def notes(number: int) -> str:
    return f"Notiz {number}: langsam sprechen"


@pytest.mark.libreoffice
def test_polls_go_between_a_pptx_s_pages_and_each_page_keeps_its_note(tmp_path: Path) -> None:
    # Before: "Fehler: „vortrag.pptx“ ist keine PDF-Datei", and no way on.
    path = companion(tmp_path / "talk")
    checked = impuls("check", path)
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert "6 Folien, 2 Umfragen, 4 mit Notizen" in checked.stdout
    # The terminal names the presentation it converts, not the deck that names it.
    assert "„vortrag.pptx“ wird mit LibreOffice" in checked.stderr
    deck = load_deck(path)
    kinds = [f"p{s.page.page + 1}" if s.page else s.polls[0].id for s in deck.slides]
    assert kinds == ["p1", "p2", "kanal", "p3", "stunden", "p4"]
    # The slide's own comment first, then the PowerPoint note of its page, as with pdfpc.
    assert [slide.notes for slide in deck.slides] == [
        f"Jetzt zur ersten Frage überleiten.\n\n{notes(1)}",
        notes(2), "", notes(3), "", notes(4),
    ]  # fmt: skip
    assert deck.slides[0].title == "Folie 1 aus PowerPoint"
    # The session keeps the converted PDF and its notes under the deck's own names.
    assert set(deck.files) == {"vortrag.pptx", "vortrag.pdfpc"}
    assert deck.files["vortrag.pptx"].startswith(b"%PDF")

    # The folder moves to another laptop: `pdf:` is relative to the deck, so it follows.
    moved = shutil.move(tmp_path / "talk", tmp_path / "anderswo")
    again = load_deck(Path(moved) / "begleitung.md")
    assert [slide.notes for slide in again.slides] == [slide.notes for slide in deck.slides]
    assert set(again.pdfs) == set(deck.pdfs)


@pytest.mark.libreoffice
def test_a_pptx_talk_with_polls_exports_from_the_session_alone(tmp_path: Path) -> None:
    from workshop_app.session.store import SessionStore

    deck = load_deck(companion(tmp_path / "talk"))
    session = tmp_path / "abend.impuls"
    store = SessionStore(session, deck_source=deck.source, poll_ids=[p.id for p in deck.polls],
                         deck_path=deck.path, deck_files=deck.files)  # fmt: skip
    store.close()
    shutil.rmtree(tmp_path / "talk")  # the speaker's laptop is gone,
    shutil.rmtree(cache_dir())  # and with it the converted PDF
    handout = tmp_path / "handout.pdf"
    exported = impuls("export", session, "--pdf", handout, "--layout", "notes")
    assert exported.returncode == 0, exported.stdout + exported.stderr
    text = "\n".join(page.extract_text() for page in PdfReader(handout).pages)
    assert "Folie 3 aus PowerPoint" in text and notes(3) in text
    assert "Wie viele Stunden pro Woche gehen in Social Media?" in text
    checked = impuls("verify", session, handout)
    assert checked.returncode == 0, checked.stdout + checked.stderr


def test_a_missing_pptx_is_named_on_the_pdf_line(tmp_path: Path) -> None:
    path = companion(tmp_path, pdf_line="pdf: fehlt.pptx")
    result = impuls("check", path)
    assert result.returncode == 1
    said = result.stdout + result.stderr
    assert f"{path}:3: Fehler: Präsentation „fehlt.pptx“ nicht gefunden" in said
    assert "Traceback" not in said


@pytest.mark.libreoffice
def test_a_presentation_libreoffice_cannot_read_is_named_on_the_pdf_line(tmp_path: Path) -> None:
    path = companion(tmp_path)
    (tmp_path / "vortrag.pptx").write_bytes(b"kein PowerPoint")
    result = impuls("check", path)
    assert result.returncode == 1
    said = result.stdout + result.stderr
    assert f"{path}:3: Fehler: LibreOffice konnte „vortrag.pptx“ nicht in ein PDF umwandeln" in said
    assert "Traceback" not in said


def test_without_libreoffice_the_pdf_line_says_what_to_install(tmp_path: Path) -> None:
    path = companion(tmp_path)
    empty = tmp_path / "leer"
    empty.mkdir()
    result = impuls("check", path, env={**os.environ, "PATH": str(empty)})
    assert result.returncode == 1
    said = result.stdout + result.stderr
    assert f"{path}:3: Fehler: Impuls öffnet „vortrag.pptx“ mit LibreOffice, das hier fehlt" in said
    assert "sudo apt-get install -y --no-install-recommends libreoffice-impress" in said
    assert "Traceback" not in said


@pytest.mark.libreoffice
def test_the_app_converts_a_companion_deck_s_pptx_off_the_gui_thread(
    qtbot: QtBot, tmp_path: Path
) -> None:
    from PySide6.QtCore import QTimer

    from workshop_app.ui.loading import DeckLoader

    path = companion(tmp_path)
    loader = DeckLoader()
    converting: list[Path] = []
    loaded: list[PreparedDeck] = []
    loader.converting.connect(converting.append)
    loader.loaded.connect(lambda _path, prepared: loaded.append(prepared))
    ticks: list[int] = []
    timer = QTimer(interval=20)
    timer.timeout.connect(lambda: ticks.append(1))
    timer.start()
    loader.load(path)  # returns at once: LibreOffice works in Qt's thread pool
    qtbot.waitUntil(lambda: bool(loaded), timeout=60_000)
    timer.stop()
    # So the library shows its busy bar and Cancel button, naming the presentation.
    assert converting == [path.parent / "vortrag.pptx"]
    assert len(ticks) >= 5  # the GUI thread went on turning meanwhile
    assert [slide.notes for slide in loaded[0].deck.slides][1:] == [
        notes(2), "", notes(3), "", notes(4),
    ]  # fmt: skip
