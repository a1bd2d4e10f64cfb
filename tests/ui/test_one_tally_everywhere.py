"""One tally through every surface, shares that round differently by method, in German
and in English (issue 31's proof).

Three polls are counted from phones over HTTP and, for one, a show of hands: 1, 3
and 4 of 8 (12.5 %, 37.5 %, 50 %), 1 and 2 of 3 (33.3 %, 66.7 %), and 5 and 1 of 6
with one hand raised (83.3 %, 16.7 %). Each is read back from the projector's drawn
text, a participant's phone in Chromium, the speaker's remote in Chromium, the API,
the PDF handout, the CSV (plain and for Excel) and the JSON export. Every surface
says the same: "1 · 13 %" beside a bar, "12,5 %" (or 12.5) to one place, and the
same base sentence. Before, one voter of eight was "12 %" on the projector and in
the handout (Python rounds half to even) and "13 %" on the phone, which rounded the
server's share again; 1 of 80 was 1,3 % on paper and 1.2 in the files.
"""

from __future__ import annotations

import csv
import json
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page
from pytestqt.qtbot import QtBot

from tests.support.app import WAIT_MS, call, click, open_poll, start_live, state_of, vote
from tests.support.chromium import text
from tests.support.commands import impuls
from tests.support.drawn import drawn_text
from tests.support.pdfs import pdftotext
from workshop_app.i18n import set_language
from workshop_app.session.model import PollState
from workshop_app.ui.prepared import prepare_deck
from workshop_app.ui.presenting_session import PresentingSession
from workshop_app.ui.settings import Settings

DECK = """---
title: Rundungsprobe
---

# Achtel

```poll
id: achtel
type: single
question: Welche Farbe?
options: [Rot, Grün, Blau]
```

---

# Drittel

```poll
id: drittel
type: single
question: Ja oder nein?
options: [Ja, Nein]
```

---

# Sechstel

```poll
id: sechstel
type: single
question: Auch per Handzeichen?
options: [Ja, Nein]
```
"""
# poll → (the phones' choices, the show of hands or None)
COUNTED = {
    "achtel": ([0, 1, 1, 1, 2, 2, 2, 2], None),
    "drittel": ([0, 1, 1], None),
    "sechstel": ([0, 0, 0, 0, 1], [1, 0]),
}
# poll → per answer: (letter, label, count, share to one place), and the base's count
EXPECTED = {
    "achtel": ([("A", "Rot", 1, "12.5"), ("B", "Grün", 3, "37.5"), ("C", "Blau", 4, "50.0")], 8),
    "drittel": ([("A", "Ja", 1, "33.3"), ("B", "Nein", 2, "66.7")], 3),
    "sechstel": ([("A", "Ja", 5, "83.3"), ("B", "Nein", 1, "16.7")], 6),
}
WHOLE = {"12.5": "13", "37.5": "38", "50.0": "50", "33.3": "33", "66.7": "67", "83.3": "83",
         "16.7": "17"}  # fmt: skip
BASE = {"de": "Anteile von {n} Stimmen", "en": "Shares of {n} votes"}
LOCALE = {"de": "de-DE", "en": "en-US"}


def amount(count: int, share: str) -> str:
    """A bar's words, the same in both languages: "1 · 13 %"."""
    return f"{count} · {WHOLE[share]} %"


def one_place(share: str, lang: str) -> str:
    return share.replace(".", ",") if lang == "de" else share


@pytest.fixture
def talk(tmp_path: Path) -> Path:
    path = tmp_path / "rundung.md"
    path.write_text(DECK, encoding="utf-8")
    return path


@pytest.fixture
def in_language(request: pytest.FixtureRequest) -> Iterator[str]:
    lang: str = request.param
    set_language(lang)  # the app's language, as the menu sets it; conftest sets it back
    yield lang


def counted_on_the_console(qtbot: QtBot, running: PresentingSession, poll: str) -> None:
    phones, hands = COUNTED[poll]
    open_poll(qtbot, running, poll, reveal=True)
    for device, choice in enumerate(phones):
        vote(running, poll, device, choice)
    if hands is not None:
        running.console.polls.ask_hands()
        dialog = running.console.polls.dialog
        assert dialog is not None
        for spin, count in zip(dialog.spins, hands, strict=True):
            spin.setValue(count)
        dialog.accept()

    def all_in() -> bool:
        live = running.slideshow.live.get(poll)
        tally = live.tally if live is not None else None
        return (
            tally is not None
            and tally.ballots == len(phones)
            and (hands is None or tally.hands == tuple(hands))
        )

    qtbot.waitUntil(all_in, timeout=WAIT_MS)
    click(qtbot, running, "close")
    qtbot.waitUntil(lambda: state_of(running, poll) == (PollState.CLOSED, True), timeout=WAIT_MS)


def phone_rows(qtbot: QtBot, phone: Page, poll: str, lang: str) -> tuple[list[str], str]:
    """What a participant's phone shows of `poll`'s results: its bars and base."""
    rows, _ = EXPECTED[poll]
    bars = phone.locator("#bars .bar")
    qtbot.waitUntil(
        lambda: bars.count() == len(rows) and rows[0][1] in (bars.first.inner_text() or ""),
        timeout=WAIT_MS,
    )
    return bars.all_inner_texts(), text(phone, "#summary")


