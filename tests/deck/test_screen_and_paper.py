"""One slide through the screen and the paper: the same look, decided once in deck/look.py.

The screen is read from the text document the renderer lays out; paper from the
flowables the handout draws, converted back to canvas pixels.
"""

from __future__ import annotations

from PySide6.QtGui import QTextDocument
from pytestqt.qtbot import QtBot
from reportlab.platypus import ListFlowable, XPreformatted

from workshop_app.deck.highlight import Token
from workshop_app.deck.look import CANVAS, CODE_LEAST, code_fit, slide_look, wrapped_code
from workshop_app.deck.model import Deck
from workshop_app.deck.parser import parse_deck
from workshop_app.deck.themes import load_theme
from workshop_app.handout.fonts import register_fonts
from workshop_app.handout.slides import SlideStyles, Text, faces_used, slide_flowables
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
    theme = load_theme(deck.meta.theme)
    look = slide_look(deck, slide, theme)
    _, _, width, height = look.content_box(deck.meta.aspect)
    styles = SlideStyles(theme, look.colors, UNIT, centered=look.centered)
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
