"""PDFs from LaTeX Beamer as decks: notes on the second screen, and 16:10 pages.

The fixtures are in tests/data/pdf-decks (README.md there says how each was made).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.commands import impuls
from tests.support.pdfs import NOTES_PDF, NOTES_YELLOW, SLIDE_BLUE, close_to, make_pdf, pdftotext
from workshop_app.deck import Aspect
from workshop_app.deck.loader import load_deck
from workshop_app.deck.look import CANVAS, page_box
from workshop_app.deck.parser import parse_deck
from workshop_app.deck.pdf import (
    NOTES_RIGHT,
    load_pdf,
    looks_like_notes_pages,
    notes_pages_split,
    read_pdf,
    render_page,
    slide_box,
)
from workshop_app.deck.pdf_deck import pdf_deck_source

DECKS = Path(__file__).resolve().parents[1] / "data" / "pdf-decks"
WIDE_1610 = DECKS / "impress-16x10.pdf"


def pixel(raster: object, x: int, y: int) -> tuple[int, int, int]:
    from workshop_app.deck.pdf import Raster

    assert isinstance(raster, Raster)
    at = y * raster.stride + 4 * x
    return raster.pixels[at], raster.pixels[at + 1], raster.pixels[at + 2]


def test_a_notes_pdf_is_its_slide_halves_with_the_notes_halves_as_notes() -> None:
    deck = load_deck(NOTES_PDF)
    assert len(deck.slides) == 3
    assert deck.meta.aspect is Aspect.WIDE  # the slide half's shape: 16:9, not 32:9
    assert [slide.title for slide in deck.slides] == ["Folie 1", "Folie 2", "Folie 3"]
    first = deck.slides[0]
    assert first.page is not None
    assert first.page.width / first.page.height == pytest.approx(16 / 9, rel=1e-3)
    # What phones and the handout read of the slide is the slide's; the notes half is
    # the speaker's notes (before: the notes were on the slide, and the notes empty).
    assert first.page.text == "Folie 1\nWas der Saal sieht"
    assert first.notes == "Notiz 1: nur fuer die Vortragende\nZweite Zeile der Notiz"
    assert not deck.warnings


def test_the_slide_half_goes_to_the_room_and_the_notes_half_to_the_speaker() -> None:
    pdf = load_pdf(NOTES_PDF)
    assert pdf.notes_side == NOTES_RIGHT
    slide = render_page(pdf, 0, 1600, 900)
    assert (slide.width, slide.height) == (1600, 900)  # before: 1600×450, both halves
    assert all(close_to(pixel(slide, x, 450), SLIDE_BLUE) for x in (5, 800, 1594))
    notes = render_page(pdf, 0, 1600, 900, notes=True)
    assert (notes.width, notes.height) == (1600, 900)
    assert all(close_to(pixel(notes, x, 890), NOTES_YELLOW) for x in (5, 800, 1594))
    # The handout lays the original page into its frame: this is the part it shows.
    assert slide_box(pdf, 0) == pytest.approx((0, 0, 453.543, 255.118), abs=0.01)


def test_pdfpc_notes_and_the_notes_half_add_up(tmp_path: Path) -> None:
    (tmp_path / "vortrag.pdf").write_bytes(NOTES_PDF.read_bytes())
    (tmp_path / "vortrag.pdfpc").write_text(
        '{"pdfpcFormat": 2, "pages": [{"idx": 1, "label": "2", "note": "Langsam!"}]}',
        encoding="utf-8",
    )
    deck = load_deck(tmp_path / "vortrag.pdf")
    assert deck.slides[1].notes == (
        "Langsam!\n\nNotiz 2: nur fuer die Vortragende\nZweite Zeile der Notiz"
    )


def test_the_session_copy_is_read_the_same_way() -> None:
    """The handout reads the PDF's bytes from the session file: the same halves."""
    source = pdf_deck_source("vortrag.pdf")
    deck = parse_deck(source, None, stored={"vortrag.pdf": NOTES_PDF.read_bytes()})
    assert [slide.title for slide in deck.slides] == ["Folie 1", "Folie 2", "Folie 3"]
    assert deck.slides[2].notes.startswith("Notiz 3")


