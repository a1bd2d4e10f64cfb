"""A deck with its images read from disk: what the renderer needs, built off the GUI thread."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from PySide6.QtGui import QImage

from workshop_app.deck import Deck, Problem, Severity
from workshop_app.deck.loader import load_deck
from workshop_app.deck.look import background_image_path


@dataclass(frozen=True)
class PreparedDeck:
    deck: Deck
    images: dict[Path, QImage] = field(default_factory=dict)


def prepare_deck(path: Path) -> PreparedDeck:
    """Load and check `path` and read its images; raises DeckError. Safe in a worker thread."""
    return prepare(load_deck(path))


def prepare(deck: Deck) -> PreparedDeck:
    images: dict[Path, QImage] = {}
    for slide in deck.slides:
        wanted = [image.path for image in slide.images if image.path is not None]
        background = background_image_path(deck, slide)
        if background is not None:
            wanted.append(background)
        for path in wanted:
            if path not in images:
                images[path] = QImage(str(path))  # QImage reading is thread-safe
    return PreparedDeck(deck, images)


def unreadable_images(prepared: PreparedDeck) -> list[Problem]:
    """A warning for every image file that exists but cannot be decoded."""
    problems: list[Problem] = []
    for slide in prepared.deck.slides:
        for image in slide.images:
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
