"""A slide's look, decided once: theme, classes and directives → what every surface draws.

The projector, the console's previews, `render` and the handout's slide frames
all ask `slide_look` and draw what it says: the colours (the theme's, switched
by a class such as `invert` or `lead`, then Marp's `color` and
`backgroundColor`), where the content sits (margins, centring), and the header,
footer and page number. The canvas sizes live here too, so paper scales from the
same numbers the screen lays out on, and so do the sizes of what a slide holds:
code (its type size, where its lines wrap), a list's indent, an image in the
text, a fitted heading. Each surface only measures its own fonts.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from enum import StrEnum
from pathlib import Path, PurePosixPath
from typing import TypeVar
from urllib.parse import unquote, urlsplit

from workshop_app.deck.highlight import CodeLine, Token
from workshop_app.deck.local_files import in_deck_folder
from workshop_app.deck.model import (
    MARP_THEMES,
    Aspect,
    Block,
    Deck,
    FontSize,
    Heading,
    Image,
    ListBlock,
    MarginLine,
    Paragraph,
    PdfPage,
    Quote,
    Slide,
    SlideStyle,
    plain_text,
)
from workshop_app.deck.themes import (
    Align,
    Colors,
    Setting,
    Sizes,
    Theme,
    VAlign,
    contrast_ratio,
    is_dark,
    load_theme,
    readable_on,
)
from workshop_app.i18n import tr

# The logical canvas every slide is laid out on, in pixels (Marp's 1280×720 ×1.5).
CANVAS: dict[Aspect, tuple[int, int]] = {
    Aspect.WIDE: (1920, 1080),
    Aspect.WIDE_1610: (1728, 1080),  # 16:10
    Aspect.CLASSIC: (1440, 1080),
    Aspect.A4: (1527, 1080),  # 297:210, landscape: what LibreOffice and PowerPoint print
}
MARP_PX = 1.5  # one of Marp's CSS pixels on our canvas (`w:300` is 450 here)
INLINE_IMAGE_SHARE = 0.6  # an image in the text takes at most this share of its height
HEADER_SPACE = 40  # what a header line takes from the top of the content
# The header's and the footer's line: top edge and height (the footer's top is
# counted from the canvas's bottom). A logo taller than the line is scaled down.
HEADER_TOP, FOOTER_TOP_FROM_BOTTOM, MARGIN_LINE_HEIGHT = 28, 76, 50
# Text that does not fit shrinks in these steps, on the screen and on paper alike;
# below the last (44 px body text at 31 px, still readable from the back of a room)
# it is cut off and `check` warns, as Marp cuts off an overfull slide.
SHRINK_STEPS = (1.0, 0.92, 0.85, 0.78, 0.7)
# A `<!--fit-->` heading fills the width on one line, as Marp's fitting header does,
# short ones growing as much as long ones shrink. Marp's themes stop it at the
# content's height (`max-height: 563px` in a 720-px slide); here its line and the
# space below it (this many times its size) stay within that height.
FIT_LINE = 1.7


def marp_cuts(deck: Deck) -> bool:
    """Whether an overfull slide is cut off at its full type size, as Marp cuts it: in a
    deck written for Marp (`marp: true`) in one of Marp's themes, so that it looks as
    its author saw it in Marp. Our own themes (which our decks and templates use, with
    `marp: true` too) shrink the text first, kinder to a speaker's last-minute line."""
    return deck.meta.marp and deck.meta.theme in MARP_THEMES


def shrink_steps(deck: Deck) -> tuple[float, ...]:
    """The type sizes, largest first, a slide's text tries until it fits, on the screen
    and on paper (see `marp_cuts`)."""
    return (1.0,) if marp_cuts(deck) else SHRINK_STEPS


def fitted_size(size: float, text_width: float, room: float, tall: float) -> float:
    """The size at which a heading `text_width` wide at `size` fills `room` on one
    line, at most as large as a content `tall` high holds."""
    if text_width <= 0:
        return size
    return max(size * 0.3, min(size * room / text_width * 0.98, tall / FIT_LINE))


def _asked_size(keywords: tuple[str, ...]) -> tuple[float | None, float | None]:
    """The width and height Marp's `w:300` / `h:200px` keywords ask for, in canvas px."""
    width = height = None
    for keyword in keywords:
        key, _, value = keyword.partition(":")
        digits = value.removesuffix("px")
        if key in ("w", "width") and digits.isdigit():
            width = float(digits) * MARP_PX
        elif key in ("h", "height") and digits.isdigit():
            height = float(digits) * MARP_PX
    return width, height


