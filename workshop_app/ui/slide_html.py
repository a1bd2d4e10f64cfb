"""A slide's blocks → the rich-text HTML subset Qt's text engine lays out.

Every piece of deck text passes through `escape_text` (deck/markup.py): a deck (or, later, a
participant's answer) can never inject markup. Sizes are canvas pixels times a
`scale` so the renderer can shrink a slide that does not fit.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cache

from PySide6.QtGui import QFont, QFontMetricsF, QTextLayout

from workshop_app.deck import (
    OPTION_LETTERS,
    Block,
    CodeBlock,
    Heading,
    Image,
    Inline,
    LeaderboardBlock,
    ListBlock,
    ListItem,
    Math,
    Paragraph,
    Poll,
    PollBlock,
    PollType,
    QuestionsBlock,
    Quote,
    Rule,
    Table,
)
from workshop_app.deck.highlight import Token, highlight_lines, longest_line
from workshop_app.deck.look import (
    LINE_AIR,
    code_fit,
    code_leading,
    code_padding,
    code_size,
    fitted_size,
    heading_leading,
    heading_size,
    heading_space,
    heading_tracking,
    image_trouble,
    inline_code_space,
    quote_indent,
    trouble_padding,
    wrapped_code,
)
from workshop_app.deck.markup import Tags, escape_text, run_markup
from workshop_app.deck.model import ONE_PICK
from workshop_app.deck.themes import Colors, Theme, is_dark
from workshop_app.i18n import tr

# A little air between wrapped lines; Qt's default is tight for projected text.
# A theme that says how high its lines are (Marp's) sets them so instead.
LINE = f"line-height:{round(LINE_AIR * 100)}%;"  # deck/look.py's, as paper has it
TROUBLE_TYPE = 28  # canvas px: the words in a missing picture's frame


@cache
def natural_line(family: str, *, bold: bool = False) -> float:
    """The font's natural line spacing in em, as Qt sets a line."""
    font = QFont(family)
    font.setBold(bold)
    font.setPixelSize(100)
    return QFontMetricsF(font).lineSpacing() / 100


@cache
def line_box(family: str, size: int) -> float:
    """How high Qt sets a line of `family` at `size` px before a line height applies:
    the font's spacing rounded up to a whole pixel (51.2 px are 52 at 44 px)."""
    font = QFont(family)
    font.setPixelSize(size)
    layout = QTextLayout("x", font)
    layout.beginLayout()
    line = layout.createLine()
    layout.endLayout()
    return line.height()


def line_css(theme: Theme, size: float) -> str:
    """The CSS for the theme's line height at body text of `size` canvas px (before
    the font's whole px): Qt counts a percentage of its own line box, Marp's CSS and
    paper a share of the type size. A whole percentage of the unrounded spacing set
    the default theme's lines 1.1 px too high, which ten lines down put the text a
    line's x-height lower than Marp's."""
    if theme.setting.line is None:
        return LINE
    box = line_box(theme.family, max(1, round(size)))
    return f"line-height:{100 * theme.setting.line * size / box:.3f}%;"


@dataclass(frozen=True)
class ImageBox:
    """An inline image as the text engine sees it: a resource name and its canvas size."""

    name: str
    width: int
    height: int


ImagePlacer = Callable[[Image, float], ImageBox | None]
# A formula's TeX, its font size and colour, displayed or inline → its picture.
FormulaPlacer = Callable[[str, float, str, bool], ImageBox | None]