def test_the_speaker_can_say_the_pages_are_whole() -> None:
    with notes_pages_split(False):
        deck = load_deck(NOTES_PDF)
        pdf = read_pdf(NOTES_PDF.read_bytes(), "vortrag.pdf")
    assert pdf.notes_side == ""
    page = deck.slides[0].page
    assert page is not None and looks_like_notes_pages(page.width, page.height)
    assert "Notiz 1" in page.text and deck.slides[0].notes == ""
    assert load_pdf(NOTES_PDF).notes_side == NOTES_RIGHT  # outside the block: split again


@pytest.mark.parametrize(
    ("size", "split"),
    [
        ((2 * 1024, 768), True),  # two 4:3 halves
        ((2 * 842, 595), True),  # two A4 halves
        ((2 * 1280, 720), True),  # two 16:9 halves
        ((2560, 1080), False),  # 21:9, a wide screen's own slide
        ((1280, 720), False),
    ],
)
def test_only_pages_twice_a_slides_width_are_taken_for_notes_pages(
    tmp_path: Path, size: tuple[float, float], split: bool
) -> None:
    pdf = load_pdf(make_pdf(tmp_path / "folien.pdf", 2, size))
    assert bool(pdf.notes_side) is split
    assert looks_like_notes_pages(*size) is split


def test_a_pdf_with_one_ordinary_page_is_read_whole(tmp_path: Path) -> None:
    """All pages or none: a title page of normal shape means it is no Beamer notes PDF."""
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter()
    for page in PdfReader(NOTES_PDF).pages:
        writer.add_page(page)
    writer.add_blank_page(1280, 720)
    mixed = tmp_path / "gemischt.pdf"
    with mixed.open("wb") as file:
        writer.write(file)
    assert load_pdf(mixed).notes_side == ""


def test_16_10_pages_from_impress_are_read_as_they_are() -> None:
    pdf = load_pdf(WIDE_1610)
    assert pdf.notes_side == ""
    assert pdf.pages[0].width / pdf.pages[0].height == pytest.approx(1.6, rel=1e-3)


def test_16_10_pages_get_a_16_10_canvas() -> None:
    # From the rehearsal (issue 32, item 14): Beamer's aspectratio=1610 was drawn on a
    # 16:9 canvas with bars.
    deck = load_deck(WIDE_1610)
    assert deck.meta.aspect.value == "16:10"

    assert CANVAS[deck.meta.aspect] == (1728, 1080)
    page = deck.slides[0].page
    assert page is not None
    box = page_box(page, deck.meta.aspect)
    assert (round(box.left), round(box.top)) == (0, 0)  # no bars


def test_phones_following_the_talk_get_the_slide_half() -> None:
    import io

    from PIL import Image as PILImage

    from workshop_app.voting.follow_api import page_sized

    data, _kind = page_sized(load_pdf(NOTES_PDF), 0)
    picture = PILImage.open(io.BytesIO(data)).convert("RGB")
    width, height = picture.size
    assert width / height == pytest.approx(16 / 9, rel=0.02)  # before: 32:9
    assert close_to(picture.getpixel((width - 3, height // 2)), SLIDE_BLUE, tolerance=20)


def test_the_members_handout_shows_the_slide_half_only(tmp_path: Path) -> None:
    # From the third rehearsal: the handout laid the whole page, notes half and all,
    # into the slide's frame: the members read the speaker's notes beside each slide.
    import pypdfium2 as pdfium

    handout = tmp_path / "handout.pdf"
    made = impuls("export", NOTES_PDF, "--pdf", handout)
    assert made.returncode == 0, made.stderr
    document = pdfium.PdfDocument(handout)
    try:
        first_slide = document[2]  # after the cover and the contents
        image = first_slide.render(scale=2).to_pil().convert("RGB")
        first_slide.close()
    finally:
        document.close()
    colours = {colour for _, colour in image.getcolors(maxcolors=1 << 20) or []}
    assert any(close_to(colour, SLIDE_BLUE) for colour in colours)  # the slide is there
    assert not any(close_to(colour, NOTES_YELLOW, tolerance=3) for colour in colours)
    assert "Notiz 1" not in pdftotext(handout)
