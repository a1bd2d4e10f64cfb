"""The one renderer: theme colours, visible text, shrinking and overflow, images, polls."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from PySide6.QtCore import QRect, QSize
from PySide6.QtGui import QColor, QImage, QTextTable
from pytestqt.qtbot import QtBot

from tests.support.decks import POLL_TALK, SCALE, SINGLE, TEXT
from tests.support.drawn import drawn_svg, drawn_text, ink, renderer_for
from workshop_app.deck.look import SHRINK_STEPS
from workshop_app.deck.model import THEMES
from workshop_app.deck.parser import parse_deck
from workshop_app.deck.themes import VAlign, all_themes, contrast_ratio, load_theme
from workshop_app.session.model import AnswerState, PollState, PollStatus
from workshop_app.session.tally import Answer, PollResults, Tally
from workshop_app.ui.join_card import JoinInfo
from workshop_app.ui.prepared import PreparedDeck, prepare_deck, unreadable_images
from workshop_app.ui.slide_renderer import SlideRenderer


@pytest.mark.parametrize("theme_name", THEMES)
def test_slide_has_the_theme_background_and_visible_title(qtbot: QtBot, theme_name: str) -> None:
    renderer = renderer_for(f"---\ntheme: {theme_name}\n---\n\n## Ein Titel\n\nText\n")
    image = renderer.image(0)
    assert image.size() == QSize(1920, 1080)
    theme = load_theme(theme_name)
    background = QColor(theme.colors.background)
    assert image.pixelColor(20, 540) == background
    assert image.pixelColor(1900, 20) == background
    if theme.layout.valign is VAlign.MIDDLE:  # Marp's uncover centres everything
        assert ink(image, QRect(110, 380, 1700, 160), background) > 200  # the title's letters
        assert ink(image, QRect(110, 800, 1700, 200), background) == 0  # nothing below
    else:
        top = theme.layout.margin_top
        assert ink(image, QRect(110, top, 700, 90), background) > 200  # the title's letters
        assert ink(image, QRect(110, 600, 1700, 300), background) == 0  # nothing below


def test_lead_slide_uses_the_lead_colours_and_centres_its_text(qtbot: QtBot) -> None:
    renderer = renderer_for("---\ntheme: light\n---\n<!-- _class: lead -->\n\n# Mitte\n")
    image = renderer.image(0)
    lead = QColor(load_theme("light").colors.lead_background)
    assert image.pixelColor(20, 20) == lead
    assert ink(image, QRect(110, 84, 500, 900), lead) == 0  # nothing at the left edge
    assert ink(image, QRect(760, 400, 400, 280), lead) > 100  # the heading is in the middle


def test_every_theme_has_projector_sized_type_and_strong_contrast() -> None:
    for theme in all_themes():
        assert theme.sizes.body >= 40
        assert theme.sizes.h1 > theme.sizes.h2 > theme.sizes.h3 > theme.sizes.body
        colors = theme.colors
        least = 7.0 if theme.name == "high-contrast" else 4.5
        assert contrast_ratio(colors.text, colors.background) >= least, theme.name
        assert contrast_ratio(colors.heading, colors.background) >= least, theme.name
        assert contrast_ratio(colors.lead_text, colors.lead_background) >= least, theme.name
        assert contrast_ratio(colors.panel_text, colors.panel) >= least, theme.name
        assert contrast_ratio(colors.accent_text, colors.accent) >= 4.5, theme.name


def test_classic_aspect_uses_the_4_3_canvas(qtbot: QtBot) -> None:
    renderer = renderer_for("---\naspect: 4:3\n---\n\n# Vier zu drei\n")
    assert renderer.image(0).size() == QSize(1440, 1080)
    wide = renderer.image(0, QSize(800, 400))  # letterboxed into another shape
    assert wide.pixelColor(10, 200) == QColor("#000000")


def test_long_text_shrinks_then_overflows_and_is_reported(qtbot: QtBot, tmp_path: Path) -> None:
    bullets = "\n".join(f"- Punkt {n} mit etwas Text" for n in range(1, 40))
    few = "\n".join(f"- Punkt {n} mit etwas Text" for n in range(1, 12))
    source = f"---\ntitle: T\n---\n\n## Kurz\n\nText\n\n---\n\n## Mittel\n\n{few}\n\n---\n\n## Zu lang\n\n{bullets}\n"
    renderer = renderer_for(source, tmp_path)
    short, medium, long = (renderer.layout(i) for i in range(3))
    assert (short.text_scale, short.overflows) == (1.0, False)
    assert SHRINK_STEPS[-1] <= medium.text_scale < 1.0 and not medium.overflows
    assert long.overflows and long.text_scale == SHRINK_STEPS[-1]  # never smaller
    (problem,) = renderer.overflow_problems()
    assert problem.line == renderer.deck.slides[2].line
    assert problem.format("en").startswith(
        f"{tmp_path / 'deck.md'}:{problem.line}: warning: slide overflows"
    )
    # As in Marp, the rest is cut off at the content's edge: nothing is drawn over
    # the footer line below it.
    image = renderer.image(2)
    background = QColor(load_theme("light").colors.background)
    below = int(long.content.bottom()) + 10
    assert ink(image, QRect(110, below, 1500, 1080 - below - 80), background) == 0


def test_markup_outside_marps_allowlist_is_shown_as_text(qtbot: QtBot) -> None:
    renderer = renderer_for("## <b>fett</b> & <script>x</script>\n")
    document = renderer.layout(0).document
    # Marp Core renders <b> and escapes <script>: so do we, and nothing else gets through.
    # (without the word joiners that keep "a/b" on one line)
    assert "fett & <script>x</script>" in document.toPlainText().replace("\u2060", "")
    assert "font-weight:700" in document.toHtml().split("fett")[0][-120:]


def test_images_inline_and_as_background(qtbot: QtBot, tmp_path: Path) -> None:
    red = QImage(400, 300, QImage.Format.Format_RGB32)
    red.fill(QColor("#ff0000"))
    assert red.save(str(tmp_path / "rot.png"))
    source = "## Bild\n\n![Ein rotes Bild](rot.png)\n\n---\n\n![bg](rot.png)\n\n# Text\n\n---\n\n![bg left](rot.png)\n\n## Rechts\n"
    renderer = renderer_for(source, tmp_path)
    inline = renderer.image(0)
    assert ink(inline, QRect(110, 200, 1700, 700), QColor("#ffffff")) > 1000
    assert renderer.image(1).pixelColor(5, 5) == QColor("#ff0000")
    split = renderer.image(2)
    assert split.pixelColor(100, 540) == QColor("#ff0000")
    assert split.pixelColor(1800, 540) == QColor("#ffffff")
    assert renderer.layout(2).content.left() > 960  # the text moved to the right half


def test_unreadable_image_is_marked_and_reported(qtbot: QtBot, tmp_path: Path) -> None:
    (tmp_path / "kaputt.png").write_text("kein Bild", encoding="utf-8")
    renderer = renderer_for("## Bild\n\n![Diagramm](kaputt.png)\n", tmp_path)
    # The file is there: the frame says it cannot be read, not that it is missing.
    assert "Bild nicht lesbar: kaputt.png" in renderer.layout(0).document.toPlainText()
    prepared = prepare_deck(tmp_path / "deck.md")
    (problem,) = unreadable_images(prepared)
    assert problem.line == 3 and "kaputt.png" in problem.message()


def test_poll_slide_shows_question_options_and_join_card(qtbot: QtBot) -> None:
    deck = parse_deck(POLL_TALK)
    renderer = SlideRenderer(PreparedDeck(deck))
    index = deck.slide_of_poll(SINGLE).index
    text = renderer.layout(index).document.toPlainText()
    assert "Was ist das Thema für Ihr Haus?" in text
    assert all(option in text for option in ("Pflicht", "Kür", "Zeitverschwendung"))
    card = renderer.layout(index).join_card
    assert card is not None and card.left() > 1200
    panel = QColor(renderer.theme.colors.panel)
    without = renderer.image(index)
    area = card.toRect().adjusted(40, 130, -40, -200)
    renderer.join = JoinInfo("http://192.168.1.20:8765", "K7QX")
    renderer._layouts.clear()
    with_join = renderer.image(index)
    assert ink(with_join, area, panel) > 5 * max(1, ink(without, area, panel))  # the QR code


def test_shipped_decks_have_no_overflowing_slide(qtbot: QtBot) -> None:
    for path in sorted(Path("slides").resolve().glob("*.md")):
        assert SlideRenderer(prepare_deck(path)).overflow_problems() == [], path


def test_render_scales_to_any_target_size(qtbot: QtBot) -> None:
    renderer = renderer_for("## Titel\n")
    small = renderer.image(0, QSize(320, 180))
    assert small.size() == QSize(320, 180)
    assert ink(small, QRect(18, 14, 120, 16), QColor(renderer.theme.colors.background)) > 5


def test_the_projector_shows_approved_answers_only(qtbot: QtBot) -> None:
    # Before: the word cloud drew every answer not hidden, so words the profanity
    # filter missed ("Fuсk" with a Cyrillic с) reached the projector unread.
    deck = parse_deck(POLL_TALK)
    poll = deck.poll(TEXT)
    renderer = SlideRenderer(PreparedDeck(deck))
    answers = (
        Answer(1, "Arschkriecher", AnswerState.PENDING),
        Answer(2, "Fuсk Datenschutz", AnswerState.PENDING),
        Answer(3, "Datenschutz zuerst", AnswerState.APPROVED),
        Answer(4, "Idioten", AnswerState.HIDDEN),
    )
    counted = Tally(poll.id, 1, (), (), 4, 4, answers=answers)
    renderer.live = {poll.id: PollResults(PollStatus(poll.id, 1, PollState.CLOSED, True), counted)}
    drawn = drawn_text(renderer, deck.slide_of_poll(poll.id).index)
    assert "Datenschutz zuerst" in drawn and "zuerst" in drawn
    for unread in ("Arschkriecher", "Fuсk", "Idioten"):
        assert unread not in drawn


def test_scale_labels_keep_their_words_whole(qtbot: QtBot) -> None:
    # From the rehearsal: "befriedi|gend" broken mid-word under one of eleven steps.
    def lines_of(source: str) -> dict[str, list[str]]:
        document = renderer_for(source).layout(0).document
        found: dict[str, list[str]] = {}
        block = document.begin()
        while block.isValid():
            text, layout = block.text(), block.layout()
            found[text] = [
                text[layout.lineAt(k).textStart() : layout.lineAt(k).textStart()
                     + layout.lineAt(k).textLength()]
                for k in range(layout.lineCount())
            ]  # fmt: skip
            block = block.next()
        return found

    def scale(top: int, labels: list[str]) -> str:
        return (f"# Note\n\n```poll\nid: note\ntype: scale\nquestion: Wie war es?\nmin: 0\n"
                f"max: {top}\nlabels: [{', '.join(labels)}]\n```\n")  # fmt: skip

    eleven = ["keine", "ungenügend", "mangelhaft", "schwach", "ausreichend", "befriedigend",
              "ordentlich", "gut", "sehr gut", "hervorragend", "perfekt"]  # fmt: skip
    for source, words in ((scale(10, eleven), eleven),
                          (scale(4, ["nie", "selten", "manchmal", "oft", "immer"]), [])):  # fmt: skip
        for text, lines in lines_of(source).items():
            for line in lines[:-1]:  # every line but the last ends between words
                assert line.endswith((" ", "\u2028")), (text, lines)
        shown = " ".join(lines_of(source))
        assert all(word in shown for word in words)
    five = lines_of(scale(4, ["nie", "selten", "manchmal", "oft", "immer"]))
    assert "2\u2028manchmal" in five  # short labels stay in their cells


def test_the_mean_line_runs_behind_the_counts(qtbot: QtBot) -> None:
    # From the rehearsal: the histogram's dashed mean line ran through a bar's count.
    deck = parse_deck(POLL_TALK)
    poll = deck.poll(SCALE)  # a scale from 1 to 5
    renderer = SlideRenderer(PreparedDeck(deck))
    counted = Tally(poll.id, 1, (), (), 17, 17, values={3: 17})  # mean 3: through the middle bar
    renderer.live = {poll.id: PollResults(PollStatus(poll.id, 1, PollState.CLOSED, True), counted)}
    svg = drawn_svg(renderer, deck.slide_of_poll(poll.id).index)
    line = svg.index("stroke-dasharray")
    label = svg.rindex(">17<")  # the middle bar's count
    assert line < label  # painted after the line: on top of it
    background = renderer.theme.colors.background.lower()
    plate = svg.rfind(f'fill="{background}"', line, label)
    assert plate > line  # on a plate of the slide's colour


def svg_texts(svg: str) -> dict[str, tuple[float, float]]:
    """Each drawn text's baseline and size (the last of equal texts)."""
    found = re.finditer(r'<text[^>]* y="([\d.]+)" [^>]*font-size="([\d.]+)"[^>]*\s*>([^<]*)<', svg)
    return {m.group(3): (float(m.group(1)), float(m.group(2))) for m in found}


