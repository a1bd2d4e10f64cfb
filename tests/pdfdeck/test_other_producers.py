"""PDFs that others made: Chromium's (Skia, the engine Marp CLI prints with) and
LibreOffice's (tests/pdfdeck/test_office.py), not only reportlab's.

Chromium prints an HTML page of 16:9 slides the way Marp CLI's `--pdf` does: one
CSS page per slide, text as text, a web font-less system face.
"""

from __future__ import annotations

from pathlib import Path

from playwright.sync_api import Browser

from tests.support.commands import impuls
from tests.support.pdfs import close_to
from workshop_app.deck import Aspect
from workshop_app.deck.loader import load_deck

SLIDES = [
    ("Warum Mittelständler posten sollten", "#1d4e89"),
    ("Drei Kanäle, ein Redaktionsplan", "#b5341c"),
    ("Was wir messen – und was nicht", "#2e7d32"),
]

HTML = (
    """<!doctype html><html lang="de"><head><meta charset="utf-8"><style>
@page { size: 1280px 720px; margin: 0; }
body { margin: 0; font-family: sans-serif; }
section { width: 1280px; height: 720px; box-sizing: border-box; padding: 60px 80px;
          break-after: page; }
h1 { font-size: 56px; margin: 0 0 40px; color: white; padding: 20px; }
li { font-size: 36px; }
</style></head><body>
"""
    + "".join(
        f'<section><h1 style="background:{color}">{title}</h1>'
        f"<ul><li>Punkt eins zu Folie {n}</li><li>Punkt zwei</li></ul></section>"
        for n, (title, color) in enumerate(SLIDES, start=1)
    )
    + "</body></html>"
)


def test_a_pdf_printed_by_chromium_opens_renders_and_hands_out(
    browser: Browser, tmp_path: Path
) -> None:
    page = browser.new_page()
    page.set_content(HTML)
    pdf = tmp_path / "aus-chromium.pdf"
    page.pdf(path=str(pdf), prefer_css_page_size=True, print_background=True)
    page.close()

    deck = load_deck(pdf)
    assert [slide.title for slide in deck.slides] == [title for title, _ in SLIDES]
    assert deck.meta.aspect is Aspect.WIDE
    assert "Punkt eins zu Folie 2" in deck.slides[1].page.text  # type: ignore[union-attr]

    from PIL import Image as PILImage

    out = tmp_path / "zwei.png"
    rendered = impuls("render", pdf, "--slide", 2, "--out", out, "--size", "1280x720")
    assert rendered.returncode == 0, rendered.stderr
    with PILImage.open(out) as picture:
        # Every channel within 11 of the band's #b5341c (the old tuple comparison held
        # only the red channel to it).
        assert close_to(picture.convert("RGB").getpixel((1185, 75)), (0xB5, 0x34, 0x1C), 11)

    from pypdf import PdfReader

    handout = tmp_path / "handout.pdf"
    exported = impuls("export", pdf, "--pdf", handout)
    assert exported.returncode == 0, exported.stderr
    text = " ".join(sheet.extract_text() for sheet in PdfReader(handout).pages)
    assert "Punkt eins zu Folie 3" in text
