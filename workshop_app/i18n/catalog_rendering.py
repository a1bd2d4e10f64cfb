"""Messages of slide rendering on screen, paper and phone: id → (German, English)."""

from __future__ import annotations

RENDERING_MESSAGES: dict[str, tuple[str, str]] = {
    # In place of a picture whose file is there but cannot be decoded (broken, cut
    # off, not a picture at all): unlike a missing one, renaming will not help.
    "render.image_unreadable": ("Bild nicht lesbar: {name}", "image unreadable: {name}"),
}