def inline_image_size(
    keywords: tuple[str, ...], natural: tuple[float, float], room: tuple[float, float]
) -> tuple[float, float]:
    """An image in the text, in canvas px before the shrink step, in a content box of
    `room` (width, height); the screen and paper draw it at this size times the step.

    A size the deck asks for (`w:`, `h:`) is kept, as Marp keeps it, within the
    column's width (Marp's `max-width: 100%`) and, unlike Marp, which cuts it off,
    within the content's height. An image without one takes at most
    INLINE_IMAGE_SHARE of the height, leaving room for the text around it.
    """
    width, height = keyword_size(keywords, natural)
    asked = _asked_size(keywords) != (None, None)
    tallest = room[1] * (1.0 if asked else INLINE_IMAGE_SHARE)
    factor = min(1.0, room[0] / max(width, 1e-6), tallest / max(height, 1e-6))
    return width * factor, height * factor


def keyword_size(keywords: tuple[str, ...], natural: tuple[float, float]) -> tuple[float, float]:
    """An image's size by Marp's `w:300` / `h:200px` keywords, keeping its aspect
    when only one is given; its own size without them."""
    width, height = _asked_size(keywords)
    ratio = natural[1] / max(natural[0], 1)
    if width and not height:
        height = width * ratio
    elif height and not width:
        width = height / max(ratio, 1e-6)
    return (width or natural[0], height or natural[1])


def image_trouble(image: Image) -> str:
    """The words shown in place of a picture that cannot be drawn: missing when the
    deck's loading found no file (the parser leaves its path empty), else unreadable
    (there, but broken, cut off or not a picture), with the picture's name."""
    message_id = "render.image_missing" if image.path is None else "render.image_unreadable"
    return tr(message_id, name=shown_name(image.src))


TROUBLE_PADDING = 24  # canvas px above and below the words of a missing picture's frame


def trouble_padding(theme: Theme, inner: float, ours: float = TROUBLE_PADDING) -> float:
    """Canvas px above and below the words in a missing picture's frame, whose words
    and borders take `inner` canvas px: where a theme sets its lines' height (Marp's),
    as much as makes the frame a line of its text high, as Marp's broken picture and
    its alt text take a line, so that what follows stands where it stands there;
    `ours` in our own themes."""
    line = theme.setting.line
    if line is None:
        return ours
    return max(0.0, (line * theme.sizes.body - inner) / 2)


def shown_name(src: str) -> str:
    """A picture's name as a slide, a phone or a handout may print it: as the deck
    wrote it within its folder, else its file name alone. A handout travels; the
    organizer's folders ("/home/…/evil.svg") are nobody else's business."""
    path = PurePosixPath(unquote(urlsplit(src).path).replace("\\", "/"))
    inside = not (urlsplit(src).scheme or path.is_absolute() or ".." in path.parts)
    return src if inside else path.name


def margin_image_size(image: Image, natural: tuple[float, float]) -> tuple[float, float]:
    """A header's or footer's image (a logo): its keywords' size, fitted into the line."""
    width, height = keyword_size(image.keywords, natural)
    if height > MARGIN_LINE_HEIGHT:
        width, height = width * MARGIN_LINE_HEIGHT / height, MARGIN_LINE_HEIGHT
    return width, height


# ---------------------------------------------------------------- code and lists

CODE_SIZE = 36  # canvas px: code's type when its longest line fits at that size
CODE_PADDING = 18  # canvas px between the code panel's edge and its text
CODE_FRAME = 8  # what the panel's border and spacing take besides its padding
# Marp scales code down without a limit until its longest line fits. Below 18 canvas
# px (12 of Marp's CSS px, 1.7 % of the slide's height) nobody past the third row
# reads it, so here a longer line wraps instead: on the wall and on paper alike.
CODE_LEAST = 18
MONO_ADVANCE = 0.61  # a monospace character's width in em (DejaVu Sans Mono: 0.602)
MONO_WIDTH = 0.602  # …and exactly: a browser scales code until its longest line fits
TAB_STOP = 4  # a tab in code moves to the next multiple of four columns
# How far each level of a list is indented, in body text's size: room for a bullet
# or "10." before the text, on the screen and on paper.
LIST_INDENT = 1.4
# A theme that does not say how high its lines are (our own) sets them at the font's
# natural line spacing and this much more: a little air for projected text.
LINE_AIR = 1.15
QUOTE_INDENT = 48  # canvas px a quote stands in from the text around it


