"""A new talk: the templates, the companion deck of a presentation, a poll after page N."""

from __future__ import annotations

import hashlib
import shutil
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.support.commands import impuls
from tests.support.office import make_pptx
from tests.support.pdfs import make_pdf, page_title
from workshop_app.deck.draft import Draft
from workshop_app.deck.loader import load_deck
from workshop_app.deck.model import Deck
from workshop_app.deck.new_talk import (
    TEMPLATES,
    deck_page_count,
    default_talks_dir,
    new_poll_text,
    new_talk,
    pages_of_slides,
    slide_after_page_index,
    slug,
    talk_from_presentation,
    with_slide_after_page,
)
from workshop_app.deck.parser import parse_deck
from workshop_app.i18n import Lang

DAY = date(2026, 12, 3)


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def kinds(deck: Deck) -> list[str]:
    """Each slide as `p3` (page 3 of the PDF), its poll's id, or its title."""
    return [
        f"p{s.page.page + 1}" if s.page else (s.polls[0].id if s.polls else s.title)
        for s in deck.slides
    ]


# ---------------------------------------------------------------- from the template


@pytest.mark.parametrize("lang", list(Lang))
def test_the_template_is_a_clean_deck_in_both_languages(tmp_path: Path, lang: Lang) -> None:
    path = new_talk(tmp_path, "Sichtbar bleiben – aber wie?", lang, "Erika Muster", DAY)
    assert path == tmp_path / "sichtbar-bleiben-aber-wie.md"
    deck = load_deck(path)
    assert deck.warnings == ()
    assert deck.title == "Sichtbar bleiben – aber wie?"
    assert deck.meta.author == "Erika Muster" and deck.meta.date == "2026-12-03"
    assert deck.meta.lang == lang.value
    assert len(deck.polls) == 1 and len(deck.slides) == 5
    assert "lead" in deck.slides[0].classes and "lead" in deck.slides[-1].classes
    assert any(slide.questions for slide in deck.slides)
    checked = impuls("check", "--strict", path)
    assert checked.returncode == 0, checked.stdout + checked.stderr


def test_title_and_author_read_back_exactly_whatever_they_hold(tmp_path: Path) -> None:
    # YAML's and Markdown's own characters: a colon, a hash, quotes, a comment opening.
    title = 'Hype: "ja" # oder *nein*? <!-- 2 $ & 3 $ [x](y)'
    path = new_talk(tmp_path, title, Lang.EN, "[Ann] & <b>Bob</b>", DAY)
    deck = load_deck(path)
    assert deck.warnings == ()
    assert deck.title == title and deck.slides[0].title == title
    assert deck.meta.author == "[Ann] & <b>Bob</b>"
    text = path.read_text(encoding="utf-8")
    assert "[Ann] & <b>Bob</b>" not in text.split("---", 2)[2]  # escaped on the slides


def test_without_an_author_the_deck_says_none(tmp_path: Path) -> None:
    path = new_talk(tmp_path, "2026. Ein Jahr", Lang.DE, today=DAY)
    deck = load_deck(path)
    assert deck.warnings == () and deck.meta.author == ""
    assert "author" not in path.read_text(encoding="utf-8")
    assert deck.slides[0].title == "2026. Ein Jahr"  # a heading, not a numbered list


def test_a_new_talk_never_overwrites_and_makes_its_folder(tmp_path: Path) -> None:
    folder = tmp_path / "Dokumente" / "Impuls"
    first = new_talk(folder, "Social Media", Lang.DE, today=DAY)
    first.write_text("mein Text", encoding="utf-8")
    second = new_talk(folder, "Social Media", Lang.DE, today=DAY)
    third = new_talk(folder, "Social Media!", Lang.EN, today=DAY)
    assert [first.name, second.name, third.name] == [
        "social-media.md", "social-media-2.md", "social-media-3.md",
    ]  # fmt: skip
    assert first.read_text(encoding="utf-8") == "mein Text"
    assert load_deck(third).meta.lang == "en"


def test_file_names_from_titles() -> None:
    assert slug("Größe zählt: Über Öffentlichkeit") == "groesse-zaehlt-ueber-oeffentlichkeit"
    assert slug("Café & Crème") == "cafe-creme"
    assert slug("???", Lang.DE) == "vortrag" and slug("", Lang.EN) == "talk"
    assert len(slug("x" * 300)) <= 60


