"""A slide typeset as vector text in its frame, in the deck's theme colours.

Sizes follow the projector's canvas (1920 px wide) scaled to the frame's width,
so a slide on paper has the proportions it had on the wall. The text is real
text: searchable, selectable, sharp at any zoom.
"""

from __future__ import annotations

import io
import logging
import math
import struct
from collections.abc import Iterable
from dataclasses import replace
from functools import lru_cache
from pathlib import Path

from PIL import Image as PILImage
from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_LEFT
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.utils import ImageReader
from reportlab.pdfbase.pdfmetrics import getFont, stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    Flowable,
    HRFlowable,
    Image,
    KeepInFrame,
    ListFlowable,
    ListItem,
    Paragraph,
    Table,
    TableStyle,
    XPreformatted,
)

from workshop_app.deck import (
    OPTION_LETTERS,
    Block,
    CodeBlock,
    Deck,
    Heading,
    Inline,
    LeaderboardBlock,
    ListBlock,
    MarginLine,
    Math,
    PdfPage,
    PollBlock,
    PollType,
    QuestionsBlock,
    Quote,
    Rule,
    Slide,
)
from workshop_app.deck import Image as SlideImage
from workshop_app.deck import (
    Paragraph as TextParagraph,
)
from workshop_app.deck import (
    Table as TextTable,
)
from workshop_app.deck.highlight import Token, highlight_lines, longest_line
from workshop_app.deck.image_filters import filtered_png, image_filters
from workshop_app.deck.look import (
    CANVAS,
    HEADER_TOP,
    LINE_AIR,
    MARGIN_LINE_HEIGHT,
    Backdrop,
    SlideLook,
    backdrops,
    code_fit,
    code_leading,
    code_padding,
    code_size,
    cut_box,
    fitted_size,
    footer_line,
    heading_leading,
    heading_size,
    heading_space,
    image_trouble,
    inline_code_space,
    inline_image_size,
    light_colors,
    list_indent,
    margin_image_size,
    margin_pieces,
    page_box,
    page_corner,
    page_line,
    placed_box,
    quote_bar_span,
    quote_indent,
    shrink_steps,
    slide_look,
    text_drop,
    trouble_padding,
    type_scale,
    wrapped_code,
)
from workshop_app.deck.markup import PLAIN, Tags, escape_text, run_markup
from workshop_app.deck.themes import Colors, Theme, is_dark
from workshop_app.handout.fonts import (
    MONO,
    SANS,
    SANS_BOLD,
    SANS_BOLD_ITALIC,
    SANS_ITALIC,
    drawable,
)
from workshop_app.handout.pdf_pages import place
from workshop_app.i18n import tr
from workshop_app.session.marks import INK_COLOR, INK_WIDTH, Stroke

log = logging.getLogger("impuls.handout")


def line_height(theme: Theme) -> float:
    """A body line's height as a share of the type size: the theme's (Marp's), else
    the font's natural spacing with the screen's air (our own themes)."""
    if theme.setting.line is not None:
        return theme.setting.line
    return natural_line(SANS) * LINE_AIR


@lru_cache(maxsize=8)
def natural_line(font: str) -> float:
    """A font's natural line spacing in em, as Qt reads it on the screen (the hhea
    table's ascender, descender and line gap; reportlab keeps OS/2's ascent). The
    screen sets headings and code so, and body text of our own themes with air."""
    face = getFont(font).face
    ascender, descender, line_gap = struct.unpack(">hhh", face.get_table("hhea")[4:10])
    (units,) = struct.unpack(">H", face.get_table("head")[18:20])
    return float(ascender - descender + line_gap) / float(units)


def unreadable_image() -> tuple[type[Exception], ...]:
    """What a file that is not a picture (or an empty or enormous one) raises in
    Pillow and reportlab: it is printed as missing. Anything else is a bug, and says
    so. A function: `except` evaluates it only when something was raised, and Pillow
    stays unloaded until a picture is drawn (see handout.press)."""
    return (OSError, ValueError, ZeroDivisionError, PILImage.DecompressionBombError)


def escape(text: str) -> str:
    """User text as paragraph markup that prints as typed (`<b>` stays `<b>`)."""
    return escape_text(drawable(text))


def _formula_markup(tex: str) -> str:
    """An inline formula on paper: raised and lowered parts, else its TeX in monospace."""
    from workshop_app.deck.formulas import inline_markup  # only for decks with math

    return inline_markup(tex) or f'<font name="{MONO}">{escape(tex)}</font>'


