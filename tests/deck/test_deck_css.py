"""A deck's own CSS (Marp's `style:` and `<style>`): what Impuls applies, to which
slides, and what `check` names on its line as not applied.

Marp applies a deck's CSS whole; Impuls applied none of it, so decks written for
Marp with `section { text-align: left }` or `section { font-size: 30px }` came out
centred or in the theme's sizes (issue 32, the fresh decks).
"""

from __future__ import annotations

from tests.support.decks import deck, warnings
from workshop_app.deck.look import slide_look
from workshop_app.deck.model import FontSize, SlideStyle
from workshop_app.deck.themes import load_theme


def test_front_matter_style_and_style_blocks_reach_the_slides_as_marp_applies_them() -> None:
    found = deck(
        """\
        ---
        theme: gaia
        style: |
          section { font-size: 30px; color: #224466 }
          h1 { font-size: 2.5em }
        ---

        # Eins

        ---
        <!-- _class: lead -->

        # Zwei

        <style scoped>section { text-align: left }</style>

        ---

        # Drei

        <style>
        section.lead { background: beige }
        p, li { font-size: 25px }
        section { padding: 20px 40px }
        </style>
        """
    )
    first, second, third = (slide.style for slide in found.slides)
    # The front matter's and a later slide's global block reach every slide.
    assert first.size == FontSize(30.0) and first.text == "#224466"
    assert first.heading_sizes[0] == FontSize(2.5, relative=True)
    assert first.text_size == FontSize(25.0) and first.padding == (20.0, 40.0, 20.0, 40.0)
    # A class's rule only where the slide has the class; a scoped block only there.
    assert first.background is None and third.background is None
    assert second.background == "#f5f5dc"
    assert second.align == "left" and first.align is None and third.align is None
    assert warnings(found) == []


def test_the_more_specific_rule_wins_then_the_later_and_scoped_outweighs_global() -> None:
    found = deck(
        """\
        <style scoped>section { color: green }</style>
        <style>
        section.invert { color: red }
        section { color: blue }
        </style>
        <!-- _class: invert -->

        # Eins

        ---

        # Zwei
        """
    )
    first, second = (slide.style for slide in found.slides)
    assert first.text == "#008000"  # scoped over `section.invert` over `section`
    assert second.text == "#0000ff"


def test_what_impuls_does_not_apply_is_named_on_its_line() -> None:
    found = deck(
        """\
        ---
        style: |
          .columns { display: grid }
          h1 { padding-top: 1em; font-size: 40px }
          @import url('theme.css');
        ---

        # Titel

        <style>
        section { font-size: 99999px; justify-content: center }
        </style>
        <!-- style: "h1 { color: red }" -->
        """
    )
    assert warnings(found) == [
        (3, "style.rule_ignored"),
        (4, "style.properties_ignored"),
        (5, "style.rule_ignored"),
        (11, "style.properties_ignored"),
        (13, "style.not_applied"),
    ]
    problem = found.warnings[3]
    assert problem.params == {"rule": "section", "properties": "font-size, justify-content"}
    style = found.slides[0].style
    assert style.heading_sizes[0] == FontSize(40.0)  # the rule's other declaration holds
    assert style.size is None  # a size no slide can show keeps the theme's


def test_a_sections_size_carries_em_sized_headings_and_a_paragraphs_size_only_itself() -> None:
    theme = load_theme("uncover")  # Marp's section 40 px, h1 2em
    found = deck("---\ntheme: uncover\nstyle: 'section { font-size: 20px }'\n---\n\n# A\n")
    styled = slide_look(found, found.slides[0], theme).theme
    assert styled.sizes.body == 30 and styled.sizes.h1 == theme.sizes.h1 / 2
    assert styled.setting.gap == theme.setting.gap / 2  # Uncover's gaps are em too
    found = deck("---\ntheme: uncover\nstyle: 'p { font-size: 20px }'\n---\n\n# A\n")
    styled = slide_look(found, found.slides[0], theme).theme
    assert styled.sizes.body == 30 and styled.sizes.h1 == theme.sizes.h1
    # a deck without CSS is drawn in the theme itself
    plain = deck("---\ntheme: uncover\n---\n\n# A\n")
    assert plain.slides[0].style == SlideStyle()
    assert slide_look(plain, plain.slides[0], theme).theme is theme


def test_marps_colour_directives_still_win_over_the_decks_css() -> None:
    # Marp writes them on the section element itself: inline style beats a stylesheet.
    found = deck(
        "<style>section { background: beige; color: navy }</style>\n"
        "<!-- _backgroundColor: black -->\n\n# A\n\n---\n\n# B\n"
    )
    theme = load_theme(found.meta.theme)
    first, second = (slide_look(found, slide, theme).colors for slide in found.slides)
    assert (first.background, first.text) == ("#000000", "#000080")
    assert (second.background, second.text) == ("#f5f5dc", "#000080")