def test_talks_go_to_the_documents_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("platformdirs.user_documents_dir", lambda: str(tmp_path))
    assert default_talks_dir() == tmp_path / "Impuls"


def test_both_templates_ship_as_resources() -> None:
    assert all(path.is_file() for path in TEMPLATES.values())


# ---------------------------------------------------------------- around a presentation


def test_a_pdf_becomes_a_talk_beside_it_and_stays_untouched(tmp_path: Path) -> None:
    pdf = make_pdf(tmp_path / "vortrag.pdf", 5)
    before = digest(pdf)
    deck_path = talk_from_presentation(pdf)
    assert deck_path == tmp_path / "vortrag.md"
    assert deck_path.read_text(encoding="utf-8") == "---\npdf: vortrag.pdf\n---\n\n![](pdf:1-)\n"
    deck = load_deck(deck_path)
    assert deck.warnings == ()
    assert kinds(deck) == ["p1", "p2", "p3", "p4", "p5"]
    assert deck.slides[2].title == page_title(3)
    assert digest(pdf) == before
    # The speaker's own vortrag.md and the first companion stay; the next has a name of its own.
    assert talk_from_presentation(pdf) == tmp_path / "vortrag-impuls.md"
    assert talk_from_presentation(pdf) == tmp_path / "vortrag-impuls-2.md"
    assert deck_path.read_text(encoding="utf-8").startswith("---\npdf: vortrag.pdf")
    assert digest(pdf) == before


def test_a_name_yaml_would_misread_is_quoted(tmp_path: Path) -> None:
    pdf = make_pdf(tmp_path / "#1: Vortrag [final].pdf", 2)
    deck = load_deck(talk_from_presentation(pdf))
    assert deck.warnings == () and kinds(deck) == ["p1", "p2"]


def test_moved_together_the_companion_finds_its_pdf_again(tmp_path: Path) -> None:
    (tmp_path / "alt").mkdir()
    pdf = make_pdf(tmp_path / "alt" / "Vortrag Müller.pdf", 3)
    deck_path = talk_from_presentation(pdf)
    text = with_slide_after_page(deck_path.read_text(encoding="utf-8"), 2, new_poll_text("de"), 3)
    deck_path.write_text(text, encoding="utf-8")
    here = load_deck(deck_path)
    new_home = tmp_path / "USB-Stick" / "Vorträge"
    new_home.mkdir(parents=True)
    for path in (pdf, deck_path):
        shutil.move(path, new_home / path.name)
    (tmp_path / "alt").rmdir()
    moved = load_deck(new_home / deck_path.name)
    assert moved.warnings == ()
    assert kinds(moved) == kinds(here) == ["p1", "p2", "umfrage", "p3"]
    assert deck_page_count(moved) == 3 and deck_page_count(parse_deck("# Ohne PDF\n")) is None


@pytest.mark.libreoffice
def test_a_pptx_becomes_a_talk_with_its_notes_and_stays_untouched(tmp_path: Path) -> None:
    pptx = make_pptx(tmp_path / "vortrag.pptx", 3)
    before = digest(pptx)
    deck_path = talk_from_presentation(pptx)
    assert deck_path.read_text(encoding="utf-8") == "---\npdf: vortrag.pptx\n---\n\n![](pdf:1-)\n"
    deck = load_deck(deck_path)
    assert deck.warnings == ()
    assert [slide.title for slide in deck.slides] == [
        f"Folie {n} aus PowerPoint" for n in (1, 2, 3)
    ]
    assert [slide.notes for slide in deck.slides] == [
        f"Notiz {n}: langsam sprechen" for n in (1, 2, 3)
    ]
    # A poll after the second slide; moved with the presentation, it still finds it.
    text = with_slide_after_page(deck_path.read_text(encoding="utf-8"), 2, new_poll_text("de"), 3)
    deck_path.write_text(text, encoding="utf-8")
    (tmp_path / "weiter").mkdir()
    for path in (pptx, deck_path):
        shutil.move(path, tmp_path / "weiter" / path.name)
    moved = load_deck(tmp_path / "weiter" / deck_path.name)
    assert kinds(moved) == ["p1", "p2", "umfrage", "p3"]
    assert [slide.notes for slide in moved.slides][3] == "Notiz 3: langsam sprechen"
    assert digest(tmp_path / "weiter" / "vortrag.pptx") == before


