"""A PDF deck's original pages in the handout, as the vector graphics they are.

reportlab cannot draw another PDF's page, so the slide's frame records where
the page goes (`place`), and once reportlab has written the handout, pypdf
lays each original page into its frame (`embed_pages`): text stays text,
searchable and sharp, and `verify` reads it like the rest.
"""

from __future__ import annotations

import io
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from workshop_app.deck.model import PdfPage

if TYPE_CHECKING:  # pypdf loads Pillow: only handouts of PDF decks pay for it
    from pypdf import PageObject, Transformation

    from workshop_app.deck.pdf import PdfFile


@dataclass(frozen=True)
class Placement:
    sheet: int  # the handout's page, from 1
    page: PdfPage
    left: float  # points on the sheet, from its bottom left corner
    bottom: float
    width: float
    height: float


def place(
    canvas: Any, page: PdfPage, left: float, bottom: float, width: float, height: float
) -> None:
    """Note that `page` goes into this box of the canvas's current coordinates."""
    a, b, c, d, e, f = canvas._currentMatrix  # reportlab keeps the transform it has applied
    if b or c:  # the handout never rotates a slide; a frame that did gets no page
        return
    x0, y0 = a * left + e, d * bottom + f
    x1, y1 = a * (left + width) + e, d * (bottom + height) + f
    canvas.pdf_pages.append(
        Placement(
            canvas.getPageNumber(), page, min(x0, x1), min(y0, y1), abs(x1 - x0), abs(y1 - y0)
        )
    )


def embed_pages(path: Path, placements: Sequence[Placement], pdfs: Mapping[str, PdfFile]) -> None:
    """Lay the original pages into their frames of the handout at `path` (rewritten)."""
    if not placements:
        return
    from pypdf import PdfReader, PdfWriter
    from pypdf.generic import RectangleObject

    from workshop_app.deck.pdf import slide_box, without_notes

    writer = PdfWriter(clone_from=PdfReader(path))
    # Each source in a writer of its own: a turned page is turned in its content, which
    # pypdf does only for pages that belong to a writer.
    readers = {digest: PdfWriter(clone_from=io.BytesIO(without_notes(pdfs[digest])))
               for digest in {p.page.document for p in placements}}  # fmt: skip
    upright: set[tuple[str, int]] = set()
    for placement in placements:
        source = readers[placement.page.document].pages[placement.page.page]
        key = (placement.page.document, placement.page.page)
        if key not in upright:  # a turned page is turned in its content, once
            if source.rotation % 360:
                source.transfer_rotation_to_content()
            # A Beamer notes page: its slide half, the notes stay the speaker's. pypdf
            # clips what it merges to the crop box.
            half = slide_box(pdfs[placement.page.document], placement.page.page)
            if half is not None:
                source.cropbox = RectangleObject(half)
            upright.add(key)
        writer.pages[placement.sheet - 1].merge_transformed_page(
            source, _fitted(source, placement), over=True, expand=False
        )
    with path.open("wb") as file:
        writer.write(file)


def _fitted(source: PageObject, placement: Placement) -> Transformation:
    from pypdf import Transformation

    box = source.cropbox
    width, height = float(box.width), float(box.height)
    scale = min(placement.width / width, placement.height / height)
    left = placement.left + (placement.width - width * scale) / 2
    bottom = placement.bottom + (placement.height - height * scale) / 2
    return (
        Transformation()
        .translate(-float(box.left), -float(box.bottom))
        .scale(scale, scale)
        .translate(left, bottom)
    )
