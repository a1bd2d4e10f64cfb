"""The room's reactions on paper (issue 34, must hold 3): the participation page's
"Resonanz je Folie", read back from the real PDF the export command writes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from pypdf import PdfReader

from tests.support.commands import impuls
from workshop_app.deck.loader import load_deck
from workshop_app.deck.reactions import DEFAULT_REACTIONS
from workshop_app.paths import DEFAULT_DECK
from workshop_app.session.snapshot import open_snapshot
from workshop_app.session.store import SessionStore

DECK = load_deck(DEFAULT_DECK)
CLAP, HEART, LAUGH, THINK = DEFAULT_REACTIONS
TAPPED = {  # slide index → the room's taps, in bursts as the keeper adds them
    0: [{CLAP: 3}],
    4: [{CLAP: 40, LAUGH: 2}, {CLAP: 12, HEART: 5, THINK: 1}],
    9: [{THINK: 7}],
}


def session_with_reactions(path: Path, tapped: dict[int, list[dict[str, int]]]) -> Path:
    store = SessionStore(path, deck_source=DECK.source, poll_ids=[p.id for p in DECK.polls],
                         deck_path=DEFAULT_DECK)  # fmt: skip
    for slide, bursts in tapped.items():
        for burst in bursts:
            store.submit(store.reactions_work(slide, burst)).result()
    store.close()
    return path


def pdf_text(pdf: Path) -> str:
    return " ".join(" ".join((p.extract_text() or "").split()) for p in PdfReader(pdf).pages)


def export(event: Path, folder: Path) -> str:
    pdf = folder / "handout.pdf"
    made = impuls("export", event, "--pdf", pdf, "--checksum-page")
    assert made.returncode == 0, made.stderr
    return pdf_text(pdf)


@pytest.fixture(scope="module")
def event(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return session_with_reactions(tmp_path_factory.mktemp("resonanz") / "r.impuls", TAPPED)


def test_the_participation_page_says_which_slides_moved_the_room(
    event: Path, tmp_path: Path
) -> None:
    stored = open_snapshot(event).reactions
    assert [(s.slide, s.counts, s.total) for s in stored] == [
        (0, ((CLAP, 3),), 3),
        (4, ((CLAP, 52), (HEART, 5), (LAUGH, 2), (THINK, 1)), 60),  # the deck's order
        (9, ((THINK, 7),), 7),
    ]
    text = export(event, tmp_path)
    section = text[text.index("Resonanz je Folie") : text.index("Datenschutz")]
    titles = [DECK.slides[i].title for i in TAPPED]
    # DejaVu has no 👏: the paper names every reaction in words, in the deck's order.
    assert f"Folie 1: {titles[0]} Applaus 3 3" in section
    assert f"Folie 5: {titles[1]} Applaus 52 · Herz 5 · Lachen 2 · Nachdenken 1 60" in section
    assert f"Folie 10: {titles[2]} Nachdenken 7 7" in section
    assert section.index("Folie 1:") < section.index("Folie 5:") < section.index("Folie 10:")
    checked = impuls("verify", event, tmp_path / "handout.pdf")
    assert checked.returncode == 0, checked.stderr  # reactions are not in the ledger


def test_the_session_json_has_the_counts_per_slide(event: Path, tmp_path: Path) -> None:
    made = impuls("export", event, "--json", tmp_path / "session.json")
    assert made.returncode == 0, made.stderr
    data = json.loads((tmp_path / "session.json").read_text(encoding="utf-8"))
    assert data["reactions"] == [
        {"slide": 0, "counts": {CLAP: 3}},
        {"slide": 4, "counts": {CLAP: 52, HEART: 5, LAUGH: 2, THINK: 1}},
        {"slide": 9, "counts": {THINK: 7}},
    ]


def test_a_talk_nobody_reacted_to_says_so(tmp_path: Path) -> None:
    quiet = session_with_reactions(tmp_path / "still.impuls", {})
    text = export(quiet, tmp_path)
    assert "Resonanz je Folie Zu keiner Folie kamen Reaktionen aus dem Publikum." in text
