"""A deck's own files: what it names inside its folder, and nothing outside it.

A deck someone sent could name `../../Bilder/privat.png` or `file:///home/…`,
and Impuls would show that picture on every phone in the room and print it in
the handout. Every file a deck names is looked up here.
"""

from __future__ import annotations

from pathlib import Path


def in_deck_folder(folder: Path, reference: str) -> Path | None:
    """The file `reference` names relative to the deck's `folder`, resolved (links
    followed), if it lies in that folder or below; None if it lies outside."""
    target = (folder / reference).resolve()
    return target if target.is_relative_to(folder.resolve()) else None
