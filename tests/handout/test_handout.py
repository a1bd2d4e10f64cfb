"""The handout and the exports, read back: pypdf and pdftotext on the real PDF, the real CLI."""

from __future__ import annotations

import csv
import json
import re
import shutil
import sqlite3
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader

from tests.support.commands import forged_handout, impuls
from tests.support.pdfs import pdftotext
from workshop_app.deck import PollType
from workshop_app.deck.loader import load_deck
from workshop_app.paths import DEFAULT_DECK
from workshop_app.session.ballots import ballot_for
from workshop_app.session.model import AnswerState
from workshop_app.session.snapshot import open_snapshot
from workshop_app.session.store import SessionStore

DECK = load_deck(DEFAULT_DECK)
NEVER_RUN = "bekannt"


def choice_for(kind: PollType, n: int, options: int, exclusive: int | None = None) -> object:
    if kind is PollType.SINGLE:
        return n % options
    if kind is PollType.MULTIPLE:
        ticked = sorted({n % options, (n + 1) % options})
        return [exclusive] if exclusive in ticked else ticked  # "Keines" stands alone
    if kind is PollType.RANKING:
        return [(n + k) % options for k in range(options)]
    if kind is PollType.SCALE:
        return 1 + n % 5
    return ["Datenschutz <b>zuerst</b> & dann", "Keine Zeit", "Budget fehlt"][n % 3]