def test_only_presentations_and_pdfs(tmp_path: Path) -> None:
    with pytest.raises(ValueError):
        talk_from_presentation(tmp_path / "notizen.txt")
    with pytest.raises(FileNotFoundError):
        talk_from_presentation(tmp_path / "fehlt.pptx")
    assert list(tmp_path.iterdir()) == []


# ---------------------------------------------------------------- a slide after page N

COMPANION = """\
---
title: Sichtbar bleiben
pdf: vortrag.pdf
---

![](pdf:1-4)

<!-- Jetzt zur ersten Frage überleiten. -->

---

```poll
id: kanal
type: single
question: Welcher Kanal?
options: [LinkedIn, Instagram]
```

---

![](pdf:5)

---

![](pdf:6-)
"""

POLL = "```poll\nid: neu\ntype: single\nquestion: Neu?\noptions: [Ja, Nein]\n```"


def test_a_range_is_split_around_the_new_slide_and_its_note_stays_first() -> None:
    text = with_slide_after_page(COMPANION, 2, POLL, 8)
    assert text == COMPANION.replace(
        "![](pdf:1-4)\n\n<!-- Jetzt zur ersten Frage überleiten. -->\n",
        "![](pdf:1-2)\n\n<!-- Jetzt zur ersten Frage überleiten. -->\n\n---\n\n"
        f"{POLL}\n\n---\n\n![](pdf:3-4)\n",
    )
    assert slide_after_page_index(COMPANION, 2, 8) == 1
    assert pages_of_slides(text, 8) == [(1, 2), (), (3, 4), (), (5,), (6, 7, 8)]


@pytest.mark.parametrize(
    ("page", "index", "pages"),
    [
        (4, 1, [(1, 2, 3, 4), (), (), (5,), (6, 7, 8)]),  # at the end of a range
        (5, 3, [(1, 2, 3, 4), (), (5,), (), (6, 7, 8)]),  # a single page
        (1, 1, [(1,), (), (2, 3, 4), (), (5,), (6, 7, 8)]),  # the first page
        (7, 4, [(1, 2, 3, 4), (), (5,), (6, 7), (), (8,)]),  # the open end stays open
        (8, 4, [(1, 2, 3, 4), (), (5,), (6, 7, 8), ()]),  # the last page
    ],
)
def test_the_new_slide_goes_right_after_the_page(
    page: int, index: int, pages: list[tuple[int, ...]]
) -> None:
    text = with_slide_after_page(COMPANION, page, POLL, 8)
    assert slide_after_page_index(COMPANION, page, 8) == index
    assert Draft.read(text).slides[index].text == POLL
    assert pages_of_slides(text, 8) == pages
    if page == 7:
        assert "![](pdf:6-7)" in text and "![](pdf:8-)" in text


def test_a_page_no_slide_shows_is_refused() -> None:
    text = COMPANION.replace("![](pdf:5)", "Text").replace("pdf:6-", "pdf:6-7")
    with pytest.raises(ValueError):
        with_slide_after_page(text, 5, POLL, 8)
    with pytest.raises(ValueError):
        with_slide_after_page(text, 9, POLL, 8)


def test_pages_in_code_and_notes_are_not_the_slides_pages() -> None:
    text = COMPANION.replace("![](pdf:5)", "![](pdf:5)\n\n<!-- früher ![](pdf:1-8) -->").replace(
        "options: [LinkedIn, Instagram]", "options: ['![](pdf:1-8)', Instagram]"
    )
    assert pages_of_slides(text, 8) == [(1, 2, 3, 4), (), (5,), (6, 7, 8)]


def test_a_slide_with_two_references_is_split_between_them() -> None:
    text = COMPANION.replace("![](pdf:5)", "![](pdf:5)\n![](pdf:7)\n\n<!-- Notiz -->")
    text = text.replace("pdf:6-", "pdf:6")
    done = with_slide_after_page(text, 5, POLL, 8)
    assert pages_of_slides(done, 8) == [(1, 2, 3, 4), (), (5,), (), (7,), (6,)]
    assert "![](pdf:5)\n\n<!-- Notiz -->\n\n---" in done


def test_a_poll_to_start_from_has_an_id_of_its_own() -> None:
    assert "id: umfrage-2\n" in new_poll_text(Lang.DE, {"umfrage"})
    assert "question: What do you think?" in new_poll_text(Lang.EN)


