"""A scale's words on every surface that prints its results (issue 32's leftovers).

The rehearsal's projector drew the bars of `labels: [gar nicht, sehr]` as bare
numbers 1 to 5; so did the phone. The results model names each value once
(`Row.name`: "1 gar nicht", "3", "5 sehr"); the projector's chart, the phone, the
speaker's remote and the handout print it from there.
"""

from __future__ import annotations

from pathlib import Path

from playwright.sync_api import Browser
from pytestqt.qtbot import QtBot

from tests.support.app import (
    WAIT_MS,
    click,
    open_poll,
    phone_in_the_room,
    start_live,
    state_of,
    vote,
)
from tests.support.commands import impuls
from tests.support.drawn import drawn_text
from tests.support.pdfs import pdftotext
from workshop_app.session.model import PollState
from workshop_app.ui.prepared import prepare_deck
from workshop_app.ui.presenting_session import PresentingSession, remote_state
from workshop_app.ui.settings import Settings

DECK = """---
title: Skalenprobe
---

# Wie zufrieden?

```poll
id: zufrieden
type: scale
question: Wie zufrieden sind Sie?
min: 1
max: 5
labels: [gar nicht, sehr]
```

---

# Wie oft?

```poll
id: oft
type: scale
question: Wie oft?
min: 0
max: 2
labels: [nie, manchmal, immer]
```
"""
# poll → the phones' values, and each bar's words on the phone
COUNTED = {
    "zufrieden": (
        [1, 5, 5, 4],
        ["1 gar nicht: 1 · 25 %", "2: 0 · 0 %", "3: 0 · 0 %", "4: 1 · 25 %", "5 sehr: 2 · 50 %"],
    ),
    "oft": ([0, 2], ["0 nie: 1 · 50 %", "1 manchmal: 0 · 0 %", "2 immer: 1 · 50 %"]),
}
WORDS = {"zufrieden": ("gar nicht", "sehr"), "oft": ("nie", "manchmal", "immer")}


def revealed_with_votes(qtbot: QtBot, running: PresentingSession, poll: str) -> None:
    values, _ = COUNTED[poll]
    open_poll(qtbot, running, poll, reveal=True)
    for device, value in enumerate(values):
        vote(running, poll, device, value)

    def all_in() -> bool:
        live = running.slideshow.live.get(poll)
        return live is not None and live.tally is not None and live.tally.ballots == len(values)

    qtbot.waitUntil(all_in, timeout=WAIT_MS)


def test_a_scales_words_are_on_the_projector_the_phone_the_remote_and_paper(
    qtbot: QtBot, tmp_path: Path, settings: Settings, browser: Browser
) -> None:
    talk = tmp_path / "skala.md"
    talk.write_text(DECK, encoding="utf-8")
    session = tmp_path / "skala.impuls"
    running = start_live(qtbot, prepare_deck(talk), settings, session)
    try:
        for poll, (_, bars) in COUNTED.items():
            revealed_with_votes(qtbot, running, poll)
            drawn = drawn_text(running.slideshow.renderer, running.state.index)
            for word in WORDS[poll]:
                assert word in drawn, (poll, drawn)  # before: the numbers alone
            assert running.live is not None
            remote = remote_state(running.state, running.live)["poll"]
            assert isinstance(remote, dict) and remote["results"] is not None
            rows = remote["results"]["rows"]  # the remote prints "{name}: {shown}"
            assert [f"{r['name']}: {r['shown']}" for r in rows] == bars
            click(qtbot, running, "close")  # a phone that has not voted sees them now
            qtbot.waitUntil(lambda: state_of(running, poll) == (PollState.CLOSED, True),  # noqa: B023
                            timeout=WAIT_MS)  # fmt: skip
            with phone_in_the_room(browser, running) as phone:
                shown = phone.locator("#bars .bar")
                qtbot.waitUntil(lambda: shown.count() == len(bars), timeout=WAIT_MS)  # noqa: B023
                assert shown.all_inner_texts() == bars  # before: "1: 1 · 25 %"
    finally:
        running.stop()
    pdf = tmp_path / "ergebnisse.pdf"
    made = impuls("export", session, "--pdf", pdf, "--layout", "results")
    assert made.returncode == 0, made.stderr
    printed = " ".join(pdftotext(pdf).split())
    for words in WORDS.values():
        for word in words:
            assert word in printed, (word, printed)  # under its column of the histogram
