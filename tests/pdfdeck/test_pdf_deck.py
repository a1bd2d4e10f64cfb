"""A PDF is a deck, and a Markdown deck can place a PDF's pages between its polls."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.commands import impuls
from tests.support.pdfs import (
    A4_LANDSCAPE,
    CLASSIC,
    band,
    close_to,
    make_pdf,
    make_pdfpc,
    mixed_deck,
    page_line,
    page_title,
)
from workshop_app.deck import Aspect, DeckError
from workshop_app.deck.loader import load_deck
from workshop_app.deck.parser import parse_deck


def test_a_pdf_opens_as_a_deck_with_a_slide_per_page_titled_by_its_text(tmp_path: Path) -> None:
    deck = load_deck(make_pdf(tmp_path / "vortrag.pdf", 12))
    assert len(deck.slides) == 12
    assert [slide.title for slide in deck.slides] == [page_title(n) for n in range(1, 13)]
    assert deck.title == page_title(1)
    assert deck.meta.aspect is Aspect.WIDE
    assert [slide.page.page for slide in deck.slides if slide.page] == list(range(12))
    assert not deck.warnings and not deck.polls


@pytest.mark.parametrize(("size", "aspect"), [(CLASSIC, Aspect.CLASSIC), (A4_LANDSCAPE, Aspect.A4)])
def test_the_pages_choose_the_canvas(
    tmp_path: Path, size: tuple[float, float], aspect: Aspect
) -> None:
    assert load_deck(make_pdf(tmp_path / "folien.pdf", 2, size)).meta.aspect is aspect


def test_pdfpc_notes_and_duration_come_from_the_file_beside_it(tmp_path: Path) -> None:
    pdf = make_pdf(tmp_path / "vortrag.pdf", 4)
    make_pdfpc(pdf, {0: "Begrüßen, Thema nennen", 2: "Zahl **langsam** sagen"}, duration=25)
    deck = load_deck(pdf)
    assert [slide.notes for slide in deck.slides] == [
        "Begrüßen, Thema nennen",
        "",
        "Zahl **langsam** sagen",
        "",
    ]
    assert deck.meta.duration_minutes == 25
    assert set(deck.files) == {"vortrag.pdf", "vortrag.pdfpc"}


def test_a_broken_pdfpc_file_is_a_warning_and_the_talk_still_opens(tmp_path: Path) -> None:
    pdf = make_pdf(tmp_path / "vortrag.pdf", 2)
    pdf.with_suffix(".pdfpc").write_text("[notes]\n### 1\nalte Form", encoding="utf-8")
    deck = load_deck(pdf)
    assert len(deck.slides) == 2
    assert [p.message_id for p in deck.warnings] == ["pdf.pdfpc_unreadable"]


def test_a_mixed_deck_puts_polls_between_pages(tmp_path: Path) -> None:
    deck = load_deck(mixed_deck(tmp_path))
    kinds = [f"p{s.page.page + 1}" if s.page else "poll" for s in deck.slides]
    assert kinds == ["p1", "p2", "poll", "p3", "p4", "poll", "p5", "p6"]
    assert [slide.index for slide in deck.slides] == list(range(8))
    assert deck.slides[0].notes == "Hier die erste Frage ankündigen."
    assert deck.slides[1].notes == ""
    assert deck.slides[0].line == deck.slides[1].line == 6
    # A poll between pages has no heading: the overview and the handout name it by its
    # question (before, they said only "3").
    assert deck.slides[2].title == "Welcher Kanal bringt Ihnen die meisten Anfragen?"


@pytest.mark.parametrize(
    ("body", "line", "message_id"),
    [
        ("![](pdf:7)", 6, "pdf.no_such_page"),
        ("![](pdf:2-9)", 6, "pdf.no_such_page"),
        ("![](pdf:drei)", 6, "pdf.bad_range"),
        ("![](pdf:0)", 6, "pdf.bad_range"),
        ("# Titel\n\n![](pdf:2)", 8, "pdf.page_not_alone"),
    ],
)
def test_check_names_a_bad_page_reference_with_its_line(
    tmp_path: Path, body: str, line: int, message_id: str
) -> None:
    make_pdf(tmp_path / "vortrag.pdf", 3)
    source = f"---\ntitle: T\npdf: vortrag.pdf\n---\n\n{body}\n"
    with pytest.raises(DeckError) as caught:
        parse_deck(source, tmp_path / "deck.md")
    assert [(p.message_id, p.line) for p in caught.value.errors] == [(message_id, line)]


def test_check_names_a_missing_pdf_on_its_front_matter_line(tmp_path: Path) -> None:
    deck = tmp_path / "deck.md"
    deck.write_text("---\ntitle: T\npdf: fehlt.pdf\n---\n\n![](pdf:1)\n", encoding="utf-8")
    result = impuls("check", deck)
    assert result.returncode == 1
    assert f"{deck}:3: Fehler: PDF „fehlt.pdf“ nicht gefunden" in result.stdout + result.stderr
    assert "Traceback" not in result.stderr


def test_a_page_without_a_named_pdf_is_an_error_on_its_line(tmp_path: Path) -> None:
    with pytest.raises(DeckError) as caught:
        parse_deck("# Eins\n\n---\n\n![](pdf:2)\n", tmp_path / "deck.md")
    assert [(p.message_id, p.line) for p in caught.value.errors] == [("pdf.not_named", 5)]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"<html>kein PDF</html>", "ist keine PDF-Datei"),
        (b"%PDF-1.7\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n", "ist beschädigt"),
        (b"", "ist keine PDF-Datei"),
    ],
)
def test_a_file_that_is_no_usable_pdf_gets_one_clear_sentence(
    tmp_path: Path, content: bytes, message: str
) -> None:
    pdf = tmp_path / "kaputt.pdf"
    pdf.write_bytes(content)
    result = impuls("check", pdf)
    assert result.returncode == 1
    assert message in result.stdout + result.stderr
    assert f"{pdf}: Fehler:" in result.stdout + result.stderr  # no line of a source nobody wrote
    assert "Traceback" not in result.stderr


def test_a_password_protected_pdf_is_refused_with_the_reason(tmp_path: Path) -> None:
    from pypdf import PdfReader, PdfWriter

    plain = make_pdf(tmp_path / "offen.pdf", 2)
    writer = PdfWriter(clone_from=PdfReader(plain))
    writer.encrypt(user_password="geheim", owner_password="geheim")
    locked = tmp_path / "geschützt.pdf"
    with locked.open("wb") as file:
        writer.write(file)
    with pytest.raises(DeckError) as caught:
        load_deck(locked)
    assert caught.value.errors[0].message_id == "pdf.encrypted"


def test_check_counts_the_slides_of_a_pdf_talk(tmp_path: Path) -> None:
    result = impuls("check", mixed_deck(tmp_path))
    assert result.returncode == 0, result.stdout + result.stderr
    assert "8 Folien, 2 Umfragen, 1 mit Notizen" in result.stdout


def test_render_draws_the_pages_between_the_polls(tmp_path: Path) -> None:
    from PIL import Image as PILImage

    deck = mixed_deck(tmp_path)
    out = tmp_path / "bilder"
    result = impuls("render", deck, "--all", "--out-dir", out, "--size", "960x540")
    assert result.returncode == 0, result.stderr
    pictures = sorted(out.glob("*.png"))
    assert len(pictures) == 8
    shown_pages = {0: 1, 1: 2, 3: 3, 4: 4, 6: 5, 7: 6}  # slide index → page number
    for index, number in shown_pages.items():
        with PILImage.open(pictures[index]) as picture:
            rgb = picture.convert("RGB")
            assert rgb.size == (960, 540)
            assert close_to(rgb.getpixel((940, 10)), band(number)), (index, number)
            assert close_to(rgb.getpixel((480, 400)), (255, 255, 255))  # the page's white
    with PILImage.open(pictures[2]) as poll:  # the poll slide, in the deck's theme
        assert len(poll.convert("RGB").getcolors(maxcolors=100_000) or []) > 20


def test_a_4_to_3_page_on_a_wide_projector_is_letterboxed_in_black(tmp_path: Path) -> None:
    from PIL import Image as PILImage

    pdf = make_pdf(tmp_path / "alt.pdf", 1, CLASSIC)
    out = tmp_path / "eins.png"
    result = impuls("render", pdf, "--slide", 1, "--out", out, "--size", "1600x900")
    assert result.returncode == 0, result.stderr
    with PILImage.open(out) as picture:
        rgb = picture.convert("RGB")
        assert close_to(rgb.getpixel((50, 450)), (0, 0, 0))  # left of the 1200-px page
        assert close_to(rgb.getpixel((1550, 450)), (0, 0, 0))
        assert close_to(rgb.getpixel((1390, 10)), band(1))  # the page's band, its right end
        assert close_to(rgb.getpixel((800, 600)), (255, 255, 255))


def test_end_goes_to_pdfpcs_end_of_the_talk_first_then_past_the_backup_pages(
    tmp_path: Path,
) -> None:
    from workshop_app.session.presentation_state import PresentationState

    pdf = make_pdf(tmp_path / "vortrag.pdf", 6)
    make_pdfpc(pdf, {}, end_slide=4)
    deck = load_deck(pdf)
    assert deck.meta.end_slide == 3
    state = PresentationState(deck)
    state.last()
    assert state.index == 3  # the talk's last page; 5 and 6 are backup pages
    state.last()
    assert state.index == 5


def test_the_compact_handout_lays_four_original_pages_a_sheet_as_text(tmp_path: Path) -> None:
    from pypdf import PdfReader

    pdf = make_pdf(tmp_path / "vortrag.pdf", 5)
    handout = tmp_path / "kompakt.pdf"
    result = impuls("export", pdf, "--pdf", handout, "--layout", "compact")
    assert result.returncode == 0, result.stderr
    sheets = [page.extract_text() for page in PdfReader(handout).pages]
    first = next(i for i, text in enumerate(sheets) if page_line(1) in text)
    for number in range(1, 5):  # one sheet, four pages, each laid into its cell
        assert page_line(number) in sheets[first]
    assert page_line(5) in sheets[first + 1] and page_line(5) not in sheets[first]


def test_the_session_keeps_the_pdf_and_refuses_an_altered_copy(tmp_path: Path) -> None:
    import sqlite3

    from workshop_app.session.snapshot import SnapshotError, open_snapshot
    from workshop_app.session.store import SessionStore

    deck = load_deck(mixed_deck(tmp_path))
    session = tmp_path / "abend.impuls"
    store = SessionStore(session, deck_source=deck.source, poll_ids=[p.id for p in deck.polls],
                         deck_path=deck.path, deck_files=deck.files)  # fmt: skip
    store.close()
    (tmp_path / "vortrag.pdf").unlink()  # the speaker's laptop is gone
    kept = open_snapshot(session).deck
    assert [s.title for s in kept.slides] == [s.title for s in deck.slides]
    assert set(kept.pdfs) == set(deck.pdfs)
    with sqlite3.connect(session) as db:
        db.execute("UPDATE deck_files SET data = substr(data, 1, 1000)")
    db.close()
    with pytest.raises(SnapshotError) as caught:
        open_snapshot(session)
    assert caught.value.code == "corrupt"


def test_a_pdf_over_the_size_limit_is_refused_before_it_is_read_whole(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from workshop_app.deck import pdf as pdf_module

    monkeypatch.setattr(pdf_module, "MAX_PDF_BYTES", 10_000)  # 100 MB in earnest
    with pytest.raises(DeckError) as caught:
        load_deck(make_pdf(tmp_path / "gross.pdf", 20))
    assert caught.value.errors[0].message_id == "pdf.too_large"


def test_a_turned_page_is_shown_turned_on_the_screen_and_on_paper(tmp_path: Path) -> None:
    # Before: the handout's renderer died on a page with /Rotate (pypdf turns only
    # pages that belong to a writer).
    from pypdf import PdfReader, PdfWriter

    source = PdfReader(make_pdf(tmp_path / "quer.pdf", 3))
    writer = PdfWriter()
    for number, original in enumerate(source.pages, start=1):
        writer.add_page(original.rotate(90) if number == 2 else original)
    turned = tmp_path / "gedreht.pdf"
    with turned.open("wb") as file:
        writer.write(file)
    deck = load_deck(turned)
    page = deck.slides[1].page
    assert page is not None and page.height > page.width  # upright, as viewers show it
    handout = tmp_path / "handout.pdf"
    result = impuls("export", turned, "--pdf", handout)
    assert result.returncode == 0, result.stderr
    text = " ".join(sheet.extract_text() for sheet in PdfReader(handout).pages)
    assert page_line(2) in text


def test_file_open_offers_every_kind_of_deck_that_opens() -> None:
    import re

    from workshop_app.deck.model import DECK_SUFFIXES
    from workshop_app.i18n import tr

    first = tr("library.filter").split(";;")[0]
    offered = set(re.findall(r"\*(\.\w+)", first))
    assert offered == set(DECK_SUFFIXES)
