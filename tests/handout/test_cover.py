"""The cover names the speaker as people write it under a title (second rehearsal)."""

from __future__ import annotations

import subprocess
from pathlib import Path

from tests.support.commands import impuls
from workshop_app.deck.loader import load_deck
from workshop_app.paths import DEFAULT_DECK


def test_the_cover_says_von_and_the_speakers_name(tmp_path: Path) -> None:
    author = load_deck(DEFAULT_DECK).meta.author
    assert author
    pdf = tmp_path / "h.pdf"
    assert impuls("export", DEFAULT_DECK, "--pdf", pdf).returncode == 0
    cover = subprocess.run(["pdftotext", "-f", "1", "-l", "1", str(pdf), "-"],
                           capture_output=True, text=True, check=True).stdout  # fmt: skip
    assert f"von {author}" in cover and "Referent/in" not in cover
