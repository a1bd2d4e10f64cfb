"""The members' handout, the notes' paragraphs and the spreadsheet CSV, read back from the files.

From the second rehearsal (issue 32, items 12, 13 and 17): a slide a page made 11 pages of 7
slides and a checksum page nobody in the club needed; the compact layout said "Folien und
Notizen" without notes; the notes pages ran a note's paragraphs into one line; the `--excel`
CSV had English column names and the votes file said "2" where the voter chose "Familie".
"""

from __future__ import annotations

import csv
import re
import shutil
import subprocess
import zipfile
from pathlib import Path
from xml.etree import ElementTree

import pytest
from pypdf import PdfReader

from tests.support.commands import exported, impuls
from tests.support.sessions import presented, recorded
from workshop_app.deck import Poll, PollType
from workshop_app.session.ballots import ballot_for
from workshop_app.session.model import AnswerState
from workshop_app.session.snapshot import open_snapshot

# An association's evening: seven slides, every kind of poll, a note in two paragraphs.
VEREIN = """---
title: Ehrenamt im Wandel
event: Jahreshauptversammlung TV Grünberg
date: 2026-12-04
---

# Ehrenamt im Wandel

<!--
Begrüßung, kurz vorstellen.
Dann die Tagesordnung zeigen.

Auf die Pause um 20 Uhr hinweisen.
-->

---

# Wie engagieren Sie sich?

```poll
id: engagement
type: single
question: Wie engagieren Sie sich heute im Verein?
options: [Regelmäßig, Gelegentlich, Früher einmal, Noch nie]
```

---

# Was hält Sie ab?

```poll
id: hindernisse
type: multiple
question: Was hält Sie von mehr Ehrenamt ab?
options: [Zeit, Familie, Beruf, Bürokratie]
```

---

# Was zuerst?

```poll
id: vorrang
type: ranking
question: Was packen wir zuerst an?
options: [Jugend, Halle, Feste]
```

---

# Zufriedenheit

```poll
id: zufrieden
type: scale
question: Wie zufrieden sind Sie mit dem Vereinsleben?
min: 1
max: 5
```

---

# Ihre Ideen

```poll
id: ideen
type: text
question: Was würde Ihnen den Einstieg erleichtern?
```

---

# Wie geht es weiter?

- Ehrenamtsbörse ab Januar
- Patenschaften für neue Übungsleiter
"""
ANSWERS = ["Ein Ansprechpartner für Neue", '=HYPERLINK("http://x","klick")', "Weniger Papier"]


def choice(kind: PollType, n: int) -> object:
    return {
        PollType.SINGLE: n % 4,
        PollType.MULTIPLE: sorted({n % 4, (n + 1) % 4}),
        PollType.RANKING: [(n + k) % 3 for k in range(3)],
        PollType.SCALE: 1 + n % 5,
    }.get(kind, ANSWERS[n % 3])


@pytest.fixture(scope="module")
def event(tmp_path_factory: pytest.TempPathFactory) -> Path:
    deck, store = presented(tmp_path_factory.mktemp("verein"), "verein", VEREIN)
    path = store.path
    for poll in deck.polls:
        store.set_state(poll.id, "open").result()
        for n in range(12):
            ballot = ballot_for(poll, choice(poll.type, n))
            store.vote(poll.id, f"phone-{n:012d}", f"{poll.id}-{n}", ballot).result()
        store.set_state(poll.id, "close").result()
    for answer in open_snapshot(path).results["ideen"].answers[:3]:
        store.moderate(answer.id, AnswerState.APPROVED).result()
    store.close()
    return path


def pages_text(pdf: Path) -> list[str]:
    return [" ".join((page.extract_text() or "").split()) for page in PdfReader(pdf).pages]


