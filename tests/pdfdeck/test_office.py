"""PowerPoint and Impress files open as decks through LibreOffice, notes included."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from tests.support.commands import impuls
from tests.support.office import make_pptx, soffice_running
from workshop_app.deck.loader import load_deck
from workshop_app.deck.model import DeckError
from workshop_app.deck.office import cache_dir, stop_conversions
from workshop_app.paths import ROOT


@pytest.mark.libreoffice
def test_a_pptx_opens_with_its_slides_and_notes_and_is_converted_once(tmp_path: Path) -> None:
    pptx = make_pptx(tmp_path / "vortrag.pptx", 4, hidden=3)
    first = impuls("check", pptx)
    assert first.returncode == 0, first.stdout + first.stderr
    assert "„vortrag.pptx“ wird mit LibreOffice in ein PDF umgewandelt" in first.stderr
    assert "3 Folien, 0 Umfragen, 3 mit Notizen" in first.stdout
    deck = load_deck(pptx)
    assert deck.path == pptx
    assert [slide.title for slide in deck.slides] == [
        "Folie 1 aus PowerPoint",
        "Folie 2 aus PowerPoint",
        "Folie 4 aus PowerPoint",
    ]
    assert [slide.notes for slide in deck.slides] == [
        "Notiz 1: langsam sprechen",
        "Notiz 2: langsam sprechen",
        "Notiz 4: langsam sprechen",
    ]
    assert deck.meta.aspect.value == "16:9"
    # The second opening finds the PDF by the file's hash: no LibreOffice, no message.
    again = impuls("check", pptx)
    assert again.returncode == 0 and "LibreOffice" not in again.stderr
    assert len(list(cache_dir().glob("*.pdf"))) == 1


@pytest.mark.libreoffice
def test_an_impress_file_made_by_libreoffice_opens_too_with_its_notes(tmp_path: Path) -> None:
    pptx = make_pptx(tmp_path / "quelle.pptx", 3, hidden=2)
    subprocess.run(
        ["soffice", f"-env:UserInstallation={(tmp_path / 'profil').as_uri()}", "--headless",
         "--convert-to", "odp", "--outdir", str(tmp_path), str(pptx)],
        check=True, capture_output=True, timeout=120,
    )  # fmt: skip
    deck = load_deck(tmp_path / "quelle.odp")
    assert [slide.title for slide in deck.slides] == ["Folie 1 aus PowerPoint",
                                                      "Folie 3 aus PowerPoint"]  # fmt: skip
    # Before: an Impress file's slides came without their notes.
    assert [slide.notes for slide in deck.slides] == ["Notiz 1: langsam sprechen",
                                                      "Notiz 3: langsam sprechen"]  # fmt: skip


@pytest.mark.libreoffice
def test_a_cancelled_conversion_stops_libreoffice_and_caches_nothing(tmp_path: Path) -> None:
    pptx = make_pptx(tmp_path / "vortrag.pptx", 40)
    started = threading.Event()
    outcome: list[BaseException | None] = []

    def convert() -> None:
        try:
            load_deck(pptx, lambda _presentation: started.set())
            outcome.append(None)
        except DeckError as error:
            outcome.append(error)

    worker = threading.Thread(target=convert)
    worker.start()
    assert started.wait(30)
    deadline = time.monotonic() + 60  # LibreOffice starts slowly on a busy machine
    while not soffice_running() and time.monotonic() < deadline:
        time.sleep(0.02)
    assert soffice_running()  # LibreOffice at work: now the speaker cancels
    stop_conversions()
    worker.join(10)
    assert not worker.is_alive()
    error = outcome[0]
    assert isinstance(error, DeckError)
    assert "die Umwandlung mit LibreOffice wurde abgebrochen" in str(error)
    assert not list(cache_dir().glob("*.pdf"))  # the next opening converts afresh
    deadline = time.monotonic() + 30  # killed at once; gone once the system reaped it
    while soffice_running() and time.monotonic() < deadline:
        time.sleep(0.05)
    assert soffice_running() == []  # soffice.bin too, not only the `soffice` script


@pytest.mark.libreoffice
def test_ctrl_c_while_converting_ends_check_quietly_and_libreoffice_with_it(
    tmp_path: Path,
) -> None:
    # Before: a traceback, and LibreOffice went on converting for nobody.
    pptx = make_pptx(tmp_path / "vortrag.pptx", 40)
    process = subprocess.Popen([sys.executable, str(ROOT / "main.py"), "check", str(pptx)],
                               stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True)  # fmt: skip
    assert process.stderr is not None
    assert "wird mit LibreOffice in ein PDF umgewandelt" in process.stderr.readline()
    deadline = time.monotonic() + 60  # LibreOffice starts slowly on a busy machine
    while not soffice_running() and time.monotonic() < deadline:
        time.sleep(0.02)
    assert soffice_running()
    process.send_signal(signal.SIGINT)  # Ctrl-C, as the terminal sends it to our process
    _, rest = process.communicate(timeout=30)
    assert process.returncode == 130
    assert rest.strip() == "Abgebrochen." and "Traceback" not in rest
    deadline = time.monotonic() + 30
    while soffice_running() and time.monotonic() < deadline:
        time.sleep(0.05)
    assert soffice_running() == []


def test_without_libreoffice_one_sentence_names_the_package(tmp_path: Path) -> None:
    pptx = make_pptx(tmp_path / "vortrag.pptx", 1)
    empty = tmp_path / "leer"
    empty.mkdir()
    result = impuls("check", pptx, env={**os.environ, "PATH": str(empty)})
    assert result.returncode == 1
    said = result.stdout + result.stderr
    assert "LibreOffice, das hier fehlt" in said
    assert "sudo apt-get install -y --no-install-recommends libreoffice-impress" in said
    assert "Traceback" not in said
