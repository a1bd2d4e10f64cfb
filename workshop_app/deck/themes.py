"""Slide themes: colours, fonts and projector-sized type, read from resources/themes/*.toml.

Qt-free so that every surface (screen, PNG, the PDF handout) reads the same theme.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, fields
from functools import cache

from workshop_app.deck.model import THEMES
from workshop_app.i18n import Lang, current_language
from workshop_app.paths import RESOURCES_DIR

THEMES_DIR = RESOURCES_DIR / "themes"


@dataclass(frozen=True)
class Colors:
    background: str
    text: str
    heading: str
    accent: str
    accent_text: str
    muted: str
    panel: str
    panel_text: str
    panel_border: str
    rule: str
    lead_background: str
    lead_text: str
    lead_heading: str


@dataclass(frozen=True)
class Sizes:
    """Pixel sizes on the logical canvas; body text stays ≥ 40 px for the back row."""

    body: int
    h1: int
    h2: int
    h3: int
    small: int


@dataclass(frozen=True)
class Theme:
    name: str
    label: str
    label_en: str
    colors: Colors
    family: str
    mono: str
    sizes: Sizes

    def display_name(self, lang: Lang | None = None) -> str:
        return self.label if (lang or current_language()) is Lang.DE else self.label_en


class ThemeError(ValueError):
    """A theme file that is missing or incomplete (a packaging mistake, not a user's)."""


@cache
def load_theme(name: str) -> Theme:
    """The theme `name` (one of THEMES); raises ThemeError if its file is broken."""
    if name not in THEMES:
        raise ThemeError(f"unknown theme {name!r}; known: {', '.join(THEMES)}")
    path = THEMES_DIR / f"{name}.toml"
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        return Theme(
            name=name,
            label=str(data["label"]),
            label_en=str(data["label_en"]),
            colors=Colors(**{f.name: _color(data["colors"][f.name]) for f in fields(Colors)}),
            family=str(data["fonts"]["family"]),
            mono=str(data["fonts"]["mono"]),
            sizes=Sizes(**{f.name: int(data["sizes"][f.name]) for f in fields(Sizes)}),
        )
    except (OSError, tomllib.TOMLDecodeError, KeyError, TypeError, ValueError) as error:
        raise ThemeError(f"{path}: {error!r}") from error


def all_themes() -> tuple[Theme, ...]:
    return tuple(load_theme(name) for name in THEMES)


def _color(value: object) -> str:
    text = str(value)
    if len(text) != 7 or not text.startswith("#"):
        raise ValueError(f"colour {text!r} is not #rrggbb")
    int(text[1:], 16)
    return text.lower()


def contrast_ratio(first: str, second: str) -> float:
    """WCAG 2 contrast ratio of two #rrggbb colours (1 … 21)."""
    light, dark = sorted((_luminance(first), _luminance(second)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def _luminance(color: str) -> float:
    def channel(part: str) -> float:
        c = int(part, 16) / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(color[i : i + 2]) for i in (1, 3, 5))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def is_dark(color: str) -> bool:
    """Whether light text reads better than dark on `color` (#rrggbb)."""
    return contrast_ratio(color, "#ffffff") > contrast_ratio(color, "#000000")
