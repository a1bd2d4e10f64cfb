"""Slide themes: colours, fonts and projector-sized type, read from resources/themes/*.toml.

Qt-free so that every surface (screen, PNG, the PDF handout) reads the same theme.
"""

from __future__ import annotations

import colorsys
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from enum import StrEnum
from functools import cache
from types import MappingProxyType
from typing import Any

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
    title: str = ""  # a level-1 heading's colour where it differs (Marp's default theme)
    heading_strong: str = ""  # **bold** words in headings, where Marp's themes colour them
    # A header's and footer's words and the page number where a theme colours them
    # apart from `muted` (Marp's: a faint grey, Uncover's number in the text's colour)
    margin_text: str = ""
    page_text: str = ""

    @property
    def title_color(self) -> str:
        return self.title or self.heading

    @property
    def margin_color(self) -> str:
        return self.margin_text or self.muted

    @property
    def page_color(self) -> str:
        return self.page_text or self.muted


class Align(StrEnum):
    LEFT = "left"
    CENTER = "center"


class VAlign(StrEnum):
    TOP = "top"
    MIDDLE = "middle"


@dataclass(frozen=True)
class Layout:
    """Where a slide's content sits on the canvas (Marp's section padding, ×1.5)."""

    margin_x: int = 110
    margin_top: int = 84
    margin_bottom: int = 110
    align: Align = Align.LEFT
    valign: VAlign = VAlign.TOP
    lead: bool = True  # the `lead` class centres a slide (ours and Gaia; not Marp's others)
    # A slide that holds only a title is centred as one, without `lead` (our own themes;
    # Marp's keep Marp's look): deck/look.py's `title_only`.
    title_alone: bool = False
    # Where the header, footer and page number stand from the canvas's sides, and the
    # page number's size, where a theme sets them apart from the content (Marp's).
    line_x: int | None = None
    page_size: int | None = None
    line_size: int | None = None  # the header's and footer's type, where not `small`
    # The side of the triangle a theme lays under the page number in the slide's
    # bottom-right corner (Uncover's `section::after`), in canvas px; 0: none.
    page_corner: int = 0
    # How much higher than our footer's line a theme's footer and page number stand
    # (Uncover's, 30 px from the bottom edge), the number's distance from the right
    # edge where it is not `line_x`, and their letter spacing, in canvas px.
    footer_rise: int = 0
    page_rise: int = 0
    page_x: int | None = None
    line_tracking: float = 0.0
    page_tracking: float = 0.0
    # The header's and footer's words centred on a centred slide: Marp's Uncover and
    # Gaia stretch them across the slide, so they take the section's `text-align`
    # (the default theme's stand at the left, as wide as their words).
    lines_aligned: bool = False


@dataclass(frozen=True)
class Sizes:
    """Pixel sizes on the logical canvas; body text stays ≥ 40 px for the back row."""

    body: int
    h1: int
    h2: int
    h3: int
    small: int


@dataclass(frozen=True)
class Setting:
    """How a theme sets its text, as Marp's CSS does: the body's line height as a share
    of its size (None: Qt's natural spacing with a little air, our own themes), letter
    spacing and the space between blocks in canvas px, and headings 4 to 6 as shares
    of the body size."""

    line: float | None = None
    tracking: float = 0.0
    gap: float = 22.0  # canvas px below a paragraph, a list, code, a table, a picture
    item_gap: float = 14.0  # below a list's item
    heading_gap: float = 0.0  # below a heading, besides `heading_after` of its size
    heading_after: float = 0.45  # that share (deck/look.py's HEADING_AFTER)
    indent: float = 1.4  # a list level's indent in body sizes (deck/look.py's LIST_INDENT)
    # item_gap also above a nested list's first item (Gaia's `li { margin-top }`, ours);
    # Marp's default theme spaces items from each other only (`li + li`).
    nested_gap: bool = True
    quote_italic: bool = True  # ours set a quote in italics; none of Marp's themes does
    # A quote's bar down its left side (Marp's default theme: `border-left: .25em`), in
    # canvas px, in the panel's border colour; 0: none. And how far the quote's text
    # stands in; None: deck/look.py's QUOTE_INDENT.
    quote_bar: float = 0.0
    quote_indent: float | None = None
    link_underline: bool = True  # Marp's default and Uncover colour a link, no line
    code_centered: bool = False  # code as wide as its lines, in the middle (Uncover)
    # `code` in a paragraph, a list or a table as a share of the text around it (Marp's
    # default theme 85 %, Gaia 0.8em; in headings it keeps their size)
    inline_code: float = 1.0
    # That `code`'s panel beyond its letters on each side, and the space between the
    # panel and the words around it, in em of its type (Marp's padding and margin).
    code_pad: float = 0.0
    code_margin: float = 0.0
    # Canvas px between a code panel's edge and its text; None: deck/look.py's CODE_PADDING
    code_padding: float | None = None
    # Code's type in canvas px where a Marp theme sets its own (the default theme's
    # `pre { font-size: 85% }` of 29 px), as drawn; None: deck/look.py's CODE_SIZE.
    # And its lines' height as a share of the type (Marp's `pre { line-height:
    # 1.15 }`); None: the font's natural spacing (ours).
    code_size: float | None = None
    code_line: float | None = None
    # A heading's line box as a share of its size where a Marp theme sets one (the
    # default theme 1.25; Gaia and Uncover inherit the section's); None: ours.
    heading_line: float | None = None
    h4: float = 1.0
    h5: float = 1.0
    h6: float = 1.0
    # The body size a Marp theme asks for where it is no whole canvas px (the default
    # theme's 29 CSS px are 43.5 here): text is laid out at `Sizes.body` and drawn
    # this much smaller or larger, so that it breaks its lines where Marp's does.
    exact_body: float | None = None
    # The colours of code, where a Marp theme has its own (deck/code_styles.py's
    # "github", "uncover"); "": Pygments' default and github-dark, ours.
    code_colors: str = ""
    # The letter spacing of h1 to h6 in canvas px where a theme sets it apart from
    # the text's (Uncover: 2 px from h3 on, 1 px from h5); (): `tracking`.
    heading_tracking: tuple[float, ...] = ()
    # A table as Marp's default theme sets it (GitHub's): a plain header row, every
    # second row of the body on the panel, cells `padding: 6px 13px` (here in canvas
    # px, top and bottom, then the sides) and in the middle top to bottom. Off: the
    # header row on the panel, 14 px around every cell (ours, Gaia's, Uncover's).
    table_stripes: bool = False
    table_padding: tuple[float, ...] = ()


