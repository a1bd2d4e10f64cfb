"""Marp's image filters (`opacity:.3`, `brightness`, `blur:4px`, …) applied to the picture.

Marp hands them to the browser as CSS filters. Decks lay photos behind text with
`opacity` or `brightness` so the text stays readable; drawn unfiltered, the same
photo can swallow the text. The core applies them once, with Pillow (reportlab's
own image library), and both the screen and the handout draw the result.
Defaults are Marp's (marpit `src/markdown/image/parse.js`).
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

DEFAULTS = {
    "blur": "10px", "brightness": "1.5", "contrast": "2", "grayscale": "1",
    "hue-rotate": "180deg", "invert": "1", "opacity": ".5", "saturate": "2", "sepia": "1",
}  # fmt: skip


@dataclass(frozen=True)
class ImageFilter:
    name: str
    amount: float  # a factor (1 = unchanged), degrees for hue-rotate, pixels for blur


def image_filters(keywords: tuple[str, ...]) -> tuple[ImageFilter, ...]:
    """The filters among an image's Marp keywords, in their order (as CSS applies them)."""
    found: list[ImageFilter] = []
    for keyword in keywords:
        name, _, value = keyword.partition(":")
        if name not in DEFAULTS:
            continue
        amount = _amount(value or DEFAULTS[name])
        if amount is not None:
            found.append(ImageFilter(name, amount))
    return tuple(found)


def _amount(value: str) -> float | None:
    text = value.strip().lower()
    for unit in ("deg", "px"):
        text = text.removesuffix(unit)
    try:
        return float(text[:-1]) / 100 if text.endswith("%") else float(text)
    except ValueError:
        return None


@lru_cache(maxsize=64)
def filtered_png(path: Path, filters: tuple[ImageFilter, ...], scale: float = 1.0) -> bytes:
    """The image at `path` with `filters` applied, as PNG bytes (alpha kept).

    `scale` converts CSS pixels (blur radius) to the image's own pixels.
    """
    from PIL import Image, ImageEnhance, ImageOps
    from PIL import ImageFilter as PilFilter

    with Image.open(path) as opened:
        image = opened.convert("RGBA")
    for step in filters:
        alpha = image.getchannel("A")
        rgb = image.convert("RGB")
        if step.name == "opacity":
            alpha = alpha.point(lambda value, f=step.amount: round(value * min(max(f, 0), 1)))
        elif step.name == "blur":
            rgb = rgb.filter(PilFilter.GaussianBlur(radius=max(step.amount * scale, 0)))
        elif step.name == "brightness":
            rgb = ImageEnhance.Brightness(rgb).enhance(step.amount)
        elif step.name == "contrast":
            rgb = ImageEnhance.Contrast(rgb).enhance(step.amount)
        elif step.name == "saturate":
            rgb = ImageEnhance.Color(rgb).enhance(step.amount)
        elif step.name == "grayscale":
            rgb = Image.blend(rgb, ImageOps.grayscale(rgb).convert("RGB"), min(step.amount, 1))
        elif step.name == "sepia":
            sepia = ImageOps.colorize(ImageOps.grayscale(rgb), "#2e1f0f", "#fff5e0")
            rgb = Image.blend(rgb, sepia, min(step.amount, 1))
        elif step.name == "invert":
            rgb = Image.blend(rgb, ImageOps.invert(rgb), min(step.amount, 1))
        elif step.name == "hue-rotate":
            hsv = rgb.convert("HSV")
            hue, saturation, value = hsv.split()
            turn = round(step.amount / 360 * 255)
            hue = hue.point(lambda h, t=turn: (h + t) % 256)
            rgb = Image.merge("HSV", (hue, saturation, value)).convert("RGB")
        image = rgb.convert("RGBA")
        image.putalpha(alpha)
    out = io.BytesIO()
    image.save(out, "PNG")
    return out.getvalue()
