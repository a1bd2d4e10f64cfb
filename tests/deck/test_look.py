"""One model of a slide's look: theme, classes and directives → colours, layout, margins."""

from __future__ import annotations

from tests.support.decks import deck
from workshop_app.deck.look import slide_look
from workshop_app.deck.themes import all_themes, contrast_ratio, is_dark, load_theme


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
    assert looks("---\ntheme: light\nclass: invert\n---\n# A\n\n- b\n") == [
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


TITLES = """---
theme: {theme}
---
# Jahresversammlung 2026

---

# Jahresversammlung 2026

Förderverein Stadtbibliothek · 12. März

---

# Kassenbericht

## Was wir ausgegeben haben

---

# Einnahmen

- Beiträge
- Spenden

---

# Einnahmen

Im letzten Jahr kamen die meisten Einnahmen aus Beiträgen, ein kleinerer Teil aus Spenden
und dem Bücherflohmarkt im Herbst, der wieder gut besucht war, trotz des Regens am Samstag.

---

## Nur eine Zwischenzeile
"""


def test_a_slide_with_only_a_title_is_centred_in_our_themes() -> None:
    # From the rehearsal (issue 32, 7): a title slide without `<!-- _class: lead -->` sat
    # in the top-left corner. A level-1 heading alone, or with one short line or a lower
    # heading under it, is a title: centred across and top to bottom, in its colours.
    for name in ("light", "dark", "high-contrast"):
        colors = load_theme(name).colors
        placed = [(centred, middle) for _, _, centred, middle in looks(TITLES.format(theme=name))]
        assert placed == [(True, True)] * 3 + [(False, False)] * 3, name
        assert {(bg, text) for bg, text, _, _ in looks(TITLES.format(theme=name))} == {
            (colors.background, colors.text)
        }  # not lead's colours: those stay the speaker's choice


def test_marps_themes_keep_marps_place_for_a_title() -> None:
    # Marp CLI puts "# A" alone at the top in Gaia and in the middle (left) in default.
    assert {look[2:] for look in looks(TITLES.format(theme="gaia"))} == {(False, False)}
    assert {look[2:] for look in looks(TITLES.format(theme="default"))} == {(False, True)}


def test_a_marp_themes_code_colours_read_on_each_of_its_code_panels() -> None:
    # Uncover's highlight.js colours (#31a354 green, #3182bd blue) keep less than 3.9:1
    # on its grey panel: darkened as its link colour is, on every scheme of the theme.
    from pygments.token import STANDARD_TYPES

    from workshop_app.deck.code_styles import STYLES

    for theme in all_themes():
        if not theme.setting.code_colors:
            continue
        for colors in (theme.colors, *theme.variants.values()):
            style = STYLES[theme.setting.code_colors][is_dark(colors.panel)]
            for token in STANDARD_TYPES:
                color = style.style_for_token(token)["color"]
                if color:
                    ratio = contrast_ratio(f"#{color}", colors.panel)
                    assert ratio >= 4.5, (theme.name, token, color, colors.panel)


def test_paper_ink_and_code_colours_are_made_readable_one_way() -> None:
    """One rule makes a colour readable on a ground: darker on a light one (paper's
    ink, Uncover's light code panel), lighter on a dark one, its hue kept."""
    import colorsys

    from workshop_app.deck.look import ink_on_paper
    from workshop_app.deck.themes import readable_on

    def hue(color: str) -> float:
        return colorsys.rgb_to_hls(*(int(color[i : i + 2], 16) / 255 for i in (1, 3, 5)))[0]

    yellow = "#f2c94c"  # 1.6:1 on white
    assert ink_on_paper(yellow) == readable_on(yellow, "#ffffff")
    on_paper = ink_on_paper(yellow)
    assert 4.5 <= contrast_ratio(on_paper, "#ffffff") < 4.8  # just enough, not black
    assert abs(hue(on_paper) - hue(yellow)) < 0.01
    navy = "#1f3a93"  # 2.1:1 on a dark panel
    lighter = readable_on(navy, "#151b23")
    assert 4.5 <= contrast_ratio(lighter, "#151b23") < 4.8
    assert contrast_ratio(lighter, "#ffffff") < contrast_ratio(navy, "#ffffff")  # lighter
    assert readable_on("", "#ffffff") == "" and readable_on("#000000", "#ffffff") == "#000000"