# ---------------------------------------------------------------- the property

_PDF_BYTES: dict[int, bytes] = {}


@pytest.fixture(scope="module")
def pdf_of(tmp_path_factory: pytest.TempPathFactory) -> Callable[[int], bytes]:
    folder = tmp_path_factory.mktemp("pdfs")

    def made(pages: int) -> bytes:
        if pages not in _PDF_BYTES:
            _PDF_BYTES[pages] = make_pdf(folder / f"{pages}.pdf", pages).read_bytes()
        return _PDF_BYTES[pages]

    return made


@st.composite
def companions(draw: st.DrawFn) -> tuple[str, int, int]:
    """A companion deck of a PDF with 1–12 pages: its ranges in order, written every
    way the format allows, polls between some, notes on some; and a page N."""
    count = draw(st.integers(1, 12))
    cuts = sorted(draw(st.sets(st.integers(2, count), max_size=count)) if count > 1 else set())
    starts = [1, *cuts]
    ends = [c - 1 for c in cuts] + [count]
    slides: list[str] = []
    if draw(st.booleans()):
        slides.append("# Willkommen")
    for number, (first, last) in enumerate(zip(starts, ends, strict=True)):
        last_range = number == len(starts) - 1
        style = draw(st.sampled_from(["range", "open", "single"]))
        if first == last and style != "open":
            ref = f"![](pdf:{first})"
        elif style == "open" and last_range:
            ref = f"![](pdf:{first}-)"
        else:
            ref = f"![](pdf:{first}-{last})"
        note = draw(st.sampled_from(["", "\n\n<!-- Notiz zu {n} -->", "\n<!-- _class: lead -->"]))
        slides.append(ref + note.replace("{n}", str(first)))
        if draw(st.booleans()):
            slides.append(
                f"```poll\nid: u{number}\ntype: single\nquestion: Frage {number}?\n"
                "options: [Ja, Nein]\n```"
            )
    separator = draw(st.sampled_from(["\n\n---\n\n", "\n\n---\n", "\n\n***\n\n"]))
    text = "---\ntitle: Eigenschaft\npdf: vortrag.pdf\n---\n\n" + separator.join(slides)
    text += draw(st.sampled_from(["\n", "", "\n\n"]))
    if draw(st.booleans()):
        text = text.replace("\n", "\r\n")
    return text, count, draw(st.integers(1, count))


def parsed(text: str, pdf: bytes) -> Deck:
    return parse_deck(text, stored={"vortrag.pdf": pdf})


@settings(
    max_examples=60, deadline=None, database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)  # fmt: skip
@given(companions())
def test_a_poll_after_any_page_of_any_companion(
    pdf_of: Callable[[int], bytes], example: tuple[str, int, int]
) -> None:
    text, count, page = example
    pdf = pdf_of(count)
    before = parsed(text, pdf)
    assert before.warnings == ()
    done = with_slide_after_page(text, page, POLL, count)
    after = parsed(done, pdf)
    assert after.warnings == ()
    # The poll comes right after page N; everything else as it was, in order.
    seen = kinds(after)
    assert seen[seen.index(f"p{page}") + 1] == "neu"
    assert [kind for kind in seen if kind != "neu"] == kinds(before)
    assert [k for k in seen if k.startswith("p") and k[1:].isdigit()] == [
        f"p{n}" for n in range(1, count + 1)
    ]
    # Each page keeps its notes and its look.
    pages_before = {s.page.page: (s.notes, s.classes) for s in before.slides if s.page}
    pages_after = {s.page.page: (s.notes, s.classes) for s in after.slides if s.page}
    assert pages_after == pages_before
    # Outside the slide that held page N, not a byte changed.
    old, new = Draft.read(text), Draft.read(done)
    held = next(i for i, pages in enumerate(pages_of_slides(text, count)) if page in pages)
    newline = old.newline
    prefix = newline.join([*old.head, *(line for s in old.slides[:held] for line in s.lines)])
    suffix = newline.join(line for s in old.slides[held + 1 :] for line in s.lines)
    assert done.startswith(prefix) and done.endswith(suffix)
    assert len(new.slides) - len(old.slides) in (1, 2)
    assert new.slides[slide_after_page_index(text, page, count)].text == POLL
