"""The deck format: front matter, splitting, notes and directives, Markdown blocks."""

from __future__ import annotations

import re
from pathlib import Path

from tests.support.decks import deck, warnings
from workshop_app.deck import (
    Align,
    Aspect,
    CodeBlock,
    Heading,
    Image,
    ListBlock,
    Paragraph,
    PollBlock,
    PollType,
    Quote,
    Span,
    Table,
)
from workshop_app.i18n import Lang
from workshop_app.paths import ROOT

SHIPPED_DECKS = ROOT / "slides"

FULL_FRONT_MATTER = """\
---
title: Clash of Cultures
subtitle: Ein Vortrag
author: Erika Muster
event: Forum
date: 2026-11-26
lang: en
theme: dark
duration: 45
aspect: 4:3
paginate: true
---
# Eins
"""


def test_front_matter_keys_become_meta() -> None:
    meta = deck(FULL_FRONT_MATTER).meta
    assert meta.title == "Clash of Cultures"
    assert meta.subtitle == "Ein Vortrag"
    assert meta.author == "Erika Muster"
    assert meta.event == "Forum"
    assert meta.date == "2026-11-26"  # YAML reads a date; we keep its ISO text
    assert meta.lang is Lang.EN
    assert meta.theme == "dark"
    assert meta.duration_minutes == 45
    assert meta.aspect is Aspect.CLASSIC  # unquoted 4:3 is not YAML 1.1's sexagesimal 243
    assert meta.paginate is True


def test_defaults_without_front_matter_title_from_first_heading() -> None:
    found = deck("# Erste Folie\n\nText\n")
    assert found.meta.title == "Erste Folie"
    assert found.meta.lang is Lang.DE
    assert found.meta.aspect is Aspect.WIDE
    assert found.meta.duration_minutes is None
    assert len(found.slides) == 1


def test_title_falls_back_to_file_name(tmp_path: Path) -> None:
    assert deck("Nur Text\n", tmp_path / "mein-vortrag.md").meta.title == "mein-vortrag"


def test_marp_keys_are_accepted_unused_ones_warn() -> None:
    found = deck(
        """\
        ---
        marp: true
        size: 4:3
        math: katex
        headingDivider: 2
        ---
        # A
        """
    )
    assert found.meta.aspect is Aspect.CLASSIC  # Marp's size maps to our aspect
    assert warnings(found) == []  # math: we typeset it; headingDivider: applied


def test_unknown_front_matter_key_warns_with_hint() -> None:
    found = deck("---\ntitel: X\n---\n# A\n")
    assert warnings(found) == [(2, "frontmatter.unknown_key_hint")]
    assert found.warnings[0].params["hint"] == "title"


def test_marp_theme_names_map_and_unknown_theme_warns() -> None:
    assert deck("---\ntheme: gaia\n---\n# A\n").meta.theme == "gaia"  # Marp's own
    found = deck("---\ntheme: neon\n---\n# A\n")
    assert found.meta.theme == "default"  # what Marp shows for a theme it lacks
    assert warnings(found) == [(2, "frontmatter.unknown_theme")]
    assert deck("# Ohne Theme\n").meta.theme == "light"  # ours, for our own decks
    assert deck("---\nmarp: true\n---\n# Für Marp\n").meta.theme == "default"  # Marp's


def test_other_language_warns_and_uses_german() -> None:
    found = deck("---\nlang: fr\n---\n# A\n")
    assert found.meta.lang is Lang.DE
    assert warnings(found) == [(2, "frontmatter.lang_unsupported")]
    assert deck("---\nlang: en-GB\n---\n# A\n").meta.lang is Lang.EN


def test_slides_split_on_separator_lines_with_their_lines() -> None:
    found = deck(
        """\
        ---
        title: T
        ---

        # Eins

        ---
        # Zwei
        ---

        ## Drei
        Text
        """
    )
    assert [(s.index, s.line, s.title) for s in found.slides] == [
        (0, 5, "Eins"),
        (1, 8, "Zwei"),
        (2, 11, "Drei"),
    ]


def test_separator_inside_fence_or_comment_does_not_split() -> None:
    found = deck(
        """\
        # Eins

        ```yaml
        ---
        a: 1
        ```

        <!--
        Notiz mit
        ---
        Trennlinie
        -->
        ---
        # Zwei
        """
    )
    assert [s.title for s in found.slides] == ["Eins", "Zwei"]
    code = found.slides[0].blocks[1]
    assert code == CodeBlock("---\na: 1", "yaml")
    assert found.slides[0].notes == "Notiz mit\n---\nTrennlinie"


def test_trailing_separator_adds_no_empty_slide_but_inner_empty_slide_warns() -> None:
    assert len(deck("# A\n---\n").slides) == 1
    found = deck("# A\n---\n\n---\n# C\n")
    assert len(found.slides) == 3
    assert warnings(found) == [(3, "slide.empty")]


