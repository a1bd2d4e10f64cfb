"""The speaker's ink in the speaker's notes pages (issue 34, item 4), read back from the
PDF as pixels: drawn over its slide where the room saw it, in the projector's colour,
and in no members' handout."""

from __future__ import annotations

import json
from pathlib import Path

import pypdfium2 as pdfium
import pytest
from pypdf import PdfReader

from tests.support.commands import exported
from tests.support.sessions import presented
from workshop_app.session.marks import INK_COLOR, Point, stroke_json
from workshop_app.session.snapshot import open_snapshot

TALK = """---
title: Tinte
lang: de
---

# Ohne Tinte

Hier zeichnet niemand.

---

# Mit Tinte

Hier wird unterstrichen und eingekreist.
"""
LINE = tuple(Point(0.2 + n * 0.05, 0.75) for n in range(13))  # across the lower quarter
DOT = (Point(0.8, 0.3),)


@pytest.fixture(scope="module")
def event(tmp_path_factory: pytest.TempPathFactory) -> Path:
    _, store = presented(tmp_path_factory.mktemp("tinte"), "tinte", TALK)
    for stroke in (LINE, DOT):  # as the keeper writes what the app sends
        store.submit(store.ink_work(1, json.dumps(stroke_json(stroke)))).result()
    store.submit(store.ink_work(0, json.dumps(stroke_json(LINE)))).result()
    store.submit(store.ink_work(0, None)).result()  # erased during the talk
    store.close()
    return store.path


def ink_pixels(pdf: Path, title: str) -> int:
    """Pixels of the ink's colour on the page that shows the slide called `title`."""
    texts = [page.extract_text() or "" for page in PdfReader(pdf).pages]
    number = max(n for n, text in enumerate(texts) if f": {title}" in text)  # not the contents
    image = pdfium.PdfDocument(str(pdf))[number].render(scale=1.5).to_pil().convert("RGB")
    red, green, blue = (int(INK_COLOR[i : i + 2], 16) for i in (1, 3, 5))
    return sum(
        abs(r - red) + abs(g - green) + abs(b - blue) < 60 for r, g, b in image.get_flattened_data()
    )


def test_the_snapshot_holds_the_ink_as_the_room_saw_it_last(event: Path) -> None:
    kept = open_snapshot(event).ink
    assert list(kept) == [1] and len(kept[1]) == 2  # slide 1's was erased
    assert [round(p.x, 4) for p in kept[1][0]] == [round(p.x, 4) for p in LINE]


def test_the_notes_pages_draw_the_ink_over_its_slide(event: Path, tmp_path: Path) -> None:
    pdf = exported(event, tmp_path, "--layout", "notes")
    assert ink_pixels(pdf, "Mit Tinte") > 300  # a line across the slide and a dot
    assert ink_pixels(pdf, "Ohne Tinte") == 0  # erased: not in the handout either


def test_the_members_handout_has_no_speaker_s_ink(event: Path, tmp_path: Path) -> None:
    pdf = exported(event, tmp_path, "--layout", "large")
    assert ink_pixels(pdf, "Mit Tinte") == 0
