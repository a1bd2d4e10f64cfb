"""A slide's look, decided once: theme, classes and directives → what every surface draws.

The projector, the console's previews, `render` and the handout's slide frames
all ask `slide_look` and draw what it says: the colours (the theme's, switched
by a class such as `invert` or `lead`, then Marp's `color` and
`backgroundColor`), where the content sits (margins, centring), and the header,
footer and page number. The canvas sizes live here too, so paper scales from the
same numbers the screen lays out on.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from workshop_app.deck.model import Aspect, Deck, Slide
from workshop_app.deck.themes import Align, Colors, Theme, VAlign

# The logical canvas every slide is laid out on, in pixels (Marp's 1280×720 ×1.5).
CANVAS: dict[Aspect, tuple[int, int]] = {Aspect.WIDE: (1920, 1080), Aspect.CLASSIC: (1440, 1080)}
HEADER_SPACE = 40  # what a header line takes from the top of the content


@dataclass(frozen=True)
class SlideLook:
    colors: Colors  # the slide's colours, `background` included
    centered: bool  # text centred across
    middle: bool  # content centred top to bottom
    margin_x: int
    margin_top: int  # above the content, a header's line included
    margin_bottom: int
    header: str
    footer: str
    page: str  # "3", or "" when the slide shows no page number

    def content_box(self, aspect: Aspect) -> tuple[int, int, int, int]:
        """Left, top, width and height of the content area on the canvas."""
        width, height = CANVAS[aspect]
        return (
            self.margin_x,
            self.margin_top,
            width - 2 * self.margin_x,
            height - self.margin_top - self.margin_bottom,
        )


def slide_colors(theme: Theme, slide: Slide) -> Colors:
    """The theme's colours as this slide's classes and colour directives change them."""
    colors = theme.colors
    for name in slide.classes:
        colors = theme.variants.get(name, colors)
    if "lead" in slide.classes and theme.layout.lead:
        colors = replace(
            colors,
            background=colors.lead_background,
            text=colors.lead_text,
            heading=colors.lead_heading,
            title=colors.lead_heading,
            muted=colors.lead_text if colors.lead_background != colors.background else colors.muted,
        )
    color = slide.directives.get("color")
    if isinstance(color, str):  # the parser has made it #rrggbb
        colors = replace(colors, text=color, heading=color, title=color)
    background = slide.directives.get("backgroundColor")
    if isinstance(background, str):
        colors = replace(colors, background=background)
    return colors


def slide_look(deck: Deck, slide: Slide, theme: Theme) -> SlideLook:
    layout = theme.layout
    lead = "lead" in slide.classes and layout.lead
    header = str(slide.directives.get("header", deck.meta.header) or "")
    footer = str(slide.directives.get("footer", deck.meta.footer) or "")
    paginate = slide.directives.get("paginate", deck.meta.paginate) is True
    return SlideLook(
        colors=slide_colors(theme, slide),
        centered=lead or layout.align is Align.CENTER,
        middle=lead or layout.valign is VAlign.MIDDLE,
        margin_x=layout.margin_x,
        margin_top=layout.margin_top + (HEADER_SPACE if header else 0),
        margin_bottom=layout.margin_bottom,
        header=header,
        footer=footer,
        page=str(slide.index + 1) if paginate else "",  # as Marp numbers its pages
    )