def test_notes_and_directives() -> None:
    found = deck(
        """\
        <!-- _class: lead -->
        <!-- paginate: false -->
        # Titel <!-- kurz --> folgt

        <!--
          Erste Notiz
            eingerückt
        -->
        Text <!-- zweite Notiz --> weiter

        ---
        # Zwei
        <!-- class: invert -->
        ---
        # Drei
        <!-- Hinweis: nur eine Notiz, keine Direktive -->
        """
    )
    first, second, third = found.slides
    assert first.classes == ("lead",)
    assert first.directives["paginate"] is False
    assert first.notes == "kurz\n\nErste Notiz\n  eingerückt\n\nzweite Notiz"
    assert first.blocks[0] == Heading(1, (Span("Titel  folgt"),))
    assert first.blocks[1] == Paragraph((Span("Text  weiter"),))
    # Local directives carry on to later slides, spot directives (_) do not.
    assert second.classes == ("invert",)
    assert second.directives["paginate"] is False
    assert third.classes == ("invert",)
    assert third.notes == "Hinweis: nur eine Notiz, keine Direktive"


def test_front_matter_class_is_the_default_for_every_slide() -> None:
    found = deck("---\nclass: invert\n---\n# A\n---\n<!-- _class: lead -->\n# B\n---\n# C\n")
    assert [s.classes for s in found.slides] == [("invert",), ("lead",), ("invert",)]


def test_global_directive_in_comment_applies_to_the_deck() -> None:
    # Marp reads global directives in comments too, wherever they stand.
    found = deck("# A\n---\n# B\n<!-- theme: dark -->\n<!-- paginate: true -->\n")
    assert found.meta.theme == "dark"
    assert [slide.directives.get("paginate") for slide in found.slides] == [None, True]
    assert warnings(found) == []
    assert found.slides[0].notes == ""


def test_markdown_blocks() -> None:
    found = deck(
        """\
        # Titel

        Ein **fetter** und *kursiver* [Link](https://example.org) mit `a<b` &amp; &copy;.

        - eins
          - eins.a
            - eins.a.i
        - zwei

        3. drei
        4. vier

        > Zitat
        > über zwei Zeilen

        | Links | Mitte | Rechts |
        |:------|:-----:|-------:|
        | 1     | 2     | 3      |

            eingerückter <Code>
        """
    )
    blocks = found.slides[0].blocks
    assert blocks[0] == Heading(1, (Span("Titel"),))
    assert blocks[1] == Paragraph(
        (
            Span("Ein "),
            Span("fetter", bold=True),
            Span(" und "),
            Span("kursiver", italic=True),
            Span(" "),
            Span("Link", href="https://example.org"),
            Span(" mit "),
            Span("a<b", code=True),
            Span(" & ©."),
        )
    )
    bullets = blocks[2]
    assert isinstance(bullets, ListBlock) and not bullets.ordered
    assert [item.spans[0].text for item in bullets.items] == ["eins", "zwei"]
    nested = bullets.items[0].children[0]
    assert isinstance(nested, ListBlock)
    assert nested.items[0].spans == (Span("eins.a"),)
    deepest = nested.items[0].children[0]
    assert isinstance(deepest, ListBlock) and deepest.items[0].spans == (Span("eins.a.i"),)
    numbered = blocks[3]
    assert isinstance(numbered, ListBlock) and numbered.ordered and numbered.start == 3
    assert blocks[4] == Quote((Paragraph((Span("Zitat\nüber zwei Zeilen"),)),))
    table = blocks[5]
    assert isinstance(table, Table)
    assert table.align == (Align.LEFT, Align.CENTER, Align.RIGHT)
    assert [cell[0].text for cell in table.header] == ["Links", "Mitte", "Rechts"]
    assert [cell[0].text for cell in table.rows[0]] == ["1", "2", "3"]
    assert blocks[6] == CodeBlock("eingerückter <Code>", "")


def test_raw_html_outside_marps_allowlist_is_shown_as_text_never_interpreted() -> None:
    found = deck("# A\n\n<script>alert('x')</script>\n\nText <b>fett?</b> <img src=x onerror=y>\n")
    paragraphs = [b for b in found.slides[0].blocks if isinstance(b, Paragraph)]
    texts = ["".join(s.text for s in p.spans) for p in paragraphs]
    # <script> is not on Marp Core's allowlist: shown as written, as Marp's sanitizer does.
    assert texts == ["<script>alert('x')</script>", "Text fett?"]
    # <b> is on it and makes bold; an attribute (onerror) never reaches anything.
    assert Span("fett?", bold=True) in paragraphs[1].spans
    assert all(not isinstance(b, Image) for b in found.slides[0].blocks)
    assert "onerror" not in repr(found.slides)


