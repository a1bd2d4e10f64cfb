"""Marp's image filters, applied once in the core for the screen and the paper."""

from __future__ import annotations

import io
from pathlib import Path

from PIL import Image

from workshop_app.deck.image_filters import ImageFilter, filtered_png, image_filters


def test_filters_are_read_from_the_keywords_with_marps_defaults() -> None:
    keywords = ("bg", "left:33%", "opacity:20%", "blur:8px", "grayscale", "hue-rotate:355deg")
    assert image_filters(keywords) == (
        ImageFilter("opacity", 0.2),
        ImageFilter("blur", 8.0),
        ImageFilter("grayscale", 1.0),
        ImageFilter("hue-rotate", 355.0),
    )
    assert image_filters(("opacity",)) == (ImageFilter("opacity", 0.5),)
    assert image_filters(("w:300", "contain", "opacity:viel")) == ()


def test_opacity_and_grayscale_change_the_pixels(tmp_path: Path) -> None:
    path = tmp_path / "rot.png"
    Image.new("RGB", (40, 20), "#ff0000").save(path)
    faded = Image.open(io.BytesIO(filtered_png(path, (ImageFilter("opacity", 0.3),))))
    assert faded.getpixel((5, 5)) == (255, 0, 0, round(255 * 0.3))
    grey = Image.open(io.BytesIO(filtered_png(path, (ImageFilter("grayscale", 1.0),))))
    red, green, blue, alpha = grey.getpixel((5, 5))  # type: ignore[misc]
    assert red == green == blue and alpha == 255