@lru_cache(maxsize=64)
def paper_tags(
    mark: tuple[str, str] | None = None,
    strong: str = "",
    link: tuple[str, bool] | None = None,
    code_size: float | None = None,
    code_panel: tuple[str, float, float] | None = None,
) -> Tags:
    """reportlab's paragraph tags for each style of a run (see `inline`)."""
    code_font = (
        f'<font name="{MONO}">'
        if code_size is None
        else (f'<font name="{MONO}" size="{code_size:.2f}">')
    )
    code = (code_font, "</font>")
    if code_panel is not None:  # as the screen: the panel, padded, apart from the words
        pad, margin = (_nbsp(width) for width in code_panel[1:])
        code = (
            f'{margin}<span backColor="{code_panel[0]}">{pad}{code_font}',
            f"</font>{pad}</span>{margin}",
        )
    if link is None:
        opening = '<a href="{href}">'
    else:  # the theme's link colour, with a line under it where the theme draws one
        opening = f'<a href="{{href}}" color="{link[0]}" underline="{int(link[1])}">'
    return Tags(
        bold=(f'<font color="{strong}"><b>', "</b></font>") if strong else ("<b>", "</b>"),
        italic=("<i>", "</i>"),
        code=code,
        strike=("<strike>", "</strike>"),
        underline=("<u>", "</u>"),
        sup=("<super>", "</super>"),
        sub=("<sub>", "</sub>"),
        mark=(f'<span backColor="{mark[0]}" textColor="{mark[1]}">', "</span>") if mark else PLAIN,
        link=(opening, "</a>"),
        link_schemes=("http://", "https://", "mailto:"),  # what a PDF viewer may open
        line_break="<br/>",
        math=_formula_markup,
        visible=drawable,
    )


def _nbsp(width: float) -> str:
    """A space that does not break, `width` points wide, in the mono face."""
    if width < 0.05:
        return ""
    return f'<font name="{MONO}" size="{width / stringWidth(chr(0xA0), MONO, 1):.2f}">&nbsp;</font>'


def inline(
    spans: Inline,
    mark: tuple[str, str] | None = None,
    strong: str = "",
    link: tuple[str, bool] | None = None,
    code_size: float | None = None,
    code_panel: tuple[str, float, float] | None = None,
) -> str:
    """reportlab's paragraph markup for a run of spans; user text is always escaped.

    `mark`: the background and text colour of marked text (`<mark>`); `strong`: the
    colour of bold words, in headings where Marp's themes set one; `link`: a link's
    colour and whether a line is drawn under it (the slide's theme says); `code_size`:
    the type size of `code` where the theme sets it apart from the text around it;
    `code_panel`: the colour of code's panel in the text, how far it reaches beyond
    the letters and how far the words around stand from it (points).
    """
    return run_markup(spans, paper_tags(mark, strong, link, code_size, code_panel))


def faces_used(slides: Iterable[Slide]) -> frozenset[str]:
    """The font faces these slides need beyond regular and bold."""
    faces: set[str] = set()

    def spans(inline_spans: Inline) -> None:
        for span in inline_spans:
            if span.italic or span.math:  # a formula's letters are italic
                faces.add(SANS_BOLD_ITALIC if span.bold else SANS_ITALIC)
            if span.code:
                faces.add(MONO)

    def walk(blocks: Iterable[Block]) -> None:
        for block in blocks:
            if isinstance(block, (Heading, TextParagraph)):
                spans(block.spans)
            elif isinstance(block, ListBlock):
                for item in block.items:
                    spans(item.spans)
                    walk(item.children)
            elif isinstance(block, Quote):  # set in italics where the theme says so
                faces.update((SANS_ITALIC, SANS_BOLD_ITALIC))
                walk(block.children)
            elif isinstance(block, TextTable):
                for cell in (*block.header, *(c for row in block.rows for c in row)):
                    spans(cell)
            elif isinstance(block, CodeBlock):
                faces.add(MONO)

    for slide in slides:
        walk(slide.blocks)
    return frozenset(faces)