def test_the_members_handout_has_two_slides_a_page_with_lines_for_notes(
    event: Path, tmp_path: Path
) -> None:
    # Before: a slide a page (7 slides: 10 pages), no room to write, a checksum page.
    pdf = exported(event, tmp_path)
    pages = pages_text(pdf)
    slide_pages = [p for p in pages if re.search(r"Folie \d: ", p) and "Inhalt" not in p]
    assert [len(re.findall(r"Folie \d: ", p)) for p in slide_pages] == [2, 2, 2, 1]
    # the poll slides say where their results are, with the page that holds them
    results_page = next(k for k, p in enumerate(pages, 1) if "Ergebnisse der Abstimmungen" in p
                        and "Inhalt" not in p)  # fmt: skip
    assert f"Ergebnisse auf Seite {results_page}" in slide_pages[0]
    # ruled lines beside and below each slide: many thin horizontal strokes on a slide page
    content = PdfReader(pdf).pages[2].get_contents()
    assert content is not None
    strokes = re.findall(rb"[\d.]+ [\d.]+ m [\d.]+ [\d.]+ l S", content.get_data())
    assert len(strokes) >= 20, len(strokes)
    # the checksum: in the document information and one small line at the end, no page
    digest = open_snapshot(event).digest
    assert f"Prüfsumme der Stimmen (SHA-256): {digest}" in pages[-1]
    assert not any("Zur Veranstaltung" in p or "Datenschutz" in p for p in pages)
    keywords = PdfReader(pdf).metadata
    assert keywords is not None and digest in str(keywords.get("/Keywords"))
    assert len(pages) <= 2 + 4 + 2  # cover, contents, four pages of slides, the results

    one = pages_text(exported(event, tmp_path, "--layout", "large"))
    assert [len(re.findall(r"Folie \d: ", p)) for p in one if "Inhalt" not in p
            and re.search(r"Folie \d: ", p)] == [1] * 7  # fmt: skip


def test_the_checking_page_comes_with_results_or_when_asked(event: Path, tmp_path: Path) -> None:
    for options in (("--checksum-page",), ("--layout", "results")):
        text = " ".join(pages_text(exported(event, tmp_path, *options)))
        assert "Zur Veranstaltung" in text and "Datenschutz" in text, options
        assert "Beteiligung im Verlauf" in text and open_snapshot(event).digest in text


@pytest.mark.parametrize(
    "options",
    [(), ("--layout", "large"), ("--layout", "notes"), ("--layout", "compact"),
     ("--layout", "results"), ("--lang", "en"), ("--notes",)],
)  # fmt: skip
def test_verify_reads_every_layout_back(event: Path, tmp_path: Path, options: tuple[str]) -> None:
    checked = impuls("verify", event, exported(event, tmp_path, *options))
    assert checked.returncode == 0, checked.stderr
    assert "aller 5 Abstimmungen" in checked.stdout


def test_the_compact_layout_is_titled_for_what_it_holds(event: Path, tmp_path: Path) -> None:
    # Before: "Folien und Notizen" above four slides without a word of notes.
    plain = pages_text(exported(event, tmp_path, "--layout", "compact"))
    assert "Folien und Notizen" not in " ".join(plain)
    assert plain[2].startswith(plain[2].split(" Folien ")[0]) and " Folien " in plain[2] + " "
    with_notes = " ".join(pages_text(exported(event, tmp_path, "--layout", "compact", "--notes")))
    assert "Folien und Notizen" in with_notes


def line_tops(pdf: Path, words: list[str]) -> dict[str, float]:
    """Where each of `words` starts on the page, from the top (pdftotext's bounding boxes)."""
    if shutil.which("pdftotext") is None:
        pytest.fail(
            "pdftotext is missing; `python3 tools/bootstrap.py test` installs poppler-utils"
        )
    html = subprocess.run(["pdftotext", "-bbox", "-f", "3", "-l", "3", str(pdf), "-"],
                          capture_output=True, text=True, check=True).stdout  # fmt: skip
    found: dict[str, float] = {}
    for top, word in re.findall(r'yMin="([\d.]+)"[^>]*>([^<]+)</word>', html):
        if word in words and word not in found:
            found[word] = float(top)
    return found


def test_the_notes_pages_keep_a_notes_lines_and_paragraphs(event: Path, tmp_path: Path) -> None:
    # Before: "Begrüßung, kurz vorstellen. Dann die Tagesordnung zeigen." in one line (a
    # PowerPoint note's paragraphs arrive as single lines too), and a paragraph's gap
    # was hardly more than a line's.
    pdf = exported(event, tmp_path, "--layout", "notes")
    tops = line_tops(pdf, ["Begrüßung,", "Dann", "Auf"])
    assert len(tops) == 3, tops
    line = tops["Dann"] - tops["Begrüßung,"]
    assert line > 10  # its own line
    assert tops["Auf"] - tops["Dann"] > line * 1.4  # a paragraph further down