def test_the_mean_stands_clear_of_the_tallest_count(qtbot: QtBot) -> None:
    # From a rehearsal of issue 32's leftovers: on a 0-10 scale with the most answers at
    # 9, "Mittelwert 8,0" and the count above that bar were drawn on one line, one
    # over the other.
    renderer = renderer_for(
        "# A\n\n```poll\nid: z\ntype: scale\nquestion: Wie?\nmin: 0\nmax: 10\n```\n"
    )
    counted = Tally("z", 1, (), (), 14, 14, values={0: 1, 7: 4, 9: 6, 10: 3})
    renderer.live = {"z": PollResults(PollStatus("z", 1, PollState.CLOSED, True), counted)}
    texts = svg_texts(drawn_svg(renderer, 0))
    mean, _ = texts["Mittelwert 8,0"]
    count, count_size = texts["6"]
    assert count - count_size >= mean  # the count's letters start below the mean's line


def test_a_title_keeps_its_distance_from_a_table_under_it(qtbot: QtBot) -> None:
    # From the rehearsal: a slide title touched the table under it.
    renderer = renderer_for(
        "## Kosten im Vergleich\n\n| Kanal | Aufwand |\n|---|---|\n| LinkedIn | mittel |\n"
    )
    document = renderer.layout(0).document
    table = next(f for f in document.rootFrame().childFrames() if isinstance(f, QTextTable))
    assert table.format().topMargin() >= 12  # the heading's own margin was all there was