class SlideStyles:
    """Paragraph styles for one slide frame: its colours, at the frame's scale."""

    def __init__(
        self, theme: Theme, c: Colors, unit: float, *, centered: bool, step: float = 1.0
    ) -> None:
        """`unit`: points for one canvas px; `step`: the shrink step the text is set at."""
        self.theme = theme
        self.unit = unit
        self.step = step
        self.scale = scale = unit * step
        s, setting = theme.sizes, theme.setting
        line = line_height(theme)
        text = colors.HexColor(c.text)
        align = TA_CENTER if centered else TA_LEFT
        self.centered = centered
        self.muted = colors.HexColor(c.muted)
        self.accent = colors.HexColor(c.accent)
        self.accent_text = colors.HexColor(c.accent_text)
        self.panel = colors.HexColor(c.panel)
        self.panel_hex = c.panel
        self.panel_text = colors.HexColor(c.panel_text)
        self.panel_border = colors.HexColor(c.panel_border)
        self.mark = (c.accent, c.accent_text)
        self.heading_strong = c.heading_strong
        self.link = (c.accent, setting.link_underline)
        self.quote_italic = setting.quote_italic
        self.gap = setting.gap * scale  # below a paragraph, a list, code, a table
        self.body = ParagraphStyle(
            "body", fontName=SANS, fontSize=s.body * scale, leading=s.body * scale * line,
            textColor=text, alignment=align, spaceAfter=self.gap,
        )  # fmt: skip
        self.headings = {
            level: self._heading(level, heading_size(theme, level), c) for level in range(1, 7)
        }
        pad = setting.code_padding
        self.code = ParagraphStyle(
            "code", parent=self.body, fontName=MONO, fontSize=code_size(theme) * scale,
            textColor=self.panel_text, backColor=self.panel,  # its lines: see _code
            borderPadding=code_padding(step, pad) * unit, alignment=TA_LEFT,
            spaceBefore=code_padding(step, pad) * unit, spaceAfter=self.gap,
            # As on the screen: the panel as wide as the column, the text inside it.
            leftIndent=code_padding(step, pad) * unit, rightIndent=code_padding(step, pad) * unit,
        )  # fmt: skip
        self.quote = ParagraphStyle(
            "quote",
            parent=self.body,
            leftIndent=quote_indent(setting) * scale,
            textColor=self.muted,
        )
        # A list's lines start together even where a theme centres its text (Marp).
        self.item = ParagraphStyle(
            "item-text", parent=self.body, alignment=TA_LEFT, spaceAfter=setting.item_gap * scale
        )
        self.indent = list_indent(s.body * scale, setting.indent)  # each level, as on screen

    def _heading(self, level: int, size: float, c: Colors) -> ParagraphStyle:
        """A heading's style: as the screen sets it, its wrapped lines as far apart as
        the theme says (`heading_leading`), the space below less what a line then
        takes beyond the font's natural spacing, so one line stands where it did."""
        natural = size * natural_line(SANS_BOLD)
        leading = heading_leading(self.theme, size) or natural
        # what the line then stands taller than the screen's, whose box Qt rounds up
        extra = max(0.0, leading - math.ceil(natural * self.step) / self.step)
        return ParagraphStyle(
            f"h{level}",
            parent=self.body,
            fontName=SANS_BOLD,
            fontSize=size * self.scale,
            leading=leading * self.scale,
            textColor=colors.HexColor(c.title_color if level == 1 else c.heading),
            spaceAfter=(heading_space(self.theme, size) - extra) * self.scale,
        )

    def inline(self, spans: Inline, strong: str = "", *, text: bool = False) -> str:
        """Paragraph markup for a run of spans in this slide's colours; `text`: body
        text, whose `code` the theme may set smaller (as the screen does)."""
        share = self.theme.setting.inline_code if text else 1.0
        size = self.body.fontSize * share if share != 1 else None
        pad, margin = inline_code_space(self.theme.setting, self.body.fontSize * share)
        coded = text and (pad or margin) and any(span.code for span in spans)
        panel = (self.panel_hex, pad, margin) if coded else None  # mono: only where used
        return inline(spans, self.mark, strong, self.link, size, panel)


def slide_flowables(
    slide: Slide, styles: SlideStyles, width: float, height: float
) -> list[Flowable]:
    return list(_blocks(slide.blocks, styles, width, height))


class Text(Paragraph):
    """A Paragraph that breaks its lines once per width.

    Platypus wraps most text more than once at the same width: a slide's three times
    (KeepInFrame's fit check, the Frame placing it, KeepInFrame's container drawing
    it), the notes twice (KeepTogether, then the Frame). Line breaking depends on the
    width alone (style and text are fixed), so a repeat returns the last result, as
    long as the lines are still those of that wrap: splitting a paragraph across
    pages drops or replaces them (`blPara`), and then it breaks them again.
    """

    _last_wrap: tuple[float, object, tuple[float, float]] | None = None

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        last = self._last_wrap
        if (
            last is not None
            and last[0] == available_width
            and last[1] is self.__dict__.get("blPara")
        ):
            return last[2]
        size: tuple[float, float] = super().wrap(available_width, available_height)
        lines = self.__dict__.get("blPara")  # a width too narrow for text sets none
        self._last_wrap = (available_width, lines, size) if lines is not None else None
        return size


