"""Marp's themes on the projector: backgrounds, centring, tables and nested lists."""

from __future__ import annotations

from pathlib import Path

from PIL import Image
from PySide6.QtCore import QRect
from PySide6.QtGui import QColor
from pytestqt.qtbot import QtBot

from tests.support.drawn import ink, renderer_for


def test_gaia_invert_table_header_is_readable(qtbot: QtBot) -> None:
    # The header row took the slide's light text on a light panel: invisible.
    source = (
        "---\ntheme: gaia\nclass: invert\n---\n# T\n\n| Kanal | Aufwand |\n|---|---|\n| a | b |\n"
    )
    html = renderer_for(source).layout(0).document.toHtml()
    header = html[html.index("Kanal") - 300 : html.index("Kanal")]
    assert "#455a64" in header  # Gaia invert's panel text (slate) on its cream panel


def test_nested_list_is_indented_one_level_deeper(qtbot: QtBot) -> None:
    layout = renderer_for("# A\n\n- eins\n  - tiefer\n- zwei\n").layout(0)
    html = layout.document.toHtml()
    assert "-qt-list-indent: 1" in html and "-qt-list-indent: 2" in html
    assert layout.document.toPlainText().split("\n")[1:4] == ["eins", "tiefer", "zwei"]


def test_uncover_centres_the_title_and_the_page_number_is_marps(qtbot: QtBot) -> None:
    renderer = renderer_for("---\ntheme: uncover\npaginate: true\n---\n# Mitte\n")
    image = renderer.image(0)
    background = QColor("#fdfcff")
    assert ink(image, QRect(760, 440, 400, 200), background) > 100  # in the middle
    assert ink(image, QRect(110, 60, 500, 300), background) == 0  # not at the top left
    assert renderer.layout(0).look.page == "1"


def test_a_background_photo_with_opacity_is_drawn_faded(qtbot: QtBot, tmp_path: Path) -> None:
    # Drawn at full strength, a photo meant to sit faintly behind the text swallows it.
    Image.new("RGB", (320, 180), "#000000").save(tmp_path / "schwarz.png")
    renderer = renderer_for("# T\n\n![bg opacity:.25](schwarz.png)\n", tmp_path)
    pixel = renderer.image(0).pixelColor(1800, 900)
    assert pixel.red() > 180  # a quarter of black over white: light grey, not black


def test_a_fitting_header_fills_the_width_on_one_line(qtbot: QtBot) -> None:
    title = "Ein Titel, der die ganze Breite füllt"
    layout = renderer_for(f"# <!--fit--> {title}\n\nText\n").layout(0)
    block = layout.document.firstBlock()
    assert block.text() == title and block.layout().lineCount() == 1
    line_width = block.layout().lineAt(0).naturalTextWidth()
    assert 0.9 * layout.content.width() <= line_width <= layout.content.width()


def test_gaia_inline_code_is_light_on_its_slate_panel(qtbot: QtBot) -> None:
    # The code span's text took the slide's slate text colour on Gaia's slate panel.
    image = renderer_for("---\ntheme: gaia\n---\n# T\n\n`<!-- _class: lead -->` als Code\n").image(
        0
    )
    slate = QColor("#455a64")
    runs = []  # rows crossing the panel: a long run of slate (letters are never that long)
    for y in range(200, 500, 2):
        run_start = None
        for x in range(100, 1400):
            if image.pixelColor(x, y) == slate:
                run_start = x if run_start is None else run_start
                if x - run_start >= 150:
                    runs.append((run_start, y))
                    break
            else:
                run_start = None
    assert len(runs) > 10  # the panel is there
    left = min(x for x, _ in runs)
    top, bottom = min(y for _, y in runs), max(y for _, y in runs)
    light = ink(image, QRect(left, top, 150, bottom - top), slate)
    assert light > 60  # letters that stand out from the panel (0 when slate on slate)


def test_a_footer_shows_its_logo_and_its_markdown(qtbot: QtBot, tmp_path: Path) -> None:
    Image.new("RGB", (200, 100), "#d00000").save(tmp_path / "logo.png")
    source = "---\nfooter: '![h:30](logo.png) **Verband** 2026'\n---\n# A\n"
    renderer = renderer_for(source, tmp_path)
    image = renderer.image(0)
    look = renderer.layout(0).look
    reds = [
        x
        for x in range(0, 600)
        for y in range(1080 - 76, 1080 - 26, 3)
        if (c := image.pixelColor(x, y)).red() > 180 and c.green() < 60
    ]
    # h:30 is Marp's 30 px: 45 on our canvas, 90 wide, at the content's left edge.
    assert reds and min(reds) == look.margin_x and 80 <= max(reds) - min(reds) <= 95
    background = QColor(look.colors.background)
    words = QRect(look.margin_x + 100, 1080 - 76, 400, 50)
    assert ink(image, words, background) > 50  # "Verband 2026" right of the logo


def test_a_footer_logo_with_a_filter_is_drawn_filtered(qtbot: QtBot, tmp_path: Path) -> None:
    # Only the slide's own images were filtered ahead: a grey footer logo went missing.
    Image.new("RGB", (200, 100), "#d00000").save(tmp_path / "logo.png")
    source = "---\nfooter: '![h:30 grayscale](logo.png)'\n---\n# A\n"
    renderer = renderer_for(source, tmp_path)
    look = renderer.layout(0).look
    pixel = renderer.image(0).pixelColor(look.margin_x + 40, 1080 - 76 + 25)
    assert pixel.red() == pixel.green() == pixel.blue() < 200  # grey, where red would be