def text_drop(
    theme: Theme, blocks: Sequence[Block], natural: float, natural_bold: float, *, centred: bool
) -> float:
    """How far below where the surface puts it the text stands in Marp, in canvas px
    at full size. A browser gives a line's extra height (line-height beyond the
    font's `natural` spacing, in em) half above and half below its text; Qt and
    reportlab give it all below. So Marp's first line stands its top half lower,
    and a centred slide, whose last line has only its bottom half below it there,
    half of that and of the last line's half lower. Themes that do not set line
    heights (ours) keep their text where it is."""
    if not blocks or theme.setting.line is None:
        return 0.0
    first, last = blocks[0], blocks[-1]
    body = (theme.setting.line - natural) / 2 * theme.sizes.body
    above = body if isinstance(first, Paragraph | ListBlock | Quote) else 0.0
    if isinstance(first, Heading) and theme.setting.heading_line is not None:
        size = heading_size(theme, first.level)
        above = (theme.setting.heading_line - natural_bold) / 2 * size
    if not centred:
        return max(0.0, above)
    below = body if isinstance(last, Paragraph | ListBlock | Quote) else 0.0
    return max(0.0, (above + below) / 2)


@dataclass(frozen=True)
class CodeFit:
    size: int  # canvas px
    columns: int | None  # lines longer than this many characters wrap; None: none do
    # The size before a surface rounds it down to whole px: where its lines stand
    # (`code_leading`), as a browser scales code to fit, lines and all
    exact: float = 0.0


def heading_size(theme: Theme, level: int) -> float:
    """A heading's type size in canvas px, on every surface: the theme's h1 to h3, then
    h4 to h6 as Marp's themes size them from the body (Uncover's h4 is 1.2 times it)."""
    sizes, setting = theme.sizes, theme.setting
    return {
        1: sizes.h1,
        2: sizes.h2,
        3: sizes.h3,
        4: sizes.body * setting.h4,
        5: sizes.body * setting.h5,
        6: sizes.body * setting.h6,
    }.get(level, sizes.body)


def heading_tracking(setting: Setting, level: int) -> float:
    """The letter spacing of a level-`level` heading, canvas px (Uncover spaces h3
    and h4 2 CSS px apart, h5 and h6 1, its text 3)."""
    spacing = setting.heading_tracking
    return spacing[level - 1] if level <= len(spacing) else setting.tracking


def heading_leading(theme: Theme, size: float) -> float | None:
    """How far apart a wrapped heading's lines of `size` stand, in its units: the
    theme's `heading_line` times it (Marp's themes); None: the font's natural spacing.
    Where it is set, each surface takes what its line then stands taller than the
    natural one from the space below, so a heading of one line stands where it did."""
    line = theme.setting.heading_line
    return None if line is None else line * size


def heading_space(theme: Theme, size: float) -> float:
    """Canvas px below a heading of `size`, on every surface (Marp's themes add theirs)."""
    return size * theme.setting.heading_after + theme.setting.heading_gap


def code_fit(
    longest: int,
    width: float,
    step: float = 1.0,
    padding: float | None = None,
    largest: float = CODE_SIZE,
) -> CodeFit:
    """The type size of a code block whose longest line has `longest` characters, in a
    column `width` canvas px wide, at shrink step `step`, in a panel `padding` canvas
    px around its text (the theme's, see `code_padding`), at most `largest` (the
    theme's, see `code_size`); and where its lines wrap."""
    room = width - 2 * code_padding(step, padding) - CODE_FRAME
    full = largest * step
    size = math.floor(min(round(full), room / (MONO_ADVANCE * max(longest, 1))))
    if size >= CODE_LEAST:
        return CodeFit(size, None, min(full, room / (MONO_WIDTH * max(longest, 1))))
    return CodeFit(CODE_LEAST, max(1, math.floor(room / (MONO_ADVANCE * CODE_LEAST))), CODE_LEAST)


def code_size(theme: Theme) -> float:
    """Code's largest type in canvas px as laid out: the theme's `code_size` (as
    drawn, so laid out that much over `type_scale`), else CODE_SIZE."""
    size = theme.setting.code_size
    return CODE_SIZE if size is None else size / type_scale(theme)


def code_leading(theme: Theme, fit: CodeFit) -> float | None:
    """How far apart code's lines stand, in `fit.size`'s units: the theme's `code_line`
    times the size before rounding, as Marp's lines scale with code scaled to fit;
    None: the font's natural spacing (our themes)."""
    line = theme.setting.code_line
    return None if line is None else line * (fit.exact or fit.size)


def type_scale(theme: Theme) -> float:
    """How much larger than laid out a slide's text is drawn, on the screen and on
    paper alike: the theme's exact body size over the whole px its text is set in
    (Marp's default theme: 43.5 / 44). The text is laid out in a column as much
    wider, so that its lines break where they break at the exact size."""
    exact = theme.setting.exact_body
    return exact / theme.sizes.body if exact else 1.0