@dataclass(frozen=True)
class Theme:
    name: str
    label: str
    label_en: str
    colors: Colors
    family: str
    mono: str
    sizes: Sizes
    layout: Layout = Layout()
    setting: Setting = Setting()
    # Colour schemes a slide's class switches to (`invert`, Gaia's `gaia`).
    variants: Mapping[str, Colors] = field(default_factory=lambda: MappingProxyType({}))

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
        layout = data.get("layout", {})
        setting = data.get("setting", {})
        return Theme(
            name=name,
            label=str(data["label"]),
            label_en=str(data["label_en"]),
            colors=_colors(data["colors"]),
            family=str(data["fonts"]["family"]),
            mono=str(data["fonts"]["mono"]),
            sizes=Sizes(**{f.name: int(data["sizes"][f.name]) for f in fields(Sizes)}),
            layout=Layout(
                margin_x=int(layout.get("margin_x", Layout.margin_x)),
                margin_top=int(layout.get("margin_top", Layout.margin_top)),
                margin_bottom=int(layout.get("margin_bottom", Layout.margin_bottom)),
                align=Align(layout.get("align", Align.LEFT)),
                valign=VAlign(layout.get("valign", VAlign.TOP)),
                lead=bool(layout.get("lead", True)),
                title_alone=bool(layout.get("title_alone", False)),
                line_x=int(layout["line_x"]) if "line_x" in layout else None,
                page_size=int(layout["page_size"]) if "page_size" in layout else None,
                line_size=int(layout["line_size"]) if "line_size" in layout else None,
                page_corner=int(layout.get("page_corner", 0)),
                footer_rise=int(layout.get("footer_rise", 0)),
                page_rise=int(layout.get("page_rise", 0)),
                page_x=int(layout["page_x"]) if "page_x" in layout else None,
                line_tracking=float(layout.get("line_tracking", 0.0)),
                page_tracking=float(layout.get("page_tracking", 0.0)),
                lines_aligned=bool(layout.get("lines_aligned", False)),
            ),
            setting=_setting(setting),
            variants=MappingProxyType(
                {
                    str(name): _colors(variant["colors"])
                    for name, variant in data.get("class", {}).items()
                }
            ),
        )
    except (OSError, tomllib.TOMLDecodeError, KeyError, TypeError, ValueError) as error:
        raise ThemeError(f"{path}: {error!r}") from error


def _setting(table: Mapping[str, Any]) -> Setting:
    """A theme's [setting] table; what it leaves out keeps Setting's default."""
    default = Setting()
    values: dict[str, Any] = {}
    for f in fields(Setting):
        if f.name in table:
            floats = ("line", "heading_line", "code_padding", "quote_indent", "exact_body",
                      "code_size", "code_line")  # fmt: skip
            kind = float if f.name in floats else type(getattr(default, f.name))
            values[f.name] = kind(table[f.name])
            if f.name in ("heading_tracking", "table_padding"):
                values[f.name] = tuple(float(value) for value in table[f.name])
    return Setting(**values)


def _colors(table: dict[str, object]) -> Colors:
    values = {f.name: _color(table[f.name]) for f in fields(Colors) if f.name in table}
    return Colors(**values)


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


def readable_on(color: str, ground: str, least: float = 4.5) -> str:
    """`color` (#rrggbb), darkened (or on a dark `ground` lightened) just enough to
    keep `least`:1 against it, its hue kept; "" stays "" (the ground's text colour).
    Paper's ink on white and a theme's code colours on its panel are both this."""
    if not color or contrast_ratio(color, ground) >= least:
        return color
    red, green, blue = (int(color[i : i + 2], 16) / 255 for i in (1, 3, 5))
    hue, lightness, saturation = colorsys.rgb_to_hls(red, green, blue)
    step = 0.01 if is_dark(ground) else -0.01
    while 0.0 < lightness < 1.0:
        lightness = min(1.0, max(0.0, lightness + step))
        rgb = colorsys.hls_to_rgb(hue, lightness, saturation)
        found = "#" + "".join(f"{round(c * 255):02x}" for c in rgb)
        if contrast_ratio(found, ground) >= least:
            return found
    return "#ffffff" if is_dark(ground) else "#000000"
