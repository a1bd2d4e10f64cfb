"""One slide through the screen and the paper: the same look, decided once in deck/look.py.

The screen is read from the text document the renderer lays out; paper from the
flowables the handout draws, converted back to canvas pixels.
"""

from __future__ import annotations

import io
import itertools
import math
import re
import subprocess
from pathlib import Path

import pytest
from PIL import Image as PILImage
from PySide6.QtCore import QBuffer, QIODevice, Qt
from PySide6.QtGui import QFont, QFontMetricsF, QTextCharFormat, QTextDocument, QTextTable
from pytestqt.qtbot import QtBot
from reportlab.lib.enums import TA_LEFT
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Image, ListFlowable, Table, XPreformatted

from tests.support.drawn import block_reading, shown
from workshop_app.deck.highlight import Token
from workshop_app.deck.look import (
    CANVAS,
    CODE_LEAST,
    FIT_LINE,
    INLINE_IMAGE_SHARE,
    TEXT_BLEED,
    code_fit,
    code_leading,
    code_padding,
    code_size,
    heading_size,
    heading_space,
    slide_look,
    type_scale,
    wrapped_code,
)
from workshop_app.deck.model import Deck
from workshop_app.deck.parser import parse_deck
from workshop_app.deck.themes import load_theme
from workshop_app.handout.fonts import register_fonts
from workshop_app.handout.slides import (
    QuoteBar,
    SlideFrame,
    SlideStyles,
    Text,
    faces_used,
    slide_flowables,
)
from workshop_app.ui.prepared import prepare
from workshop_app.ui.slide_renderer import SlideRenderer

UNIT = 0.3  # points for a canvas pixel: a slide about 576 pt wide, as on an A4 page


def on_screen(deck: Deck) -> tuple[SlideRenderer, QTextDocument]:
    """The renderer (which owns the document) and slide 1's document."""
    renderer = SlideRenderer(prepare(deck))
    layout = renderer.layout(0)
    assert layout.text_scale == 1.0  # compared at the same step
    return renderer, layout.document


def on_paper(deck: Deck) -> list[object]:
    register_fonts(faces_used(deck.slides))
    slide = deck.slides[0]
    look = slide_look(deck, slide, load_theme(deck.meta.theme))
    _, _, width, height = look.content_box(deck.meta.aspect)
    styles = SlideStyles(look.theme, look.colors, UNIT, centered=look.centered)
    return list(slide_flowables(slide, styles, width * UNIT, height * UNIT))


def screen_code(deck: Deck) -> tuple[int, list[str]]:
    _renderer, document = on_screen(deck)
    lines = document.toPlainText().rstrip("\n").split("\n")[1:]  # below the heading
    block = document.findBlockByNumber(1)
    assert block.text() == lines[0]
    return block.begin().fragment().charFormat().font().pixelSize(), lines


def paper_code(flowables: list[object]) -> tuple[int, list[str]]:
    code = next(f for f in flowables if isinstance(f, XPreformatted))
    return round(code.style.fontSize / UNIT), code.getPlainText().split("\n")


def test_a_long_code_line_has_one_size_and_the_same_lines_on_screen_and_paper(
    qtbot: QtBot,
) -> None:
    long_line = "ergebnis = " + " + ".join(f"stimmen_aus_bezirk_{i}" for i in range(30))
    deck = parse_deck(f"# Code\n\n```python\n{long_line}\nprint(ergebnis)\n```\n")
    screen, paper = screen_code(deck), paper_code(on_paper(deck))
    assert screen == paper
    size, lines = screen
    assert size == CODE_LEAST  # at the least size, and wrapped rather than smaller
    assert len(lines) > 2 and "".join(lines[:-1]) == long_line


def test_code_that_fits_keeps_its_lines_and_size_on_both(qtbot: QtBot) -> None:
    deck = parse_deck("# Code\n\n```bash\nls -la\n\techo eingerückt\n```\n")
    screen, paper = screen_code(deck), paper_code(on_paper(deck))
    assert screen == paper == (36, ["ls -la", "    echo eingerückt"])


def test_a_list_is_indented_alike_on_screen_and_paper(qtbot: QtBot) -> None:
    deck = parse_deck("# A\n\n- eins\n- zwei\n\n---\n\n# B\n\n1. drei\n2. vier\n")
    _renderer, document = on_screen(deck)
    item = document.findBlockByNumber(1)
    assert item.text() == "eins" and item.textList() is not None
    screen = item.layout().lineAt(0).x()
    bullet = next(f for f in on_paper(deck) if isinstance(f, Text) and f.bulletText)
    assert abs(bullet.style.leftIndent / UNIT - screen) < 0.5
    ordered = parse_deck("# B\n\n1. drei\n2. vier\n")
    _renderer, document = on_screen(ordered)
    number = document.findBlockByNumber(1).layout().lineAt(0).x()
    listed = next(f for f in on_paper(ordered) if isinstance(f, ListFlowable))
    assert abs(listed._leftIndent / UNIT - number) < 0.5


def test_code_fit_shrinks_to_the_least_size_then_wraps() -> None:
    width = CANVAS[parse_deck("# A\n").meta.aspect][0] - 220
    assert code_fit(20, width) == code_fit(20, width, 1.0)
    assert code_fit(20, width).size == 36 and code_fit(20, width).columns is None
    assert code_fit(100, width).size < 36 and code_fit(100, width).columns is None
    wide = code_fit(400, width)
    assert wide.size == CODE_LEAST and wide.columns is not None


def test_wrapped_code_breaks_after_a_space_and_keeps_every_character() -> None:
    line = (Token("print", "#008000"), Token("(", None), Token('"eins zwei drei"', "#ba2121"))
    lines = wrapped_code((line, (Token("\tx"),)), 12)
    assert ["".join(t.text for t in each) for each in lines] == [
        'print("eins ',
        'zwei drei"',
        "    x",
    ]
    assert lines[1][0] == Token('zwei drei"', "#ba2121")  # the colour stays with the piece


def heading_size_on_screen(deck: Deck) -> float:
    _renderer, document = on_screen(deck)
    return document.begin().begin().fragment().charFormat().font().pixelSize()


def heading_size_on_paper(deck: Deck) -> float:
    heading = on_paper(deck)[0]
    assert isinstance(heading, Text)
    return float(heading.style.fontSize) / UNIT


def test_a_short_fitting_heading_grows_as_in_marp_alike_on_screen_and_paper(
    qtbot: QtBot,
) -> None:
    # Marp's fitting header scales a short heading up to the width, stopped only by
    # the content's height; the old rule stopped at three times its size (252 px).
    deck = parse_deck("# <!--fit--> Danke!\n")
    theme = load_theme(deck.meta.theme)
    _, _, wide, tall = slide_look(deck, deck.slides[0], theme).content_box(deck.meta.aspect)
    screen, paper = heading_size_on_screen(deck), heading_size_on_paper(deck)
    assert screen > 3 * theme.sizes.h1
    assert abs(screen - paper) / screen < 0.03
    _renderer, document = on_screen(deck)
    assert document.idealWidth() == pytest.approx(wide * 0.98, rel=0.01)  # the width filled
    # One letter would grow past the slide: it stops at the content's height.
    letter = parse_deck("# <!--fit--> A\n")
    screen, paper = heading_size_on_screen(letter), heading_size_on_paper(letter)
    assert abs(screen - tall / FIT_LINE) <= 1 and abs(paper - tall / FIT_LINE) <= 1
    _renderer, document = on_screen(letter)
    assert document.size().height() <= tall  # and the slide still fits


