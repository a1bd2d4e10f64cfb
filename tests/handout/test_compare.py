"""`impuls compare`: the same poll across three sessions, as an organizer runs it (issue 35, item 5).

Three real session files, made by the real SessionStore with votes and a show of
hands, compared by the real command in a subprocess; the PDF read back (pypdf and
pdftotext), the CSV read back in both dialects.
"""

from __future__ import annotations

import csv
import io
import shutil
import sqlite3
from pathlib import Path

import pytest
from pypdf import PdfReader

from tests.session.test_hostile_session import recursive_votes
from tests.support.commands import impuls
from tests.support.decks import AFTER, MULTIPLE, RANKING, SCALE, SINGLE, TEXT
from tests.support.pdfs import pdftotext
from tests.support.sessions import dated_talk, recorded
from tests.test_docs import DOCS, code_spans, read, section, table
from workshop_app.handout.exports import OPTION_COLUMNS, option_rows, spreadsheet_safe
from workshop_app.handout.trend_csv import TREND_COLUMNS, TREND_HEADINGS
from workshop_app.i18n import number, tr
from workshop_app.session.snapshot import open_snapshot
from workshop_app.session.trend import compare, editions

FORMULA = "formel"  # a poll whose words a spreadsheet would run, in 2025 and 2026
FORMULA_SLIDE = """
---

## Formel

```poll
id: formel
type: single
question: '=1+2 <b>fett</b>'
options: ['@SUM(A1)', normal]
```
"""
RENAMED_SCALE = "skala-neu"


