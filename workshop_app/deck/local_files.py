"""A deck's own files: what it names inside its folder, and nothing outside it.

A deck someone sent could name `../../Bilder/privat.png` or `file:///home/…`,
and Impuls would show that picture on every phone in the room and print it in
the handout. Every file a deck names is looked up here.
"""

from __future__ import annotations

import re
from pathlib import Path


def in_deck_folder(folder: Path, reference: str) -> Path | None:
    """The file `reference` names relative to the deck's `folder`, resolved (links
    followed), if it lies in that folder or below; None if it lies outside."""
    target = (folder / reference).resolve()
    return target if target.is_relative_to(folder.resolve()) else None


# A picture's pixels, decoded, are what a surface holds in memory: four bytes each.
# An 8K photo has 33 million; the projector shows 2 million. A small PNG can claim
# 169 million (13,000 × 13,000): six phones asking for it took the server to 4 GB.
MAX_PICTURE_PIXELS = 40_000_000


def oversized_picture(path: Path) -> int | None:
    """The pixels of a picture with more of them than any surface decodes, read from
    its header alone; None for any other file (SVG, or one no reader knows)."""
    import warnings

    from PIL import Image, UnidentifiedImageError  # only for decks with pictures

    try:
        with warnings.catch_warnings():  # Pillow's own warning: we decide here instead
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            with Image.open(path) as opened:  # lazy: the header, not the pixels
                pixels = opened.width * opened.height
    except Image.DecompressionBombError as error:  # over twice Pillow's limit
        said = re.search(r"\((\d+) pixels\)", str(error))
        return int(said.group(1)) if said else MAX_PICTURE_PIXELS + 1
    except (OSError, UnidentifiedImageError, ValueError):
        return None  # not a picture Pillow reads: each surface says so in its own way
    return pixels if pixels > MAX_PICTURE_PIXELS else None
