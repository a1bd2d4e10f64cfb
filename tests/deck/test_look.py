"""One model of a slide's look: theme, classes and directives → colours, layout, margins."""

from __future__ import annotations

from tests.support.decks import deck
from workshop_app.deck.look import slide_look
from workshop_app.deck.themes import contrast_ratio, load_theme


def looks(source: str) -> list[tuple[str, str, bool, bool]]:
    found = deck(source)
    theme = load_theme(found.meta.theme)
    result = []
    for slide in found.slides:
        look = slide_look(found, slide, theme)
        result.append((look.colors.background, look.colors.text, look.centered, look.middle))
    return result


def test_marps_gaia_is_cream_and_its_classes_switch_the_scheme() -> None:
    source = (
        "---\ntheme: gaia\n---\n# A\n---\n<!-- _class: invert -->\n# B\n"
        "---\n<!-- _class: gaia -->\n# C\n---\n<!-- _class: lead -->\n# D\n"
    )
    assert looks(source) == [
        ("#fff8e1", "#455a64", False, False),
        ("#455a64", "#fff8e1", False, False),
        ("#0288d1", "#fff8e1", False, False),
        ("#fff8e1", "#455a64", True, True),  # Gaia's lead centres
    ]


def test_marps_default_centres_top_to_bottom_and_ignores_lead() -> None:
    source = "---\ntheme: default\nclass: invert\n---\n# A\n---\n<!-- _class: lead -->\n# B\n"
    (first, second) = looks(source)
    assert first == ("#0d1117", "#f0f6fc", False, True)
    # `_class: lead` replaces `invert` on its slide, as in Marp; lead itself changes nothing.
    assert second == ("#ffffff", "#1f2328", False, True)


def test_uncover_centres_everything_and_invert_works_in_our_themes_too() -> None:
    assert looks("---\ntheme: uncover\n---\n# A\n") == [("#fdfcff", "#202228", True, True)]
    light, dark = load_theme("light"), load_theme("dark")
    assert looks("---\ntheme: light\nclass: invert\n---\n# A\n") == [
        (dark.colors.background, dark.colors.text, False, False)
    ]
    assert light.variants["invert"] == dark.colors


def test_colour_directives_win_over_the_theme_and_the_class() -> None:
    source = "---\ntheme: gaia\nclass: invert\ncolor: beige\nbackgroundColor: '#102030'\n---\n# A\n"
    assert looks(source) == [("#102030", "#f5f5dc", False, False)]


def test_header_footer_and_page_number() -> None:
    found = deck("---\nheader: Kopf\nfooter: '**Fuß**'\npaginate: true\n---\n# A\n---\n# B\n")
    theme = load_theme("light")
    first, second = (slide_look(found, slide, theme) for slide in found.slides)
    assert (first.header.text, first.footer.text, first.page, second.page) == (
        "Kopf",
        "Fuß",
        "1",
        "2",
    )
    assert first.footer.spans[0].bold  # Marp renders the footer's Markdown
    assert first.margin_top == theme.layout.margin_top + 40  # the header takes its line


def test_every_class_variant_keeps_text_readable() -> None:
    for name in ("light", "dark", "high-contrast", "default", "gaia", "uncover"):
        theme = load_theme(name)
        for variant, colors in theme.variants.items():
            # Gaia's own blue class is Marp's design at 3.6:1, for large projected text.
            least = 3.0 if (name, variant) == ("gaia", "gaia") else 4.5
            assert contrast_ratio(colors.text, colors.background) >= least, (name, variant)
            assert contrast_ratio(colors.panel_text, colors.panel) >= 4.5, (name, variant)