class SlideHtml:
    """Builds the HTML for one slide body at one scale."""

    def __init__(
        self,
        theme: Theme,
        palette: Colors,
        scale: float,
        place_image: ImagePlacer,
        *,
        place_formula: FormulaPlacer | None = None,
        width: float = 1700,
        height: float = 900,
        question_only: bool = False,
    ) -> None:
        self.place_formula = place_formula
        self.width = width  # the text column on the canvas, for sizing code lines
        self.height = height  # the content's height, which a fitted heading stays within
        self.centered = False
        self.question_only = question_only  # the results take the place of the choices
        self.theme = theme
        self.palette = palette
        self.scale = scale
        self.place_image = place_image
        self.line = line_css(theme, theme.sizes.body * scale)
        self.gap = theme.setting.gap
        # The block drawn last at this level (None in a new list item or quote) and, while
        # a block is drawn, the one before it: code keeps a heading's margin above it.
        self.previous: Block | None = None
        self.above: Block | None = None
        self.last: Block | None = None  # the slide's last block, no margin below it

    def px(self, size: float) -> int:
        return max(1, round(size * self.scale))

    def document(self, blocks: Iterable[Block], *, centered: bool) -> str:
        sizes = self.theme.sizes
        self.centered = centered
        align = "center" if centered else "left"
        blocks = list(blocks)
        self.previous, self.last = None, blocks[-1] if blocks else None
        body = "".join(self.block(block) for block in blocks)
        tracking = self.theme.setting.tracking * self.scale
        spacing = f" letter-spacing:{tracking:.2f}px;" if tracking else ""
        return (
            f"<body style=\"font-family:'{self.theme.family}'; font-size:{self.px(sizes.body)}px;"
            f' color:{self.palette.text};{spacing}"><div align="{align}">{body}</div></body>'
        )

    # ------------------------------------------------------------ blocks

    def block(self, block: Block) -> str:
        self.above, self.previous = self.previous, None
        drawn = self.drawn(block)
        self.previous = block
        return drawn

    def drawn(self, block: Block) -> str:
        if isinstance(block, Heading):
            return self.heading(block)
        if isinstance(block, Paragraph):
            return (
                f'<p style="{self.line} margin-top:0px; margin-bottom:{self.px(self.gap)}px;">'
                f"{self.inline(block.spans, text=True)}</p>"
            )
        if isinstance(block, ListBlock):
            return self.list_block(block)
        if isinstance(block, Quote):
            return self.quote(block)
        if isinstance(block, Table):
            return self.table(block)
        if isinstance(block, CodeBlock):
            return self.code(block)
        if isinstance(block, Image):
            return self.image(block)
        if isinstance(block, Math):
            return self.math(block)
        if isinstance(block, Rule):
            return f'<hr style="color:{self.palette.accent};" />'
        if isinstance(block, PollBlock):
            return self.poll(block.poll)
        if isinstance(block, QuestionsBlock | LeaderboardBlock):  # the list: painted live below
            if not block.title:
                return ""
            return (
                f'<p style="font-size:{self.px(self.theme.sizes.h3)}px; font-weight:bold;'
                f' color:{self.palette.heading};">{escape_text(block.title)}</p>'
            )
        raise TypeError(f"unknown block {block!r}")

    def quote(self, block: Quote) -> str:
        inner = "".join(self.block(child) for child in block.children)
        italic = " font-style:italic;" if self.theme.setting.quote_italic else ""
        return (
            f'<blockquote style="margin-left:{self.px(quote_indent(self.theme.setting))}px;{italic}'
            f' color:{self.palette.muted};">{inner}</blockquote>'
        )

    def heading(self, block: Heading) -> str:
        size = heading_size(self.theme, block.level)
        setting = self.theme.setting
        tracking = heading_tracking(setting, block.level)
        spacing = f" letter-spacing:{tracking * self.scale:.2f}px;"
        if tracking == setting.tracking:  # the text's, which the body sets
            spacing = ""
        if block.fit:
            font = QFont(self.theme.family)
            font.setBold(True)
            font.setPixelSize(self.px(size))
            width = QFontMetricsF(font).horizontalAdvance(block.text)
            width += tracking * self.scale * len(block.text)
            size = fitted_size(size, width / self.scale, self.width / self.scale, self.height)
        color = self.palette.title_color if block.level == 1 else self.palette.heading
        spans = self.inline(block.spans, strong=self.palette.heading_strong or None)
        line, below = "", self.heading_below(size)
        leading = heading_leading(self.theme, size)
        if leading is not None:  # a share of Qt's line box, as line_css
            line = f" line-height:{100 * leading * self.scale / self.heading_box(size):.3f}%;"
        return (
            f'<p style="font-size:{self.px(size)}px; font-weight:bold;{spacing}{line}'
            f" color:{color}; margin-top:0px;"
            f' margin-bottom:{below:.3f}px;">'
            f"{spans}</p>"
        )

    def heading_box(self, size: float) -> float:
        """Qt's natural line box of a heading of `size` canvas px, in px as laid out."""
        return line_box(self.theme.family, self.px(size))

    def heading_below(self, size: float) -> float:
        """The px below a heading of `size` canvas px, as laid out: the theme's space,
        less what its line box sets beyond Qt's natural one (`heading_leading`), so
        that what follows a heading of one line stands where it stood."""
        leading = heading_leading(self.theme, size)
        extra = 0.0 if leading is None else leading * self.scale - self.heading_box(size)
        return self.px(heading_space(self.theme, size)) - max(0.0, extra)

    def list_block(
        self, block: ListBlock, depth: int = 1, *, last: bool = True, first: int = 0
    ) -> str:
        """`last`: the list ends the outermost one, which keeps the space below it;
        `first`: px above its first item (a nested list's, as its item's list says)."""
        tag = "ol" if block.ordered else "ul"
        start = f' start="{block.start}"' if block.ordered and block.start != 1 else ""
        # Qt indents a list by its -qt-list-indent levels times the document's indent
        # width, which the renderer sets to deck/look.py's `list_indent`, as paper
        # indents; it marks a nested list with its level's bullet (disc, circle,
        # square) when the type is given.
        bullet = "" if block.ordered else ("disc", "circle", "square")[min(depth, 3) - 1]
        kind = f" list-style-type:{bullet};" if bullet else ""
        # As Marp's themes space items (`li + li { margin-top }`): between an item and
        # the next, not between an item and the list nested in it (where the theme
        # says so), and the space below the whole list after its last line, however
        # deep that stands. A loose list's items are paragraphs, spaced as those.
        setting = self.theme.setting
        gap = self.px(self.gap if block.loose else setting.item_gap)
        into = self.px(self.gap) if block.loose else (gap if setting.nested_gap else 0)

        def item_html(number: int, item: ListItem) -> str:
            ends = last and number == len(block.items) - 1
            nested = bool(item.children) and isinstance(item.children[-1], ListBlock)
            below = self.px(self.gap) if ends and not nested else 0
            return (
                f'<li style="{self.line} margin-top:{gap if number else first}px;'
                f' margin-bottom:{below}px;">{self.inline(item.spans, text=True)}'
                + "".join(
                    self.list_block(
                        child, depth + 1, first=into, last=ends and child is item.children[-1]
                    )
                    if isinstance(child, ListBlock)
                    else self.block(child)
                    for child in item.children
                )
                + "</li>"
            )

        items = "".join(item_html(number, item) for number, item in enumerate(block.items))
        html = (
            f'<{tag}{start} style="-qt-list-indent:{depth};{kind}'
            f' margin-top:0px; margin-bottom:0px;">{items}</{tag}>'
        )
        if depth == 1 and self.centered:
            # As in Marp's centred themes (uncover, Gaia's `lead`) and as on paper: a
            # list's lines start together at the content's left edge, not in the middle.
            return f'<div align="left">{html}</div>'
        return html

    def table(self, block: Table) -> str:
        pad = self.px(14)
        border = self.palette.panel_border
        setting = self.theme.setting
        striped = setting.table_stripes
        padding = ""
        if setting.table_padding:
            across, along = (self.px(value) for value in setting.table_padding)
            padding = (f" padding-top:{across}px; padding-bottom:{across}px;"
                       f" padding-left:{along}px; padding-right:{along}px;"
                       " vertical-align:middle;")  # fmt: skip

        def cell(tag: str, spans: Inline, column: int, shaded: bool = False) -> str:
            align = block.align[column] if column < len(block.align) else None
            align_attr = f' align="{align.value}"' if align is not None else ""
            shade = f' bgcolor="{self.palette.panel}"' if shaded else ""
            if tag != "th" or striped:
                # the text's line height in the cells too, as a browser inherits it
                inner = self.inline(spans, text=tag != "th")
                if striped:
                    inner = f'<p style="{self.line} margin:0px;">{inner}</p>'
                return f'<{tag}{align_attr}{shade} style="{padding}">{inner}</{tag}>'
            # The header row on the panel colour, in the panel's text colour: on a dark
            # slide the slide's text colour would vanish on a light panel.
            return (
                f'<th{align_attr} bgcolor="{self.palette.panel}"'
                f' style="color:{self.palette.panel_text};">{self.inline(spans)}</th>'
            )

        head = "".join(cell("th", spans, i) for i, spans in enumerate(block.header))
        rows = "".join(
            "<tr>"
            + "".join(cell("td", spans, i, striped and n % 2 == 1) for i, spans in enumerate(row))
            + "</tr>"
            for n, row in enumerate(block.rows)
        )
        return (
            f'<table border="1" cellspacing="0" cellpadding="{pad}"'
            f' align="{"center" if self.centered else "left"}"'
            f' style="border-color:{border}; border-style:solid;'
            # Space above too: Qt drops the margin below a heading before a table.
            f' margin-top:{self.space_above()}px; margin-bottom:{self.space_below(block)}px;">'
            f"<tr>{head}</tr>{rows}</table>"
        )

    def code(self, block: CodeBlock) -> str:
        """Every line and its indentation, coloured by Pygments, sized and wrapped by
        the rule paper follows too (deck/look.py)."""
        panel, text = self.palette.panel, self.palette.panel_text
        lines = highlight_lines(block.code.rstrip("\n"), block.language, dark=is_dark(panel),
                                colors=self.theme.setting.code_colors)  # fmt: skip
        padding = self.theme.setting.code_padding
        fit = code_fit(
            longest_line(block.code), self.width, self.scale, padding, code_size(self.theme)
        )
        spacing = ""
        leading = code_leading(self.theme, fit)
        if leading is not None:  # a share of Qt's own line box, as line_css
            spacing = f" line-height:{100 * leading / line_box(self.theme.mono, fit.size):.3f}%;"
        body = "\n".join(
            "".join(_token_html(token) for token in line)
            for line in wrapped_code(lines, fit.columns)
        )
        # Uncover's code is a box as wide as its lines, in the middle (`margin: 0 auto`).
        box = ' align="center"' if self.theme.setting.code_centered else ' width="100%"'
        return (
            f'<table cellspacing="0" cellpadding="{code_padding(self.scale, padding)}"{box}'
            f' bgcolor="{panel}" style="margin-top:{self.space_above()}px;'
            f' margin-bottom:{self.space_below(block)}px;"><tr><td>'
            f"<pre style=\"font-family:'{self.theme.mono}'; font-size:{fit.size}px;"
            f' color:{text};{spacing} white-space:pre; margin:0px; letter-spacing:0px;">'
            f"{body}</pre>"
            "</td></tr></table>"
        )

    def space_above(self) -> float:
        """The margin below the block before a table, which Qt drops there (a browser
        keeps it: Marp's code stands a heading's or a paragraph's margin below it)."""
        previous = self.above
        if previous is None or isinstance(previous, Table | CodeBlock):  # theirs is kept
            return 0
        if isinstance(previous, Heading):
            return round(self.heading_below(heading_size(self.theme, previous.level)), 3)
        return self.px(self.gap)

    def space_below(self, block: Block) -> int:
        """The margin below a table, none below the slide's last block: Qt counts it
        in the text's height, Marp's themes leave it out (`section > :last-child`),
        and a slide's text stands in the middle by that height."""
        return 0 if block is self.last else self.px(self.gap)

    def math(self, block: Math) -> str:
        picture = self.formula(block.tex, display=True)
        return f'<p align="center" style="margin-bottom:{self.px(self.gap)}px;">{picture}</p>'

    def formula(self, tex: str, *, display: bool, color: str | None = None) -> str:
        """A typeset formula as an image; its TeX in monospace where it cannot be set."""
        size = self.px(self.theme.sizes.body * (1.15 if display else 1.0))
        box = (
            self.place_formula(tex, size, color or self.palette.text, display)
            if self.place_formula is not None
            else None
        )
        if box is None:
            return f"<span style=\"font-family:'{self.theme.mono}';\">{escape_text(tex)}</span>"
        return (
            f'<img src="{escape_text(box.name)}" width="{box.width}" height="{box.height}"'
            f' align="middle" />'
        )

    def image(self, block: Image) -> str:
        box = self.place_image(block, self.scale)
        if box is None:  # missing or unreadable: a frame with its name, never a silent gap
            label = escape_text(image_trouble(block))
            # its words' line box and the table's and the cell's borders, 1 px each
            inner = line_box(self.theme.family, self.px(TROUBLE_TYPE)) / self.scale + 4
            pad = trouble_padding(self.theme, inner)
            return (
                f'<table border="1" cellspacing="0" cellpadding="{self.px(pad)}" align="center"'
                f' style="border-color:{self.palette.muted}; border-style:dashed;'
                f' margin-top:{self.space_above()}px; margin-bottom:{self.space_below(block)}px;">'
                f'<tr><td align="center"'
                f' style="color:{self.palette.muted}; font-size:{self.px(TROUBLE_TYPE)}px;">'
                f"{label}</td></tr></table>"
            )
        return (
            f'<p align="center" style="margin-bottom:{self.px(self.gap)}px;">'
            f'<img src="{escape_text(box.name)}" width="{box.width}" height="{box.height}" /></p>'
        )

    # ------------------------------------------------------------ polls

    def poll(self, poll: Poll) -> str:
        question = (
            f'<p style="font-size:{self.px(self.theme.sizes.h3)}px; font-weight:bold;'
            f' margin-bottom:{self.px(20)}px;">{escape_text(poll.question)}</p>'
        )
        hint = (
            f'<p style="font-size:{self.px(self.theme.sizes.body * 0.8)}px;'
            f' color:{self.palette.muted}; margin-bottom:{self.px(16)}px;">'
            f"{escape_text(poll_hint(poll))}</p>"
        )
        if self.question_only:
            return question
        return question + hint + self.poll_choices(poll)

    def poll_choices(self, poll: Poll) -> str:
        if poll.type is PollType.TEXT:
            return ""
        if poll.type is PollType.SCALE:
            steps = [str(n) for n in poll.scale]
            labels = list(poll.labels)
            per_step = len(labels) == len(steps)
            label_px = self._step_label_px(labels, len(steps)) if per_step else None
            cells = "".join(
                # Equal columns: Qt otherwise narrows a short label's column until it breaks.
                f'<td align="center" width="{100 // len(steps)}%" bgcolor="{self.palette.panel}">'
                f"<b>{step}</b>"
                + (f'<br /><span style="font-size:{label_px}px;">{escape_text(labels[i])}</span>'
                   if label_px is not None else "")
                + "</td>"
                for i, step in enumerate(steps)
            )  # fmt: skip
            if per_step and label_px is None:  # too many, too long: a legend below instead
                legend = "&nbsp;· ".join(  # the dot stays at the end of its line
                    f"<b>{step}</b>&nbsp;{escape_text(label)}"
                    for step, label in zip(steps, labels, strict=True)
                )
                cells += (
                    f'</tr><tr><td colspan="{len(steps)}" style="color:{self.palette.muted};">'
                    f"{legend}</td>"
                )
            ends = ""
            if len(labels) == 2:
                ends = (
                    f'<tr><td colspan="{len(steps)}" style="color:{self.palette.muted};">'
                    f"{escape_text(labels[0])} … {escape_text(labels[1])}</td></tr>"
                )
            return self._option_table(f"<tr>{cells}</tr>{ends}")
        rows = "".join(
            f'<tr><td width="{self.px(70)}" align="center" bgcolor="{self.palette.accent}"'
            f' style="color:{self.palette.accent_text};"><b>{OPTION_LETTERS[i % 26]}</b></td>'
            f'<td bgcolor="{self.palette.panel}" style="color:{self.palette.panel_text};">'
            f"{escape_text(option)}</td></tr>"
            for i, option in enumerate(poll.options)
        )
        return self._option_table(rows)

    def _step_label_px(self, labels: list[str], steps: int) -> int | None:
        """The type size at which every word of the scale's labels fits its cell; None if
        none does down to half the body size.

        Qt breaks a word that does not fit anywhere ("befriedi|gend" under one of
        eleven steps); smaller type keeps it whole, and where even that is too small to
        read, the labels go into a legend below the steps.
        """
        cell = (self.width - (steps + 1) * self.px(10)) / steps - 2 * self.px(12)
        words = [word for label in labels for word in label.split()] or [""]
        font = QFont(self.theme.family)
        size = self.px(self.theme.sizes.body * 0.8)
        while size >= self.px(self.theme.sizes.body * 0.45):
            font.setPixelSize(size)
            if max(QFontMetricsF(font).horizontalAdvance(w) for w in words) <= cell:
                return size
            size -= 1
        return None

    def _option_table(self, rows: str) -> str:
        # A panel the colour of the slide (high contrast) needs outlines to read as boxes.
        outlined = self.palette.panel == self.theme.colors.background
        return (
            f'<table border="{1 if outlined else 0}" cellspacing="{self.px(10)}"'
            f' cellpadding="{self.px(12)}" width="100%"'
            f' style="border-color:{self.palette.panel_border};">{rows}</table>'
        )

    # ------------------------------------------------------------ inline

    def _space(self, width: float) -> str:
        """A space that does not break, `width` px wide (in the mono face, which is
        narrow enough at that size not to raise the line)."""
        if width < 0.5:
            return ""
        size = max(1, round(width / _nbsp_em(self.theme.mono)))
        return (
            f"<span style=\"font-family:'{self.theme.mono}'; font-size:{size}px;"
            f' letter-spacing:0px;">&nbsp;</span>'
        )

    def inline(self, spans: Inline, *, strong: str | None = None, text: bool = False) -> str:
        """`strong`: the colour of bold words (in headings, where Marp's themes set one);
        `text`: body text, whose `code` the theme may set smaller."""
        return run_markup(spans, self.tags(strong, text=text))

    def tags(self, strong: str | None = None, *, text: bool = False) -> Tags:
        """Qt's rich text for each style of a run, in this slide's colours."""
        palette, setting = self.palette, self.theme.setting
        share = setting.inline_code if text else 1.0
        size = f" font-size:{self.px(self.theme.sizes.body * share)}px;" if share != 1 else ""
        # The panel's own text colour where it differs (Gaia's code panel is dark on a
        # light slide); else the text's, so that code in a link has the link's colour.
        color = f" color:{palette.panel_text};" if palette.panel_text != palette.text else ""
        # Marp's themes pad `code` in the text inside its panel and space it from the
        # words around it (inline_space): spaces that do not break, as wide as those.
        pad, margin = inline_code_space(setting, self.theme.sizes.body * share * self.scale)
        pad_html, margin_html = (self._space(width) for width in (pad, margin))
        if not text:
            pad_html = margin_html = ""
        # Marp's themes set code's letters without the text's spacing (Uncover's 3 px).
        tight = " letter-spacing:0px;" if setting.tracking else ""
        return Tags(
            bold=(f'<b style="color:{strong};">', "</b>") if strong else ("<b>", "</b>"),
            italic=("<i>", "</i>"),
            code=(
                f"{margin_html}<span style=\"font-family:'{self.theme.mono}';{size}"
                f' background-color:{palette.panel};{color}{tight}">{pad_html}',
                f"{pad_html}</span>{margin_html}",
            ),
            strike=("<s>", "</s>"),
            underline=("<u>", "</u>"),
            sup=("<sup>", "</sup>"),
            sub=("<sub>", "</sub>"),
            mark=(
                f'<span style="background-color:{palette.accent}; color:{palette.accent_text};">',
                "</span>",
            ),
            link=(
                f'<span style="color:{palette.accent};'
                f'{" text-decoration:underline;" if self.theme.setting.link_underline else ""}">',
                "</span>",
            ),
            line_break="<br />",
            math=lambda tex: self.formula(tex, display=False),
            visible=unbroken_paths,
        )


