"""Code slides and Marp's inline markup, as the one renderer lays them out."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QRect
from PySide6.QtGui import QColor
from pytestqt.qtbot import QtBot

from tests.support.drawn import ink, renderer_for
from workshop_app.deck.themes import load_theme

CODE_DECK = """\
# Befehle

```bash
ls -la
cd /tmp
    echo "eingerückt"
```
"""


def test_every_code_line_and_its_indentation_is_kept(qtbot: QtBot) -> None:
    # The old renderer joined them: "ls -lacd /tmp", which changes what the command says.
    layout = renderer_for(CODE_DECK).layout(0)
    lines = layout.document.toPlainText().split("\n")
    assert "ls -la" in lines
    assert "cd /tmp" in lines
    assert '    echo "eingerückt"' in lines
    assert not layout.overflows


def test_code_is_highlighted_in_colour(qtbot: QtBot) -> None:
    html = renderer_for("# A\n\n```python\ndef f(x):\n    return 1\n```\n").layout(0).document
    assert "color:" in html.toHtml().split("def")[0][-200:]  # the keyword has a colour span


def test_a_long_code_line_shrinks_then_wraps_instead_of_breaking_the_slide(qtbot: QtBot) -> None:
    # deck/look.py decides for screen and paper: shrink to 18 px at the least, then wrap.
    long_line = "x = " + "+".join(f"wert_{i}" for i in range(24))
    renderer = renderer_for(f"# A\n\n```python\n{long_line}\n```\n")
    layout = renderer.layout(0)
    lines = layout.document.toPlainText().rstrip("\n").split("\n")[1:]
    assert "".join(lines) == long_line and len(lines) == 2
    assert layout.document.size().width() <= layout.content.width() + 0.5
    assert not layout.overflows


def test_missing_image_is_a_frame_with_its_name(qtbot: QtBot, tmp_path: Path) -> None:
    renderer = renderer_for("# A\n\n![Grafik](fehlt.png)\n", tmp_path)
    layout = renderer.layout(0)
    assert "fehlt.png" in layout.document.toPlainText()
    image = renderer.image(0)
    background = QColor(load_theme("light").colors.background)
    assert ink(image, QRect(110, 200, 1700, 300), background) > 50  # the frame and its label


def test_marp_inline_markup_is_drawn_not_shown_as_source(qtbot: QtBot) -> None:
    layout = renderer_for("# A\n\n~~alt~~ H<sub>2</sub>O x<sup>2</sup> <u>u</u> :smile:\n").layout(
        0
    )
    text = layout.document.toPlainText()
    assert "alt H2O x2 u 😄" in text
    html = layout.document.toHtml()
    assert "line-through" in html and "vertical-align:sub" in html
    assert "vertical-align:super" in html and "underline" in html


def test_math_is_typeset_never_shown_as_tex(qtbot: QtBot) -> None:
    renderer = renderer_for(
        "# A\n\nInline $E = mc^2$.\n\n$$\n\\int_0^1 x\\,dx = \\frac{1}{2}\n$$\n"
    )
    layout = renderer.layout(0)
    text = layout.document.toPlainText()
    assert "\\int" not in text and "\\frac" not in text and "mc^2" not in text
    html = layout.document.toHtml()
    assert html.count("impuls-formula:") == 2  # two pictures: inline and displayed
    image = renderer.image(0)
    background = QColor(load_theme("light").colors.background)
    assert ink(image, QRect(110, 300, 1700, 300), background) > 100  # the integral is drawn


def test_every_lexer_token_has_a_colour_in_both_styles(qtbot: QtBot) -> None:
    # github-dark lacks YAML's Punctuation.Indicator: `check` of a real deck crashed.
    from workshop_app.deck.highlight import highlight_lines

    yaml = "---\nstyle: |\n  :root {\n    --x: 2em;\n  }\n---\n"
    for dark in (True, False):
        lines = highlight_lines(yaml, "yaml", dark=dark)
        assert "".join(token.text for token in lines[1]) == "style: |"