@pytest.fixture(scope="module")
def event(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """The shipped deck run as an event: 30 phones, a show of hands, moderation, one poll left out."""
    path = tmp_path_factory.mktemp("event") / "event.impuls"
    store = SessionStore(path, deck_source=DECK.source, poll_ids=[p.id for p in DECK.polls],
                         deck_path=DEFAULT_DECK)  # fmt: skip
    for poll in DECK.polls:
        if poll.id == NEVER_RUN:
            continue
        store.set_state(poll.id, "open").result()
        for n in range(30):
            ballot = ballot_for(poll, choice_for(poll.type, n, len(poll.options), poll.exclusive))
            store.vote(poll.id, f"phone-{n:012d}", f"{poll.id}-{n}", ballot).result()
        if poll.id == "arbeitszeit":
            store.record_hands(poll.id, [5, 0, 2, 1]).result()
        store.set_state(poll.id, "close").result()
    answers = open_snapshot(path).results["gegenargument"].answers
    for answer in answers[:2]:
        store.moderate(answer.id, AnswerState.APPROVED).result()
    store.close()
    yield path


def test_the_members_handout_keeps_the_speakers_notes_private(
    event: Path, handout: Path, tmp_path: Path
) -> None:
    assert PRIVATE_NOTE not in " ".join(pdftotext(handout).split())
    for layout in ("slides", "compact"):
        asked = tmp_path / f"{layout}.pdf"
        result = impuls("export", event, "--pdf", asked, "--layout", layout, "--notes")
        assert result.returncode == 0, result.stderr
        # two columns on a page (the slide, the notes beside it): read in text order
        said = " ".join(page.extract_text() for page in PdfReader(asked).pages)
        assert PRIVATE_NOTE in " ".join(said.split()), layout
    plain = tmp_path / "compact-plain.pdf"
    assert impuls("export", event, "--pdf", plain, "--layout", "compact").returncode == 0
    assert PRIVATE_NOTE not in " ".join(pdftotext(plain).split())


def test_every_slide_title_and_the_umlauts_are_in_the_text(handout: Path) -> None:
    text = pdftotext(handout)
    flat = " ".join(text.split())
    for slide in DECK.slides:
        assert " ".join(slide.title.split()) in flat, slide.title
    assert "Zusammenstöße" in flat and "„" in flat and "–" in flat
    reader = PdfReader(handout)
    assert reader.metadata is not None and reader.metadata.title == DECK.meta.title
    assert "Zusammenstöße" in reader.pages[3].extract_text() + reader.pages[4].extract_text()


def test_every_polls_counts_equal_what_the_store_holds(event: Path, handout: Path) -> None:
    text = pdftotext(handout)
    snapshot = open_snapshot(event)
    checked = 0
    for poll in DECK.polls:
        counted = snapshot.results[poll.id]
        if poll.type not in (PollType.SINGLE, PollType.MULTIPLE) or poll.id == NEVER_RUN:
            continue
        for i, option in enumerate(poll.options):
            row = rf"{'ABCDEFGH'[i]}\s+{re.escape(option)}\s+{counted.digital[i]}\s+" \
                  rf"{counted.hands[i]}\s+{counted.total[i]}\s"  # fmt: skip
            assert re.search(row, text), f"{poll.id}: no row {row!r}"
            checked += 1
        assert f"Stimmen: {counted.ballots} von {counted.devices} Geräten" in text
    assert checked >= 10
    assert "Handzeichen: 8" in text  # the show of hands, apart from the phones
    assert "nicht durchgeführt" in text  # the poll that never ran says so


def test_markup_in_answers_prints_as_text(handout: Path) -> None:
    text = pdftotext(handout)
    assert "„Datenschutz <b>zuerst</b> & dann“" in text
    assert "phone-0000" not in text  # no device id in the handout


def test_fonts_are_embedded_and_no_helvetica(handout: Path) -> None:
    reader = PdfReader(handout)
    fonts: dict[str, bool] = {}
    for page in reader.pages:
        resources: Any = page["/Resources"].get_object()
        for font in resources.get("/Font", {}).values():
            font = font.get_object()
            descriptor = font.get("/FontDescriptor")
            embedded = descriptor is not None and "/FontFile2" in descriptor.get_object()
            fonts[str(font["/BaseFont"])] = embedded
    assert fonts and all(fonts.values()), fonts
    assert not any("Helvetica" in name for name in fonts)


def test_bookmarks_per_slide_and_poll(handout: Path) -> None:
    titles: list[str] = []

    def walk(items: Sequence[object]) -> None:
        for item in items:
            if isinstance(item, list):
                walk(item)
            else:
                titles.append(str(item.title))  # type: ignore[attr-defined]

    walk(PdfReader(handout).outline)
    assert sum(t.startswith("Folie ") for t in titles) == len(DECK.slides)
    assert sum(t.startswith("Abstimmung: ") for t in titles) == len(DECK.polls)
    # a before/after pair asks one question: its slides tell the two apart (rehearsal)
    assert len({t for t in titles if t.startswith("Abstimmung: ")}) == len(DECK.polls)


def test_the_digest_matches_and_catches_an_altered_vote(event: Path, handout: Path,
                                                         tmp_path: Path) -> None:  # fmt: skip
    good = impuls("verify", event, handout)
    assert good.returncode == 0, good.stderr
    assert open_snapshot(event).digest[:16] in good.stdout
    altered = tmp_path / "altered.impuls"
    shutil.copy(event, altered)
    with sqlite3.connect(altered) as db:
        db.execute("UPDATE votes SET raw = '0' WHERE id = (SELECT MAX(id) FROM votes)")
    bad = impuls("verify", altered, handout)
    assert bad.returncode == 1 and "NICHT" in bad.stderr


def test_verify_given_the_deck_instead_of_the_pdf_says_one_sentence(
    event: Path, tmp_path: Path
) -> None:
    # From the third rehearsal: pypdf's own English warnings ("invalid pdf header",
    # "EOF marker not found") came before Impuls's sentence.
    for wrong in (DEFAULT_DECK, tmp_path / "halb.pdf"):
        if wrong.suffix == ".pdf":
            wrong.write_bytes(b"%PDF-1.4\n1 0 obj\n")  # a download cut off
        refused = impuls("verify", event, wrong)
        assert refused.returncode == 1
        assert refused.stderr.splitlines() == [
            f"{wrong}: kein Impuls-Handout mit Prüfsumme (oder keine PDF-Datei)"
        ], refused.stderr


def test_page_count_per_layout(event: Path, handout: Path, tmp_path: Path) -> None:
    pages = {"slides": len(PdfReader(handout).pages)}
    for layout in ("large", "compact", "results"):
        pdf = tmp_path / f"{layout}.pdf"
        assert impuls("export", event, "--pdf", pdf, "--layout", layout).returncode == 0
        pages[layout] = len(PdfReader(pdf).pages)
    slides = len(DECK.slides)
    assert pages["large"] >= slides + 2  # cover, contents, a page per slide (+ results)
    assert pages["slides"] >= -(-slides // 2) + 2  # two a page, then the results
    assert pages["compact"] >= -(-slides // 4) + 2
    assert pages["results"] < pages["compact"] < pages["slides"] < pages["large"]


def test_english_labels(event: Path, tmp_path: Path) -> None:
    pdf = tmp_path / "en.pdf"
    assert (
        impuls("export", event, "--pdf", pdf, "--layout", "results", "--lang", "en").returncode == 0
    )
    text = pdftotext(pdf)
    assert "Poll results" in text and "Votes: 30 from 30 devices" in text


def test_csv_and_json_exports_hold_no_device_ids(event: Path, tmp_path: Path) -> None:
    out = tmp_path / "results.csv"
    result = impuls("export", event, "--csv", out, "--json", tmp_path / "session.json")
    assert result.returncode == 0, result.stderr
    snapshot = open_snapshot(event)
    rows = list(csv.DictReader(out.read_text(encoding="utf-8").splitlines()))
    arbeitszeit = [r for r in rows if r["poll"] == "arbeitszeit"]
    counted = snapshot.results["arbeitszeit"]
    assert [int(r["phone_votes"]) for r in arbeitszeit] == list(counted.digital)
    assert [int(r["hands"]) for r in arbeitszeit] == list(counted.hands)
    votes_text = (tmp_path / "results-votes.csv").read_text(encoding="utf-8")
    votes = list(csv.DictReader(votes_text.splitlines()))
    assert len(votes) == sum(r.ballots for r in snapshot.results.values())
    assert set(votes[0]) == {"poll", "run", "time_utc", "choice", "answer", "state"}
    data = json.loads((tmp_path / "session.json").read_text(encoding="utf-8"))
    assert data["format"] == "impuls-session/1" and data["ledger_sha256"] == snapshot.digest
    for exported in (out, tmp_path / "results-votes.csv", tmp_path / "session.json"):
        assert "phone-0000" not in exported.read_text(encoding="utf-8")


def _session(tmp_path: Path, name: str) -> SessionStore:
    return SessionStore(tmp_path / name, deck_source=DECK.source,
                        poll_ids=[p.id for p in DECK.polls])  # fmt: skip


def test_a_session_with_no_votes_and_one_with_only_hands(tmp_path: Path) -> None:
    _session(tmp_path, "empty.impuls").close()
    hands = _session(tmp_path, "hands.impuls")
    hands.record_hands("arbeitszeit", [7, 3, 0, 0]).result()
    hands.close()
    for name in ("empty", "hands"):
        pdf = tmp_path / f"{name}.pdf"
        result = impuls("export", tmp_path / f"{name}.impuls", "--pdf", pdf, "--csv",
                        tmp_path / f"{name}.csv", "--checksum-page")  # fmt: skip
        assert result.returncode == 0, result.stderr
    assert "Es wurden keine Stimmen abgegeben." in pdftotext(tmp_path / "empty.pdf")
    text = pdftotext(tmp_path / "hands.pdf")
    assert re.search(r"A\s+Ja, ausdrücklich erwünscht\s+0\s+7\s+7\s+70,0 %", text)


@pytest.mark.slow
def test_a_thousand_open_answers(tmp_path: Path) -> None:
    store = _session(tmp_path, "answers.impuls")
    poll = DECK.poll("gegenargument")
    store.set_state(poll.id, "open").result()
    futures = [store.vote(poll.id, f"phone-{n:012d}", f"a{n}", ballot_for(poll, f"Antwort {n} & <i>mehr</i>"))
               for n in range(1000)]  # fmt: skip
    for future in futures:
        future.result()
    for answer in open_snapshot(tmp_path / "answers.impuls").results[poll.id].answers:
        store.moderate(answer.id, AnswerState.APPROVED)
    store.close()
    pdf = tmp_path / "answers.pdf"
    result = impuls("export", tmp_path / "answers.impuls", "--pdf", pdf, "--layout", "results")
    assert result.returncode == 0, result.stderr
    text = pdftotext(pdf)
    assert "„Antwort 999 & <i>mehr</i>“" in text and "„Antwort 0 & <i>mehr</i>“" in text


@pytest.mark.parametrize("kind", ["missing", "corrupt", "foreign"])
def test_a_bad_session_file_gives_exit_1_and_a_sentence(kind: str, tmp_path: Path) -> None:
    path = tmp_path / f"{kind}.impuls"
    if kind == "corrupt":
        path.write_bytes(b"SQLite format 3\x00" + b"\x13" * 900)
    elif kind == "foreign":
        with sqlite3.connect(path) as db:
            db.execute("CREATE TABLE meta (key TEXT, value TEXT)")
            db.execute("INSERT INTO meta VALUES ('app', 'something else')")
    result = impuls("export", path, "--pdf", tmp_path / "out.pdf")
    assert result.returncode == 1
    assert str(path) in result.stderr and "Traceback" not in result.stderr
    assert not (tmp_path / "out.pdf").exists()


PRIVATE_NOTE = "mit dem Alter im Raum in Beziehung setzen"  # the speaker's, on slide 7


def test_a_deck_alone_gives_the_slides_and_notes_only_when_asked(tmp_path: Path) -> None:
    # Before: the speaker's private notes were in every handout, the deck-only PDF too,
    # and "(keine Notizen)" stood on every page without notes.
    pdf = tmp_path / "deck.pdf"
    result = impuls("export", DEFAULT_DECK, "--pdf", pdf)
    assert result.returncode == 0, result.stderr
    text = " ".join(pdftotext(pdf).split())
    assert "ohne Abstimmungsergebnisse" in text and "Prüfsumme" not in text
    assert PRIVATE_NOTE not in text and "Notizen" not in text
    notes = tmp_path / "notizen.pdf"
    assert impuls("export", DEFAULT_DECK, "--pdf", notes, "--layout", "notes").returncode == 0
    spoken = " ".join(pdftotext(notes).split())
    assert PRIVATE_NOTE in spoken and "keine Notizen" not in spoken
    refused = impuls("export", DEFAULT_DECK, "--csv", tmp_path / "x.csv")
    assert refused.returncode == 2 and "Sitzungsdatei" in refused.stderr


def test_without_a_unicode_font_the_error_says_what_to_install(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    from workshop_app.handout import fonts

    monkeypatch.setattr(fonts, "KNOWN_DIRS", (str(tmp_path),))
    monkeypatch.setattr(fonts, "FONT_DIRS", (str(tmp_path),))
    monkeypatch.setattr(shutil, "which", lambda _name: None)  # no fc-list either
    fonts.find_fonts.cache_clear()
    try:
        with pytest.raises(fonts.FontError, match="fonts-dejavu-core"):
            fonts.find_fonts()
    finally:
        fonts.find_fonts.cache_clear()


def exported_deck(deck: Path, slides: str) -> Path:
    """Write a deck of `slides` (title from the file name), export it, return the PDF."""
    deck.write_text(f"---\ntitle: {deck.stem.title()}\n---\n\n{slides}", encoding="utf-8")
    pdf = deck.with_suffix(".pdf")
    result = impuls("export", deck, "--pdf", pdf)
    assert result.returncode == 0, result.stderr
    return pdf


def test_lists_of_every_kind_keep_their_bullets_and_numbers(tmp_path: Path) -> None:
    """Flat bullet lists are set as bulleted paragraphs, the rest with ListFlowable."""
    pdf = exported_deck(
        tmp_path / "listen.md",
        "# Listen aller Art\n\n- Erster Punkt\n- Zweiter Punkt\n\n"
        "1. Eins\n2. Zwei\n\n- Oben\n  - Darunter\n\n> - Zitierter Punkt\n",
    )
    lines = [" ".join(line.split()) for line in pdftotext(pdf).splitlines()]
    for expected in ("• Erster Punkt", "• Zweiter Punkt", "1. Eins", "2. Zwei", "• Oben",
                     "• Darunter", "• Zitierter Punkt"):  # fmt: skip
        assert expected in lines, expected
    nested = next(line for line in pdftotext(pdf).splitlines() if "Darunter" in line)
    top = next(line for line in pdftotext(pdf).splitlines() if "Oben" in line)
    assert nested.index("•") > top.index("•")  # the nested item is indented


def test_bold_and_italic_words_are_set_in_their_own_faces(tmp_path: Path) -> None:
    """`**fett**` and `*kursiv*` on a slide, and a table's header, leave the regular face."""
    pdf = exported_deck(
        tmp_path / "auszeichnung.md",
        "# Wörter\n\nEin **fettes** und ein *schräges* Wort\n\n"
        "| Kopf | Spalte |\n|---|---|\n| **Zelle** | normal |\n",
    )
    faces: dict[str, set[str]] = {}

    def note(text: str, _cm: Any, _tm: Any, font: Any, _size: Any) -> None:
        if font is not None and text.strip():
            faces.setdefault(text.strip(), set()).add(str(font["/BaseFont"]).split("+")[-1])

    for page in PdfReader(pdf).pages:
        page.extract_text(visitor_text=note)
    assert faces["fettes"] == {"DejaVuSans-Bold"}
    assert faces["schräges"] == {"DejaVuSans-Oblique"}
    assert faces["Zelle"] == {"DejaVuSans-Bold"}
    assert faces["Kopf"] == {"DejaVuSans-Bold"}
    assert faces["normal"] == {"DejaVuSans"}


def test_formulas_in_answers_arrive_in_the_spreadsheet_as_text(tmp_path: Path) -> None:
    # Before: "=HYPERLINK(…)", "@SUM(…)", "+1-1" went raw into the CSV, and hidden and
    # pending answers were there without a state.
    store = _session(tmp_path, "formeln.impuls")
    poll = DECK.poll("gegenargument")
    store.set_state(poll.id, "open").result()
    sent = ['=HYPERLINK("http://böse.example","Hier klicken")', "@SUM(A1:A9)", "+1-1",
            "-2+3", "\tTab", "Keine Zeit"]  # fmt: skip
    for n, text in enumerate(sent):
        store.vote(poll.id, f"phone-{n:012d}", f"v{n}", ballot_for(poll, text)).result()
    first = open_snapshot(tmp_path / "formeln.impuls").results[poll.id].answers[5]
    store.moderate(first.id, AnswerState.APPROVED).result()
    store.close()
    table = tmp_path / "formeln.csv"
    result = impuls("export", tmp_path / "formeln.impuls", "--csv", table)
    assert result.returncode == 0, result.stderr
    with (tmp_path / "formeln-votes.csv").open(encoding="utf-8", newline="") as file:
        rows = list(csv.DictReader(file))
    cells = [row["choice"] for row in rows]
    assert cells[:4] == ["'" + text for text in sent[:4]]
    assert cells[4] == "Tab"  # the tab is invisible to the ballot and removed there
    assert [row["state"] for row in rows] == ["pending"] * 5 + ["approved"]
    for cell in cells:
        assert not cell.startswith(("=", "+", "-", "@", "\t", "\r"))


def test_an_open_questions_approved_answers_are_rows_of_the_results_csv(
    tmp_path: Path,
) -> None:
    # From the rehearsal (issue 32's leftovers): the results CSV had no row for an open
    # question; its answers were only in the votes CSV and the JSON. Now each approved
    # answer is a row (the same words counted together), never a hidden or new one, a
    # formula made inert, as in every other row.
    store = _session(tmp_path, "offen.impuls")
    poll = DECK.poll("gegenargument")
    store.set_state(poll.id, "open").result()
    sent = ["Keine Zeit", "keine  zeit", "=1+1", "<b>Budget</b>", "Keine Zeit", "noch offen",
            "Scheißidee"]  # fmt: skip
    for n, text in enumerate(sent):
        store.vote(poll.id, f"phone-{n:012d}", f"v{n}", ballot_for(poll, text)).result()
    for answer in open_snapshot(tmp_path / "offen.impuls").results[poll.id].answers:
        if answer.text not in ("noch offen", "Scheißidee"):
            store.moderate(answer.id, AnswerState.APPROVED).result()
    store.close()
    table = tmp_path / "offen.csv"
    assert impuls("export", tmp_path / "offen.impuls", "--csv", table).returncode == 0
    with table.open(encoding="utf-8", newline="") as file:
        rows = [row for row in csv.DictReader(file) if row["poll"] == poll.id]
    assert [(r["option"], r["total"], r["percent"], r["place"]) for r in rows] == [
        ("Keine Zeit", "3", "60.0", "1"), ("'=1+1", "1", "20.0", "2"),
        ("<b>Budget</b>", "1", "20.0", "3"),
    ]  # fmt: skip
    assert {(r["type"], r["percent_base"], r["base_count"], r["hands"]) for r in rows} == {
        ("text", "approved", "5", "0")
    }
    excel = tmp_path / "offen-excel.csv"
    made = impuls("export", tmp_path / "offen.impuls", "--csv", excel, "--excel", "--lang", "de")
    assert made.returncode == 0, made.stderr
    lines = list(csv.reader(excel.read_text(encoding="utf-8-sig").splitlines(), delimiter=";"))
    mine = [line for line in lines if line[0] == poll.id]
    assert mine[0][2:5] == ["Freitext", "Keine Zeit", "3"]
    assert mine[0][7:10] == ["60,0", "freigegebene Antworten", "5"]


def test_verify_reads_the_printed_results_back(event: Path, handout: Path, tmp_path: Path) -> None:
    # Before: verify looked for the checksum's text anywhere in the file, so a slides-only
    # PDF with "% impuls-ledger-sha256:<digest>" appended "matched" and exited 0.
    digest = open_snapshot(event).digest
    slides_only = tmp_path / "nur-folien.pdf"
    assert impuls("export", DEFAULT_DECK, "--pdf", slides_only).returncode == 0
    with slides_only.open("ab") as file:
        file.write(f"\n% impuls-ledger-sha256:{digest}\n".encode())
    appended = impuls("verify", event, slides_only)
    assert appended.returncode == 1 and "kein Impuls-Handout" in appended.stderr

    # The right checksum in the document information over figures of another session.
    other = tmp_path / "anders.impuls"
    shutil.copy(event, other)
    with sqlite3.connect(other) as db:  # one phone's vote on "arbeitszeit" said otherwise
        db.execute(
            "UPDATE vote_items SET option = (option + 1) % 4 WHERE vote = (SELECT MIN(id)"
            " FROM votes WHERE poll_id = 'arbeitszeit' AND superseded = 0)"
        )
    caught = impuls("verify", event, forged_handout(other, digest, tmp_path))
    assert caught.returncode == 1
    question = DECK.poll("arbeitszeit").question
    assert f"Abstimmung „{question}“" in caught.stderr and "weichen" in caught.stderr
    assert caught.stderr.count("weichen") == 1  # the other polls are as counted

    for layout, lang in (("results", "de"), ("compact", "en")):
        honest = tmp_path / f"{layout}-{lang}.pdf"
        made = impuls("export", event, "--pdf", honest, "--layout", layout, "--lang", lang)
        assert made.returncode == 0, made.stderr
        checked = impuls("verify", event, honest)
        assert checked.returncode == 0, checked.stderr
        assert f"aller {len(DECK.polls) - 1} Abstimmungen" in checked.stdout  # one never ran


def test_paper_says_it_as_a_reader_would(event: Path, handout: Path, tmp_path: Path) -> None:
    # Before: "Stimmen je 1 Minuten", the event's date as 2026-11-26 beside a footer's
    # 30.11.2026, and exports only their owner could read (0600).
    checking = tmp_path / "pruefung.pdf"
    assert impuls("export", event, "--pdf", checking, "--checksum-page").returncode == 0
    text = " ".join(pdftotext(checking).split())
    assert "Stimmen je Minute" in text and "1 Minuten" not in text
    assert "26.11.2026" in text and "2026-11-26" not in text
    english = tmp_path / "en.pdf"
    assert impuls("export", event, "--pdf", english, "--lang", "en").returncode == 0
    assert "26 November 2026" in " ".join(pdftotext(english).split())
    table = tmp_path / "ergebnisse.csv"
    assert impuls("export", event, "--csv", table, "--excel").returncode == 0
    for written in (handout, table, tmp_path / "ergebnisse-votes.csv"):
        assert written.stat().st_mode & 0o777 == 0o644, written
    raw = table.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # Excel's sign that this is UTF-8
    rows = list(csv.reader(raw.decode("utf-8-sig").splitlines(), delimiter=";"))
    assert rows[0][:4] == ["Umfrage", "Frage", "Typ", "Antwort"]
    ja = next(r for r in rows if r[0] == "arbeitszeit" and r[3] == "Ja, ausdrücklich erwünscht")
    assert "," in ja[7] and "." not in ja[7]  # 23,3 as German Excel reads a number


def test_a_long_title_gives_way_in_the_running_header(tmp_path: Path) -> None:
    # From the rehearsal: a long deck title ran off the running header (and took the
    # date with it).
    deck = tmp_path / "lang.md"
    deck.write_text(
        "---\ntitle: Eine sehr lange Überschrift für einen Vortrag über Social Media im"
        " Mittelstand, die kaum auf eine Zeile passt\nevent: Forum Junge Unternehmer im"
        " Arbeitgeberverband Mittelrhein-Westerwald\ndate: 2026-12-03\n---\n\n# Start\n",
        encoding="utf-8",
    )
    pdf = tmp_path / "lang.pdf"
    assert impuls("export", deck, "--pdf", pdf).returncode == 0
    header = PdfReader(pdf).pages[2].extract_text().splitlines()[0]
    assert header.startswith("Eine sehr lange") and "…" in header
    assert header.endswith("03.12.2026")


def test_verify_tells_a_before_and_after_pair_apart(tmp_path: Path) -> None:
    # Before: polls asking the same question (the shipped deck asks its first one again
    # at the end) all read the last one's printed figures, so a handout of an evening
    # that ran only the first was "NICHT überein" – found by the installed-app test.
    path = tmp_path / "nur-vorher.impuls"
    store = SessionStore(path, deck_source=DECK.source, poll_ids=[p.id for p in DECK.polls],
                         deck_path=DEFAULT_DECK)  # fmt: skip
    store.set_state("pflicht-vorher", "open").result()
    store.vote("pflicht-vorher", "phone-000000000001", "v1", ballot_for(DECK.polls[0], 1)).result()
    store.set_state("pflicht-vorher", "close").result()
    store.close()
    assert DECK.polls[0].question == DECK.poll("pflicht-nachher").question
    pdf = tmp_path / "handout.pdf"
    assert impuls("export", path, "--pdf", pdf).returncode == 0
    checked = impuls("verify", path, pdf)
    assert checked.returncode == 0, checked.stderr
    assert "der einen Abstimmung" in checked.stdout  # not "aller 1 Abstimmungen"


def test_a_bug_while_placing_a_picture_is_not_printed_as_a_missing_image(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A picture that is no picture is "Bild nicht lesbar"; an error of ours says what it is."""
    from PIL import Image as PILImage

    from workshop_app.handout import slides
    from workshop_app.handout.document import HandoutInput, build_handout

    PILImage.new("RGB", (40, 20), "#336699").save(tmp_path / "foto.png")
    (tmp_path / "kaputt.png").write_bytes(b"kein Bild")
    deck = tmp_path / "d.md"
    deck.write_text("# Eins\n\n![](kaputt.png)\n\n---\n\n# Zwei\n\n![](foto.png)\n", "utf-8")
    out = tmp_path / "h.pdf"
    result = impuls("export", deck, "--pdf", out)
    assert result.returncode == 0, result.stderr
    assert "Bild nicht lesbar: kaputt.png" in pdftotext(out)  # there, but broken (07063cb)

    def broken(_block: object) -> object:
        raise TypeError("a bug of ours")

    monkeypatch.setattr(slides, "_reader", broken)
    with pytest.raises(TypeError, match="a bug of ours"):
        build_handout(HandoutInput(load_deck(deck)), out)
