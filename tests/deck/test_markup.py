"""One text run through every surface's tags: the projector, the handout, the phone."""

from __future__ import annotations

from html.parser import HTMLParser

from PySide6.QtGui import QTextDocument
from pytestqt.qtbot import QtBot
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Paragraph

from workshop_app.deck.markup import Tags, escape_text, run_markup
from workshop_app.deck.model import Script, Span
from workshop_app.deck.themes import load_theme
from workshop_app.handout.fonts import MONO, SANS, SANS_BOLD, register_fonts
from workshop_app.handout.slides import inline as paper_markup
from workshop_app.ui.slide_html import SlideHtml
from workshop_app.voting.follow import PHONE_TAGS

RUN = (
    Span("fett", bold=True),
    Span(" und "),
    Span("kursiv", italic=True),
    Span("x", code=True),
    Span("2", script=Script.SUPER),
    Span("alt", strike=True),
    Span("Link", href="https://example.org/?a=1&b=2"),
)
HOSTILE = (
    Span("<script>alert(\"x\")</script> & 'q'"),
    Span("<b>nicht fett</b>", bold=True),
    Span("<i>", code=True),
    Span("eins\nzwei"),
)
HOSTILE_TEXT = "<script>alert(\"x\")</script> & 'q'<b>nicht fett</b><i>eins"


def screen_markup(spans: tuple[Span, ...]) -> str:
    theme = load_theme("light")
    return SlideHtml(theme, theme.colors, 1.0, lambda image, scale: None).inline(spans)


def test_one_run_gives_each_surface_its_own_tags() -> None:
    colors = load_theme("light").colors
    assert colors.panel_text == colors.text
    assert screen_markup(RUN) == (
        "<b>fett</b> und <i>kursiv</i>"
        # code keeps the text's colour (a link's inside a link): the panel's is the same
        "<span style=\"font-family:'DejaVu Sans Mono';"
        f' background-color:{colors.panel};">x</span>'
        "<sup>2</sup><s>alt</s>"
        f'<span style="color:{colors.accent}; text-decoration:underline;">Link</span>'
    )
    assert paper_markup(RUN) == (
        f'<b>fett</b> und <i>kursiv</i><font name="{MONO}">x</font><super>2</super>'
        '<strike>alt</strike><a href="https://example.org/?a=1&amp;b=2">Link</a>'
    )
    # The phone does not follow links from the room: their text is enough.
    assert run_markup(RUN, PHONE_TAGS) == (
        "<strong>fett</strong> und <em>kursiv</em><code>x</code>2<s>alt</s>Link"
    )


def test_styles_nest_in_one_order_everywhere() -> None:
    tags = Tags(bold=("<B>", "</B>"), italic=("<I>", "</I>"), code=("<C>", "</C>"),
                mark=("<M>", "</M>"), link=("<L {href}>", "</L>"))  # fmt: skip
    span = Span("t", bold=True, italic=True, code=True, mark=True, href='"x"')
    assert run_markup((span,), tags) == "<L &quot;x&quot;><M><I><B><C>t</C></B></I></M></L>"


def test_a_link_only_where_the_surface_may_open_it() -> None:
    assert paper_markup((Span("x", href="javascript:alert(1)"),)) == "x"


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.text: list[str] = []
        self.tags: list[str] = []

    def handle_starttag(self, tag: str, attrs: object) -> None:
        self.tags.append(tag)

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def test_hostile_text_is_text_on_every_surface(qtbot: QtBot) -> None:
    # The projector: Qt's rich text shows the characters typed.
    document = QTextDocument()
    document.setHtml(screen_markup(HOSTILE))
    # (without the word joiners that keep "a/b" on one line: ui/slide_html.py)
    assert document.toPlainText().replace("\u2060", "") == HOSTILE_TEXT + "\nzwei"
    # Paper: reportlab's paragraph reads it back as the same characters.
    register_fonts(frozenset({MONO}))
    style = ParagraphStyle("t", fontName=SANS, boldFontName=SANS_BOLD)
    paragraph = Paragraph(paper_markup(HOSTILE), style)
    assert paragraph.getPlainText() == HOSTILE_TEXT + "zwei"  # <br/> is a break, not text
    # The phone: the browser's parser finds no tag but the run's own.
    phone = _Text()
    phone.feed(run_markup(HOSTILE, PHONE_TAGS))
    assert "".join(phone.text) == HOSTILE_TEXT + "zwei"
    assert phone.tags == ["strong", "code", "br"]


def test_escaping_is_the_same_everywhere() -> None:
    assert escape_text("<a href=\"x\">'&'</a>") == (
        "&lt;a href=&quot;x&quot;&gt;&#x27;&amp;&#x27;&lt;/a&gt;"
    )
    for markup in (screen_markup(HOSTILE), paper_markup(HOSTILE), run_markup(HOSTILE, PHONE_TAGS)):
        assert "<script>" not in markup and "&lt;script&gt;" in markup
        assert "<b>nicht" not in markup and "&quot;x&quot;" in markup
