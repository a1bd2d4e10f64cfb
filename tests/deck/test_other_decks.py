"""Other people's Marp decks: what Marp opens, Impuls opens, and says what it left out."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.commands import impuls
from tests.support.decks import deck, warnings
from workshop_app.deck.loader import load_deck
from workshop_app.deck.look import slide_look
from workshop_app.deck.model import THEMES
from workshop_app.deck.themes import load_theme

FEATURES = Path(__file__).resolve().parent.parent / "data" / "marp-features"

# ---------------------------------------------------------------- front matter Marp cannot read


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        pytest.param(
            "---\n- a\n- b\n---\n# A\n", [(2, "frontmatter.not_mapping")], id="front matter list"
        ),
        pytest.param(
            "---\njust text\n---\n# A\n", [(2, "frontmatter.not_mapping")], id="front matter scalar"
        ),
        pytest.param(
            "---\ntitle: T\nauthor: [x\n---\n# A\n",
            [(3, "frontmatter.ignored_syntax")],
            id="broken yaml",
        ),
        pytest.param(
            "---\nmarp: true\nstyle: |\nsection {\n  color: red;\n}\n---\n# A\n",
            [(4, "frontmatter.ignored_block")],
            id="style block not indented",
        ),
    ],
)
def test_front_matter_marp_cannot_read_is_ignored_with_a_warning(
    source: str, expected: list[tuple[int, str]]
) -> None:
    found = deck(source)
    assert warnings(found) == expected
    assert [slide.title for slide in found.slides] == ["A"]


def test_public_deck_with_unindented_style_opens_as_marp_shows_it() -> None:
    # Marp CLI 4.5 drops the whole front matter: its default theme, no page numbers,
    # the three slides. `marp: true` there says the deck was written for Marp.
    found = load_deck(FEATURES / "broken-front-matter.md")
    assert len(found.slides) == 3
    assert found.meta.theme == "default" and not found.meta.paginate
    assert [slide.page_number for slide in found.slides] == [None, None, None]
    assert warnings(found) == [(6, "frontmatter.ignored_block")]
    problem = found.warnings[0]
    assert problem.path == FEATURES / "broken-front-matter.md"


def test_check_opens_the_deck_and_names_file_and_line() -> None:
    path = FEATURES / "broken-front-matter.md"
    result = impuls("check", path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert f"{path}:6:" in result.stdout + result.stderr
    assert "style: |" in result.stdout + result.stderr


# ---------------------------------------------------------------- Marp directives


def test_class_given_as_a_yaml_list_is_applied_joined_as_marp_joins_it() -> None:
    found = deck(
        """
        ---
        class: [invert, small]
        ---
        # A

        ---

        <!-- _class: [lead, invert] -->

        # B

        ---

        <!--
        class:
          - lead
        -->

        # C
        """
    )
    assert [slide.classes for slide in found.slides] == [
        ("invert", "small"),
        ("lead", "invert"),
        ("lead",),
    ]
    assert found.slides[1].directives["class"] == "lead invert"
    assert warnings(found) == []


def test_a_comment_with_three_dashes_is_a_directive_as_in_marp() -> None:
    found = deck("# A\n\n<!--- footer: Fußzeile --->\n\n<!--- Notiz --->\n")
    (slide,) = found.slides
    assert "".join(span.text for span in slide.footer.spans) == "Fußzeile"
    assert slide.notes == "Notiz"


def test_paginate_skip_and_hold_do_not_count_their_slide() -> None:
    # Marp's docs: `skip` hides the number and does not count; `hold` shows it, uncounted.
    found = deck(
        "---\npaginate: true\n---\n# 1\n\n---\n\n<!-- _paginate: skip -->\n# 2\n\n---\n\n# 3\n\n"
        "---\n\n<!-- _paginate: hold -->\n# 4\n\n---\n\n# 5\n\n---\n\n<!-- _paginate: false -->\n"
        "# 6\n"
    )
    assert [slide.page_number for slide in found.slides] == [1, None, 2, 2, 3, None]
    assert warnings(found) == []
    theme = load_theme(THEMES[0])  # and the number every surface draws is that one
    drawn = [slide_look(found, slide, theme).page for slide in found.slides]
    assert drawn == ["1", "", "2", "2", "3", ""]


def test_paginate_hold_in_front_matter_holds_every_slide_as_in_marp() -> None:
    # Marp CLI 4.5 numbers this deck 1, 1, 2.
    found = deck(
        "---\npaginate: hold\n---\n# 1\n\n---\n\n# 2\n\n---\n\n<!-- paginate: true -->\n# 3\n"
    )
    assert [slide.page_number for slide in found.slides] == [1, 1, 2]
    assert warnings(found) == []


def test_a_first_slide_on_hold_shows_one() -> None:
    found = deck("<!-- _paginate: hold -->\n# 1\n\n---\n\n<!-- paginate: true -->\n# 2\n")
    assert [slide.page_number for slide in found.slides] == [1, 2]


def test_a_paginate_value_marp_does_not_know_is_warned_about_on_its_line() -> None:
    found = deck("# 1\n\n<!-- paginate: ja -->\n")
    assert warnings(found) == [(3, "directive.bad_paginate")]
    assert found.slides[0].page_number is None  # Marp reads it as false


def test_gradient_background_in_front_matter_is_warned_about_and_mixed() -> None:
    found = deck(
        """
        ---
        backgroundImage: linear-gradient(to bottom, #67b8e3, #0288d1)
        color: white
        ---
        # Titel
        """
    )
    assert warnings(found) == [(2, "directive.background_gradient")]
    (slide,) = found.slides
    assert slide.directives["backgroundImage"] == "linear-gradient(to bottom, #67b8e3, #0288d1)"
    assert slide.directives["backgroundColor"] == "#34a0da"  # the stops' mean
    assert slide.directives["color"] == "#ffffff"


def test_a_lead_slide_on_a_light_gradient_keeps_its_words_readable() -> None:
    """From the third rehearsal: our `light` theme's `lead` writes white on its blue, and a
    deck's light gradient (its mean #f4f6fb) took the blue away and left the white: an
    unreadable title on the projector and in the handout. Words the class chose for its
    own ground now read on the deck's one; words the deck names stay as named."""
    from workshop_app.deck.look import slide_colors
    from workshop_app.deck.themes import contrast_ratio

    gradient = "backgroundImage: linear-gradient(to bottom, #ffffff, #e8eef7)"
    found = deck(f"---\ntheme: light\n{gradient}\n---\n\n<!-- _class: lead -->\n\n# Ihre Fragen\n")
    shown = slide_colors(load_theme("light"), found.slides[0])
    assert shown.background == "#f4f6fb"
    assert contrast_ratio(shown.text, shown.background) >= 4.5
    assert contrast_ratio(shown.title_color, shown.background) >= 3.0
    named = deck(
        f"---\ntheme: light\n{gradient}\ncolor: '#ffffff'\n---\n\n<!-- _class: lead -->\n\n# X\n"
    )
    assert slide_colors(load_theme("light"), named.slides[0]).text == "#ffffff"  # as the deck says
    dark = deck(
        "---\ntheme: light\nbackgroundColor: '#102040'\n---\n\n<!-- _class: lead -->\n\n# X\n"
    )
    assert slide_colors(load_theme("light"), dark.slides[0]).text == "#ffffff"  # it reads there


@pytest.mark.parametrize(
    ("directive", "expected"),
    [
        pytest.param(
            '<!-- _backgroundImage: "radial-gradient(circle, rgba(0,0,0,.5) 10%, white 90%)" -->',
            [(3, "directive.background_gradient")],
            id="radial gradient",
        ),
        pytest.param(
            "<!-- backgroundImage: url(https://example.org/bild.png) -->",
            [(3, "image.remote")],
            id="remote picture",
        ),
        pytest.param(
            "<!-- backgroundImage: url(a.png), url(b.png) -->",
            [(3, "directive.background_unsupported")],
            id="two pictures",
        ),
        pytest.param("<!-- backgroundImage: url(bild.png) -->", [], id="a local picture"),
    ],
)
def test_background_images_impuls_cannot_draw_are_named_on_their_line(
    directive: str, expected: list[tuple[int, str]]
) -> None:
    assert warnings(deck(f"# A\n\n{directive}\n")) == expected


def test_an_unclosed_code_fence_runs_to_the_end_as_in_marp() -> None:
    # The fresh set's otomax deck ends inside a code fence: Marp shows the rest as code,
    # Impuls refused the whole deck.
    found = deck("# A\n\n```python\nx = 1\n---\n# B\n")
    assert warnings(found) == [(3, "fence.unclosed_code")]
    assert len(found.slides) == 1  # the separator is inside the code, as in Marp