def quote_indent(setting: Setting) -> float:
    """Canvas px a quote's text stands in from the text around it (a bar included)."""
    return QUOTE_INDENT if setting.quote_indent is None else setting.quote_indent


def quote_bar_span(theme: Theme, natural: float) -> float:
    """How far a quote's bar reaches above its first line's letters and below its
    last one's, in canvas px: half of what a line sets beyond the font's `natural`
    spacing (in em), as a browser's line box holds its text in the middle."""
    if theme.setting.line is None:
        return 0.0
    return max(0.0, (theme.setting.line - natural) * theme.sizes.body / 2)


def inline_code_space(setting: Setting, size: float) -> tuple[float, float]:
    """`code` in the text, set at `size`: how far its panel reaches beyond its letters
    on each side and how far the words around it stand from the panel (Marp's
    `padding` and `margin` on `code`), in the same units as `size`."""
    return setting.code_pad * size, setting.code_margin * size


def code_padding(step: float = 1.0, padding: float | None = None) -> int:
    """Canvas px between the code panel's edge and its text: the theme's `padding`
    (Marp's default theme 16 CSS px) or CODE_PADDING, at shrink step `step`."""
    return round((CODE_PADDING if padding is None else padding) * step)


def list_indent(body_size: float, share: float = LIST_INDENT) -> float:
    """One level of a list's indent for body text of `body_size`; `share`: the theme's
    (Marp's Gaia and Uncover leave the browser's 40 px, 1.14 and 1 times their type)."""
    return body_size * share


# A wrapped code line breaks after one of these, as editors break at word boundaries.
BREAK_AFTER = " ,;+-*/=|&)]}>"


def wrapped_code(lines: tuple[CodeLine, ...], columns: int | None) -> tuple[CodeLine, ...]:
    """Code's lines as every surface draws them: tabs as spaces to the next stop (as
    `longest_line` counts them) and, with `columns`, longer lines broken after their
    last space or operator in the second half of the width, else at the width."""
    wrapped: list[CodeLine] = []
    for line in lines:
        line = _expanded(line)
        wrapped.extend(_broken(line, columns) if columns is not None else (line,))
    return tuple(wrapped)


def _expanded(line: CodeLine) -> CodeLine:
    if not any("\t" in token.text for token in line):
        return line
    column, tokens = 0, []
    for token in line:
        text = []
        for char in token.text:
            if char == "\t":
                char = " " * (TAB_STOP - column % TAB_STOP)
            text.append(char)
            column += len(char)
        tokens.append(replace(token, text="".join(text)))
    return tuple(tokens)


