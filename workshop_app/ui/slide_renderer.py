"""The one slide renderer: lays a Slide out on a fixed canvas and paints it at any size.

The audience window, the presenter's previews, the overview thumbnails and PNG
files all call `SlideRenderer.paint`; nothing else draws slides. Layout happens
on the logical canvas (1920×1080 or 1440×1080) so a slide looks the same on a
projector and in a thumbnail; text that does not fit shrinks to a floor (a deck
written for Marp keeps its size, as in Marp), and beyond that is cut off at the
content's edge and reported as overflowing.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path

from PySide6.QtCore import QByteArray, QPointF, QRectF, QSize, QSizeF, Qt, QUrl
from PySide6.QtGui import (
    QColor,
    QFont,
    QImage,
    QPainter,
    QPolygonF,
    QTextDocument,
    QTextFormat,
    QTextOption,
)
from PySide6.QtSvg import QSvgRenderer

from workshop_app.deck import (
    Aspect,
    Image,
    MarginLine,
    PdfPage,
    Poll,
    Problem,
    Severity,
    Slide,
)
from workshop_app.deck.formulas import typeset
from workshop_app.deck.look import CANVAS as CANVAS_SIZES
from workshop_app.deck.look import (
    HEADER_TOP,
    MARGIN_LINE_HEIGHT,
    PAGE_SURROUND,
    TEXT_BLEED,
    Box,
    SlideLook,
    backdrops,
    background_image_path,
    cut_box,
    footer_line,
    inline_image_size,
    list_indent,
    margin_image_size,
    margin_pieces,
    marp_cuts,
    page_box,
    page_corner,
    page_line,
    page_pixels,
    placed_box,
    quote_bar_span,
    quote_indent,
    reaction_lane,
    shrink_steps,
    slide_look,
    text_drop,
    type_scale,
)
from workshop_app.deck.themes import Theme, load_theme
from workshop_app.session.questions import Question
from workshop_app.session.quiz import Standings
from workshop_app.session.results import comparison
from workshop_app.session.tally import PollResults
from workshop_app.ui.join_card import (
    JoinInfo,
    paint_join_card,
    paint_join_overlay,
    paint_join_status,
    poll_clock,
    poll_status_line,
)
from workshop_app.ui.leaderboard_view import paint_leaderboard
from workshop_app.ui.prepared import PreparedDeck, unreadable_images
from workshop_app.ui.questions_view import paint_question_list, paint_spotlight
from workshop_app.ui.results_chart import ResultsPainter
from workshop_app.ui.slide_html import ImageBox, SlideHtml, natural_line

# A background image, where it is drawn, and the slot it is clipped to.
Placed = tuple[QImage, QRectF, QRectF]


class Layer(Enum):
    ALL = "all"
    BASE = "base"  # what changes only with the deck
    LIVE = "live"  # a poll's results and vote count, painted over the base


CANVAS = {aspect: QSize(*size) for aspect, size in CANVAS_SIZES.items()}
JOIN_CARD_WIDTH = {Aspect.WIDE: 500, Aspect.WIDE_1610: 470, Aspect.CLASSIC: 420, Aspect.A4: 440}
# Shrink steps for text that does not fit (deck/look.py); 0.7 keeps 44 px body text at 31 px,
# still readable from the back of a seminar room. Below that we scale and warn.


@dataclass
class SlideLayout:
    """A slide laid out on the canvas, ready to paint any number of times."""

    document: QTextDocument
    content: QRectF
    text_scale: float  # the shrink step chosen
    overflows: bool  # too long even at the floor: clipped at the content's edge, and reported
    look: SlideLook
    backgrounds: list[Placed] = field(default_factory=list)
    join_card: QRectF | None = None
    results: QRectF | None = None  # where a revealed poll's results go
    questions: QRectF | None = None  # where a ```questions slide lists the room's questions
    leaderboard: QRectF | None = None  # where a ```leaderboard slide shows the quiz's standings
    text_drop: float = 0.0  # canvas px the text stands lower, as in Marp (look.text_drop)


class SlideRenderer:
    """Lays out and paints the slides of one deck in one theme."""

    def __init__(self, prepared: PreparedDeck, theme: Theme | None = None) -> None:
        self.prepared = prepared
        self.deck = deck = prepared.deck
        self.theme = theme or load_theme(deck.meta.theme)
        self.images: Mapping[Path, QImage] = prepared.images
        self.canvas = CANVAS[deck.meta.aspect]
        self.join: JoinInfo | None = None
        # The session's polls, kept up to date by the live client (empty without one).
        self.live: Mapping[str, PollResults] = {}
        # The room's questions as the speaker sees them (every state), likewise.
        self.questions: Sequence[Question] = ()
        # The quiz's standings, likewise (None: not heard yet).
        self.standings: Standings | None = None
        self._layouts: dict[tuple[int, bool], SlideLayout] = {}

    # ------------------------------------------------------------ public

    def layout(self, index: int) -> SlideLayout:
        slide = self.deck.slides[index]
        key = (index, self.results_shown(slide))
        if key not in self._layouts:
            self._layouts[key] = self._layout(slide, results=key[1])
        return self._layouts[key]

    def results_shown(self, slide: Slide) -> bool:
        """The slide's poll has been revealed: its results take the place of the choices."""
        results = self.live.get(slide.polls[0].id) if slide.polls else None
        return results is not None and results.shown

    def slides_showing(self, poll_ids: set[str]) -> set[int]:
        """The slides whose picture depends on these polls (their own or their pre/post pair)."""
        return {
            slide.index
            for slide in self.deck.slides
            for poll in slide.polls
            if poll.id in poll_ids or poll.compare_with in poll_ids
        }

    def layout_problems(self) -> list[Problem]:
        """What only laying the slides out reveals: unreadable images, overflowing text."""
        return unreadable_images(self.prepared) + self.overflow_problems()

    def overflow_problems(self) -> list[Problem]:
        """A warning for every slide whose text does not fit even at the smallest size."""
        return [
            Problem(
                Severity.WARNING,
                "slide.overflows_cut" if marp_cuts(self.deck) else "slide.overflows",
                slide.line,
                {"number": slide.index + 1},
                self.deck.path,
            )
            for slide in self.deck.slides
            if self.layout(slide.index).overflows
        ]

    def paint(
        self, painter: QPainter, target: QRectF, index: int, layer: Layer = Layer.ALL
    ) -> None:
        """Paint slide `index` into `target`, letterboxed to keep the canvas aspect.

        `layer` splits a poll slide in two: the base (text, images, QR code) changes
        only with the deck; the live layer (results, vote count) changes with every
        tally. The cache keeps the base and repaints only the live layer on top.
        """
        layout = self.layout(index)
        slide = self.deck.slides[index]
        self._on_canvas(painter, target, lambda: self._paint_canvas(painter, layout, slide, layer))

    def prefetch(self, index: int, size: QSize) -> bool:
        """Have what slide `index` needs at `size` made in the background (a PDF page);
        True when it is ready to paint without waiting."""
        page = self.deck.slides[index].page
        if page is None:
            return True
        width, height = page_pixels(page, self.deck.meta.aspect, size.width(), size.height())
        return self.prepared.pages.request(page, width, height)

    def has_live_layer(self, index: int) -> bool:
        slide = self.deck.slides[index]
        return bool(slide.polls) or slide.questions is not None or slide.leaderboard is not None

    def slides_listing_questions(self) -> set[int]:
        """The slides whose picture changes with the room's questions."""
        return {slide.index for slide in self.deck.slides if slide.questions is not None}

    def slides_showing_standings(self) -> set[int]:
        """The slides whose picture changes with the quiz's standings."""
        return {slide.index for slide in self.deck.slides if slide.leaderboard is not None}

    def paint_spotlight(self, painter: QPainter, target: QRectF, question: Question) -> None:
        """One question from the room, large, in place of the slide (key Q)."""
        canvas = QRectF(0, 0, self.canvas.width(), self.canvas.height())
        self._on_canvas(
            painter, target, lambda: paint_spotlight(painter, canvas, question, self.theme)
        )

    def paint_join_screen(self, painter: QPainter, target: QRectF, watching: int) -> None:
        """The "Beitreten" screen the speaker can show at any time, in the deck's theme."""
        canvas = QRectF(0, 0, self.canvas.width(), self.canvas.height())
        self._on_canvas(
            painter,
            target,
            lambda: paint_join_overlay(painter, canvas, self.theme, self.join, watching),
        )

    def slide_rect(self, target: QRectF) -> QRectF:
        """Where the slide lies in `target`, letterboxed (as `paint` puts it there)."""
        scale, corner = self.placement(target)
        return QRectF(corner.x(), corner.y(),
                      self.canvas.width() * scale, self.canvas.height() * scale)  # fmt: skip

    def placement(self, target: QRectF) -> tuple[float, QPointF]:
        """The canvas's scale and top-left corner, letterboxed into `target`."""
        scale = min(target.width() / self.canvas.width(), target.height() / self.canvas.height())
        width, height = self.canvas.width() * scale, self.canvas.height() * scale
        corner = QPointF(
            target.x() + (target.width() - width) / 2, target.y() + (target.height() - height) / 2
        )
        return scale, corner

    def reaction_lane(self, index: int) -> QRectF | None:
        """Where the room's reactions may rise on slide `index`, on the canvas: right of
        its text (and join card, and PDF page); None where the margin has no room."""
        layout = self.layout(index)
        right = layout.content.right() + (0 if self.deck.slides[index].page else TEXT_BLEED)
        if layout.join_card is not None:
            right = max(right, layout.join_card.right())
        box = reaction_lane(layout.look, self.deck.meta.aspect, right)
        return None if box is None else QRectF(box.left, box.top, box.width, box.height)

    def _on_canvas(self, painter: QPainter, target: QRectF, draw: Callable[[], None]) -> None:
        scale, corner = self.placement(target)
        painter.save()
        painter.setRenderHints(
            QPainter.RenderHint.Antialiasing
            | QPainter.RenderHint.TextAntialiasing
            | QPainter.RenderHint.SmoothPixmapTransform
        )
        painter.translate(corner)
        painter.scale(scale, scale)
        painter.setClipRect(QRectF(0, 0, self.canvas.width(), self.canvas.height()))
        draw()
        painter.restore()

    def image(self, index: int, size: QSize | None = None) -> QImage:
        """Slide `index` as an image (default: the canvas size)."""
        size = size or self.canvas
        image = QImage(size, QImage.Format.Format_RGB32)
        image.fill(QColor("#000000"))
        painter = QPainter(image)
        self.paint(painter, QRectF(0, 0, size.width(), size.height()), index)
        painter.end()
        return image

    # ------------------------------------------------------------ layout

    def _layout(self, slide: Slide, *, results: bool = False) -> SlideLayout:
        look = slide_look(self.deck, slide, self.theme)
        theme = look.theme  # the deck's own CSS applied to this slide
        if slide.page is not None:  # the page is the slide: nothing to lay out
            box = page_box(slide.page, self.deck.meta.aspect)
            return SlideLayout(QTextDocument(), QRectF(box.left, box.top, box.width, box.height),
                               1.0, False, look)  # fmt: skip
        palette = look.colors
        content = QRectF(*look.content_box(self.deck.meta.aspect))
        backgrounds, content = self._backgrounds(slide, look)
        join_card = None
        if slide.polls:
            card_width = JOIN_CARD_WIDTH[self.deck.meta.aspect]
            join_card = QRectF(
                content.right() - card_width, content.top(), card_width, content.height()
            )
            content.setWidth(content.width() - card_width - 48)
        # The title above, the live list below; the heading and question above, the chart.
        questions_area = _split(content, 0.25, 16) if slide.questions is not None else None
        board_area = _split(content, 0.25, 16) if slide.leaderboard is not None else None
        results_area = _split(content, 0.3, 24) if results else None
        blocks = [
            block for block in slide.blocks if not (isinstance(block, Image) and block.background)
        ]
        document = QTextDocument()
        document.setDocumentMargin(0)
        option = QTextOption()
        option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
        document.setDefaultTextOption(option)
        document.setDefaultFont(QFont(theme.family))
        # Laid out in a column as much wider as the text is drawn smaller (type_scale).
        scale = type_scale(theme)
        document.setTextWidth(content.width() / scale)
        steps = shrink_steps(self.deck)
        chosen = steps[-1]
        for step in steps:
            document.setIndentWidth(list_indent(theme.sizes.body * step, theme.setting.indent))
            html = SlideHtml(
                theme,
                palette,
                step,
                lambda image, s: self._place(document, image, s, content),
                place_formula=lambda tex, size, color, display: self._formula(
                    document, tex, size, color, display
                ),
                width=content.width() / scale,
                height=content.height() / scale,
                question_only=results,
            ).document(blocks, centered=look.centered and not results)
            document.setHtml(html)
            if self._fits(document, content, scale):
                chosen = step
                break
        overflows = not self._fits(document, content, scale)
        drop = text_drop(
            theme, blocks, natural_line(theme.family), natural_line(theme.family, bold=True),
            centred=look.middle and document.size().height() * scale < content.height(),
        )  # fmt: skip
        return SlideLayout(
            document=document,
            content=content,
            text_scale=chosen,
            overflows=overflows,
            look=look,
            backgrounds=backgrounds,
            join_card=join_card,
            results=results_area,
            questions=questions_area,
            leaderboard=board_area,
            text_drop=drop * chosen * scale,
        )

    @staticmethod
    def _fits(document: QTextDocument, content: QRectF, scale: float = 1.0) -> bool:
        """Whether the document, drawn `scale` times as large, fits the content box."""
        size = document.size() * scale
        return size.height() <= content.height() + 0.5 and size.width() <= content.width() + 0.5

    @staticmethod
    def _formula(
        document: QTextDocument, tex: str, size: float, color: str, display: bool
    ) -> ImageBox | None:
        """Typeset `tex` (deck/formulas.py) and hand the text engine its picture."""
        formula = typeset(tex, size, color, display=display)
        if formula is None:
            return None
        renderer = QSvgRenderer(QByteArray(formula.svg.encode("utf-8")))
        # Twice the canvas resolution: sharp on a projector and when zoomed.
        picture = QImage(
            max(1, round(formula.width * 2)),
            max(1, round(formula.height * 2)),
            QImage.Format.Format_ARGB32_Premultiplied,
        )
        picture.fill(Qt.GlobalColor.transparent)
        painter = QPainter(picture)
        renderer.render(painter)
        painter.end()
        name = f"impuls-formula:{display}:{color}:{size}:{tex}"
        document.addResource(QTextDocument.ResourceType.ImageResource, QUrl(name), picture)
        return ImageBox(name, max(1, round(formula.width)), max(1, round(formula.height)))

    def _place(
        self, document: QTextDocument, block: Image, scale: float, content: QRectF
    ) -> ImageBox | None:
        image = self.prepared.picture(block)
        if image is None or image.isNull():
            return None
        width, height = inline_image_size(
            block.keywords, (image.width(), image.height()), (content.width(), content.height())
        )
        size = QSizeF(width * scale, height * scale)  # shrinking with the text, as on paper
        name = f"impuls-image:{block.line}:{block.src}"
        document.addResource(QTextDocument.ResourceType.ImageResource, QUrl(name), image)
        return ImageBox(name, max(1, round(size.width())), max(1, round(size.height())))

    def _backgrounds(self, slide: Slide, look: SlideLook) -> tuple[list[Placed], QRectF]:
        """Marp's `![bg]` images where the look model puts them, and the text's box."""
        found = backdrops(slide, look, self.deck.meta.aspect)
        placed: list[Placed] = []
        if not found.images:
            path = background_image_path(self.deck, slide)
            image = self.images.get(path) if path is not None else None
            if image is not None and not image.isNull():
                canvas = QRectF(0, 0, self.canvas.width(), self.canvas.height())
                placed.append((image, canvas, canvas))
        for backdrop in found.images:
            image = self.prepared.picture(backdrop.image)
            if image is None or image.isNull():
                continue
            box = placed_box(image.width(), image.height(), backdrop)
            slot = backdrop.slot
            placed.append(
                (
                    image,
                    QRectF(box.left, box.top, box.width, box.height),
                    QRectF(slot.left, slot.top, slot.width, slot.height),
                )
            )
        text = found.content
        return placed, QRectF(text.left, text.top, text.width, text.height)

    # ------------------------------------------------------------ painting

    def _paint_canvas(
        self, painter: QPainter, layout: SlideLayout, slide: Slide, layer: Layer = Layer.ALL
    ) -> None:
        poll = slide.polls[0] if slide.polls else None
        if layer is not Layer.LIVE:
            self._paint_base(painter, layout, slide)
        if layer is not Layer.BASE and layout.questions is not None and slide.questions:
            paint_question_list(painter, layout.questions, self.questions, self.theme,
                                layout.look.colors, slide.questions.count)  # fmt: skip
        if layer is not Layer.BASE and layout.leaderboard is not None and slide.leaderboard:
            paint_leaderboard(painter, layout.leaderboard, self.standings, slide.leaderboard,
                              self.theme, layout.look.colors)  # fmt: skip
        if layer is Layer.BASE or poll is None:
            return
        if layout.results is not None:
            self._paint_results(painter, layout, poll)
        if layout.join_card is not None:
            results = self.live.get(poll.id)
            paint_join_status(painter, layout.join_card, self.theme, poll_status_line(results),
                              poll_clock(results))  # fmt: skip

    def _paint_base(self, painter: QPainter, layout: SlideLayout, slide: Slide) -> None:
        if slide.page is not None:
            self._paint_page(painter, layout.content, slide.page)
            return
        background = QColor(layout.look.colors.background)
        painter.fillRect(QRectF(0, 0, self.canvas.width(), self.canvas.height()), background)
        for image, target, slot in layout.backgrounds:
            painter.save()
            painter.setClipRect(slot)
            painter.drawImage(target, image)
            painter.restore()
        corners, corner_color = page_corner(layout.look, self.deck.meta.aspect)
        if corners:  # under the text, as paper draws it (Marp's is translucent over it)
            painter.save()
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(QColor(corner_color))
            painter.drawPolygon(QPolygonF([QPointF(x, y) for x, y in corners]))
            painter.restore()
        document = layout.document
        scale = type_scale(layout.look.theme)
        size = document.size() * scale
        top = layout.content.top()
        if layout.look.middle:
            top += max(0.0, (layout.content.height() - size.height()) / 2)
        top += layout.text_drop
        painter.save()
        # As in Marp, what does not fit even at the smallest type is cut off, not
        # shrunk to unreadable (look.cut_box says where).
        content = layout.content
        cut = cut_box(self.deck, Box(content.x(), content.y(), content.width(), content.height()))
        painter.setClipRect(QRectF(cut.left, cut.top, cut.width, cut.height),
                            Qt.ClipOperation.IntersectClip)  # fmt: skip
        painter.translate(QPointF(layout.content.left(), top))
        painter.scale(scale, scale)
        document.drawContents(painter)
        self._paint_quote_bars(painter, layout)
        painter.restore()
        if layout.join_card is not None:
            paint_join_card(painter, layout.join_card, self.theme, self.join)
        self._paint_margins(painter, layout, slide)

    def _paint_quote_bars(self, painter: QPainter, layout: SlideLayout) -> None:
        """The bar down a quote's left side where the theme draws one (Marp's default
        theme), as high as the quote's lines, at each quote level's own indent."""
        theme = layout.look.theme
        width = theme.setting.quote_bar * layout.text_scale
        if width <= 0:
            return
        document = layout.document
        reach = quote_bar_span(theme, natural_line(theme.family)) * layout.text_scale
        indent = quote_indent(theme.setting) * layout.text_scale
        bars: list[tuple[int, float, float]] = []  # level, top, bottom
        block = document.begin()
        while block.isValid():
            level = block.blockFormat().property(QTextFormat.Property.BlockQuoteLevel)
            if isinstance(level, int) and level > 0:
                rect = document.documentLayout().blockBoundingRect(block)
                top, bottom = rect.top() - reach, rect.bottom() + reach
                if bars and bars[-1][0] == level and top - bars[-1][2] < indent:
                    bars[-1] = (level, bars[-1][1], bottom)  # the quote's next paragraph
                else:
                    bars.append((level, top, bottom))
            block = block.next()
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor(layout.look.colors.panel_border))
        for level, top, bottom in bars:
            painter.drawRect(QRectF((level - 1) * indent, top, width, bottom - top))

    def _paint_page(self, painter: QPainter, box: QRectF, page: PdfPage) -> None:
        painter.fillRect(QRectF(0, 0, self.canvas.width(), self.canvas.height()),
                         QColor(PAGE_SURROUND))  # fmt: skip
        # The painter is scaled from the canvas to the target (`_on_canvas`): the page's
        # pixels come from the one computation `prefetch` uses (look.page_pixels), so
        # what was rendered ahead is what is asked for here.
        scale = painter.worldTransform().m11()
        size = page_pixels(page, self.deck.meta.aspect, self.canvas.width() * scale,
                           self.canvas.height() * scale)  # fmt: skip
        painter.drawImage(box, self.prepared.pages.picture(page, *size))

    def _paint_results(self, painter: QPainter, layout: SlideLayout, poll: Poll) -> None:
        live = self.live.get(poll.id)
        shown = live.results_for(poll) if live is not None else None
        if shown is None or layout.results is None:
            return
        earlier_poll = self.deck.poll_before(poll)
        before = self.live.get(earlier_poll.id) if earlier_poll is not None else None
        earlier = None
        if earlier_poll is not None and before is not None:
            earlier = before.results_for(earlier_poll)
        ResultsPainter(painter, self.theme, layout.look.colors).paint(
            layout.results, shown, comparison(earlier, shown)
        )

    def _paint_margins(self, painter: QPainter, layout: SlideLayout, slide: Slide) -> None:
        look = layout.look
        width = self.canvas.width()
        inner = width - 2 * look.line_x
        aspect = self.deck.meta.aspect
        self._paint_margin_line(
            painter, look, look.header, QRectF(look.line_x, HEADER_TOP, inner, MARGIN_LINE_HEIGHT)
        )
        footer = footer_line(look, aspect)
        bottom = QRectF(footer.left, footer.top, footer.width, footer.height)
        self._paint_margin_line(painter, look, look.footer, bottom, middle=True)
        if look.page:
            font = QFont(self.theme.family)
            font.setPixelSize(look.page_size)
            spacing = look.theme.layout.page_tracking
            font.setLetterSpacing(QFont.SpacingType.AbsoluteSpacing, spacing)
            painter.setFont(font)
            painter.setPen(QColor(look.colors.page_color))
            box = page_line(look, aspect)
            painter.drawText(
                QRectF(box.left, box.top, box.width + spacing, box.height),  # its last spacing
                Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                look.page,
            )

    def _paint_margin_line(
        self,
        painter: QPainter,
        look: SlideLook,
        line: MarginLine,
        box: QRectF,
        *,
        middle: bool = False,
    ) -> None:
        """A header or footer: its Markdown in the small muted type, and its images."""
        pictures: list[tuple[QImage | QTextDocument, tuple[float, float]]] = []
        for image in line.images:
            picture = self.prepared.picture(image)
            if picture is None or picture.isNull():
                continue  # a missing logo: `check` names it, the line keeps its words
            pictures.append(
                (picture, margin_image_size(image, (picture.width(), picture.height())))
            )
        words: tuple[QImage | QTextDocument, tuple[float, float]] | None = None
        if line.spans:
            document = QTextDocument()
            document.setDocumentMargin(0)
            document.setDefaultFont(QFont(self.theme.family))
            html = SlideHtml(self.theme, look.colors, 1.0, lambda image, scale: None)
            spacing = look.theme.layout.line_tracking
            document.setHtml(
                f'<span style="font-size:{look.line_size}px; letter-spacing:{spacing}px;'
                f' color:{look.colors.margin_color};">{html.inline(line.spans)}</span>'
            )
            document.setTextWidth(min(document.idealWidth(), box.width()))
            words = (document, (document.textWidth(), document.size().height()))
        across = box.width() if look.lines_centered else None
        placed = margin_pieces(
            line, pictures, words, box.left(), box.top(), middle=middle, across=across
        )
        for piece, at in placed:
            if isinstance(piece, QImage):
                painter.drawImage(QRectF(at.left, at.top, at.width, at.height), piece)
            else:
                painter.save()
                painter.translate(at.left, at.top)
                piece.drawContents(painter)
                painter.restore()


def _split(content: QRectF, share: float, gap: float) -> QRectF:
    """Keep the top `share` of `content` for the text; return the area below it."""
    text_height = content.height() * share
    below = QRectF(content.left(), content.top() + text_height + gap, content.width(),
                   content.height() - text_height - gap)  # fmt: skip
    content.setHeight(text_height)
    return below
