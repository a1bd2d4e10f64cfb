"""PDFs as speakers bring them, made by the tests with reportlab: known text, known colours.

Each page has a coloured band at the top (`band(n)`, different on every page) and
its title and one line of text in it, so a test can tell from pixels which page
a slide shows and from text that a page was embedded, not pictured.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from workshop_app.paths import ROOT

WIDE = (960.0, 540.0)  # 16:9, as PowerPoint exports (13.33 × 7.5 in)
CLASSIC = (720.0, 540.0)  # 4:3
A4_LANDSCAPE = (841.89, 595.28)


def band(number: int) -> tuple[int, int, int]:
    """The band colour of page `number` (1-based): far apart for neighbouring pages."""
    return ((number * 97) % 200 + 30, (number * 57) % 200 + 30, (number * 151) % 200 + 30)


def close_to(pixel: object, rgb: tuple[int, int, int], tolerance: int = 12) -> bool:
    """`pixel` (Pillow's tuple or a QColor) within `tolerance` of `rgb` in every channel:
    antialiasing and JPEG move a colour a little, another page's band moves it far."""
    from PySide6.QtGui import QColor

    if isinstance(pixel, QColor):
        pixel = (pixel.red(), pixel.green(), pixel.blue())
    assert isinstance(pixel, tuple), pixel
    return all(abs(a - b) <= tolerance for a, b in zip(pixel, rgb, strict=True))


def page_title(number: int) -> str:
    return f"Seite {number}: Sichtbarkeit im Mittelstand"


def page_line(number: int) -> str:
    return f"Kernaussage {number} – Vertrauen entsteht durch Regelmäßigkeit"


def photos(folder: Path, count: int) -> list[Path]:
    """`count` different photo-like JPEGs (1600×900, gradients and grain), as slides
    exported from PowerPoint carry them."""
    import random

    from PIL import Image, ImageDraw, ImageFilter

    made = []
    for number in range(count):
        rng = random.Random(number)
        picture = Image.new("RGB", (1600, 900))
        draw = ImageDraw.Draw(picture)
        for y in range(900):
            shade = (
                (rng.randrange(256), rng.randrange(256), rng.randrange(256))
                if y % 90 == 0
                else None
            )
            if shade is not None:
                base = shade
            draw.line([(0, y), (1600, y)], fill=tuple(min(255, c + y // 8) for c in base))
        grain = Image.effect_noise((1600, 900), 40).convert("RGB")
        picture = Image.blend(picture, grain, 0.25).filter(ImageFilter.GaussianBlur(1))
        target = folder / f"foto-{number}.jpg"
        picture.save(target, quality=85)
        made.append(target)
    return made


def make_pdf(
    path: Path, pages: int, size: tuple[float, float] = WIDE, *, with_photos: bool = False
) -> Path:
    """`pages` pages with their band, title and line; `with_photos`: a different photo
    on each of ten pages in turn, under the text (a PowerPoint export's weight)."""
    from reportlab.pdfgen import canvas

    width, height = size
    drawing = canvas.Canvas(str(path), pagesize=size)
    drawing.setTitle(path.stem)
    pictures = photos(path.parent, 10) if with_photos else []
    for number in range(1, pages + 1):
        if pictures:
            drawing.drawImage(str(pictures[number % len(pictures)]), width * 0.45,
                              height * 0.05, width * 0.5, height * 0.38)  # fmt: skip
        red, green, blue = band(number)
        drawing.setFillColorRGB(red / 255, green / 255, blue / 255)
        drawing.rect(0, height - 110, width, 110, fill=1, stroke=0)
        drawing.setFillColorRGB(1, 1, 1)
        drawing.setFont("Helvetica-Bold", 30)
        drawing.drawString(36, height - 70, page_title(number))
        drawing.setFillColorRGB(0, 0, 0)
        drawing.setFont("Helvetica", 22)
        drawing.drawString(36, height / 2, page_line(number))
        drawing.showPage()
    drawing.save()
    return path


def make_pdfpc(
    pdf: Path, notes: dict[int, str], duration: int | None = None, end_slide: int | None = None
) -> Path:
    """pdfpc's notes file beside `pdf` (format 2; `notes` by 0-based page, as pdfpc counts)."""
    payload: dict[str, object] = {
        "pdfpcFormat": 2,
        "disableMarkdown": False,
        "pages": [
            {"idx": index, "label": str(index + 1), "overlay": 0, "note": note}
            for index, note in notes.items()
        ],
    }
    if duration is not None:
        payload["duration"] = duration
    if end_slide is not None:  # 1-based, as pdfpc writes it
        payload["endSlide"] = end_slide
    path = pdf.with_suffix(".pdfpc")
    path.write_text(json.dumps(payload), encoding="utf-8")
    return path


def mixed_deck(folder: Path, pdf_name: str = "vortrag.pdf", pages: int = 6) -> Path:
    """A speaker's PDF talk with two polls put between its pages."""
    make_pdf(folder / pdf_name, pages)
    deck = folder / "mit-umfragen.md"
    deck.write_text(
        f"""---
title: Sichtbar bleiben
pdf: {pdf_name}
---

![](pdf:1-2)

<!-- Hier die erste Frage ankündigen. -->

---

```poll
id: kanal
type: single
question: Welcher Kanal bringt Ihnen die meisten Anfragen?
options: [LinkedIn, Instagram, Die eigene Website]
```

---

![](pdf:3-4)

---

```poll
id: zeit
type: scale
question: Wie viele Stunden pro Woche haben Sie dafür?
min: 0
max: 5
```

---

![](pdf:5-)
""",
        encoding="utf-8",
    )
    return deck


# The synthetic Beamer deck with notes on the right (tests/data/pdf-decks/README.md).
NOTES_PDF = ROOT / "tests" / "data" / "pdf-decks" / "beamer-notes-right-synthetic.pdf"
SLIDE_BLUE = (31, 94, 191)  # its slide half
NOTES_YELLOW = (255, 255, 217)  # and its notes half


def pdftotext(pdf: Path) -> str:
    if shutil.which("pdftotext") is None:
        pytest.fail(
            "pdftotext is missing; `python3 tools/bootstrap.py test` installs poppler-utils"
        )
    return subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True,
                          text=True, check=True).stdout  # fmt: skip