# Qt may break a line after a slash ("tests/" | "run.py"); a browser, and so Marp and
# paper (reportlab breaks at spaces), keeps "a/b" together. A word joiner after each
# slash that a letter or digit follows keeps it so on the screen too.
_SLASH_IN_WORD = re.compile(r"/(?=\w)")


def unbroken_paths(text: str) -> str:
    """`text` with no line break allowed after a slash inside a word or path."""
    return _SLASH_IN_WORD.sub("/\u2060", text)


@cache
def _nbsp_em(family: str) -> float:
    """A no-break space's width in em in `family`."""
    font = QFont(family)
    font.setPixelSize(100)
    return QFontMetricsF(font).horizontalAdvance("\u00a0") / 100


def poll_hint(poll: Poll) -> str:
    """How to answer, in one line under the question."""
    if poll.type in ONE_PICK:
        return tr("render.hint.single")
    if poll.type is PollType.MULTIPLE:
        most = poll.max_choices or len(poll.options)
        return tr("render.hint.multiple", most=most)
    if poll.type is PollType.SCALE:
        return tr("render.hint.scale", low=poll.scale[0], high=poll.scale[-1])
    if poll.type is PollType.RANKING:
        return tr("render.hint.ranking")
    return tr("render.hint.text", most=poll.max_length or 280)


def _token_html(token: Token) -> str:
    style = (
        (f"color:{token.color};" if token.color else "")
        + ("font-weight:bold;" if token.bold else "")
        + ("font-style:italic;" if token.italic else "")
    )
    escaped = escape_text(token.text)
    return f'<span style="{style}">{escaped}</span>' if style else escaped