@pytest.mark.parametrize("in_language", ["de", "en"], indirect=True)
def test_one_tally_says_the_same_on_every_surface_in_both_languages(
    qtbot: QtBot,
    in_language: str,
    talk: Path,
    settings: Settings,
    tmp_path: Path,
    browser: Browser,
) -> None:
    lang = in_language
    session = tmp_path / "abend.impuls"
    running = start_live(qtbot, prepare_deck(talk), settings, session)
    devices = {
        who: browser.new_context(viewport={"width": 360, "height": 740}, locale=LOCALE[lang])
        for who in ("participant", "speaker")
    }
    try:
        assert running.live is not None
        info = running.live.info
        remote = devices["speaker"].new_page()
        panel = running.console.remote
        qtbot.waitUntil(lambda: "/remote#pair=" in panel.qr.text, timeout=WAIT_MS)
        remote.goto(panel.qr.text)
        for poll, (rows, base_count) in EXPECTED.items():
            counted_on_the_console(qtbot, running, poll)
            base = BASE[lang].format(n=base_count)

            # The projector: each bar's words, and the base below the chart.
            drawn = drawn_text(running.slideshow.renderer, running.state.index)
            for _, _, count, share in rows:
                assert amount(count, share) in drawn, (poll, drawn)
            assert base in drawn

            # The app's one results model, made once as the tally event came.
            live = running.live.polls[poll]
            assert live.results is not None
            assert [live.results.amount(r, lang) for r in live.results.by_index()] == [
                amount(count, share) for _, _, count, share in rows
            ]

            # The API, in the phone's language.
            status, answer = call(running, "GET", f"/api/polls/{poll}/results?lang={lang}",
                                  as_phone=0)  # fmt: skip
            assert status == 200
            assert answer["shown"] == [amount(count, share) for _, _, count, share in rows]
            assert answer["percent"] == [float(share) for _, _, _, share in rows]
            assert answer["base_note"] == base

            # A participant's phone after the reveal.
            phone = devices["participant"].new_page()
            phone.goto(f"http://127.0.0.1:{info.port}/?code={info.join_code}")
            shown, phone_base = phone_rows(qtbot, phone, poll, lang)
            for letter, label, count, share in rows:
                assert f"{letter} {label}: {amount(count, share)}" in shown, (poll, shown)
            assert phone_base.endswith(f" · {base}")  # the count line, as the projector's
            phone.close()

            # The speaker's remote, on the poll's slide.
            expected_remote = [f"{letter} {label}: {amount(count, share)}"
                               for letter, label, count, share in rows]  # fmt: skip
            listed = remote.locator("#poll-results li")
            qtbot.waitUntil(lambda: listed.all_inner_texts() == expected_remote, timeout=WAIT_MS)  # noqa: B023
            assert text(remote, "#poll-base") == base
    finally:
        for context in devices.values():
            context.close()
        running.stop()

    # The organizer's files, from the session file alone, in the same language.
    pdf, table, excel, data = (tmp_path / name for name in ("h.pdf", "t.csv", "x.csv", "s.json"))
    made = impuls("export", session, "--pdf", pdf, "--layout", "results", "--csv", table,
                  "--json", data, "--lang", lang)  # fmt: skip
    assert made.returncode == 0, made.stderr
    for_excel = impuls("export", session, "--csv", excel, "--excel", "--lang", lang)
    assert for_excel.returncode == 0, for_excel.stderr
    printed = " ".join(pdftotext(pdf).split())
    with table.open(encoding="utf-8") as file:
        plain = list(csv.DictReader(file))
    with excel.open(encoding="utf-8-sig") as file:
        spread = list(csv.reader(file, delimiter=";" if lang == "de" else ","))
    exported = {p["id"]: p["results"] for p in json.loads(data.read_text("utf-8"))["polls"]}
    for poll, (rows, base_count) in EXPECTED.items():
        assert BASE[lang].format(n=base_count) in printed
        file_rows = [r for r in plain if r["poll"] == poll]
        excel_rows = [r for r in spread if r[0] == poll]
        for (letter, label, count, share), row, cells in zip(
            rows, file_rows, excel_rows, strict=True
        ):
            # beside the bar, and in the table to one place (pdftotext may drop a thin space)
            assert re.search(rf"\b{count} ?· ?{WHOLE[share]} ?%", printed), (poll, letter)
            assert re.search(
                rf"{letter} {label} \d+ \d+ {count} {re.escape(one_place(share, lang))} %", printed
            ), (poll, letter)
            assert (row["option"], row["total"], row["percent"]) == (label, str(count), share)
            assert row["base_count"] == str(base_count)
            assert one_place(share, lang) in cells, cells
        results = exported[poll]
        assert results["percent"] == [float(share) for _, _, _, share in rows]
        assert results["total"] == [count for _, _, count, _ in rows]
        assert results["base_count"] == base_count