def test_a_fitting_heading_fills_the_width_on_screen_and_paper(qtbot: QtBot) -> None:
    deck = parse_deck("## <!--fit--> Mitgliederversammlung 2026\n")
    theme = load_theme(deck.meta.theme)
    screen, paper = heading_size_on_screen(deck), heading_size_on_paper(deck)
    assert screen > theme.sizes.h2 * 1.5
    assert abs(screen - paper) / screen < 0.03  # Qt's and reportlab's widths differ a little
    _renderer, document = on_screen(deck)
    assert document.blockCount() == 1 and document.begin().layout().lineCount() == 1


def image_on_screen(deck: Deck) -> tuple[float, float]:
    _renderer, document = on_screen(deck)
    found = re.search(r'<img src="impuls-image:[^"]*" width="(\d+)" height="(\d+)"',
                      document.toHtml())  # fmt: skip
    assert found is not None
    return float(found.group(1)), float(found.group(2))


def image_on_paper(deck: Deck) -> tuple[float, float]:
    picture = next(f for f in on_paper(deck) if isinstance(f, Image))
    return picture.drawWidth / UNIT, picture.drawHeight / UNIT


def test_an_asked_image_width_is_kept_on_screen_and_paper(qtbot: QtBot, tmp_path: Path) -> None:
    # `w:800` is 800 of Marp's CSS px: 1200 on our canvas, 675 high for a 16:9 picture.
    # Above 60 % of the content's height it used to be shrunk to about half.
    PILImage.new("RGB", (1600, 900), "#3366aa").save(tmp_path / "bild.png")
    path = tmp_path / "deck.md"
    for source, expected in (
        ("# Bild\n\n![w:800](bild.png)\n", (1200, 675)),
        ("# Bild\n\n![width:800px](bild.png)\n", (1200, 675)),
        ("# Bild\n\n![h:450](bild.png)\n", (1200, 675)),
    ):
        path.write_text(source, encoding="utf-8")
        deck = parse_deck(source, path)
        screen, paper = image_on_screen(deck), image_on_paper(deck)
        assert screen == pytest.approx(expected, abs=1)
        assert paper == pytest.approx(expected, abs=1)


def test_an_image_without_a_size_takes_a_share_of_the_height_on_both(
    qtbot: QtBot, tmp_path: Path
) -> None:
    PILImage.new("RGB", (1600, 900), "#3366aa").save(tmp_path / "bild.png")
    source = "# Bild\n\n![](bild.png)\n"
    (tmp_path / "deck.md").write_text(source, encoding="utf-8")
    deck = parse_deck(source, tmp_path / "deck.md")
    theme = load_theme(deck.meta.theme)
    _, _, _, tall = slide_look(deck, deck.slides[0], theme).content_box(deck.meta.aspect)
    screen, paper = image_on_screen(deck), image_on_paper(deck)
    assert screen[1] == pytest.approx(tall * INLINE_IMAGE_SHARE, abs=1)
    assert paper == pytest.approx(screen, abs=1)


def paper_text(flowables: list[object]) -> str:
    """The words of every paragraph, those inside tables (the missing-picture frame) too."""
    words: list[str] = []
    for flowable in flowables:
        if isinstance(flowable, Text):
            words.append(flowable.getPlainText())
        for row in getattr(flowable, "_cellvalues", ()):
            words.extend(cell.getPlainText() for cell in row if isinstance(cell, Text))
    return "\n".join(words)


def test_a_broken_picture_says_unreadable_and_a_missing_one_missing(
    qtbot: QtBot, tmp_path: Path
) -> None:
    # Before, both read "Bild fehlt", and the speaker looked for a file that was there.
    (tmp_path / "kaputt.png").write_bytes(b"kein Bild")
    source = "# Bilder\n\n![](kaputt.png)\n\n![](fehlt.png)\n"
    (tmp_path / "deck.md").write_text(source, encoding="utf-8")
    deck = parse_deck(source, tmp_path / "deck.md")
    _renderer, document = on_screen(deck)
    for text in (document.toPlainText(), paper_text(on_paper(deck))):
        assert "Bild nicht lesbar: kaputt.png" in text
        assert "Bild fehlt: fehlt.png" in text


# ------------------------------------------------ the theme's setting, on both surfaces
# Each Marp theme's [setting] (workshop_app/resources/themes) and our own themes'
# defaults: the screen and paper read them from the same place.

THEMES = ("default", "gaia", "uncover", "light")
LONG_TITLE = "Eine Überschrift, die so lang ist, dass sie auf jeder Folie in Zeilen umbricht"
WRAPPING = "Ein Absatz mit genug Worten, damit die Zeile umbricht, und noch ein paar dazu."


def themed(theme: str, body: str) -> Deck:
    return parse_deck(f"---\ntheme: {theme}\n---\n\n{body}")


def paper_block(flowables: list[object], text: str) -> Text:
    inside = [f for q in flowables if isinstance(q, QuoteBar) for f in q.content]  # a quote's
    found = next(
        f for f in [*flowables, *inside] if isinstance(f, Text) and shown(f.getPlainText()) == text
    )
    assert isinstance(found, Text)
    return found


@pytest.mark.parametrize("theme", THEMES)
def test_body_lines_are_as_high_on_paper_as_on_screen(qtbot: QtBot, theme: str) -> None:
    # Paper set every theme's lines 1.3 times the type; Marp's themes set 1.5 (default),
    # 1.35 (Gaia) and 1.4 (Uncover), ours the font's spacing with a little air.
    deck = themed(theme, f"{WRAPPING}\n")
    _renderer, document = on_screen(deck)
    layout = block_reading(document, WRAPPING).layout()
    assert layout.lineCount() == 2
    screen = layout.lineAt(1).y() - layout.lineAt(0).y()
    paper = paper_block(on_paper(deck), WRAPPING).style.leading / UNIT
    assert paper == pytest.approx(screen, abs=1.5)


@pytest.mark.parametrize("theme", THEMES)
def test_the_space_below_blocks_is_the_same_on_paper_as_on_screen(qtbot: QtBot, theme: str) -> None:
    # Below a paragraph, a list's item, the list and a heading: paper set 0.4 and 0.35
    # of the type whatever the theme; the screen each theme's gap, item_gap, heading_gap.
    deck = themed(theme, "## Zwei\n\nAbsatz\n\n- eins\n- zwei\n")
    _renderer, document = on_screen(deck)
    flowables = on_paper(deck)
    for text in ("Zwei", "Absatz", "eins", "zwei"):
        # Qt keeps the larger of a block's bottom margin and the next one's top (a
        # list's items stand apart by their tops, as Marp's `li + li`).
        block = block_reading(document, text)
        after = block.next().blockFormat().topMargin() if block.next().isValid() else 0.0
        screen = max(block.blockFormat().bottomMargin(), after)
        paper = paper_block(flowables, text).style.spaceAfter / UNIT
        assert paper == pytest.approx(screen, abs=1), text