@pytest.fixture(scope="module")
def years(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    """The same talk in three Novembers. 2025 renamed the scale poll and reworded its
    question a little; 2026 keeps the new id, puts the single choice's answers in another
    order (and counts a show of hands), adds an answer to the multiple choice, makes the
    ranking a single choice, and runs the after-poll for the first time."""
    folder = tmp_path_factory.mktemp("jahre")
    scale_id = (f"id: {SCALE}", f"id: {RENAMED_SCALE}")
    reworded = ("question: Wie sehr warten Sie ab?", "question: wie sehr  warten SIE ab")
    reordered = ("options: [Pflicht, Kür,", "options: [Kür, Pflicht,")
    added = ("TikTok, Keines]", "TikTok, Mastodon, Keines]")
    ranking = ("type: ranking", "type: single")
    formula = ("\n---\n\n# Ihre Fragen", FORMULA_SLIDE + "\n---\n\n# Ihre Fragen")
    first = recorded(folder / "herbst-2024.impuls", dated_talk(2024), {
        SINGLE: [0] * 5 + [1] * 3 + [2] * 2,
        SCALE: [1, 2, 3],
        MULTIPLE: [[0, 1], [0], [2]],
        RANKING: [[0, 1, 2, 3], [0, 1, 2, 3]],
        TEXT: ["Zu teuer"],
    })  # fmt: skip
    second = recorded(folder / "herbst-2025.impuls", dated_talk(2025, scale_id, reworded, formula), {
        SINGLE: [0, 0, 1, 1, 1, 1, 2, 3],
        RENAMED_SCALE: [4, 4, 5],
        MULTIPLE: [[0], [1]],
        RANKING: [[1, 0, 2, 3]],
        FORMULA: [0, 1],
    })  # fmt: skip
    third = recorded(
        folder / "herbst-2026.impuls",
        dated_talk(2026, scale_id, reordered, added, ranking, formula),
        {SINGLE: [0, 1, 1, 1, 3], RENAMED_SCALE: [3], MULTIPLE: [[0]], RANKING: [0],
         AFTER: [1, 1], FORMULA: [0], TEXT: ["Keine Zeit"]},
        hands={SINGLE: [0, 5, 0, 0]},
    )  # fmt: skip
    return [first, second, third]


@pytest.fixture(scope="module")
def compared(years: list[Path], tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, str]:
    """The three Novembers compared by the command: the PDF, the CSV, and what it said
    on stderr."""
    folder = tmp_path_factory.mktemp("vergleich")
    pdf, table = folder / "vergleich.pdf", folder / "vergleich.csv"
    made = impuls("compare", *years, "--pdf", pdf, "--csv", table)
    assert made.returncode == 0, made.stderr
    assert "3 Umfragen verglichen: Nov. 2024 · Nov. 2025 · Nov. 2026" in made.stdout
    return pdf, table, made.stderr


def flat(text: str) -> str:
    return " ".join(text.split())


def shares(years: list[Path], poll_ids: list[str | None], option: str) -> list[float | None]:
    """`option`'s share in each session, as that session's own results count it."""
    found: list[float | None] = []
    for path, poll_id in zip(years, poll_ids, strict=True):
        snapshot = open_snapshot(path)
        poll = next((p for p in snapshot.deck.polls if p.id == poll_id), None)
        shown = snapshot.results_of(poll) if poll is not None else None
        row = None if shown is None else next(r for r in shown.rows if r.label == option)
        found.append(None if row is None else row.share)
    return found


def test_the_same_poll_stands_side_by_side_with_each_sessions_own_figures(
    years: list[Path], compared: tuple[Path, Path, str]
) -> None:
    text = flat(pdftotext(compared[0]))
    for letter, option in zip("ABCD", ("Kür", "Pflicht", "Zeitverschwendung", "Noch unklar"),
                              strict=True):  # fmt: skip
        found = [s for s in shares(years, [SINGLE] * 3, option) if s is not None]
        assert len(found) == 3
        said = " → ".join(number(s, 0, "de") for s in found)
        points = found[-1] - found[0]
        shift = f"{'+' if points >= 0 else '−'}{number(abs(points), 0, 'de')} Pp."
        # the shares beside the bars, the answer (as 2026 orders them), the shift below
        assert f"{said} % {letter} {option} {shift}" in text, option
    assert "50 → 25 → 80 % B Pflicht +30 Pp." in text  # written out once by hand
    # each session's counts as its own handout says them: the show of hands in 2026
    for path, label in zip(years, ("Nov. 2024", "Nov. 2025", "Nov. 2026"), strict=True):
        shown = open_snapshot(path).results_of(next(
            p for p in open_snapshot(path).deck.polls if p.id == SINGLE))  # fmt: skip
        assert shown is not None
        assert f"{label}: {' · '.join(shown.summary('de'))}" in text
    assert "Nov. 2026: Stimmen: 5 · dazu per Handzeichen: 5" in text
    assert "Gefunden über die Kennung „probe-vorher“" in text
    # the scale: renamed in 2025 and reworded, found again by its question
    assert "Wie sehr warten Sie ab? Gefunden über den Wortlaut der Frage" in text
    assert "Mittelwert 2,0 → 4,3 → 3,0" in text
    # asked in two of the three: "not asked" for the first, its bars left empty
    assert "Nov. 2024: nicht gestellt" in text and "– → 50 → 100 %" in text
    assert "=1+2 <b>fett</b>" in text  # markup from a session file prints as typed
    cover = PdfReader(compared[0]).pages[0].extract_text()
    assert "Im Vergleich: Nov. 2024 · Nov. 2025 · Nov. 2026" in flat(cover)
    assert "herbst-2025.impuls, 8 Teilnehmende haben abgestimmt" in flat(cover)


NAMED = [
    "„Welche Kanäle nutzen Sie?“ – andere Antworten („Mastodon“ nur in Nov. 2026)",
    "„Welchen Einwand hören Sie am häufigsten?“ – Freitext: die Antworten lassen sich nicht"
    " auszählen",
    "„Bringen Sie die vier in eine Reihenfolge.“ – eine andere Art der Umfrage (Nov. 2024:"
    " Rangfolge; Nov. 2025: Rangfolge; Nov. 2026: Einzelauswahl)",
    "„Und nach dem Vortrag – was ist das Thema für Ihr Haus?“ – nur in Nov. 2026 durchgeführt",
]


def test_polls_that_differ_are_named_with_the_reason_not_compared(
    compared: tuple[Path, Path, str],
) -> None:
    pdf, table, said = compared
    assert said.splitlines() == [f"Nicht verglichen: {line}" for line in NAMED]
    text = flat(pdftotext(pdf))
    named = text[text.rindex("Nicht verglichen") :]
    for line in NAMED:
        question, reason = line.rsplit(" – ", 1)
        assert flat(f"{question}: {reason}") in named, line
    with table.open(encoding="utf-8") as file:
        questions = {row["question"] for row in csv.DictReader(file)}
    assert questions.isdisjoint({"Welche Kanäle nutzen Sie?", "Bringen Sie die vier in eine"
                                 " Reihenfolge."})  # fmt: skip


def test_each_csv_row_is_the_row_of_its_sessions_own_results_csv(
    years: list[Path], compared: tuple[Path, Path, str]
) -> None:
    with compared[1].open(encoding="utf-8", newline="") as file:
        rows = list(csv.DictReader(file))
    assert list(rows[0]) == TREND_COLUMNS
    own = {}  # (session, poll, option) → the row its own results CSV writes
    for path, label in zip(years, ("Nov. 2024", "Nov. 2025", "Nov. 2026"), strict=True):
        for cells in list(option_rows(open_snapshot(path)))[1:]:
            written = [str(spreadsheet_safe(v)) for v in cells]
            own[(label, written[0], written[3])] = dict(zip(OPTION_COLUMNS, written, strict=True))
    first = 0.0
    for row in rows:
        mine = own[(row["session"], row["poll"], row["option"])]
        assert {c: row[c] for c in OPTION_COLUMNS if c != "place"} == {
            c: v for c, v in mine.items() if c != "place"
        }
        if row["shift_points"] == "":  # an answer's first session; its others follow it
            first = float(row["percent"])
        else:
            assert float(row["shift_points"]) == pytest.approx(float(row["percent"]) - first)
    by_poll = {(r["poll"], r["session"]): r["matched_by"] for r in rows}
    assert by_poll[(SINGLE, "Nov. 2024")] == "id"
    assert by_poll[(SCALE, "Nov. 2024")] == by_poll[(RENAMED_SCALE, "Nov. 2025")] == "question"
    pflicht = [r for r in rows if r["poll"] == SINGLE and r["option"] == "Pflicht"]
    assert [(r["session"], r["phone_votes"], r["hands"], r["percent"], r["shift_points"])
            for r in pflicht] == [("Nov. 2024", "5", "0", "50.0", ""),
                                  ("Nov. 2025", "2", "0", "25.0", "-25.0"),
                                  ("Nov. 2026", "3", "5", "80.0", "30.0")]  # fmt: skip
    assert len(rows) == 4 * 3 + 5 * 3 + 2 * 2  # single, scale, the formula poll (two years)
    formula = [r for r in rows if r["poll"] == FORMULA]
    assert {r["question"] for r in formula} == {"'=1+2 <b>fett</b>"}  # inert in a spreadsheet
    assert {r["option"] for r in formula} == {"'@SUM(A1)", "normal"}


@pytest.mark.parametrize(
    ("lang", "separator", "heading", "share"),
    [("de", ";", "Veränderung seit der ersten (Pp.)", "80,0"),
     ("en", ",", "Change since the first (pts)", "80.0")],
)  # fmt: skip
def test_the_excel_csv_speaks_the_spreadsheets_language(
    years: list[Path], tmp_path: Path, lang: str, separator: str, heading: str, share: str
) -> None:
    table = tmp_path / "excel.csv"
    made = impuls("compare", *years, "--csv", table, "--excel", "--lang", lang,
                  "--labels", "Herbst 2024, Herbst 2025,Herbst 2026")  # fmt: skip
    assert made.returncode == 0, made.stderr
    raw = table.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # Excel reads UTF-8 only after a BOM
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig")), delimiter=separator))
    assert rows[0][TREND_COLUMNS.index("shift_points")] == heading
    assert rows[0][TREND_COLUMNS.index("session")] == ("Sitzung" if lang == "de" else "Session")
    pflicht = [r for r in rows if r[0] == SINGLE and r[3] == "Pflicht"]
    assert [r[4] for r in pflicht] == ["Herbst 2024", "Herbst 2025", "Herbst 2026"]
    assert pflicht[-1][TREND_COLUMNS.index("percent")] == share
    matched = {r[TREND_COLUMNS.index("matched_by")] for r in rows[1:]}
    assert matched == ({"Kennung", "Frage"} if lang == "de" else {"id", "question"})


def test_labels_say_the_month_then_the_day_then_the_file(tmp_path: Path) -> None:
    source = dated_talk(2025)
    made = [recorded(tmp_path / name, source, {SINGLE: [0]}) for name in ("a.impuls", "b.impuls")]
    other = recorded(tmp_path / "c.impuls", source.replace("2025-11-15", "2025-11-28"),
                     {SINGLE: [1]})  # fmt: skip
    snapshots = [open_snapshot(p) for p in made]
    assert [e.label for e in editions(snapshots, "de")] == [
        "15.11.2025 · a.impuls", "15.11.2025 · b.impuls"]  # fmt: skip
    alike_month = [open_snapshot(made[0]), open_snapshot(other)]
    assert [e.label for e in editions(alike_month, "en")] == [
        "15 November 2025", "28 November 2025"]  # fmt: skip


def test_verify_takes_a_handout_not_a_comparison(
    years: list[Path], compared: tuple[Path, Path, str]
) -> None:
    checked = impuls("verify", years[-1], compared[0])
    assert checked.returncode == 1
    assert "Traceback" not in checked.stderr and checked.stderr.strip()
    metadata = PdfReader(compared[0]).metadata
    keywords = str(metadata.get("/Keywords", "")) if metadata is not None else ""
    for path in years:  # each session's checksum named, under the comparison's own keyword
        assert f"impuls-compared-sha256:{open_snapshot(path).digest}" in keywords


def test_mistakes_end_in_a_sentence_and_an_exit_code(years: list[Path], tmp_path: Path) -> None:
    out = ("--pdf", tmp_path / "v.pdf")
    text_file = tmp_path / "notiz.impuls"
    text_file.write_text("keine Sitzung", encoding="utf-8")
    foreign = tmp_path / "fremd.impuls"
    db = sqlite3.connect(foreign)
    db.execute("CREATE TABLE meta (key TEXT, value TEXT)")
    db.commit()
    db.close()
    crafted = Path(shutil.copy(years[-1], tmp_path / "geschickt.impuls"))
    db = sqlite3.connect(crafted)
    recursive_votes(db)
    db.commit()
    db.close()
    elsewhere = recorded(tmp_path / "anders.impuls", OTHER_TALK, {"anders": [0]})
    cases = [
        ((years[0], *out), 2, "mindestens zwei Sitzungsdateien"),
        ((years[0], years[1]), 2, "Nichts zu tun"),
        ((years[0], years[0], *out), 2, "zweimal angegeben"),
        ((*years, "--labels", "2024,2025", *out), 2, "--labels nennt 2 Namen für 3 Sitzungen"),
        ((years[0], tmp_path / "fehlt.impuls", *out), 1, "fehlt.impuls"),
        ((years[0], text_file, *out), 1, "notiz.impuls"),
        ((years[0], foreign, *out), 1, "fremd.impuls"),
        ((years[0], crafted, *out), 1, "„votes“ (view), was Impuls nie anlegt"),
        ((years[0], elsewhere, *out), 1, "Keine Umfrage lässt sich vergleichen"),
    ]
    for args, code, said in cases:
        result = impuls("compare", *args)  # a hang fails here, after the helper's time-out
        assert result.returncode == code, (args, result.stderr)
        assert said in result.stderr, (args, result.stderr)
        assert "Traceback" not in result.stderr, result.stderr
    assert not (tmp_path / "v.pdf").exists()
    english = impuls("compare", years[0], "--csv", tmp_path / "v.csv", "--lang", "en")
    assert english.returncode == 2 and "at least two session files" in english.stderr


OTHER_TALK = """---
title: Ein anderer Vortrag
---

# Anders

```poll
id: anders
type: single
question: Etwas ganz anderes?
options: [Ja, Nein]
```
"""


def test_the_compare_csv_columns_and_their_words_are_documented_in_order(
    compared: tuple[Path, Path, str],
) -> None:
    documented = table(section(read(DOCS / "exports.md"), "`compare.csv`"))
    with compared[1].open(encoding="utf-8") as file:
        written = next(csv.reader(file))
    assert [code_spans(row[0])[0] for row in documented] == written == TREND_COLUMNS
    for row in documented:  # the spreadsheet's heading, before any list of its words
        column = code_spans(row[0])[0]
        for lang, cell in (("de", row[2]), ("en", row[3])):
            assert cell.split(":")[0] == tr(TREND_HEADINGS[column], lang), (column, lang)


def test_another_scale_and_many_other_answers_are_said_briefly(tmp_path: Path) -> None:
    wider = dated_talk(2026, ("max: 5", "max: 7"),
                 ("TikTok, Keines]", "TikTok, Bluesky, Threads, Mastodon, Reddit, Keines]"),
                 ("[LinkedIn, Xing,", "[Pinterest, Xing,"),
                 ("[Transparenz, Authentizität,", "[Transparenz, transparenz!,"))  # fmt: skip
    then = recorded(tmp_path / "2025.impuls", dated_talk(2025),
                    {SCALE: [1], MULTIPLE: [[0]], RANKING: [[0, 1, 2, 3]]})  # fmt: skip
    now = recorded(tmp_path / "2026.impuls", wider,
                   {SCALE: [7], MULTIPLE: [[0]], RANKING: [[0, 1, 2, 3]]})  # fmt: skip
    found = compare(editions([open_snapshot(then), open_snapshot(now)], "en"), "en")
    reasons = {d.question: d.reason for d in found.differences}
    assert reasons["Wie sehr warten Sie ab?"] == "another scale (Nov 2025: 1–5; Nov 2026: 1–7)"
    assert reasons["Welche Kanäle nutzen Sie?"] == (
        "other answers (“LinkedIn” only in Nov 2025; “Pinterest” only in Nov 2026;"
        " “Bluesky” only in Nov 2026; “Threads” only in Nov 2026; and 2 more answers)"
    )
    assert found.trends == ()
    # run in neither (the single choice, the ranking, …): nothing to compare or explain
    assert len(reasons) == 3
    # a ranking whose answers match one another once normalised (a crafted session) is
    # named rather than counted under the wrong answer
    assert reasons["Bringen Sie die vier in eine Reihenfolge."] == (
        "answers that differ only in how they are written (“Transparenz”, “transparenz!”)"
    )