def _blocks(
    blocks: Iterable[Block], st: SlideStyles, width: float, height: float
) -> Iterable[Flowable]:
    for block in blocks:
        if isinstance(block, Heading):
            style = st.headings[min(max(block.level, 1), 6)]
            if block.fit:  # Marp's fitting header: as on the screen, one line the width
                wide = stringWidth(block.text, SANS_BOLD, style.fontSize)
                size = fitted_size(style.fontSize, wide, width, height * st.step)
                style = ParagraphStyle(
                    "fit", parent=style, fontSize=size, leading=size * natural_line(SANS_BOLD)
                )
            yield Text(st.inline(block.spans, st.heading_strong), style)
        elif isinstance(block, TextParagraph):
            yield Text(st.inline(block.spans, text=True), st.body)
        elif isinstance(block, ListBlock):
            yield from _list(block, st, width, height)
        elif isinstance(block, Quote):
            quoted: list[Flowable] = []
            for child in _blocks(block.children, st, width, height):
                if isinstance(child, Paragraph) and not child.bulletText:  # list items keep theirs
                    text = f"<i>{child.text}</i>" if st.quote_italic else child.text
                    child = Text(text, st.quote)
                quoted.append(child)
            bar = st.theme.setting.quote_bar * st.scale
            if bar > 0 and quoted:  # as the screen draws it (Marp's default theme)
                reach = quote_bar_span(st.theme, natural_line(SANS)) * st.scale
                yield QuoteBar(quoted, bar, reach, st.panel_border)
            else:
                yield from quoted
        elif isinstance(block, TextTable):
            yield _table(block, st, width)
        elif isinstance(block, CodeBlock):
            yield _code(block, st, width)
        elif isinstance(block, SlideImage):
            if not block.background:
                yield _image(block, st, width, height)
        elif isinstance(block, Math):
            yield _math(block, st)
        elif isinstance(block, Rule):
            yield HRFlowable(width="100%", color=st.muted, thickness=max(0.5, 3 * st.scale))
        elif isinstance(block, PollBlock):
            yield from _poll(block, st)
        elif isinstance(block, QuestionsBlock):  # the questions have a section of their own
            if block.title:
                yield Text(f"<b>{escape(block.title)}</b>", st.headings[3])
            yield Text(escape(tr("handout.questions.on_slide")), st.body)
        elif isinstance(block, LeaderboardBlock):  # the standings too
            if block.title:
                yield Text(f"<b>{escape(block.title)}</b>", st.headings[3])
            yield Text(escape(tr("quiz.leaderboard.on_slide")), st.body)


class QuoteBar(Flowable):
    """A quote's flowables with the bar down their left side, `reach` beyond their
    first line's top and last line's bottom, as the screen draws it."""

    def __init__(self, content: list[Flowable], width: float, reach: float, color: object) -> None:
        super().__init__()
        self.content, self.bar, self.reach, self.color = content, width, reach, color
        self._heights: list[float] = []

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        self._heights = [f.wrap(available_width, available_height)[1] for f in self.content]
        gaps = sum(f.getSpaceAfter() for f in self.content[:-1])
        self.width = available_width
        self.height = sum(self._heights) + gaps
        return self.width, self.height

    def getSpaceBefore(self) -> float:  # noqa: N802  # reportlab's name
        return float(self.content[0].getSpaceBefore())

    def getSpaceAfter(self) -> float:  # noqa: N802  # reportlab's name
        return float(self.content[-1].getSpaceAfter())

    def draw(self) -> None:
        y = self.height
        for flowable, height in zip(self.content, self._heights, strict=True):
            y -= height
            flowable.drawOn(self.canv, 0, y)
            y -= flowable.getSpaceAfter()
        self.canv.saveState()
        self.canv.setFillColor(self.color)
        # reportlab's last line holds its whole leading below its letters, twice the
        # reach: the bar ends `reach` above the content's bottom.
        self.canv.rect(0, self.reach, self.bar, self.height, stroke=0, fill=1)
        self.canv.restoreState()


def _list(
    block: ListBlock, st: SlideStyles, width: float, height: float, after: float | None = None
) -> Iterable[Flowable]:
    """`after`: the space below the list (a nested one's: what its item's place asks),
    as the screen spaces items (ui/slide_html.py): between items, not between an item
    and the list nested in it where the theme says so, and the list's own space below
    it after its deepest last line; a loose list's items as paragraphs."""
    indent = st.indent
    below = st.gap if after is None else after
    gap = st.gap if block.loose else st.item.spaceAfter
    into = st.gap if block.loose else (gap if st.theme.setting.nested_gap else 0.0)
    if not block.ordered and not any(item.children for item in block.items):
        # A flat bullet list (nearly every slide has one) as paragraphs with a bullet:
        # it looks as ListFlowable's does, which wraps every item in two indenters
        # and cost a tenth of the handout's layout time.
        item = ParagraphStyle("item", parent=st.item, leftIndent=indent, bulletIndent=0,
                              bulletFontName=SANS, bulletFontSize=st.body.fontSize,
                              bulletColor=st.accent, spaceAfter=gap)  # fmt: skip
        last = ParagraphStyle("item-last", parent=item, spaceAfter=below)  # as the list's
        for number, entry in enumerate(block.items, 1):
            style = last if number == len(block.items) else item
            yield Text(st.inline(entry.spans, text=True), style, bulletText="•")
        return
    items = []
    for number, item in enumerate(block.items, 1):
        ends = number == len(block.items)
        if item.children and isinstance(item.children[0], ListBlock):
            space = into
        else:
            space = below if ends and not item.children else gap
        style = ParagraphStyle("item-text-at", parent=st.item, spaceAfter=space)
        content: list[Flowable] = [Text(st.inline(item.spans, text=True), style)]
        for child in item.children:
            if isinstance(child, ListBlock):
                ending = ends and child is item.children[-1]
                content.extend(_list(child, st, width, height, below if ending else gap))
            else:
                content.extend(_blocks((child,), st, width, height))
        items.append(ListItem(content))
    yield ListFlowable(
        items,
        bulletType="1" if block.ordered else "bullet",
        start=block.start if block.ordered else "•",
        bulletFormat="%s." if block.ordered else None,  # "1." as on the screen, not "1"
        bulletFontName=SANS,
        bulletFontSize=st.body.fontSize,
        bulletColor=st.accent,
        leftIndent=indent,
        spaceAfter=below,
    )


