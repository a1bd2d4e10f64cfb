"""CSS colours as decks write them → `#rrggbb`, the one colour form every surface draws.

Marp passes `color`, `backgroundColor` and `![bg](red)` to the browser as CSS, so
a deck may say `beige`, `#fff`, `rgb(255, 128, 0)` or `hsl(200 80% 40%)`. The
core resolves them once; the screen and the handout both receive `#rrggbb`.
Colour names come from webcolors (the CSS3 list), not a table of ours.
"""

from __future__ import annotations

import colorsys
import re

import webcolors

_FUNCTION = re.compile(r"(rgba?|hsla?)\(\s*([^)]*)\)", re.IGNORECASE)


def css_color(value: object) -> str | None:
    """`value` as `#rrggbb`, or None when it is not a colour (transparency is dropped)."""
    if not isinstance(value, str):
        return None
    text = value.strip().lower()
    if not text or len(text) > 80:
        return None
    try:
        if text.startswith("#"):
            if len(text) in (5, 9):  # #rgba, #rrggbbaa
                text = text[: len(text) - (1 if len(text) == 5 else 2)]
            return str(webcolors.normalize_hex(text))
        match = _FUNCTION.fullmatch(text)
        if match is not None:
            return _function(match.group(1), match.group(2))
        return str(webcolors.name_to_hex(text))
    except ValueError:
        return None


def _function(name: str, arguments: str) -> str | None:
    parts = [part for part in re.split(r"[\s,/]+", arguments.strip()) if part][:3]
    if len(parts) != 3:
        return None
    if name.startswith("rgb"):
        channels = [_channel(part) for part in parts]
        if any(channel is None for channel in channels):
            return None
        return "#" + "".join(f"{channel:02x}" for channel in channels if channel is not None)
    try:
        hue = float(parts[0].removesuffix("deg")) % 360 / 360
        saturation = float(parts[1].removesuffix("%")) / 100
        lightness = float(parts[2].removesuffix("%")) / 100
    except ValueError:
        return None
    r, g, b = colorsys.hls_to_rgb(hue, min(max(lightness, 0), 1), min(max(saturation, 0), 1))
    return "#" + "".join(f"{round(c * 255):02x}" for c in (r, g, b))


def _channel(part: str) -> int | None:
    try:
        number = float(part[:-1]) * 2.55 if part.endswith("%") else float(part)
    except ValueError:
        return None
    return round(min(max(number, 0), 255))
