"""The handout's "Resonanz je Folie": which slides moved the room, from the counts alone.

One row per slide that got reactions, in the talk's order, with each reaction's
count, the slide's total and a bar against the liveliest slide. The handout's
fonts draw few emoji (DejaVu has ❤ and 😂, not 👏): where the font lacks one of the
talk's, every reaction is named in words instead, so the row reads alike.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable

from reportlab.graphics.shapes import Drawing, Rect
from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase import pdfmetrics
from reportlab.platypus import Flowable, Table, TableStyle

from workshop_app.deck.reactions import DEFAULT_REACTIONS
from workshop_app.handout.fonts import SANS, SANS_BOLD
from workshop_app.handout.slides import Text, escape
from workshop_app.i18n import tr
from workshop_app.session.reactions import SlideReactions

# The default four in words, for paper whose font has no emoji.
WORDS = dict(zip(DEFAULT_REACTIONS, ("reaction.clap", "reaction.heart", "reaction.laugh",
                                     "reaction.think"), strict=True))  # fmt: skip
_SILENT = {0xFE0F, 0x200D}  # a variation selector and a joiner draw nothing themselves
BAR_W, BAR_H = 90.0, 7.0


def drawable(emoji: str) -> bool:
    """Whether the handout's font has a glyph for every part of `emoji`."""
    glyphs = pdfmetrics.getFont(SANS).face.charToGlyph
    return all(ord(char) in glyphs for char in emoji if ord(char) not in _SILENT)


def reaction_names(offered: tuple[str, ...], lang: str) -> dict[str, str]:
    """Each reaction as the paper prints it: the emoji, or all of them in words."""
    if all(map(drawable, offered)):  # drawn without the selector, which has no glyph
        return {emoji: emoji.replace("\ufe0f", "") for emoji in offered}
    return {emoji: _word(emoji, lang) for emoji in offered}


def _word(emoji: str, lang: str) -> str:
    if emoji in WORDS:
        return tr(WORDS[emoji], lang)
    base = next((c for c in emoji if unicodedata.category(c) == "So"), emoji[0])
    return unicodedata.name(base, "?").capitalize()


def reaction_line(slide: SlideReactions, names: dict[str, str]) -> str:
    """ "👏 30 · ❤️ 8", in the deck's order (as read back from the PDF)."""
    return " · ".join(f"{names.get(emoji, emoji)} {count}" for emoji, count in slide.counts)


def reactions_section(
    reactions: tuple[SlideReactions, ...],
    offered: tuple[str, ...],
    title: Callable[[int], str],
    lang: str,
    styles: tuple[ParagraphStyle, ParagraphStyle, ParagraphStyle],
    accent: colors.Color,
    width: float,
) -> list[Flowable]:
    """The heading, and a row per slide the room reacted to (or a line saying none did)."""
    h2, body, small = styles
    story: list[Flowable] = [Text(escape(tr("handout.reactions", lang)), h2)]
    if not reactions:
        story.append(Text(escape(tr("handout.reactions.none", lang)), body))
        return story
    story.append(Text(escape(tr("handout.reactions.about", lang)), small))
    names = reaction_names(offered, lang)
    most = max(slide.total for slide in reactions)
    rows: list[list[object]] = [
        [tr("handout.reactions.slide", lang), tr("handout.reactions.counts", lang),
         tr("handout.poll.total", lang), ""]
    ]  # fmt: skip
    for slide in reactions:
        bar = Drawing(BAR_W, BAR_H)
        bar.add(Rect(0, 0, BAR_W * slide.total / most, BAR_H, fillColor=accent, strokeColor=None))
        line = reaction_line(slide, names)
        rows.append([Text(escape(title(slide.slide)), small), Text(escape(line), small),
                     slide.total, bar])  # fmt: skip
    table = Table(rows, colWidths=[width * 0.36, width * 0.34, width * 0.1, width * 0.2],
                  repeatRows=1)  # fmt: skip
    table.setStyle(TableStyle([
        ("FONT", (0, 0), (-1, -1), SANS, 8.5),
        ("FONT", (0, 0), (-1, 0), SANS_BOLD, 8.5),
        ("ALIGN", (2, 0), (2, -1), "RIGHT"),
        ("LINEBELOW", (0, 0), (-1, 0), 0.6, colors.HexColor("#5b6270")),
        ("ROWBACKGROUNDS", (0, 1), (-1, -1), [colors.white, colors.HexColor("#f3f4f7")]),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
    ]))  # fmt: skip
    story.append(table)
    return story