def _math(block: Math, st: SlideStyles) -> Flowable:
    """A displayed formula as vector graphics: the screen's typesetting, on paper."""
    from svglib.svglib import svg2rlg

    from workshop_app.deck.formulas import typeset

    size = st.body.fontSize * 1.15
    formula = typeset(block.tex, size, st.body.textColor.hexval().replace("0x", "#"), display=True)
    drawing = svg2rlg(io.BytesIO(formula.svg.encode("utf-8"))) if formula else None
    if formula is None or drawing is None or not drawing.width:
        return XPreformatted(escape(block.tex), st.code)
    # svglib reads ziamath's pixels as CSS pixels (0.75 pt): back to the size asked for.
    factor = formula.width / drawing.width
    drawing.scale(factor, factor)
    drawing.width, drawing.height = drawing.width * factor, drawing.height * factor
    drawing.hAlign = "CENTER"
    return drawing


def _code(block: CodeBlock, st: SlideStyles, width: float) -> Flowable:
    """Every line and its indentation as vector text, in the screen's colours, sized and
    wrapped by the screen's rule (deck/look.py)."""
    panel = st.panel.hexval().replace("0x", "#")
    lines = highlight_lines(block.code.rstrip("\n"), block.language, dark=is_dark(panel),
                            colors=st.theme.setting.code_colors)  # fmt: skip
    theme = st.theme
    fit = code_fit(longest_line(block.code), width / st.unit, st.step,
                   theme.setting.code_padding, code_size(theme))  # fmt: skip
    wrapped = wrapped_code(lines, fit.columns)
    markup = "\n".join("".join(_token_markup(token) for token in line) for line in wrapped)
    size = fit.size * st.unit
    leading = code_leading(theme, fit)  # as the screen sets them (Marp's 1.15)
    leading = fit.size * natural_line(MONO) if leading is None else leading
    style = ParagraphStyle("code-fit", parent=st.code, fontSize=size, leading=leading * st.unit)
    if not st.theme.setting.code_centered:
        return XPreformatted(markup, style)
    # Uncover's code is a box as wide as its lines, in the middle (`margin: 0 auto`),
    # as on the screen: the panel drawn around the lines, the space above and below
    # it kept outside.
    inner = ParagraphStyle("code-box", parent=style, spaceBefore=0, spaceAfter=0)
    text_width = max(stringWidth("".join(t.text for t in line), MONO, size) for line in wrapped)
    box = Table(
        [[XPreformatted(markup, inner)]],
        colWidths=[min(width, text_width + 1 + inner.leftIndent + inner.rightIndent)],
        hAlign="CENTER",
        spaceBefore=style.spaceBefore,
        spaceAfter=style.spaceAfter,
    )
    box.setStyle(TableStyle([("LEFTPADDING", (0, 0), (-1, -1), 0),
                             ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                             ("TOPPADDING", (0, 0), (-1, -1), 0),
                             ("BOTTOMPADDING", (0, 0), (-1, -1), 0)]))  # fmt: skip
    return box


def _token_markup(token: Token) -> str:
    markup = escape(token.text)
    if token.bold:
        markup = f"<b>{markup}</b>"
    if token.italic:
        markup = f"<i>{markup}</i>"
    return f'<font color="{token.color}">{markup}</font>' if token.color else markup


def _table(block: TextTable, st: SlideStyles, width: float) -> Flowable:
    cell = ParagraphStyle("cell", parent=st.body, fontSize=st.body.fontSize * 0.8,
                          leading=st.body.fontSize * 1.0, spaceAfter=0)  # fmt: skip
    # As on the screen: the header row on the panel in the panel's text colour, the
    # rows on the slide itself (a white row under light text vanished on dark slides);
    # or, where the theme stripes its tables (Marp's default), a plain header and
    # every second row on the panel, the cells padded as the theme pads them.
    setting = st.theme.setting
    striped = setting.table_stripes
    head = ParagraphStyle("head", parent=cell, fontName=SANS,
                          textColor=st.body.textColor if striped else st.panel_text)  # fmt: skip
    rows = [[Text(f"<b>{st.inline(c)}</b>", head) for c in block.header]]
    rows += [[Text(st.inline(c, text=True), cell) for c in row] for row in block.rows]
    table = Table(rows, colWidths=[width / max(len(block.header), 1)] * len(block.header),
                  hAlign="CENTER" if st.centered else "LEFT")  # fmt: skip
    commands: list[tuple[object, ...]] = [
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE" if setting.table_padding else "TOP"),
        ("GRID", (0, 0), (-1, -1), max(0.25, 2 * st.scale), st.panel_border),
    ]
    if striped:
        commands += [("BACKGROUND", (0, row), (-1, row), st.panel)
                     for row in range(2, len(rows), 2)]  # fmt: skip
    else:
        commands.append(("BACKGROUND", (0, 0), (-1, 0), st.panel))
    if setting.table_padding:
        across, along = (value * st.unit * st.step for value in setting.table_padding)
        commands += [("TOPPADDING", (0, 0), (-1, -1), across),
                     ("BOTTOMPADDING", (0, 0), (-1, -1), across),
                     ("LEFTPADDING", (0, 0), (-1, -1), along),
                     ("RIGHTPADDING", (0, 0), (-1, -1), along)]  # fmt: skip
    table.setStyle(TableStyle(commands))
    return table