def xlsx_rows(path: Path) -> list[list[object]]:
    """The first sheet's cells: text as str, numbers (and dates) as float."""
    main = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
    with zipfile.ZipFile(path) as book:
        shared = ElementTree.fromstring(book.read("xl/sharedStrings.xml"))
        strings = ["".join(t.text or "" for t in si.iter(f"{main}t")) for si in shared]
        sheet = ElementTree.fromstring(book.read("xl/worksheets/sheet1.xml"))
    rows: list[list[object]] = []
    for row in sheet.iter(f"{main}row"):
        cells: list[object] = []
        for cell in row.findall(f"{main}c"):
            value = cell.find(f"{main}v")
            if value is None or value.text is None:
                cells.append(None)
            elif cell.get("t") == "s":
                cells.append(strings[int(value.text)])
            else:
                cells.append(float(value.text))
        rows.append(cells)
    return rows


def test_the_excel_csv_speaks_the_exports_language(event: Path, tmp_path: Path) -> None:
    # Before: "poll;question;type;option;phone_votes…" for a German office, and the votes
    # file said [0, 1] where the voter ticked "Zeit" and "Familie".
    table = tmp_path / "ergebnisse.csv"
    made = impuls("export", event, "--csv", table, "--excel")
    assert made.returncode == 0, made.stderr
    rows = list(csv.reader(table.read_text("utf-8-sig").splitlines(), delimiter=";"))
    assert rows[0] == ["Umfrage", "Frage", "Typ", "Antwort", "Stimmen", "Handzeichen", "Gesamt",
                       "Anteil (%)", "Anteil von", "Basis", "Platz", "Richtig",
                       "Richtig beantwortet (%)", "Beschluss", "Ergebnis"]  # fmt: skip
    single = next(r for r in rows if r[3] == "Regelmäßig")
    assert single[2] == "Einzelauswahl" and single[8] == "Stimmen" and "," in single[7]
    votes = list(csv.reader((tmp_path / "ergebnisse-votes.csv").read_text("utf-8-sig")
                            .splitlines(), delimiter=";"))  # fmt: skip
    assert votes[0] == ["Umfrage", "Runde", "Zeit (UTC)", "Antwort", "Status"]
    answers = {(r[0], r[3]) for r in votes[1:]}
    assert ("engagement", "Früher einmal") in answers
    assert ("hindernisse", "Zeit · Familie") in answers
    assert ("vorrang", "1. Jugend · 2. Halle · 3. Feste") in answers
    assert ("zufrieden", "3") in answers
    assert ("ideen", "'" + ANSWERS[1]) in answers  # a participant's formula stays text
    assert {r[4] for r in votes[1:] if r[0] == "ideen"} == {"freigegeben", "wartet auf Freigabe"}

    english = tmp_path / "results.csv"
    assert impuls("export", event, "--csv", english, "--excel", "--lang", "en").returncode == 0
    rows = list(csv.reader(english.read_text("utf-8-sig").splitlines()))
    assert rows[0][:5] == ["Poll", "Question", "Type", "Answer", "Votes"]
    assert "." in next(r for r in rows if r[3] == "Regelmäßig")[7]

    plain = tmp_path / "programme.csv"  # for programs: the names docs/exports.md lists
    assert impuls("export", event, "--csv", plain).returncode == 0
    votes_plain = list(csv.DictReader((tmp_path / "programme-votes.csv").read_text("utf-8")
                                      .splitlines()))  # fmt: skip
    ticked = next(r for r in votes_plain if r["poll"] == "hindernisse")
    assert ticked["choice"].startswith("[") and "·" in ticked["answer"]