@pytest.mark.parametrize("theme", ("default", "gaia", "uncover"))
def test_headings_four_to_six_have_one_size_on_screen_and_paper(qtbot: QtBot, theme: str) -> None:
    # Paper drew h4 to h6 at h3's size; Marp's themes size them from the body.
    for level in (4, 5, 6):
        deck = themed(theme, f"{'#' * level} Ebene\n")
        screen, paper = heading_size_on_screen(deck), heading_size_on_paper(deck)
        assert paper == pytest.approx(screen, abs=0.6), level


@pytest.mark.parametrize(
    ("theme", "italic"), (("default", False), ("gaia", False), ("light", True))
)
def test_a_quote_is_upright_or_italic_alike_on_screen_and_paper(
    qtbot: QtBot, theme: str, italic: bool
) -> None:
    # Paper set every quote upright, the screen ours in italics; and paper indented
    # a quote by the body's size, the screen by 48 px.
    deck = themed(theme, "> Ein Zitat\n")
    _renderer, document = on_screen(deck)
    block = block_reading(document, "Ein Zitat")
    assert block.begin().fragment().charFormat().fontItalic() is italic
    quote = paper_block(on_paper(deck), "Ein Zitat")
    assert all(bool(frag.italic) is italic for frag in quote.frags)
    screen_indent = block.layout().lineAt(0).x()  # the block's margin included
    assert quote.style.leftIndent / UNIT == pytest.approx(screen_indent, abs=1)


@pytest.mark.parametrize("theme", ("default", "gaia", "uncover", "light"))
def test_a_link_has_one_colour_and_line_on_screen_and_paper(qtbot: QtBot, theme: str) -> None:
    # Paper drew a link as the text around it; the screen in the theme's accent, with a
    # line under it where the theme draws one (Gaia and ours).
    deck = themed(theme, "Siehe [die Quelle](https://example.org)\n")
    _renderer, document = on_screen(deck)
    block = block_reading(document, "Siehe die Quelle")
    it, screen = block.begin(), None
    while not it.atEnd():
        if it.fragment().text() == "die Quelle":
            screen = it.fragment().charFormat()
        it += 1
    assert screen is not None
    link = next(f for f in paper_block(on_paper(deck), "Siehe die Quelle").frags if f.link)
    assert link.text == "die Quelle"
    assert bool(link.us_lines) is screen.fontUnderline()
    assert link.textColor.hexval()[2:] == screen.foreground().color().name()[1:]


@pytest.mark.parametrize("theme", ("default", "gaia", "uncover"))
def test_a_list_is_indented_as_its_theme_says_on_screen_and_paper(qtbot: QtBot, theme: str) -> None:
    # Gaia and Uncover indent a list the browser's 40 px; paper kept 1.4 body sizes.
    deck = themed(theme, "- eins\n- zwei\n")
    _renderer, document = on_screen(deck)
    screen = block_reading(document, "eins").layout().lineAt(0).x()
    bullet = paper_block(on_paper(deck), "eins")
    assert bullet.style.leftIndent / UNIT == pytest.approx(screen, abs=0.5)
    ordered = themed(theme, "1. drei\n2. vier\n")
    _renderer, document = on_screen(ordered)
    number = block_reading(document, "drei").layout().lineAt(0).x()
    listed = next(f for f in on_paper(ordered) if isinstance(f, ListFlowable))
    assert listed._leftIndent / UNIT == pytest.approx(number, abs=0.5)


def test_uncovers_code_is_as_wide_as_its_lines_in_the_middle_on_both(qtbot: QtBot) -> None:
    # Paper's code filled the width with its text at the left edge.
    deck = themed("uncover", "```\nprint(1)\nprint(22222)\n```\n")
    _renderer, document = on_screen(deck)
    block = block_reading(document, "print(1)")
    screen = document.documentLayout().blockBoundingRect(block).left()
    theme = load_theme("uncover")
    _, _, width, _ = slide_look(deck, deck.slides[0], theme).content_box(deck.meta.aspect)
    box = next(f for f in on_paper(deck) if isinstance(f, Table))
    assert box.hAlign == "CENTER"
    wide, _ = box.wrap(width * UNIT, 1000)
    paper = (width - wide / UNIT) / 2 + code_padding()  # the text inside its panel
    assert paper == pytest.approx(screen, abs=3)


@pytest.mark.parametrize("theme", ("default", "light"))
def test_code_stands_inside_its_panel_alike_on_screen_and_paper(qtbot: QtBot, theme: str) -> None:
    # The screen's panel is as wide as the column, its text the padding in; paper's
    # text stood at the column's edge, the panel reaching into the slide's margin.
    deck = themed(theme, "```\nprint(1)\n```\n")
    _renderer, document = on_screen(deck)
    screen = document.documentLayout().blockBoundingRect(block_reading(document, "print(1)"))
    code = next(f for f in on_paper(deck) if isinstance(f, XPreformatted))
    assert code.style.leftIndent / UNIT == pytest.approx(screen.left(), abs=1)
    assert code.style.leftIndent - code.style.borderPadding == pytest.approx(0)


def dark_pixels(
    image: PILImage.Image, box: tuple[int, int, int, int], below: int = 140
) -> list[tuple[int, int]]:
    grey = image.convert("L")
    left, top, right, bottom = box
    return [
        (x, y)
        for y in range(top, bottom)
        for x in range(left, right)
        if grey.getpixel((x, y)) < below  # type: ignore[operator]
    ]


def screen_image(deck: Deck) -> PILImage.Image:
    image = SlideRenderer(prepare(deck)).image(0)
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")  # type: ignore[call-overload]  # the stub wants bytes, Qt str
    return PILImage.open(io.BytesIO(bytes(buffer.data().data())))


def paper_image(deck: Deck, folder: Path) -> PILImage.Image:
    """The slide as paper draws it, in the slide's own colours, at the canvas's size."""
    register_fonts(faces_used(deck.slides))
    width, height = CANVAS[deck.meta.aspect]
    frame = SlideFrame(deck, deck.slides[0], load_theme(deck.meta.theme), width * 0.5, light=False)
    pdf = folder / "folie.pdf"
    canvas = Canvas(str(pdf), pagesize=(width * 0.5, height * 0.5))
    frame.drawOn(canvas, 0, 0)
    canvas.save()
    subprocess.run(
        ["pdftoppm", "-png", "-singlefile", "-scale-to-x", str(width), "-scale-to-y",
         str(height), str(pdf), str(folder / "folie")],
        check=True,
    )  # fmt: skip
    return PILImage.open(folder / "folie.png")