def _broken(line: CodeLine, columns: int) -> list[CodeLine]:
    text = "".join(token.text for token in line)
    cuts, start = [], 0
    while len(text) - start > columns:
        window = text[start + columns // 2 : start + columns]
        after = max(window.rfind(char) for char in BREAK_AFTER)
        start = start + columns // 2 + after + 1 if after >= 0 else start + columns
        cuts.append(start)
    if not cuts:
        return [line]
    pieces: list[CodeLine] = []
    current: list[Token] = []
    position, ends = 0, iter([*cuts, len(text) + 1])
    end = next(ends)
    for token in line:
        rest = token
        while position + len(rest.text) > end:
            head = end - position
            if head:
                current.append(replace(rest, text=rest.text[:head]))
            pieces.append(tuple(current))
            current, rest, position = [], replace(rest, text=rest.text[head:]), end
            end = next(ends)
        if rest.text:
            current.append(rest)
        position += len(rest.text)
    pieces.append(tuple(current))
    return pieces


@dataclass(frozen=True)
class SlideLook:
    colors: Colors  # the slide's colours, `background` included
    centered: bool  # text centred across
    middle: bool  # content centred top to bottom
    margin_x: int
    margin_top: int  # above the content, a header's line included
    margin_bottom: int
    header: MarginLine
    footer: MarginLine
    page: str  # "3", or "" when the slide shows no page number
    theme: Theme  # the deck's theme as the deck's own CSS changes it on this slide
    line_x: int = 0  # the header's, footer's and page number's distance from the sides
    page_size: int = 27  # the page number's type
    line_size: int = 27  # the header's and footer's type
    lines_centered: bool = False  # the header's and footer's words in the middle

    def content_box(self, aspect: Aspect) -> tuple[int, int, int, int]:
        """Left, top, width and height of the content area on the canvas."""
        width, height = CANVAS[aspect]
        return (
            self.margin_x,
            self.margin_top,
            width - 2 * self.margin_x,
            height - self.margin_top - self.margin_bottom,
        )


# The room's reactions rise in the right margin (ui/reaction_lane.py): this far from the
# text's edge and the canvas's, and not at all where less than REACTION_LANE_LEAST is left.
REACTION_LANE_CLEAR, REACTION_LANE_LEAST = 12, 48


def reaction_lane(look: SlideLook, aspect: Aspect, text_right: float) -> Box | None:
    """Where the projector shows the room's reactions: the right margin between the
    header's and the footer's lines, right of everything the slide writes
    (`text_right`: the text's clip, a poll's join card, a PDF page), or None."""
    width, height = CANVAS[aspect]
    left = max(width - look.margin_x, text_right) + REACTION_LANE_CLEAR
    right = width - REACTION_LANE_CLEAR
    if right - left < REACTION_LANE_LEAST:
        return None
    return Box(left, look.margin_top, right - left, height - look.margin_top - look.margin_bottom)


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
    chosen = colors  # the class's own ground, and words for it
    colors = _styled_colors(colors, slide.style)
    color = slide.directives.get("color")
    if isinstance(color, str):  # the parser has made it #rrggbb
        colors = replace(colors, text=color, heading=color, title=color)
    background = slide.directives.get("backgroundColor")
    if isinstance(background, str):
        colors = replace(colors, background=background)
    style = slide.style
    words_named = isinstance(color, str) or (style.text, style.heading, style.title) != (None,) * 3
    if colors.background != chosen.background and not words_named:
        colors = _readable_words(colors, theme.colors)
    return colors


# Below this, words on a ground are hard to read even as large type (WCAG's 3:1).
HARD_TO_READ = 3.0


def _readable_words(colors: Colors, plain: Colors) -> Colors:
    """Words a class chose for its own ground (`lead`'s white on blue), put by a deck's
    background (`backgroundColor`, a gradient's mean, CSS) on another ground that they
    do not stand out from: as the theme writes on a plain slide if that reads there,
    else darkened or lightened until they do. (Words the deck names are left to it.)"""
    ground = colors.background
    if contrast_ratio(colors.text, ground) >= HARD_TO_READ:
        return colors
    words = plain if contrast_ratio(plain.text, ground) >= HARD_TO_READ else colors
    return replace(
        colors,
        text=readable_on(words.text, ground),
        heading=readable_on(words.heading, ground, HARD_TO_READ),
        title=readable_on(words.title, ground, HARD_TO_READ),
        muted=readable_on(words.muted, ground, HARD_TO_READ),
    )


# A title slide's line under the title (a subtitle, who and when) is short; a longer
# paragraph is text, and the slide keeps the theme's place for text.
SUBTITLE_LONGEST = 140


def title_only(slide: Slide) -> bool:
    """The slide holds a title and nothing else: a level-1 heading, perhaps with one
    short paragraph or lower heading under it (a subtitle), and background images.

    Such a slide is a title or a section's divider, as PowerPoint's and Keynote's
    title layouts are; our themes centre it as `lead` does (not Marp's themes)."""
    shown = [b for b in slide.blocks if not (isinstance(b, Image) and b.background)]
    if not shown or not isinstance(shown[0], Heading) or shown[0].level != 1:
        return False
    if len(shown) == 1:
        return True
    if len(shown) > 2:
        return False
    under = shown[1]
    if isinstance(under, Heading):
        return under.level > 1 and len(under.text) <= SUBTITLE_LONGEST
    return isinstance(under, Paragraph) and 0 < len(plain_text(under.spans)) <= SUBTITLE_LONGEST


def _styled_colors(colors: Colors, style: SlideStyle) -> Colors:
    """The deck's CSS over a class's colours; Marp's colour directives, written on the
    section itself, still win over it."""
    if style.text is not None:  # as the `color` directive does
        colors = replace(colors, text=style.text, heading=style.text, title=style.text)
    if style.heading is not None:
        colors = replace(colors, heading=style.heading, title=colors.title_color)
    if style.title is not None:
        colors = replace(colors, title=style.title)
    if style.background is not None:
        colors = replace(colors, background=style.background)
    return colors


def _css_px(size: FontSize, em: float) -> float:
    """A CSS font size in canvas px, `em` being the canvas px it is a share of."""
    return size.value * em if size.relative else size.value * MARP_PX


def styled_theme(theme: Theme, style: SlideStyle) -> Theme:
    """The theme's type sizes, spacing, alignment and padding as the deck's CSS sets
    them on a slide. Marp's themes size headings and the space between blocks in em
    of the section's type, so a section's `font-size` carries them along; a heading's
    or a paragraph's own size is that one alone."""
    if style == SlideStyle():
        return theme
    sizes, setting, layout = theme.sizes, theme.setting, theme.layout
    section = _css_px(style.size, sizes.body) if style.size else float(sizes.body)
    factor = section / sizes.body
    text = _css_px(style.text_size, section) if style.text_size else section
    asked = style.heading_sizes

    def heading(level: int, own: float) -> float:
        size = asked[level - 1]
        return _css_px(size, section) if size is not None else own * factor

    # h4 to h6 are shares of the body text, as in the theme files
    # the same at the theme's exact size (type_scale), where it is drawn at that
    exact = setting.exact_body or float(sizes.body)
    exact = _css_px(style.size, exact) if style.size else exact
    exact = _css_px(style.text_size, exact) if style.text_size else exact
    setting = replace(
        setting, exact_body=exact, gap=setting.gap * factor, item_gap=setting.item_gap * factor,
        heading_gap=setting.heading_gap * factor, tracking=setting.tracking * factor,
        h4=heading(4, setting.h4 * sizes.body) / text,
        h5=heading(5, setting.h5 * sizes.body) / text,
        h6=heading(6, setting.h6 * sizes.body) / text,
    )  # fmt: skip
    sizes = Sizes(body=round(text), h1=round(heading(1, sizes.h1)),
                  h2=round(heading(2, sizes.h2)), h3=round(heading(3, sizes.h3)),
                  small=sizes.small)  # fmt: skip
    top, right, bottom, left = style.padding
    margin_x = left if left is not None else right
    layout = replace(
        layout,
        align=Align(style.align) if style.align else layout.align,
        margin_x=layout.margin_x if margin_x is None else round(margin_x * MARP_PX),
        margin_top=layout.margin_top if top is None else round(top * MARP_PX),
        margin_bottom=layout.margin_bottom if bottom is None else round(bottom * MARP_PX),
    )
    return replace(theme, sizes=sizes, setting=setting, layout=layout)


def slide_look(deck: Deck, slide: Slide, theme: Theme) -> SlideLook:
    """Everything the surfaces draw a slide by; `look.theme` is the theme to set its
    text in (the deck's CSS applied), for the screen and the handout alike."""
    line_x = theme.layout.margin_x if theme.layout.line_x is None else theme.layout.line_x
    theme = styled_theme(theme, slide.style)
    layout = theme.layout
    lead = "lead" in slide.classes and layout.lead
    lead = lead or (layout.title_alone and title_only(slide))  # its place, not its colours
    centered = (lead and not slide.style.align) or layout.align is Align.CENTER
    return SlideLook(
        theme=theme,
        colors=slide_colors(theme, slide),
        centered=centered,
        middle=lead or layout.valign is VAlign.MIDDLE,
        margin_x=layout.margin_x,
        margin_top=layout.margin_top + (HEADER_SPACE if slide.header else 0),
        margin_bottom=layout.margin_bottom,
        header=slide.header,
        footer=slide.footer,
        # The parser counts as Marp does (skip: neither shown nor counted; hold: not counted)
        page=str(slide.page_number) if slide.page_number is not None else "",
        line_x=line_x,  # the theme's: a header stands where it did, whatever the padding
        page_size=theme.sizes.small if layout.page_size is None else layout.page_size,
        line_size=theme.sizes.small if layout.line_size is None else layout.line_size,
        lines_centered=centered and layout.lines_aligned,
    )


# ---------------------------------------------------------------- backgrounds

_CSS_URL = re.compile(r"""^\s*url\(\s*['"]?([^'")]+)['"]?\s*\)\s*$""")


class Fit(StrEnum):
    COVER = "cover"  # fill the slot, cropping (Marp's default)
    CONTAIN = "contain"  # the whole image inside the slot
    AUTO = "auto"  # the image's own size
    SCALE = "scale"  # a share of the slot's width (`bg 70%`)


@dataclass(frozen=True)
class Box:
    left: float
    top: float
    width: float
    height: float

    @property
    def bottom(self) -> float:
        return self.top + self.height


def footer_line(look: SlideLook, aspect: Aspect) -> Box:
    """Where the footer's line stands on the canvas (its words centred in it)."""
    width, height = CANVAS[aspect]
    top = height - FOOTER_TOP_FROM_BOTTOM - look.theme.layout.footer_rise
    return Box(look.line_x, top, width - 2 * look.line_x, MARGIN_LINE_HEIGHT)


def page_line(look: SlideLook, aspect: Aspect) -> Box:
    """Where the page number stands: right-aligned in this box, centred top to bottom."""
    layout = look.theme.layout
    width, height = CANVAS[aspect]
    right = look.line_x if layout.page_x is None else layout.page_x
    top = height - FOOTER_TOP_FROM_BOTTOM - layout.page_rise
    return Box(right, top, width - 2 * right, MARGIN_LINE_HEIGHT)


PAGE_CORNER_SHARE = 0.05  # Uncover's triangle: the text's colour at this share


def page_corner(look: SlideLook, aspect: Aspect) -> tuple[tuple[tuple[float, float], ...], str]:
    """The triangle a theme lays under the page number (Uncover's), as the corners of
    the bottom-right half of a square in the canvas's corner, and its colour; no
    corners where the slide shows no number or the theme draws none."""
    side = look.theme.layout.page_corner
    if not look.page or side <= 0:
        return (), look.colors.background
    width, height = CANVAS[aspect]
    corners = ((width, height - side), (width, height), (width - side, height))
    return corners, mixed(look.colors.text, look.colors.background, PAGE_CORNER_SHARE)


def mixed(color: str, under: str, share: float) -> str:
    """`color` laid over `under` at `share` opacity, as a browser blends it (#rrggbb)."""
    channels = (
        round(int(color[i : i + 2], 16) * share + int(under[i : i + 2], 16) * (1 - share))
        for i in (1, 3, 5)
    )
    return "#" + "".join(f"{channel:02x}" for channel in channels)


MARGIN_GAP = 16  # between the pieces of a header or footer (a logo, the words)
T = TypeVar("T")


def margin_pieces(
    line: MarginLine, pictures: list[tuple[T, tuple[float, float]]],
    words: tuple[T, tuple[float, float]] | None, left: float, top: float, *, middle: bool,
    across: float | None = None,
) -> list[tuple[T, Box]]:  # fmt: skip
    """Where a header's or footer's pieces go, in the order written, left to right.

    `pictures` and `words` pair what a surface draws with its (width, height); the
    header hangs from `top`, the footer (`middle`) is centred in its line. With
    `across`, the line's width, they stand in its middle (`SlideLook.lines_centered`).
    """
    ordered = [*pictures, *([words] if words else [])]
    if words and not line.images_first:
        ordered = [words, *pictures]
    placed: list[tuple[T, Box]] = []
    x = left
    if across is not None:
        used = sum(width for _, (width, _) in ordered) + MARGIN_GAP * max(len(ordered) - 1, 0)
        x += max(0.0, (across - used) / 2)
    for piece, (width, height) in ordered:
        y = top + (MARGIN_LINE_HEIGHT - height) / 2 if middle else top
        placed.append((piece, Box(x, y, width, height)))
        x += width + MARGIN_GAP
    return placed


@dataclass(frozen=True)
class Backdrop:
    """One `![bg]` image in its slot of the canvas."""

    image: Image
    slot: Box
    fit: Fit
    scale: float = 1.0  # for Fit.SCALE: the image's width as a share of the slot's


@dataclass(frozen=True)
class Backdrops:
    images: tuple[Backdrop, ...]
    content: Box  # where the text goes: beside a split background, or the usual box


def backdrops(slide: Slide, look: SlideLook, aspect: Aspect) -> Backdrops:
    """Marp's background images: the whole canvas, or a split side that moves the text over.

    `left`/`right` (or `left:30%`) put every `bg` image of the slide in that share
    of the canvas (half by default); several images divide their area side by side
    (`vertical`: top to bottom). `contain`/`fit`, `auto` and `N%` size an image
    within its slot; `cover` is the default.
    """
    found = [image for image in slide.images if image.background]
    width, height = CANVAS[aspect]
    content = Box(*look.content_box(aspect))
    if not found:
        return Backdrops((), content)
    side, share = "", 0.5
    for image in found:
        for keyword in image.keywords:
            name, _, value = keyword.partition(":")
            if name in ("left", "right"):
                side = name
                share = _percent(value) or 0.5
    share = min(max(share, 0.05), 0.95)
    area = Box(0, 0, width, height)
    if side:
        split = width * share
        area = Box(0 if side == "left" else width - split, 0, split, height)
        text_left = (split if side == "left" else 0) + look.margin_x
        content = Box(text_left, content.top, width - split - 2 * look.margin_x, content.height)
    vertical = any("vertical" in image.keywords for image in found)
    count = len(found)
    placed = []
    for index, image in enumerate(found):
        if vertical:
            step = area.height / count
            slot = Box(area.left, area.top + index * step, area.width, step)
        else:
            step = area.width / count
            slot = Box(area.left + index * step, area.top, step, area.height)
        placed.append(_backdrop(image, slot))
    return Backdrops(tuple(placed), content)


def _backdrop(image: Image, slot: Box) -> Backdrop:
    for keyword in image.keywords:
        if keyword in ("contain", "fit"):
            return Backdrop(image, slot, Fit.CONTAIN)
        if keyword == "auto":
            return Backdrop(image, slot, Fit.AUTO)
        scale = _percent(keyword)
        if scale is not None:
            return Backdrop(image, slot, Fit.SCALE, scale)
    return Backdrop(image, slot, Fit.COVER)


def _percent(value: str) -> float | None:
    number = value.removesuffix("%")
    if not value.endswith("%") or not number.replace(".", "", 1).isdigit():
        return None
    return float(number) / 100


# How far a slide's text may reach beyond its content box (an italic's overhang);
# beyond it the text is clipped (`cut_box`), so the reactions' lane starts further out.
TEXT_BLEED = 8


def cut_box(deck: Deck, content: Box) -> Box:
    """Where the text of a slide too full for its content box is cut off, on the
    screen and on paper: our decks (which shrink first) at the content's edge, so
    the footer stays legible; where Marp's rule holds (`marp_cuts`) at the slide's
    bottom edge, as Marp's `section { overflow: hidden }` cuts it."""
    left, width = content.left - TEXT_BLEED, content.width + 2 * TEXT_BLEED
    if marp_cuts(deck):
        return Box(left, 0, width, CANVAS[deck.meta.aspect][1])
    return Box(left, content.top - TEXT_BLEED, width, content.height + 2 * TEXT_BLEED)


def background_image_path(deck: Deck, slide: Slide) -> Path | None:
    """The local file of a `backgroundImage: url(...)` directive, relative to the deck."""
    value = slide.directives.get("backgroundImage")
    match = _CSS_URL.match(value) if isinstance(value, str) else None
    if match is None or "://" in match.group(1) or deck.path is None:
        return None  # a deck without a folder (a session's) has no files of its own
    return in_deck_folder(deck.path.parent, match.group(1))


# ---------------------------------------------------------------- paper


def light_colors(theme: Theme, colors: Colors) -> Colors:
    """The colours a dark slide prints in when the handout prints light (the default).

    The theme's own light scheme where it has one (its base, or a class such as
    Marp's `invert` of a dark theme), else our light theme's.
    """
    if not is_dark(colors.background):
        return colors
    for candidate in (theme.colors, *theme.variants.values()):
        if not is_dark(candidate.background):
            return candidate
    return load_theme("light").colors


def ink_on_paper(color: str, least: float = 4.5) -> str:
    """`color`, darkened just enough to read on white paper (≥ `least`:1)."""
    return readable_on(color, "#ffffff", least)


def placed_box(natural_width: float, natural_height: float, backdrop: Backdrop) -> Box:
    """Where a background image of that natural size is drawn (centred; clip to the slot)."""
    slot = backdrop.slot
    width, height = max(natural_width, 1.0), max(natural_height, 1.0)
    if backdrop.fit is Fit.AUTO:
        factor = 1.0
    elif backdrop.fit is Fit.SCALE:
        factor = slot.width * backdrop.scale / width
    elif backdrop.fit is Fit.CONTAIN:
        factor = min(slot.width / width, slot.height / height)
    else:
        factor = max(slot.width / width, slot.height / height)
    drawn_width, drawn_height = width * factor, height * factor
    return Box(
        slot.left + (slot.width - drawn_width) / 2,
        slot.top + (slot.height - drawn_height) / 2,
        drawn_width,
        drawn_height,
    )


# Around a PDF page whose shape is not the canvas's: black, as pdfpc and PowerPoint
# show a 4:3 page on a 16:9 projector.
PAGE_SURROUND = "#000000"


def page_box(page: PdfPage, aspect: Aspect) -> Box:
    """Where a PDF page sits on the canvas: as large as fits, centred, its shape kept."""
    width, height = CANVAS[aspect]
    scale = min(width / max(page.width, 1e-6), height / max(page.height, 1e-6))
    shown_width, shown_height = page.width * scale, page.height * scale
    return Box((width - shown_width) / 2, (height - shown_height) / 2, shown_width, shown_height)


def page_pixels(page: PdfPage, aspect: Aspect, width: float, height: float) -> tuple[int, int]:
    """The page's size in pixels when its slide is drawn `width`×`height`: the one
    size rendering ahead asks for and painting uses."""
    box = page_box(page, aspect)
    canvas_width, canvas_height = CANVAS[aspect]
    scale = min(width / canvas_width, height / canvas_height)
    return max(1, round(box.width * scale)), max(1, round(box.height * scale))