@pytest.mark.libreoffice
def test_a_german_libreoffice_reads_the_excel_csv_as_meant(event: Path, tmp_path: Path) -> None:
    table = tmp_path / "ergebnisse.csv"
    assert impuls("export", event, "--csv", table, "--excel").returncode == 0
    # As Calc's import in a German office: ";" separated, UTF-8, locale de-DE (1031).
    converted = subprocess.run(
        ["soffice", f"-env:UserInstallation={(tmp_path / 'profil').as_uri()}", "--headless",
         "--infilter=Text - txt - csv (StarCalc):59,34,76,1,,1031,false,true,true",
         "--convert-to", "xlsx", "--outdir", str(tmp_path / "xlsx"), str(table),
         str(tmp_path / "ergebnisse-votes.csv")],
        capture_output=True, text=True, timeout=180, check=False,
    )  # fmt: skip
    book = tmp_path / "xlsx" / "ergebnisse.xlsx"
    if not book.exists() and "could not be loaded" in converted.stderr:
        pytest.skip("LibreOffice without Calc (Debian: libreoffice-calc-nogui)")
    rows = xlsx_rows(book)
    assert rows[0][:4] == ["Umfrage", "Frage", "Typ", "Antwort"]
    single = next(r for r in rows if r[3] == "Regelmäßig")  # umlauts intact
    shown = open_snapshot(event).results_of(load_deck_poll(event, "engagement"))
    assert shown is not None
    assert single[4] == float(shown.rows[0].phones) and isinstance(single[7], float)
    assert single[7] == round(shown.by_index()[0].share, 1)  # 25,0 a number, not text or a date
    votes = xlsx_rows(tmp_path / "xlsx" / "ergebnisse-votes.xlsx")
    assert isinstance(votes[1][2], float)  # the time a date Calc computes with
    assert any(r[3] == "'" + ANSWERS[1] for r in votes[1:])  # never a formula


def load_deck_poll(event: Path, poll_id: str) -> Poll:
    found = open_snapshot(event).deck.poll(poll_id)
    assert found is not None
    return found


def test_a_title_over_two_lines_keeps_two_slides_a_page(tmp_path: Path) -> None:
    long = "Ein sehr langer Folientitel, der im Handout bestimmt über zwei Zeilen läuft, oder drei"
    deck = tmp_path / "lang.md"
    deck.write_text("---\ntitle: Lang\n---\n\n" + "\n\n---\n\n".join(
        f"# {long} {n}\n\n- Punkt" for n in range(1, 5)), encoding="utf-8")  # fmt: skip
    pdf = tmp_path / "lang.pdf"
    assert impuls("export", deck, "--pdf", pdf).returncode == 0
    pages = pages_text(pdf)
    assert len(pages) == 4  # cover, contents, two pages of two slides
    assert [len(re.findall(r"Folie \d: ", p)) for p in pages[2:]] == [2, 2]


def test_a_slide_is_named_by_the_number_printed_on_it(tmp_path: Path) -> None:
    """From the third rehearsal: with `_paginate: skip` on a slide, the slides after it print
    a number one lower (as Marp counts), and the handout called the slide printing "3"
    "Folie 4". Labels, contents and a poll's heading now say what the slide says; a slide
    that prints no number is named by its title alone."""
    deck = tmp_path / "antrag.md"
    deck.write_text(
        "---\ntitle: Antrag\npaginate: true\n---\n\n# Begrüßung\n\n---\n\n<!-- _paginate: skip -->\n\n"
        "# Zwischenruf\n\n---\n\n# Bericht\n\n---\n\n# Abstimmung\n\n```poll\nid: antrag\n"
        "type: single\nquestion: Stimmen Sie dem Antrag zu?\noptions: [Ja, Nein]\n```\n",
        encoding="utf-8",
    )
    session = recorded(tmp_path / "antrag.impuls", deck.read_text(encoding="utf-8"),
                       {"antrag": [0, 0, 1]})  # fmt: skip
    pdf = tmp_path / "antrag.pdf"
    assert impuls("export", session, "--pdf", pdf).returncode == 0
    text = " ".join(" ".join(page.split()) for page in pages_text(pdf))
    assert "Folie 1: Begrüßung" in text and "Zwischenruf" in text
    assert "Folie 2: Bericht" in text and "Folie 3: Abstimmung" in text
    assert "Folie 4" not in text and "Folie 2: Zwischenruf" not in text
    assert "Abstimmung: Stimmen Sie dem Antrag zu? · Folie 3" in text


def test_a_deck_without_page_numbers_names_slides_by_their_place(tmp_path: Path) -> None:
    deck = tmp_path / "ohne.md"
    deck.write_text("---\ntitle: Ohne\n---\n\n# Eins\n\n---\n\n# Zwei\n", encoding="utf-8")
    pdf = tmp_path / "ohne.pdf"
    assert impuls("export", deck, "--pdf", pdf).returncode == 0
    text = " ".join(" ".join(page.split()) for page in pages_text(pdf))
    assert "Folie 1: Eins" in text and "Folie 2: Zwei" in text
