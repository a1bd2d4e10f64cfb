"""A deck shows pictures from its own folder only (issue 33, item 2).

The red-team pass served `![](../outside/private.png)` and `file:///…/private.png`
to every phone (200, image/png) and printed them in the handout; a crafted
session file whose `deck_path` named some other existing file made `export`
embed two of the organizer's own pictures.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from PIL import Image
from pypdf import PdfReader

from tests.support.commands import impuls
from workshop_app.deck.look import background_image_path
from workshop_app.deck.parser import parse_deck
from workshop_app.session.store import SessionStore


def picture(path: Path, colour: str = "red") -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    Image.new("RGB", (40, 30), colour).save(path)
    return path


def pictures_in(pdf: Path) -> int:
    return sum(len(page.images) for page in PdfReader(pdf).pages)


def test_pictures_outside_the_decks_folder_are_not_shown(tmp_path: Path) -> None:
    talk = tmp_path / "vortrag"
    inside = picture(talk / "bilder" / "ok.png")
    private = picture(tmp_path / "privat" / "urlaub.png")
    (talk / "verknuepft.png").symlink_to(private)  # a link inside that leads outside
    source = (
        "# Bilder\n\n"
        "![](bilder/ok.png)\n\n"  # line 3
        "![](../privat/urlaub.png)\n\n"  # line 5
        f"![]({private.as_uri()})\n\n"  # line 7
        "![](verknuepft.png)\n\n"  # line 9
        "---\n\n<!-- backgroundImage: url(../privat/urlaub.png) -->\n# Hintergrund\n"
    )
    deck_path = talk / "vortrag.md"
    deck_path.write_text(source, encoding="utf-8")
    deck = parse_deck(source, deck_path)
    shown = [image.path for image in deck.slides[0].images]
    assert shown == [inside.resolve(), None, None, None]
    outside = [p for p in deck.warnings if p.message_id == "image.outside"]
    assert [p.line for p in outside] == [5, 7, 9]
    assert "liegt außerhalb des Ordners des Decks" in outside[0].message()
    assert background_image_path(deck, deck.slides[1]) is None

    handout = tmp_path / "handout.pdf"
    made = impuls("export", deck_path, "--pdf", handout)
    assert made.returncode == 0, made.stderr
    assert pictures_in(handout) == 1  # ok.png; the private one neither as picture nor as backdrop


def test_a_session_file_cannot_point_its_deck_at_the_organizers_folder(tmp_path: Path) -> None:
    # The organizer's own folder, with a picture and some Markdown file of theirs.
    own = tmp_path / "organisator"
    picture(own / "familie.png", "blue")
    (own / "notizen.md").write_text("# Meine Notizen\n", encoding="utf-8")
    # The talk as it really was, with a picture of its own beside it.
    talk = tmp_path / "vortrag"
    picture(talk / "familie.png", "green")
    source = "# Vortrag\n\n![](familie.png)\n"
    (talk / "vortrag.md").write_text(source, encoding="utf-8")

    honest = tmp_path / "echt.impuls"
    SessionStore(honest, deck_source=source, poll_ids=[], deck_path=talk / "vortrag.md").close()
    crafted = tmp_path / "geschickt.impuls"
    SessionStore(crafted, deck_source=source, poll_ids=[], deck_path=talk / "vortrag.md").close()
    db = sqlite3.connect(crafted)
    db.execute("UPDATE meta SET value = ? WHERE key = 'deck_path'", (str(own / "notizen.md"),))
    db.commit()
    db.close()

    for session, expected in ((honest, 1), (crafted, 0)):
        handout = tmp_path / f"{session.stem}.pdf"
        made = impuls("export", session, "--pdf", handout)
        assert made.returncode == 0, made.stderr
        assert pictures_in(handout) == expected, session.name


def test_a_decompression_bomb_is_a_frame_not_four_gigabytes(tmp_path: Path) -> None:
    # From the red-team pass (issue 33, item 3): a 493 KB PNG of 13,000 × 13,000 pixels
    # took the server from 173 MB to 4,246 MB for six phones, and export to 1.7 GB.
    bomb = tmp_path / "bombe.png"
    Image.new("1", (13_000, 13_000)).save(bomb)  # one bit a pixel: small on disk
    larger = tmp_path / "groesser.png"  # past twice Pillow's limit, where it refuses at once
    Image.new("1", (14_000, 14_000)).save(larger)
    assert bomb.stat().st_size < 1_000_000
    picture(tmp_path / "klein.png")
    source = "# Bilder\n\n![](bombe.png)\n\n![](klein.png)\n\n![](groesser.png)\n"
    deck_path = tmp_path / "vortrag.md"
    deck_path.write_text(source, encoding="utf-8")
    deck = parse_deck(source, deck_path)
    shown = [image.path for image in deck.slides[0].images]
    assert shown == [None, (tmp_path / "klein.png"), None]
    warned, _ = [p for p in deck.warnings if p.message_id == "image.too_many_pixels"]
    assert warned.line == 3 and "hat 169 Millionen Pixel" in warned.message()
    handout = tmp_path / "handout.pdf"
    made = impuls("export", deck_path, "--pdf", handout)
    assert made.returncode == 0, made.stderr
    assert pictures_in(handout) == 1


def test_a_decks_pdf_outside_its_folder_is_refused_on_its_line(tmp_path: Path) -> None:
    from tests.support.pdfs import make_pdf

    talk = tmp_path / "vortrag"
    talk.mkdir()
    make_pdf(tmp_path / "privat.pdf", 2)
    deck_path = talk / "vortrag.md"
    deck_path.write_text("---\ntitle: Probe\npdf: ../privat.pdf\n---\n# A\n", encoding="utf-8")
    checked = impuls("check", deck_path)
    assert checked.returncode == 1
    assert f"{deck_path}:3: Fehler: „../privat.pdf“ liegt außerhalb des Ordners" in checked.stderr


def test_the_handout_names_a_picture_without_the_organizers_folders(tmp_path: Path) -> None:
    # From the red-team pass (issue 33, item 11): "Bild fehlt: /tmp/…/evil.svg".
    talk = tmp_path / "vortrag"
    talk.mkdir()
    outside = tmp_path / "geheim" / "evil.svg"
    deck_path = talk / "vortrag.md"
    deck_path.write_text(
        f"# Bilder\n\n![]({outside})\n\n![](../geheim/evil2.png)\n\n![](bilder/fehlt.png)\n",
        encoding="utf-8",
    )
    handout = tmp_path / "handout.pdf"
    assert impuls("export", deck_path, "--pdf", handout).returncode == 0
    printed = " ".join(
        " ".join((page.extract_text() or "").split()) for page in PdfReader(handout).pages
    )
    assert "Bild fehlt: evil.svg" in printed and "Bild fehlt: evil2.png" in printed
    assert "Bild fehlt: bilder/fehlt.png" in printed  # within the deck's folder: as written
    assert str(tmp_path) not in printed and "geheim" not in printed
