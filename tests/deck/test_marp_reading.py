"""Decks written for Marp open as Marp reads them: directives, rulers, images, CSS."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.decks import deck, warnings
from workshop_app.deck import CodeBlock, Heading, Image, ListBlock, Math, Paragraph


def test_loose_yaml_takes_marp_directive_values_as_written() -> None:
    # Each of these is invalid or means something else in strict YAML; Marp reads text.
    found = deck(
        """\
        ---
        title: Talk: Part 1
        header: Talk: Part 1
        footer: ![w:150](logo.png) **Verband** _2026_
        backgroundColor: #fff
        author: [Ann, Bob]
        style: @import url('x.css');
        paginate: true # a YAML comment stays a comment
        ---
        # A
        """
    )
    assert found.meta.title == "Talk: Part 1"
    assert found.meta.header == "Talk: Part 1"
    # Marp renders a footer's Markdown: the words show, styled, never the syntax;
    # the logo is an image of the footer.
    footer = found.slides[0].footer
    assert [(s.text, s.bold, s.italic) for s in footer.spans] == [
        ("Verband", True, False),
        (" ", False, False),
        ("2026", False, True),
    ]
    assert [(i.src, i.keywords) for i in footer.images] == [("logo.png", ("w:150",))]
    assert footer.images_first
    assert found.meta.author == "Ann, Bob"
    assert found.meta.paginate is True
    assert found.slides[0].directives["backgroundColor"] == "#ffffff"
    assert warnings(found) == [(7, "style.rule_ignored")]  # an @import is not followed


def test_spot_directives_in_front_matter_apply_to_the_first_slide() -> None:
    found = deck("---\n_class: lead\n_paginate: false\npaginate: true\n---\n# A\n---\n# B\n")
    first, second = found.slides
    assert first.classes == ("lead",) and first.directives["paginate"] is False
    assert second.classes == () and "paginate" not in second.directives
    assert found.meta.paginate is True
    assert warnings(found) == []


def test_front_matter_colours_are_every_slides_default_in_one_form() -> None:
    found = deck("---\ncolor: beige\nbackgroundColor: rgb(0, 0, 128)\n---\n# A\n---\n# B\n")
    for slide in found.slides:
        assert slide.directives["color"] == "#f5f5dc"
        assert slide.directives["backgroundColor"] == "#000080"


def test_hex_colour_in_a_one_line_comment_is_a_colour_not_a_yaml_comment() -> None:
    found = deck("# A\n<!-- _color: #5d4037 -->\n<!-- backgroundColor: #fff -->\n")
    assert found.slides[0].directives["color"] == "#5d4037"
    assert found.slides[0].directives["backgroundColor"] == "#ffffff"
    assert warnings(found) == []


def test_a_colour_that_is_none_warns_and_keeps_the_theme() -> None:
    found = deck("# A\n<!-- _backgroundColor: nicht-bunt -->\n")
    assert "backgroundColor" not in found.slides[0].directives
    assert warnings(found) == [(2, "directive.bad_color")]


def test_a_colour_as_image_address_is_no_colour_in_marp_4(tmp_path: Path) -> None:
    # Marp CLI 4.5 draws ![bg](#ffa903) as an image that does not load, not as a colour.
    found = deck("# A\n\n![bg](#ffa903)\n", tmp_path / "deck.md")
    assert "backgroundColor" not in found.slides[0].directives
    assert warnings(found) == [(3, "image.missing")]


@pytest.mark.parametrize("ruler", ["---", "***", "___", "- - -", "-" * 80, "  ---  "])
def test_every_thematic_break_starts_a_slide(ruler: str) -> None:
    found = deck(f"# A\n\n{ruler}\n\n# B\n")
    assert [s.title for s in found.slides] == ["A", "B"]


def test_dashes_right_under_text_underline_a_heading_and_check_says_so() -> None:
    found = deck("# A\n\nUnterstrichen\n---\nText\n")
    assert len(found.slides) == 1
    assert found.slides[0].blocks[1] == Heading(2, found.slides[0].blocks[1].spans)  # type: ignore[union-attr]
    assert warnings(found) == [(4, "markdown.setext_rule")]


def test_heading_divider_splits_before_the_given_levels() -> None:
    found = deck(
        """\
        ---
        headingDivider: 2
        ---
        # Titel

        Text
        ## Eins
        ### bleibt bei Eins
        ## Zwei
        """
    )
    assert [s.title for s in found.slides] == ["Titel", "Eins", "Zwei"]
    assert [s.line for s in found.slides] == [4, 7, 9]


def test_heading_divider_in_a_comment_and_as_a_list() -> None:
    found = deck("<!-- headingDivider: [3] -->\n# T\n## U\n### V\ntext\n### W\n")
    assert [s.title for s in found.slides] == ["T", "V", "W"]


def test_a_directive_inside_inline_code_is_shown_not_acted_on() -> None:
    found = deck("# A\n\nSchreibe `<!-- _class: lead -->` über die Folie.\n")
    slide = found.slides[0]
    assert slide.classes == ()
    paragraph = slide.blocks[1]
    assert isinstance(paragraph, Paragraph)
    assert any(span.code and span.text == "<!-- _class: lead -->" for span in paragraph.spans)


def test_style_block_is_not_shown_and_its_css_is_applied() -> None:
    found = deck("<style>\nsection { color: red; }\n</style>\n\n# Titel\n\nText\n")
    texts = ["".join(s.text for s in b.spans) for b in found.slides[0].blocks]  # type: ignore[union-attr]
    assert texts == ["Titel", "Text"]
    assert found.slides[0].style.text == "#ff0000"
    assert warnings(found) == []


def test_missing_image_is_a_warning_and_the_deck_opens(tmp_path: Path) -> None:
    found = deck("# A\n\n![Grafik](fehlt.png)\n", tmp_path / "deck.md")
    image = found.slides[0].images[0]
    assert isinstance(image, Image) and image.path is None and image.src == "fehlt.png"
    assert warnings(found) == [(3, "image.missing")]


def test_a_fence_inside_a_tight_list_item_is_code_not_html_text() -> None:
    # From a real deck (armory-sample.md): the fence printed as "<pre data-impuls-code=…>".
    found = deck("# A\n\n* Die Präambel:\n    ```yaml\n    marp: true\n    ```\n* weiter\n")
    (bullets,) = [b for b in found.slides[0].blocks if isinstance(b, ListBlock)]
    first = bullets.items[0]
    assert "".join(span.text for span in first.spans) == "Die Präambel:"
    assert first.children == (CodeBlock("marp: true", "yaml"),)


def test_math_inline_and_displayed_and_money_is_no_math() -> None:
    found = deck("# A\n\nEs gilt $E = mc^2$, Preis: $ 17.83.\n\n$$\n\\frac{a}{b}\n$$\n")
    paragraph, formula = found.slides[0].blocks[1:]
    assert isinstance(paragraph, Paragraph)
    assert [(span.text, span.math) for span in paragraph.spans] == [
        ("Es gilt ", False),
        ("E = mc^2", True),
        (", Preis: $ 17.83.", False),
    ]
    assert formula == Math("\\frac{a}{b}")
    assert warnings(found) == []


def test_a_displayed_formula_on_a_line_inside_a_paragraph_is_displayed() -> None:
    # As in a real deck (nordic-beamer-demo): Marp shows it centred on its own line.
    found = deck("# A\n\nFür alle $n$ gilt\n$$a^{n} \\equiv 1 \\pmod n$$\nwie gezeigt.\n")
    before, formula, after = found.slides[0].blocks[1:]
    assert isinstance(before, Paragraph) and isinstance(after, Paragraph)
    assert formula == Math("a^{n} \\equiv 1 \\pmod n")
    assert "".join(s.text for s in after.spans) == "wie gezeigt."


def test_a_formula_that_cannot_be_typeset_is_named_with_its_line() -> None:
    found = deck("# A\n\nText\n\n$$\n\\frac{a}{\n$$\n")
    assert warnings(found) == [(6, "math.unreadable")]  # the line with the TeX


def test_marps_fit_marker_is_no_speaker_note() -> None:
    found = deck("# <!--fit--> Großer Titel\n\n<!-- eine echte Notiz -->\n")
    assert found.slides[0].title == "Großer Titel"
    assert found.slides[0].notes == "eine echte Notiz"


def test_a_fit_marker_makes_its_heading_a_fitting_header() -> None:
    found = deck("# <!--fit--> Groß\n\nText\n\n## normal\n\n### <!-- fit --> auch\n")
    headings = [b for b in found.slides[0].blocks if isinstance(b, Heading)]
    assert [(h.text, h.fit) for h in headings] == [
        ("Groß", True),
        ("normal", False),
        ("auch", True),
    ]


def test_a_bare_address_is_a_link_as_in_marp() -> None:
    found = deck("# A\n\nSiehe https://marp.app/ dazu.\n")
    paragraph = found.slides[0].blocks[1]
    assert isinstance(paragraph, Paragraph)
    assert any(
        s.href == "https://marp.app/" and s.text == "https://marp.app/" for s in paragraph.spans
    )


def test_a_parenthesis_numbers_a_list_as_in_commonmark() -> None:
    found = deck("# A\n\n1) eins\n2) zwei\n")
    (numbered,) = [b for b in found.slides[0].blocks if isinstance(b, ListBlock)]
    assert numbered.ordered and [i.spans[0].text for i in numbered.items] == ["eins", "zwei"]


@pytest.mark.parametrize(
    ("line", "shown"),
    [
        ("Daumen :+1: hoch", "Daumen 👍 hoch"),  # GitHub's names, as markdown-it-emoji
        ("Daumen :thumbsup: hoch", "Daumen 👍 hoch"),
        ("Ziel: 3 Posts, Zeit: 10 Minuten", "Ziel: 3 Posts, Zeit: 10 Minuten"),
        ("Kein :gibtesnicht: Emoji", "Kein :gibtesnicht: Emoji"),
    ],
)
def test_emoji_names_become_characters_and_other_colons_stay(line: str, shown: str) -> None:
    paragraph = deck(f"# A\n\n{line}\n").slides[0].blocks[1]
    assert isinstance(paragraph, Paragraph)
    assert "".join(s.text for s in paragraph.spans) == shown


def test_an_address_starting_with_www_is_a_link_in_plain_text_too() -> None:
    # A run of text with no other Markdown character in it used to skip every
    # inline pattern, so "www." stayed text there and became a link elsewhere.
    paragraph = deck("# A\n\nMehr unter www.example.org\n").slides[0].blocks[1]
    assert isinstance(paragraph, Paragraph)
    assert [s.href for s in paragraph.spans if s.href] == ["http://www.example.org"]
