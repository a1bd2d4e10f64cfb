"""A deck with its images read from disk: what the renderer needs, built off the GUI thread."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from PySide6.QtGui import QImage

from workshop_app.deck import Deck, Image, Problem, Severity
from workshop_app.deck.image_filters import ImageFilter, filtered_png, image_filters
from workshop_app.deck.loader import load_deck
from workshop_app.deck.look import CANVAS, background_image_path, page_pixels
from workshop_app.deck.pdf import notes_pages_split
from workshop_app.ui.page_pictures import PagePictures
from workshop_app.ui.settings import PDF_NOTES_HALF, Settings


@dataclass(frozen=True)
class PreparedDeck:
    deck: Deck
    images: dict[Path, QImage] = field(default_factory=dict)
    # Pictures with Marp's filters applied (opacity, blur, …), by file and filters.
    filtered: dict[tuple[Path, tuple[ImageFilter, ...]], QImage] = field(default_factory=dict)
    pages: PagePictures = field(default_factory=lambda: PagePictures({}))  # a PDF's pages

    def picture(self, image: Image) -> QImage | None:
        """The picture to draw for `image`: filtered as its keywords ask, or as read."""
        if image.path is None:
            return None
        filters = image_filters(image.keywords)
        if filters:
            return self.filtered.get((image.path, filters))
        return self.images.get(image.path)


def prepare_deck(path: Path, converting: Callable[[Path], None] | None = None) -> PreparedDeck:
    """Load and check `path` and read its images; raises DeckError. Safe in a worker thread.

    `converting`: called when LibreOffice starts turning a presentation into a PDF.
    Pages as wide as a slide and its notes are split unless the speaker said no."""
    with notes_pages_split(Settings().get(PDF_NOTES_HALF)):
        deck = load_deck(path, converting)
    return prepare(deck)


def prepare(deck: Deck) -> PreparedDeck:
    images: dict[Path, QImage] = {}
    for slide in deck.slides:
        wanted = [image.path for image in slide.shown_images if image.path is not None]
        background = background_image_path(deck, slide)
        if background is not None:
            wanted.append(background)
        for path in wanted:
            if path not in images:
                images[path] = QImage(str(path))  # QImage reading is thread-safe
    filtered: dict[tuple[Path, tuple[ImageFilter, ...]], QImage] = {}
    for slide in deck.slides:
        for image in slide.shown_images:  # a footer's logo may be filtered too
            filters = image_filters(image.keywords)
            key = (image.path, filters)
            if image.path is None or not filters or key in filtered:
                continue
            loaded = images.get(image.path)
            if loaded is None or loaded.isNull():
                continue
            # Blur radii are CSS pixels of Marp's 1280-px slide; the picture has its own.
            picture = QImage.fromData(filtered_png(image.path, filters, loaded.width() / 1280))
            filtered[(image.path, filters)] = picture
    pages = PagePictures(deck.pdfs)
    first = next((slide.page for slide in deck.slides if slide.page is not None), None)
    if first is not None:  # the first page at the canvas's size: shown at once, and scaled
        aspect = deck.meta.aspect  # for any view until its own size is made
        pages.picture(first, *page_pixels(first, aspect, *CANVAS[aspect]))
    return PreparedDeck(deck, images, filtered, pages)


def unreadable_images(prepared: PreparedDeck) -> list[Problem]:
    """A warning for every image file that exists but cannot be decoded."""
    problems: list[Problem] = []
    for slide in prepared.deck.slides:
        for image in slide.shown_images:
            loaded = prepared.images.get(image.path) if image.path is not None else None
            if loaded is not None and loaded.isNull():
                problems.append(
                    Problem(
                        Severity.WARNING,
                        "image.unreadable",
                        image.line,
                        {"src": image.src},
                        prepared.deck.path,
                    )
                )
    return problems