def _picture(block: SlideImage) -> str | io.BytesIO:
    """The picture for `block`: its file, or with Marp's filters applied as on the screen."""
    assert block.path is not None
    filters = image_filters(block.keywords)
    if not filters:
        return str(block.path)
    with PILImage.open(block.path) as opened:
        scale = opened.width / 1280  # blur radii are CSS pixels of Marp's 1280-px slide
    return io.BytesIO(filtered_png(block.path, filters, scale))


def _reader(block: SlideImage) -> ImageReader:
    return ImageReader(_picture(block))


def _image(block: SlideImage, st: SlideStyles, width: float, height: float) -> Flowable:
    path = block.path
    if path is not None and Path(path).is_file():
        try:
            # The screen's rule (deck/look.py), shrinking with the text.
            room = (width / st.unit, height / st.unit)
            w, h = inline_image_size(block.keywords, _reader(block).getSize(), room)
            return Image(_picture(block), width=w * st.scale, height=h * st.scale)
        except unreadable_image() as error:  # a frame that says so, as on the screen
            log.warning("image %s not readable: %r", path, error)
    missing = image_trouble(block)
    style = ParagraphStyle("missing", parent=st.body, alignment=TA_CENTER,
                           fontSize=st.body.fontSize * 0.65, textColor=st.muted)  # fmt: skip
    border = max(0.5, 2 * st.scale)
    # As on the screen: in Marp's themes a line of the text high, as Marp's broken picture
    pad = trouble_padding(st.theme, (style.leading + 2 * border) / st.scale, ours=12) * st.scale
    frame = Table([[Text(escape(missing), style)]], colWidths=[min(width, width * 0.6)])
    frame.setStyle(
        TableStyle([
            ("BOX", (0, 0), (-1, -1), border, st.muted, None, (3, 2)),
            ("TOPPADDING", (0, 0), (-1, -1), pad),
            ("BOTTOMPADDING", (0, 0), (-1, -1), pad),
        ])
    )  # fmt: skip
    return frame


def _poll(block: PollBlock, st: SlideStyles) -> Iterable[Flowable]:
    poll = block.poll
    yield Text(f"<b>{escape(poll.question)}</b>", st.headings[3])
    if poll.options:  # single, multiple, ranking and a motion's fixed answers
        for i, option in enumerate(poll.options):
            yield Text(
                f'<font color="#{st.accent.hexval()[2:]}"><b>{OPTION_LETTERS[i % 26]}</b></font>'
                f"  {escape(option)}",
                st.body,
            )
    elif poll.type is PollType.SCALE:
        labels = f" ({escape(' … '.join(poll.labels))})" if poll.labels else ""
        yield Text(f"{poll.scale[0]} – {poll.scale[-1]}{labels}", st.body)


def stacked_height(content: list[Flowable], canvas: Canvas, width: float, height: float) -> float:
    """How tall `content` stands in a frame, as reportlab's Frame stacks it: the space
    between two flowables the larger of one's space after and the next's before, none
    above the first or below the last."""
    total, after = 0.0, None
    for flowable in content:
        _, tall = flowable.wrapOn(canvas, width, height)
        if after is not None:
            total += max(after, flowable.getSpaceBefore())
        total += tall
        after = flowable.getSpaceAfter()
    return total


# The styles of the last slides' frames: the slides of a deck mostly share theme,
# colours, size and step, and making a frame's dozen ParagraphStyles costs as much
# as laying out its text. Keyed by the theme's identity (a Theme holds mappings, so
# it is not hashable), which the entry keeps alive.
_STYLES: dict[tuple[int, Colors, float, bool, float], tuple[Theme, SlideStyles]] = {}
_STYLES_KEPT = 16


def _slide_styles(theme: Theme, c: Colors, unit: float, centered: bool, step: float) -> SlideStyles:
    key = (id(theme), c, unit, centered, step)
    kept = _STYLES.get(key)
    if kept is not None and kept[0] is theme:
        return kept[1]
    styles = SlideStyles(theme, c, unit, centered=centered, step=step)
    if len(_STYLES) >= _STYLES_KEPT:
        _STYLES.pop(next(iter(_STYLES)))
    _STYLES[key] = (theme, styles)
    return styles