@pytest.mark.parametrize("theme", ("default", "gaia", "uncover"))
def test_header_footer_and_page_number_stand_alike_on_screen_and_paper(
    qtbot: QtBot, tmp_path: Path, theme: str
) -> None:
    # Paper placed them at the content's margin in the theme's small size; the screen
    # where Marp's themes put them (look.line_x, line_size, page_size).
    deck = parse_deck(
        f"---\nmarp: true\ntheme: {theme}\npaginate: true\nheader: HHHH\nfooter: HHHH\n---\n\nText\n"
    )
    images = (screen_image(deck), paper_image(deck, tmp_path))
    width, height = CANVAS[deck.meta.aspect]
    found = []
    for image in images:
        assert image.size == (width, height)
        # Inside paper's frame line, at the slide's edge; Marp's header and footer
        # are a faint grey (Uncover's #a5a5a9).
        header = dark_pixels(image, (4, 4, width // 2, 100), below=200)
        footer = dark_pixels(image, (4, height - 100, width // 2, height - 4), below=200)
        number = dark_pixels(image, (width - 300, height - 100, width - 4, height - 4))
        found.append((
            min(x for x, _ in header),
            max(y for _, y in header) - min(y for _, y in header),
            min(x for x, _ in footer),
            min(y for _, y in footer),
            max(x for x, _ in number),
            min(y for _, y in number),
            max(y for _, y in number) - min(y for _, y in number),
        ))  # fmt: skip
    screen, paper = found
    assert paper == pytest.approx(screen, abs=3)


@pytest.mark.parametrize(("theme", "paragraphs"), (("gaia", 7), ("default", 10), ("uncover", 9)))
def test_a_full_slide_shrinks_to_the_same_step_on_screen_and_paper(
    qtbot: QtBot, tmp_path: Path, theme: str, paragraphs: int
) -> None:
    # Paper measured a slide without the space between its blocks: it kept the full
    # size where the screen shrank a step or three, and then squeezed the whole slide
    # into its box, smaller and otherwise placed than on the wall.
    source = "# Titel\n\n" + "".join(f"Absatz {i}\n\n" for i in range(paragraphs))
    deck = themed(theme, source)
    renderer = SlideRenderer(prepare(deck))
    assert renderer.layout(0).text_scale < 1.0
    width, height = CANVAS[deck.meta.aspect]
    spans = []
    for image in (screen_image(deck), paper_image(deck, tmp_path)):
        dark = dark_pixels(image, (4, 100, width - 4, height - 100))
        spans.append((min(y for _, y in dark), max(y for _, y in dark)))
    screen, paper = spans  # the text's top and bottom (Uncover spaces letters on screen only)
    assert paper == pytest.approx(screen, abs=8)


@pytest.mark.parametrize("theme", ("default", "gaia", "light"))
def test_headings_and_code_take_one_line_height_on_screen_and_paper(
    qtbot: QtBot, theme: str
) -> None:
    # The screen sets a heading's and code's lines at the font's natural spacing
    # (1.16 em for DejaVu) or the theme's; paper set them 1.2 and 1.25 em, a taller slide.
    deck = themed(theme, f"# {LONG_TITLE}\n\n```\neins\nzwei\n```\n")
    _renderer, document = on_screen(deck)
    place = document.documentLayout().blockBoundingRect
    lines = block_reading(document, LONG_TITLE).layout()
    heading = lines.lineAt(1).y() - lines.lineAt(0).y()
    code = (
        place(block_reading(document, "zwei")).top() - place(block_reading(document, "eins")).top()
    )
    flowables = on_paper(deck)
    assert paper_block(flowables, LONG_TITLE).style.leading / UNIT == pytest.approx(heading, abs=1)
    listing = next(f for f in flowables if isinstance(f, XPreformatted))
    assert listing.style.leading / UNIT == pytest.approx(code, abs=1)


@pytest.mark.parametrize("theme", ("light", "high-contrast"))
def test_a_title_alone_stands_in_the_middle_on_screen_and_paper(
    qtbot: QtBot, tmp_path: Path, theme: str
) -> None:
    # From the rehearsal (issue 32, 7): without `<!-- _class: lead -->` a title slide sat
    # in the top-left corner, on the wall and in the handout. Our themes centre a slide
    # that holds only a title (deck/look.py's `title_only`), on both alike.
    deck = themed(theme, "# Jahresversammlung\n\nFörderverein Stadtbibliothek\n")
    width, height = CANVAS[deck.meta.aspect]
    boxes = []
    for image in (screen_image(deck), paper_image(deck, tmp_path)):
        dark = dark_pixels(image, (8, 8, width - 8, height - 8))
        xs, ys = [x for x, _ in dark], [y for _, y in dark]
        boxes.append((min(xs), max(xs), min(ys), max(ys)))
    for left, right, top, bottom in boxes:
        assert (left + right) / 2 == pytest.approx(width / 2, abs=width * 0.02)
        assert (top + bottom) / 2 == pytest.approx(height / 2, abs=height * 0.06)
        assert left > 300  # before: at the theme's left margin, 110 px in
    screen, paper = boxes
    assert paper == pytest.approx(screen, abs=12)


CSS_DECK = """\
---
theme: uncover
style: |
  section { font-size: 50px; text-align: left; }
  h1 { font-size: 100px; color: #aa0000; }
---

# Titel

Ein Absatz
"""


def test_a_decks_own_css_sets_sizes_colour_and_alignment_alike_on_screen_and_paper(
    qtbot: QtBot,
) -> None:
    # Marp applies a deck's `style:`; Impuls set it in Uncover's sizes, centred.
    deck = parse_deck(CSS_DECK)
    assert heading_size_on_screen(deck) == heading_size_on_paper(deck) == 150
    _renderer, document = on_screen(deck)
    flowables = on_paper(deck)
    text = block_reading(document, "Ein Absatz")
    assert text.begin().fragment().charFormat().font().pixelSize() == 75
    assert paper_block(flowables, "Ein Absatz").style.fontSize / UNIT == pytest.approx(75)
    assert text.blockFormat().alignment() & Qt.AlignmentFlag.AlignLeft
    assert paper_block(flowables, "Ein Absatz").style.alignment == TA_LEFT
    title = block_reading(document, "Titel").begin().fragment().charFormat()
    assert title.foreground().color().name() == "#aa0000"
    assert paper_block(flowables, "Titel").style.textColor.hexval() == "0xaa0000"


def test_a_style_blocks_background_is_drawn_on_screen_and_paper(
    qtbot: QtBot, tmp_path: Path
) -> None:
    deck = parse_deck("# Titel\n\n<style>\nsection { background-color: #ffe4e1 }\n</style>\n")
    for image in (screen_image(deck), paper_image(deck, tmp_path)):
        assert image.convert("RGB").getpixel((20, 20)) == (255, 228, 225)


def test_a_marp_decks_overfull_slide_is_cut_at_full_size_on_screen_and_paper(
    qtbot: QtBot, tmp_path: Path
) -> None:
    # Marp cuts an overfull slide off at its type size; Impuls shrank a Marp deck's
    # slide to 70 %, and the gem5 bootcamp's slides looked nothing like their Marp.
    body = "# Titel\n\n" + "".join(f"Absatz {i}\n\n" for i in range(16))
    deck = parse_deck(f"---\nmarp: true\ntheme: default\n---\n\n{body}")
    renderer = SlideRenderer(prepare(deck))
    layout = renderer.layout(0)
    assert layout.text_scale == 1.0 and layout.overflows
    assert [problem.message_id for problem in renderer.overflow_problems()] == [
        "slide.overflows_cut"
    ]
    width, height = CANVAS[deck.meta.aspect]
    spans = []
    for image in (screen_image(deck), paper_image(deck, tmp_path)):
        dark = dark_pixels(image, (4, 4, width - 4, height - 4))
        spans.append((min(y for _, y in dark), max(y for _, y in dark)))
    (screen_top, screen_bottom), (paper_top, paper_bottom) = spans
    assert paper_top == pytest.approx(screen_top, abs=8)  # the heading, at the same place
    # and the text runs on below the content's box to the slide's edge, as in Marp
    _, top, _, tall = layout.look.content_box(deck.meta.aspect)
    assert min(screen_bottom, paper_bottom) > top + tall + TEXT_BLEED
    assert heading_size_on_paper(deck) == heading_size_on_screen(deck) == 70  # full size
    # Our own themes, which our decks use with `marp: true` too, shrink first.
    ours = parse_deck(f"---\nmarp: true\ntheme: light\n---\n\n{body}")
    assert SlideRenderer(prepare(ours)).layout(0).text_scale < 1.0


def test_marps_default_theme_sets_code_in_text_smaller_and_lists_two_em_in_on_both(
    qtbot: QtBot,
) -> None:
    # github-markdown-css under Marp's default theme: `code` at 85 % of the text around
    # it (in a heading at the heading's size) and `ul { padding-left: 2em }`. Impuls
    # set code at the text's size and lists 1.4em in: lines wrapped where Marp's did not.
    deck = themed("default", "## Mit `code`\n\nText mit `code`\n\n- Punkt mit `code`\n")
    _renderer, document = on_screen(deck)
    flowables = on_paper(deck)

    def code_on_screen(text: str) -> int:
        fragment = block_reading(document, text).begin()
        while fragment.fragment().text() != "code":
            fragment += 1
        return fragment.fragment().charFormat().font().pixelSize()

    def code_on_paper(text: str) -> float | None:
        found = re.search(r'size="([\d.]+)">code<', paper_block(flowables, text).text)
        return float(found.group(1)) / UNIT if found else None

    for text in ("Text mit code", "Punkt mit code"):
        assert code_on_screen(text) == 37  # 85 % of 44
        assert code_on_paper(text) == pytest.approx(37.4, abs=0.01)
    assert code_on_screen("Mit code") == 57 and code_on_paper("Mit code") is None
    screen = block_reading(document, "Punkt mit code").layout().lineAt(0).x()
    assert screen == pytest.approx(88, abs=0.5)  # 2em of 44 px
    assert paper_block(flowables, "Punkt mit code").style.leftIndent / UNIT == pytest.approx(88)


@pytest.mark.parametrize("theme", ("default", "gaia", "uncover", "light"))
def test_a_centred_slides_text_stands_as_low_on_paper_as_on_screen(
    qtbot: QtBot, tmp_path: Path, theme: str
) -> None:
    # Marp's themes stand a slide's text half a line's extra height lower than Qt and
    # reportlab set it (look.text_drop); paper has to follow the screen there.
    deck = themed(theme, "<!-- _class: lead -->\n\n## Titel\n\nEin Absatz\n")
    renderer = SlideRenderer(prepare(deck))
    assert (renderer.layout(0).text_drop > 0) is (theme != "light")
    width, height = CANVAS[deck.meta.aspect]
    spans = []
    for image in (screen_image(deck), paper_image(deck, tmp_path)):
        dark = dark_pixels(image, (4, 4, width - 4, height - 100))
        spans.append((min(y for _, y in dark), max(y for _, y in dark)))
    screen, paper = spans  # paper's bold heading stands a few px lower, before as now
    assert paper == pytest.approx(screen, abs=8)


def test_uncovers_page_number_stands_on_its_corner_triangle_on_screen_and_paper(
    qtbot: QtBot, tmp_path: Path
) -> None:
    # Marp's Uncover lays a triangle, its text colour at 5 %, under the page number in
    # the bottom-right corner (`section::after`, 140 px square); it was not drawn.
    deck = parse_deck("---\nmarp: true\ntheme: uncover\npaginate: true\n---\n\nText\n")
    width, height = CANVAS[deck.meta.aspect]
    for image in (screen_image(deck), paper_image(deck, tmp_path)):
        rgb = image.convert("RGB")
        assert rgb.getpixel((width - 190, height - 12)) == pytest.approx((242, 241, 244), abs=2)
        assert rgb.getpixel((width - 12, height - 190)) == pytest.approx((242, 241, 244), abs=2)
        # outside its diagonal, and on a slide without a number: the background
        assert rgb.getpixel((width - 120, height - 120)) == pytest.approx((253, 252, 255), abs=2)
    unnumbered = parse_deck("---\nmarp: true\ntheme: uncover\n---\n\nText\n")
    plain = screen_image(unnumbered).convert("RGB")
    assert plain.getpixel((width - 190, height - 12)) == pytest.approx((253, 252, 255), abs=2)


def text_rows(image: PILImage.Image, width: int, height: int) -> list[tuple[int, int]]:
    """The top and bottom of each line of dark text, from the top of the canvas."""
    grey = image.convert("L").crop((60, 4, width - 300, height - 120))
    darkest = [grey.crop((0, y, grey.width, y + 1)).getextrema()[0] for y in range(grey.height)]
    rows = [y for y, value in enumerate(darkest) if value < 140]  # type: ignore[operator]
    runs: list[tuple[int, int]] = []
    for y in rows:
        if runs and y - runs[-1][1] <= 8:  # an i's dot belongs to its line
            runs[-1] = (runs[-1][0], y)
        else:
            runs.append((y, y))
    return runs


@pytest.mark.parametrize("theme", ("default", "gaia", "light"))
def test_a_nested_list_is_spaced_alike_on_screen_and_paper(
    qtbot: QtBot, tmp_path: Path, theme: str
) -> None:
    # Marp's default theme spaces items only from each other (`li + li`): a nested
    # list follows its item's line without a gap, and the whole list keeps the space
    # below it after its deepest last item. The screen put the item's gap before the
    # nested list and none below it; paper put a paragraph's space after a nested list.
    deck = themed(theme, "- Eins\n- Zwei\n  - Drei\n  - Vier\n- Fünf\n  - Sechs\n\nSieben\n")
    width, height = CANVAS[deck.meta.aspect]
    screen, paper = (
        text_rows(image, width, height)
        for image in (screen_image(deck), paper_image(deck, tmp_path))
    )
    assert len(screen) == len(paper) == 7
    tops = [top - screen[0][0] for top, _ in screen]
    # (Qt sets a line a px taller than paper: it rounds the font's spacing up first)
    assert [top - paper[0][0] for top, _ in paper] == pytest.approx(tops, abs=8)
    steps = [later - earlier for earlier, later in itertools.pairwise(tops)]
    setting = load_theme(theme).setting
    item = steps[0]  # one line and the gap between items
    # Zwei → Drei, Fünf → Sechs: one line, and no gap where the theme gives none
    into = item - (0 if setting.nested_gap else setting.item_gap)
    assert (steps[1], steps[4]) == pytest.approx((into, into), abs=2)
    assert steps[3] == pytest.approx(item, abs=2)  # Vier → Fünf: back out, one gap
    # Sechs → Sieben: the list's own space below it, after its deepest last item
    assert steps[5] == pytest.approx(item - setting.item_gap + setting.gap, abs=2)


@pytest.mark.parametrize("theme", ("default", "uncover"))
def test_a_loose_lists_items_stand_apart_as_paragraphs_on_screen_and_paper(
    qtbot: QtBot, tmp_path: Path, theme: str
) -> None:
    # Items apart by blank lines are paragraphs in Marp (`li > p`), spaced as those,
    # the list nested in one too; they were spaced as a tight list's.
    deck = parse_deck(
        f"---\nmarp: true\ntheme: {theme}\n---\n\n- Eins\n  - Zwei\n\n- Drei\n\nVier\n"
    )
    assert deck.slides[0].blocks[0].loose  # type: ignore[union-attr]
    width, height = CANVAS[deck.meta.aspect]
    screen, paper = (
        text_rows(image, width, height)
        for image in (screen_image(deck), paper_image(deck, tmp_path))
    )
    tops = [top - screen[0][0] for top, _ in screen]
    assert [top - paper[0][0] for top, _ in paper] == pytest.approx(tops, abs=6)
    steps = [later - earlier for earlier, later in itertools.pairwise(tops)]
    assert len(set(steps)) <= 2 and max(steps) - min(steps) <= 2  # each a line and a gap
    tight = themed(theme, "- Eins\n  - Zwei\n- Drei\n\nVier\n")
    tight_tops = [top for top, _ in text_rows(screen_image(tight), width, height)]
    gap = load_theme(theme).setting.gap
    assert (
        steps[0] - (tight_tops[1] - tight_tops[0]) >= gap - load_theme(theme).setting.item_gap - 2
    )


def test_code_in_marps_default_theme_has_its_padding_on_screen_and_paper(qtbot: QtBot) -> None:
    # `pre { padding: 16px; border: 1px solid }` in Marp's default theme, 25.5 canvas
    # px: the panel was 18 px around its text in every theme, thinner than Marp's.
    deck = themed("default", "```\nprint(1)\n```\n")
    _renderer, document = on_screen(deck)
    screen = document.documentLayout().blockBoundingRect(block_reading(document, "print(1)"))
    assert screen.left() == pytest.approx(25.5, abs=1)
    assert screen.top() == pytest.approx(25.5, abs=1)
    code = next(f for f in on_paper(deck) if isinstance(f, XPreformatted))
    assert code.style.leftIndent / UNIT == pytest.approx(26)
    assert code.style.borderPadding / UNIT == pytest.approx(26)


def test_a_path_or_address_is_not_broken_after_a_slash_on_screen_or_paper(qtbot: QtBot) -> None:
    # A browser keeps "docs.python.org/3/library" together and moves it to the next
    # line whole, as paper does; Qt broke the line after "https://" or "tests/".
    text = "More information on Python's unittest framework can be found at"
    deck = themed("default", f"{text} <https://docs.python.org/3/library/unittest.html>\n")
    _renderer, document = on_screen(deck)
    block = document.begin()
    layout = block.layout()
    lines = [
        block.text()[line.textStart() : line.textStart() + line.textLength()]
        for line in (layout.lineAt(i) for i in range(layout.lineCount()))
    ]
    assert [line.replace("\u2060", "").strip() for line in lines] == [
        text,
        "https://docs.python.org/3/library/unittest.html",
    ]
    paragraph = on_paper(deck)[0]
    assert isinstance(paragraph, Text)
    _, _, width, _ = slide_look(deck, deck.slides[0], load_theme("default")).content_box(
        deck.meta.aspect
    )
    paragraph.wrap(width * UNIT, 10_000)
    assert len(paragraph.blPara.lines) == 2


@pytest.mark.parametrize(("theme", "size", "pad", "margin"), (("default", 37, 0.4, 0.0),
                                                               ("uncover", 60, 0.2, 0.2),
                                                               ("gaia", 42, 0.2, 0.15)))  # fmt: skip
def test_code_in_the_text_is_padded_in_its_panel_alike_on_screen_and_paper(
    qtbot: QtBot, theme: str, size: int, pad: float, margin: float
) -> None:
    # Marp's themes pad `code` in the text inside its panel (`padding: .2em .4em` in
    # the default theme) and Uncover and Gaia keep the words around it apart from the
    # panel (`margin`); the panel hugged the letters, and paper drew none.
    deck = themed(theme, "Wort `code` Wort\n")
    _renderer, document = on_screen(deck)
    block = block_reading(document, "Wort code Wort")
    line = block.layout().lineAt(0)

    def x(cursor: int) -> float:  # PySide6 gives (x, cursor); its stubs say `object`
        found = line.cursorToX(cursor)
        assert isinstance(found, tuple)
        return float(found[0])

    text = block.text()
    start, end = text.index("c"), text.index("e") + 1
    panel_start = start - 1  # the padding's space, inside the panel
    assert x(start) - x(panel_start) == pytest.approx(pad * size, abs=2)
    assert x(end + 1) - x(end) == pytest.approx(pad * size, abs=2)
    if margin:
        assert x(panel_start) - x(panel_start - 1) == (pytest.approx(margin * size, abs=2))
    paper = paper_block(on_paper(deck), "Wort code Wort").text
    panel = re.search(r'<span backColor="(#[0-9a-f]{6})">(.*?)</span>', paper)
    assert panel is not None and "code" in panel.group(2)
    padding = re.match(r'<font name="[^"]+" size="([\d.]+)">&nbsp;</font>', panel.group(2))
    assert padding is not None
    assert float(padding.group(1)) * 0.602 / UNIT == pytest.approx(pad * size, rel=0.05)


def test_a_quote_in_marps_default_theme_has_its_bar_on_screen_and_paper(
    qtbot: QtBot, tmp_path: Path
) -> None:
    # `blockquote { border-left: .25em solid; padding: 0 1em }`: a bar 11 canvas px wide
    # down the quote's lines, its text 54 px in; the quote only stood in, without a bar.
    deck = themed("default", "Vorher\n\n> Zitat eins\n> zwei\n\nNachher\n")
    width, height = CANVAS[deck.meta.aspect]
    bars = []
    for image in (screen_image(deck), paper_image(deck, tmp_path)):
        rgb = image.convert("RGB")
        found = [
            (x, y)
            for y in range(4, height - 4, 2)  # inside paper's frame line
            for x in range(90, 165)  # left of the quote's text
            if rgb.getpixel((x, y)) == pytest.approx((209, 217, 224), abs=6)  # #d1d9e0
        ]
        assert found
        xs, ys = [x for x, _ in found], [y for _, y in found]
        bars.append((min(xs), max(xs), min(ys), max(ys)))
        rows = text_rows(image, width, height)
        assert len(rows) == 4  # Vorher, the quote's two lines, Nachher
        assert rows[0][1] < min(ys) and max(ys) < rows[3][0]  # between the paragraphs
        assert min(ys) < rows[1][0] and rows[2][1] < max(ys)  # along the quote's lines
    screen, paper = bars
    assert screen[1] - screen[0] == pytest.approx(10, abs=2)
    assert paper == pytest.approx(screen, abs=4)


def test_marps_default_theme_breaks_lines_at_its_exact_type_size_on_screen_and_paper(
    qtbot: QtBot, tmp_path: Path
) -> None:
    # Marp's default theme sets its text at 29 CSS px, 43.5 canvas px; Impuls set it at
    # 44, 1.1 % wider, and broke a full line a word early. The text is laid out at 44
    # in a column 44/43.5 as wide and drawn 43.5/44 as large: a line as wide as the
    # column at 43.5 px stays one line, on the screen and on paper.
    deck = themed("default", "x\n")
    look = slide_look(deck, deck.slides[0], load_theme("default"))
    _, _, width, _ = look.content_box(deck.meta.aspect)
    assert type_scale(look.theme) == pytest.approx(43.5 / 44)
    font = QFont("DejaVu Sans")
    font.setPixelSize(100)
    per_em = QFontMetricsF(font).horizontalAdvance
    words = ["i"]
    while per_em(" ".join([*words, "i"])) * 0.435 <= width - 2:
        words.append("i")
    line = " ".join(words)
    assert per_em(line) * 0.44 > width  # at 44 px it would not fit
    deck = themed("default", f"{line}\n")
    _renderer, document = on_screen(deck)
    assert document.begin().layout().lineCount() == 1
    paragraph = on_paper(deck)[0]
    assert isinstance(paragraph, Text)
    paragraph.wrap(width * UNIT / type_scale(look.theme), 10_000)
    assert len(paragraph.blPara.lines) == 1
    rows = text_rows(screen_image(deck), *CANVAS[deck.meta.aspect])
    assert len(rows) == 1
    assert len(text_rows(paper_image(deck, tmp_path), *CANVAS[deck.meta.aspect])) == 1


def screen_colours(document: QTextDocument) -> dict[str, tuple[str, bool]]:
    """Each piece of the slide's text: its colour and whether it is bold."""
    found: dict[str, tuple[str, bool]] = {}
    block = document.begin()
    while block.isValid():
        fragments = block.begin()
        while not fragments.atEnd():
            fragment = fragments.fragment()
            style = fragment.charFormat()
            for word in fragment.text().split():
                color = style.foreground().color().name()
                found.setdefault(word, (color, style.font().bold()))
            fragments += 1
        block = block.next()
    return found


@pytest.mark.parametrize(
    ("theme", "invert", "expected"),
    (
        # GitHub's colours, as highlight.js takes them in Marp's default theme:
        # keywords red and not bold, a defined name violet, strings navy, a module's
        # path the text's colour (Pygments' own style: green, bold, and a bold blue path)
        ("default", False, {"import": "#cf222e", "greet": "#6639ba", "'Hallo'": "#0a3069",
                            "os.path": "#1f2328", "42": "#0550ae"}),
        ("default", True, {"import": "#ff7b72", "greet": "#d2a8ff", "'Hallo'": "#a5d6ff"}),
        # Uncover's own: keywords and names blue, strings violet, numbers green, each
        # darkened just enough to read on its grey panel
        ("uncover", False, {"import": "#2b71a5", "greet": "#2b71a5", "'Hallo'": "#6c61ac",
                            "42": "#24783e"}),
    ),
)  # fmt: skip
def test_code_takes_its_marp_themes_colours_on_screen_and_paper(
    qtbot: QtBot, theme: str, invert: bool, expected: dict[str, str]
) -> None:
    code = "import os.path\n\ndef greet():\n    return 'Hallo', 42\n"
    deck = themed(theme, f"{'<!-- class: invert -->' if invert else ''}\n```python\n{code}```\n")
    _renderer, document = on_screen(deck)
    screen = screen_colours(document)
    paper = next(f for f in on_paper(deck) if isinstance(f, XPreformatted | Table))
    if isinstance(paper, Table):  # Uncover's box around the lines
        paper = paper._cellvalues[0][0]
    markup = paper.text  # reportlab's <font color> per token
    for word, colour in expected.items():
        assert screen[word] == (colour, False), (word, screen[word])
        piece = re.escape(word.strip("'").split(".")[0])
        assert re.search(rf'<font color="{colour}">\'?{piece}', markup), (word, markup)
        assert "<b>" not in markup


def test_marps_default_theme_stripes_a_table_as_github_does_on_screen_and_paper(
    qtbot: QtBot,
) -> None:
    # github-markdown-css under Marp's default theme: the header row plain, every second
    # row of the body on the panel (#f6f8fa), cells `padding: 6px 13px` and in the
    # middle top to bottom, lines 1.5 times the type. The header row was on the panel,
    # the body plain, every cell 14 px around and its lines Qt's own: the gem5 decks'
    # tables stood a tenth lower per row and striped the wrong way.
    deck = themed("default", "| A | B |\n|---|---|\n| 1 | 2 |\n| 3 | 4 |\n| 5 | 6 |\n")
    _renderer, document = on_screen(deck)
    table = next(
        frame
        for frame in document.rootFrame().childFrames()
        if isinstance(frame, QTextTable) and frame.rows() == 4
    )
    panel = load_theme("default").colors.panel
    shades = []
    for row in range(4):
        brush = table.cellAt(row, 0).format().background()
        shades.append(None if brush.style() == Qt.BrushStyle.NoBrush else brush.color().name())
    assert shades == [None, None, panel, None]
    cell = table.cellAt(1, 0).format().toTableCellFormat()
    assert (cell.topPadding(), cell.leftPadding()) == (9, 20)  # 9 and 19.5, whole px
    assert cell.verticalAlignment() == QTextCharFormat.VerticalAlignment.AlignMiddle
    paper = next(f for f in on_paper(deck) if isinstance(f, Table))
    painted = [c for c in paper._bkgrndcmds if c[0] == "BACKGROUND"]
    assert [(c[1], c[2]) for c in painted] == [((0, 2), (-1, 2))]
    assert paper._cellStyles[1][0].valign == "MIDDLE"
    assert paper._cellStyles[1][0].topPadding == pytest.approx(9 * UNIT)


# ------------------------------------------------ what fresh Marp decks showed, round three


@pytest.mark.parametrize("theme", ("default", "gaia", "uncover"))
def test_a_wrapped_headings_lines_stand_as_far_apart_as_the_theme_says_on_both(
    qtbot: QtBot, theme: str
) -> None:
    # Marp's themes set a heading's lines 1.25 (default), 1.35 (Gaia) and 1.4 (Uncover)
    # times its size; both surfaces set them at the font's 1.16, so a heading of two
    # lines stood up to a fifth of a line too tight (otomax's "Adding an Image").
    setting = load_theme(theme).setting
    assert setting.heading_line is not None
    wrapped = themed(theme, f"## {LONG_TITLE}\n\nText\n")
    _renderer, document = on_screen(wrapped)
    layout = block_reading(document, LONG_TITLE).layout()
    assert layout.lineCount() >= 2
    size = layout.lineAt(0).height() / 1.16  # the line box, about the type's 1.16
    screen = layout.lineAt(1).y() - layout.lineAt(0).y()
    paper = paper_block(on_paper(wrapped), LONG_TITLE).style
    assert screen == pytest.approx(setting.heading_line * paper.fontSize / UNIT, abs=1)
    assert paper.leading / UNIT == pytest.approx(screen, abs=1)
    assert screen > 1.2 * size
    # A heading of one line keeps what follows it where it stood: the line it takes
    # beyond the font's spacing comes off the space below it.
    short = themed(theme, "## Kurz\n\nText\n")
    _renderer, document = on_screen(short)
    place = document.documentLayout().blockBoundingRect
    heading = block_reading(document, "Kurz")
    below = place(block_reading(document, "Text")).top() - place(heading).top()
    natural = heading.layout().lineAt(0).height()
    title = paper_block(on_paper(short), "Kurz").style
    spoken = heading_space(load_theme(theme), title.fontSize / UNIT)
    assert below == pytest.approx(natural + spoken, abs=1.5)
    assert (title.leading + title.spaceAfter) / UNIT == pytest.approx(below, abs=3)


@pytest.mark.parametrize("aligned", ("", "section { text-align: left }"))
def test_uncovers_footer_stands_as_its_text_does_on_screen_and_paper(
    qtbot: QtBot, tmp_path: Path, aligned: str
) -> None:
    # Uncover's footer spans the slide (`left: 70px; right: 70px`) and takes the
    # section's `text-align`: in the middle, or at the left where a deck's CSS says so
    # (CS571). It stood at the left on every slide (otomax's footer, 900 px off).
    style = f"style: '{aligned}'\n" if aligned else ""
    deck = parse_deck(f"---\nmarp: true\ntheme: uncover\nfooter: HHHH\n{style}---\n\nText\n")
    width, height = CANVAS[deck.meta.aspect]
    middles = []
    for image in (screen_image(deck), paper_image(deck, tmp_path)):
        footer = dark_pixels(image, (4, height - 100, width - 300, height - 4), below=200)
        middles.append((min(x for x, _ in footer) + max(x for x, _ in footer)) / 2)
    if aligned:
        assert all(middle < width / 4 for middle in middles), middles
    else:
        assert middles == pytest.approx([width / 2, width / 2], abs=12)


@pytest.mark.parametrize("theme", ("default", "uncover"))
def test_a_missing_picture_takes_a_line_of_text_as_in_marp_on_screen_and_paper(
    qtbot: QtBot, theme: str
) -> None:
    # Marp shows a missing picture as a broken-image icon and its alt text: a line of
    # the text. Its frame here was 85 px high and stood without the space above it
    # (Qt drops a paragraph's margin before a table), so the gem5 decks' slides stood
    # 19 px off Marp's; it keeps its words and its dashed frame, a line high.
    source = "Davor\n\n![Ein Bild](fehlt.png)\n\nDanach\n"
    spans = []
    for body in (source, source.replace("![Ein Bild](fehlt.png)", "Zeile")):
        _renderer, document = on_screen(themed(theme, body))
        place = document.documentLayout().blockBoundingRect
        after, before = (place(block_reading(document, text)).top() for text in ("Danach", "Davor"))
        spans.append(after - before)
    framed, written = spans
    assert framed == pytest.approx(written, abs=1.5)
    theme_of = load_theme(theme)
    assert theme_of.setting.line is not None
    paper = next(f for f in on_paper(themed(theme, source)) if isinstance(f, Table))
    _, high = paper.wrap(1000, 1000)
    assert high / UNIT == pytest.approx(theme_of.setting.line * theme_of.sizes.body, abs=2)


def test_code_in_marps_default_theme_has_its_size_and_line_height_on_screen_and_paper(
    qtbot: QtBot,
) -> None:
    # `pre { font-size: 85%; line-height: 1.15 }` of 29 px: 36.975 canvas px, lines
    # 42.5 apart as drawn. Code was 36 px at the font's own spacing, 42 (paper 41.9),
    # so ten lines down it stood 5 px short of Marp's and the panel with it.
    theme = load_theme("default")
    deck = themed("default", "```\neins\nzwei\n```\n")
    _renderer, document = on_screen(deck)
    place = document.documentLayout().blockBoundingRect
    screen = (
        place(block_reading(document, "zwei")).top() - place(block_reading(document, "eins")).top()
    )
    drawn = 1.15 * 36.975
    assert screen * type_scale(theme) == pytest.approx(drawn, abs=0.5)
    size, _lines = screen_code(deck)
    assert size == 37  # 36.975 / (43.5 / 44), laid out, as the text
    listing = next(f for f in on_paper(deck) if isinstance(f, XPreformatted))
    assert listing.style.leading / UNIT == pytest.approx(screen, abs=0.5)
    # Code scaled to fit its longest line keeps its lines 1.15 of its size apart, as a
    # browser scales the lines with it (they stood the font's rounded-up spacing apart).
    long_line = ("x = " + "1 + " * 30)[:100]
    fitted = themed("default", f"```\n{long_line}\nzwei\n```\n")
    _renderer, document = on_screen(fitted)
    place = document.documentLayout().blockBoundingRect
    size, _lines = screen_code(fitted)
    assert size < 30
    first, second = (place(block_reading(document, text)).top() for text in (long_line, "zwei"))
    pitch = second - first
    assert 1.15 * size < pitch < 1.15 * (size + 1.5)  # of its size before whole px


@pytest.mark.parametrize("level", (1, 2, 3))
def test_uncovers_heading_stands_as_far_above_the_text_as_in_marp_on_both(
    qtbot: QtBot, level: int
) -> None:
    # Uncover: `h1…h6 { margin-bottom: 30px }` and 1.4 lines, whose extra a browser
    # sets half above and half below the letters. From a heading's letters to the
    # text's: half its line and its letters' height, 45 px, half the text's extra.
    # The space below was 0.45 of its size and 18 px: an h3 stood 6 px too close
    # above the text (CS571's 31 slides), an h1 6 px too far.
    theme = load_theme("uncover")
    size = heading_size(theme, level)
    natural, body = 1.164, theme.sizes.body
    marp = (1.4 * size + natural * size) / 2 + 45 + (1.4 - natural) * body / 2
    deck = themed("uncover", f"{'#' * level} Titel\n\nText\n")
    _renderer, document = on_screen(deck)
    place = document.documentLayout().blockBoundingRect
    screen = (
        place(block_reading(document, "Text")).top() - place(block_reading(document, "Titel")).top()
    )
    assert screen == pytest.approx(marp, abs=1.5)
    style = paper_block(on_paper(deck), "Titel").style
    assert (style.leading + style.spaceAfter) / UNIT == pytest.approx(screen, abs=1.5)


@pytest.mark.parametrize("theme", ("default", "uncover"))
def test_a_paragraph_after_code_stands_the_themes_gap_below_its_panel(
    qtbot: QtBot, theme: str
) -> None:
    # Qt gives a paragraph 12 px above it by default, which it drops between two
    # paragraphs but keeps below a table, and code's panel is a table: text after
    # code stood 12 px lower than Marp's (gem5's slides, 40 of them).
    deck = themed(theme, "Davor\n\n```\nx = 1\n```\n\nDanach\n")
    _renderer, document = on_screen(deck)
    place = document.documentLayout().blockBoundingRect
    code, after = (place(block_reading(document, text)).top() for text in ("x = 1", "Danach"))
    setting = load_theme(theme).setting
    fit = code_fit(5, 1000, 1.0, setting.code_padding, code_size(load_theme(theme)))
    line = code_leading(load_theme(theme), fit) or math.ceil(fit.size * 1.164)
    below = line + code_padding(1.0, setting.code_padding) + setting.gap
    assert after - code == pytest.approx(below, abs=1.5)
