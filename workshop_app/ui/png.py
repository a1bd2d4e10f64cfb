"""Slides to PNG files, through the one renderer."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from PySide6.QtCore import QSize

from workshop_app.deck import Deck
from workshop_app.deck.themes import Theme
from workshop_app.ui.prepared import prepare
from workshop_app.ui.slide_renderer import SlideRenderer


def write_pngs(
    deck: Deck,
    targets: Iterable[tuple[int, Path]],
    *,
    size: tuple[int, int] | None = None,
    theme: Theme | None = None,
) -> list[Path]:
    """Render each (slide index, file) pair; raises OSError when a file cannot be written."""
    renderer = SlideRenderer(prepare(deck), theme)
    written: list[Path] = []
    for index, path in targets:
        image = renderer.image(index, QSize(*size) if size else None)
        path.parent.mkdir(parents=True, exist_ok=True)
        # PySide6 wants the format as str, whatever its stub says.
        if not image.save(str(path), "PNG"):  # type: ignore[call-overload]
            raise OSError(f"{path}: Qt could not write the PNG (folder writable? disk full?)")
        written.append(path)
    return written