def fitted_content(
    slide: Slide, theme: Theme, c: Colors, look: SlideLook, unit: float,
    room: tuple[float, float], canvas: Canvas, steps: tuple[float, ...],
) -> tuple[float, list[Flowable], bool]:  # fmt: skip
    """The screen's rule: smaller type in the same `steps` (look.shrink_steps) down to
    the floor, then cut. The step chosen, the slide's flowables at it, and whether they
    fit `room`."""
    width, height = room
    for step in steps:
        styles = _slide_styles(theme, c, unit, look.centered, step)
        content = slide_flowables(slide, styles, width, height)
        if stacked_height(content, canvas, width, height) <= height:
            return step, content, True
    return step, content, False


class SlideFrame(Flowable):
    """The slide as a framed rectangle of `width`, drawn from the same look as the screen."""

    def __init__(
        self,
        deck: Deck,
        slide: Slide,
        theme: Theme,
        width: float,
        *,
        light: bool = True,
        ink: tuple[Stroke, ...] = (),
    ) -> None:
        super().__init__()
        self.deck = deck
        self.slide = slide
        self.ink = ink  # the speaker's strokes, drawn over the slide (notes pages)
        self.theme = theme
        self.width = width
        canvas_width, canvas_height = CANVAS[deck.meta.aspect]
        self.height = width * canvas_height / canvas_width
        self.scale = width / canvas_width
        self.light = light  # dark slides in their light colours (the print default)

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        return self.width, self.height

    def draw(self) -> None:
        if self.slide.page is not None:
            self._page(self.slide.page)
        else:
            self._slide()
        self._ink()

    def _ink(self) -> None:
        """The speaker's strokes as the room saw them, in the projector's ink colour."""
        if not self.ink:
            return
        canvas = self.canv
        canvas.saveState()
        canvas.setStrokeColor(colors.HexColor(INK_COLOR))
        canvas.setLineWidth(INK_WIDTH * self.width)
        canvas.setLineCap(1)  # round, as on the screen
        canvas.setLineJoin(1)
        for stroke in self.ink:
            path = canvas.beginPath()
            first, *rest = stroke
            path.moveTo(first.x * self.width, self.height - first.y * self.height)
            for point in rest or [first]:  # a dot is a line of no length, round-capped
                path.lineTo(point.x * self.width, self.height - point.y * self.height)
            canvas.drawPath(path, stroke=1, fill=0)
        canvas.restoreState()

    def _slide(self) -> None:
        look = slide_look(self.deck, self.slide, self.theme)
        c = light_colors(look.theme, look.colors) if self.light else look.colors
        canvas, scale = self.canv, self.scale
        canvas.saveState()
        # The canvas is flipped into the screen's coordinates: y grows downwards.
        canvas.translate(0, self.height)
        canvas.scale(scale, -scale)
        width, height = CANVAS[self.deck.meta.aspect]
        canvas.setFillColor(colors.HexColor(c.background))
        canvas.setStrokeColor(colors.HexColor(c.panel_border))
        canvas.setLineWidth(0.6 / scale)
        canvas.rect(0, 0, width, height, stroke=1, fill=1)
        found = backdrops(self.slide, look, self.deck.meta.aspect)
        self._backgrounds(found.images)
        self._margins(look, c)
        canvas.restoreState()
        box = found.content
        # As on the screen: laid out in a box as much larger as the text is then drawn
        # smaller (look.type_scale), so that its lines break where they do there.
        drawn = type_scale(look.theme)
        inner_w, inner_h = box.width * scale / drawn, box.height * scale / drawn
        step, content, fits = fitted_content(
            self.slide,
            look.theme,
            c,
            look,
            scale,
            (inner_w, inner_h),
            canvas,
            shrink_steps(self.deck),
        )
        blocks = [b for b in self.slide.blocks if not (isinstance(b, SlideImage) and b.background)]
        lower = text_drop(look.theme, blocks, natural_line(SANS), natural_line(SANS_BOLD),
                          centred=look.middle and fits)  # fmt: skip
        if not fits:  # cut off where the screen cuts it off (look.cut_box), however low
            # the text then stands (the clip moves down with it)
            cut = (cut_box(self.deck, box).bottom - box.top) * scale / drawn
            inner_h = cut - lower * step * scale
        fitted = KeepInFrame(inner_w, inner_h, content, mode="shrink" if fits else "truncate")
        _, used = fitted.wrapOn(canvas, inner_w, inner_h)
        drop = max(0.0, (inner_h - used) / 2) if look.middle else 0.0
        canvas.saveState()
        canvas.translate(box.left * scale, self.height - box.top * scale)  # the box's top left
        canvas.scale(drawn, drawn)
        canvas.translate(0, -lower * step * scale)  # where the screen puts it (look.text_drop)
        # Drawn where a Frame of that box would put it, at its top (`drop` lower), without
        # the Frame: it would lay the whole slide out once more only to find it fits.
        fitted.drawOn(canvas, 0, -drop - used)
        canvas.restoreState()

    def _page(self, page: PdfPage) -> None:
        """A PDF deck's page: a white frame here; the page itself is laid in after the
        handout is written (handout/pdf_pages.py), as vector graphics."""
        canvas, scale = self.canv, self.scale
        box = page_box(page, self.deck.meta.aspect)
        left, width, height = box.left * scale, box.width * scale, box.height * scale
        bottom = self.height - box.top * scale - height
        canvas.saveState()
        canvas.setStrokeColor(colors.HexColor("#c9ced6"))
        canvas.setFillColor(colors.white)
        canvas.setLineWidth(0.6)
        canvas.rect(left, bottom, width, height, stroke=1, fill=1)
        canvas.restoreState()
        place(canvas, page, left, bottom, width, height)

    def _backgrounds(self, placed: Iterable[Backdrop]) -> None:
        for backdrop in placed:
            path = backdrop.image.path
            if path is None or not path.is_file():
                continue
            try:  # a broken image must not stop the handout (a bug of ours still does)
                self._background(backdrop)
            except unreadable_image() as error:
                log.warning("background image %s not readable: %r", path, error)

    def _background(self, backdrop: Backdrop) -> None:
        canvas = self.canv
        reader = _reader(backdrop.image)
        natural_width, natural_height = reader.getSize()
        box = placed_box(natural_width, natural_height, backdrop)
        slot = backdrop.slot
        canvas.saveState()
        try:
            clip = canvas.beginPath()
            clip.rect(slot.left, slot.top, slot.width, slot.height)
            canvas.clipPath(clip, stroke=0, fill=0)
            # Images are drawn upright: undo the flip for this one.
            canvas.translate(box.left, box.top + box.height)
            canvas.scale(1, -1)
            canvas.drawImage(reader, 0, 0, box.width, box.height, mask="auto")
        finally:
            canvas.restoreState()

    def _margins(self, look: SlideLook, c: Colors) -> None:
        """Header, footer and page number, where and as the screen draws them."""
        canvas = self.canv
        size = look.page_size
        aspect = self.deck.meta.aspect
        self._margin_line(look.header, look, c, HEADER_TOP, middle=False)
        self._margin_line(look.footer, look, c, footer_line(look, aspect).top, middle=True)
        corners, corner_color = page_corner(replace(look, colors=c), self.deck.meta.aspect)
        if corners:
            path = canvas.beginPath()
            path.moveTo(*corners[0])
            for corner in corners[1:]:
                path.lineTo(*corner)
            path.close()
            canvas.saveState()
            canvas.setFillColor(colors.HexColor(corner_color))
            canvas.drawPath(path, stroke=0, fill=1)
            canvas.restoreState()
        if look.page:
            canvas.saveState()
            box = page_line(look, aspect)
            canvas.setFillColor(colors.HexColor(c.page_color))
            canvas.setFont(SANS, size)
            canvas.translate(0, box.top + MARGIN_LINE_HEIGHT / 2 + size / 3)
            canvas.scale(1, -1)
            canvas.drawRightString(box.left + box.width, 0, look.page)
            canvas.restoreState()

    def _margin_line(
        self, line: MarginLine, look: SlideLook, c: Colors, top: float, *, middle: bool
    ) -> None:
        """A header or footer: its Markdown in the small muted type, and its images."""
        canvas = self.canv
        width, _ = CANVAS[self.deck.meta.aspect]
        size = look.line_size
        pictures: list[tuple[ImageReader | Text, tuple[float, float]]] = []
        for image in line.images:
            if image.path is None or not image.path.is_file():
                continue  # a missing logo: `check` names it, the line keeps its words
            try:
                reader = _reader(image)
                pictures.append((reader, margin_image_size(image, reader.getSize())))
            except unreadable_image() as error:  # a broken logo must not stop the handout
                log.warning("image %s not readable: %r", image.path, error)
                continue
        words: tuple[ImageReader | Text, tuple[float, float]] | None = None
        if line.spans:
            style = ParagraphStyle("margin", fontName=SANS, fontSize=size, leading=size * 1.25,
                                   textColor=colors.HexColor(c.margin_color))  # fmt: skip
            text = Text(inline(line.spans, (c.accent, c.accent_text)), style)
            room = width - 2 * look.line_x
            text_width = min(room, max(stringWidth(drawable(line.text), SANS, size) * 1.1, 1))
            _, text_height = text.wrap(text_width, MARGIN_LINE_HEIGHT * 2)
            words = (text, (text_width, text_height))
        across = width - 2 * look.line_x if look.lines_centered else None
        placed = margin_pieces(
            line, pictures, words, look.line_x, top, middle=middle, across=across
        )
        for piece, at in placed:
            canvas.saveState()
            canvas.translate(at.left, at.top + at.height)
            canvas.scale(1, -1)  # pictures and paragraphs are upright: undo the flip
            try:
                if isinstance(piece, Text):
                    piece.drawOn(canvas, 0, 0)
                else:  # a logo cut off halfway fails only here, when it is decoded
                    canvas.drawImage(piece, 0, 0, at.width, at.height, mask="auto")
            except unreadable_image() as error:
                log.warning("image %s not readable: %r", getattr(piece, "fileName", ""), error)
            finally:
                canvas.restoreState()
