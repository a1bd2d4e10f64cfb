"""LibreOffice and the files it opens: PowerPoint files made here, the soffice it runs."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

from workshop_app.deck.office import cache_dir


def soffice_missing() -> str | None:
    """Why the tests marked `libreoffice` cannot run here, or None when they can."""
    if shutil.which("soffice") is None:
        return (
            "LibreOffice (soffice) is not installed: `python3 tools/bootstrap.py test` installs"
            " libreoffice-impress-nogui"
        )
    return None


def make_pptx(path: Path, slides: int, hidden: int | None = None) -> Path:
    """A 16:9 PowerPoint file with a title, a point and speaker notes on each slide."""
    from pptx import Presentation
    from pptx.util import Inches

    presentation = Presentation()
    presentation.slide_width, presentation.slide_height = Inches(13.333), Inches(7.5)
    for number in range(1, slides + 1):
        slide = presentation.slides.add_slide(presentation.slide_layouts[1])
        assert slide.shapes.title is not None
        slide.shapes.title.text = f"Folie {number} aus PowerPoint"
        slide.placeholders[1].text = f"Gedanke {number}"
        slide.notes_slide.notes_text_frame.text = f"Notiz {number}: langsam sprechen"
        if number == hidden:
            slide._element.set("show", "0")  # hidden in PowerPoint: not presented
    presentation.save(str(path))
    return path


def soffice_running() -> list[str]:
    """LibreOffice processes working with this test's profile (in its cache folder)."""
    found = subprocess.run(["pgrep", "-af", str(cache_dir())], capture_output=True, text=True)
    return [line for line in found.stdout.splitlines() if "pgrep" not in line]