def test_local_image_resolved_relative_to_deck(tmp_path: Path) -> None:
    (tmp_path / "bilder").mkdir()
    picture = tmp_path / "bilder" / "foto neu.png"
    picture.write_bytes(b"\x89PNG\r\n\x1a\n")
    found = deck(
        "# A\n\nText\n\n![bg left w:300 Ein Foto](bilder/foto%20neu.png)\n", tmp_path / "d.md"
    )
    image = found.slides[0].images[0]
    assert image.path == picture.resolve()
    assert image.alt == "Ein Foto"
    assert image.background and image.keywords == ("bg", "left", "w:300")
    assert image.line == 5


def test_remote_image_warns_offline() -> None:
    found = deck("# A\n\n![x](https://example.org/a.png)\n")
    assert warnings(found) == [(3, "image.remote")]


def test_poll_block_becomes_a_poll_on_its_slide() -> None:
    found = deck(
        """\
        # Frage
        ```poll
        id: hype-vorher
        type: single
        question: Hype oder Entwicklung?
        options: [Hype, Entwicklung, Weiß nicht]
        ```
        """
    )
    (poll,) = found.polls
    assert poll.id == "hype-vorher"
    assert poll.type is PollType.SINGLE
    assert poll.options == ("Hype", "Entwicklung", "Weiß nicht")
    assert poll.line == 2
    assert isinstance(found.slides[0].blocks[1], PollBlock)
    assert found.slide_of_poll("hype-vorher").index == 0
    assert found.poll("hype-vorher") is poll


def test_every_poll_type_and_its_keys() -> None:
    found = deck(
        """\
        ```poll
        id: m
        type: multiple
        question: Welche?
        options: [A, B, C]
        max_choices: 2
        ```
        ---
        ```poll
        id: s
        type: scale
        question: Wie sehr?
        min: 0
        max: 10
        labels: [gar nicht, sehr]
        ```
        ---
        ```poll
        id: t
        type: text
        question: Warum?
        max_length: 140
        ```
        ---
        ```poll
        id: r
        type: ranking
        question: Reihenfolge?
        options: [Yes, No, 3]
        ```
        ---
        ```poll
        id: t2
        type: text
        question: Default-Länge?
        ```
        """
    )
    m, s, t, r, t2 = found.polls
    assert (m.type, m.max_choices) == (PollType.MULTIPLE, 2)
    assert (s.scale_min, s.scale_max, s.labels) == (0, 10, ("gar nicht", "sehr"))
    assert (t.type, t.max_length) == (PollType.TEXT, 140)
    assert r.options == ("Yes", "No", "3")  # YAML 1.1 would have made booleans of these
    assert t2.max_length == 280


def test_multiple_defaults_to_all_options() -> None:
    found = deck("```poll\nid: m\ntype: multiple\nquestion: Q\noptions: [A, B, C]\n```\n")
    assert found.polls[0].max_choices == 3


def test_compare_with_pairs_two_polls() -> None:
    found = deck(
        """\
        ```poll
        id: vorher
        type: single
        question: Q
        options: [A, B]
        compare_with: nachher
        ```
        ---
        ```poll
        id: nachher
        type: single
        question: Q
        options: [A, B]
        compare_with: vorher
        ```
        """
    )
    assert [p.compare_with for p in found.polls] == ["nachher", "vorher"]


def test_windows_line_endings_and_bom_keep_line_numbers() -> None:
    source = "\ufeff---\r\ntitle: T\r\n---\r\n# Eins\r\n---\r\n# Zwei\r\n"
    found = deck(source)
    assert [(s.line, s.title) for s in found.slides] == [(4, "Eins"), (6, "Zwei")]


def test_control_characters_are_replaced_and_reported() -> None:
    found = deck("# A\n\nText\x1b[31m\n")
    assert warnings(found) == [(3, "deck.control_char")]
    assert found.slides[0].blocks[1] == Paragraph((Span("Text\ufffd[31m"),))


def test_list_right_under_text_is_a_list_as_in_marp() -> None:
    found = deck("# A\n\nText\n- Listeneintrag\n")
    paragraph, bullets = found.slides[0].blocks[1:]
    assert paragraph == Paragraph((Span("Text"),))
    assert isinstance(bullets, ListBlock) and bullets.items[0].spans == (Span("Listeneintrag"),)
    assert warnings(found) == []


def test_deck_keeps_its_source() -> None:
    source = "# A\n\nText\n"
    assert deck(source).source == source


def test_the_shipped_decks_speak_to_the_room() -> None:
    # From the rehearsal: a slide quoted "the Must-have article", which the room never
    # saw, and a compound lacked its hyphen. Notes (HTML comments) are the speaker's.
    for path in SHIPPED_DECKS.glob("*.md"):
        shown = re.sub(r"<!--.*?-->", "", path.read_text(encoding="utf-8"), flags=re.DOTALL)
        assert "Online Kontakte" not in shown, path
        assert "Must-have-Beitrag" not in shown, path
