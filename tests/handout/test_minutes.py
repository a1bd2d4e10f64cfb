"""The minutes (Protokoll): `impuls minutes` writes a .docx and a PDF, read back here.

The docx with python-docx, the PDF with pypdf; `verify` passes on both as written
and fails on a changed copy. (LibreOffice Writer's view of the docx was looked at by
hand: Writer is not among the test packages, see tests/support/office.py.)
"""

from __future__ import annotations

import dataclasses
import shutil
import zipfile
from pathlib import Path

import docx
import pytest
from pypdf import PdfReader, PdfWriter

from tests.support.commands import docx_text, impuls, pdf_text
from tests.support.decks import (
    BEITRAG,
    ENTLASTUNG,
    MEETING,
    MULTIPLE,
    POLL_TALK,
    SATZUNG,
    SCALE,
    SINGLE,
    TEXT,
)
from tests.support.sessions import evening, recorded
from workshop_app.handout.minutes import MinutesSource, minutes
from workshop_app.handout.minutes_pdf import write_minutes_pdf
from workshop_app.handout.verify import verify
from workshop_app.session.motion import CardCount
from workshop_app.session.questions import QuestionAction
from workshop_app.session.snapshot import open_snapshot
from workshop_app.session.store import SessionStore

HOSTILE = "Wer hat <b>das</b> & <font color='red'>das</font> {{ feld }} entschieden?"
ANSWERED = [("Wann ist die nächste Sitzung?", "Inge"), (HOSTILE, "<i>Max</i>")]
SOURCE = POLL_TALK.replace("lang: de\n", "lang: de\ndate: 2026-11-26\nevent: Bürgerhaus Süd\n")

# What the minutes must say of the votes below, in the results model's words.
SINGLE_LINE = (
    "Was ist das Thema für Ihr Haus? – Pflicht 2 · 33 %; Kür 3 · 50 %;"
    " Zeitverschwendung 1 · 17 %; Noch unklar 0 · 0 %"
)
SCALE_LINE = "Wie sehr warten Sie ab? – Mittelwert 3,0 · Median 3,0 · 3 Antworten"


@pytest.fixture(scope="module")
def event(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("protokoll") / "abend.impuls"
    recorded(path, SOURCE, {SINGLE: [0, 1, 1, 1, 0, 2], SCALE: [1, 3, 5], MULTIPLE: [[0, 1]],
                            TEXT: ["Zu teuer"]})  # fmt: skip
    store = SessionStore(path, deck_source=SOURCE, poll_ids=[])
    try:
        for n, (text, name) in enumerate([*ANSWERED, ("Nur freigegeben?", None)]):
            question = store.ask(f"handy-q{n}", f"q{n}", text, name).result().question
            store.act_on_question(question, QuestionAction.APPROVE).result()
            if n < len(ANSWERED):
                store.act_on_question(question, QuestionAction.ANSWER).result()
    finally:
        store.close()
    return path


@pytest.fixture(scope="module")
def written(event: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    folder = tmp_path_factory.mktemp("minutes")
    docx_path, pdf_path = folder / "protokoll.docx", folder / "protokoll.pdf"
    made = impuls("minutes", event, "--docx", docx_path, "--pdf", pdf_path)
    assert made.returncode == 0, made.stderr
    assert f"{docx_path} geschrieben" in made.stdout
    return docx_path, pdf_path


def test_both_files_say_the_same_minutes_in_the_results_models_words(
    event: Path, written: tuple[Path, Path]
) -> None:
    digest = open_snapshot(event).digest
    for text in (docx_text(written[0]), pdf_text(written[1])):
        assert text.startswith("Protokoll Probevortrag mit jeder Umfrageart")
        assert "Datum: 26.11.2026 Ort: Bürgerhaus Süd" in text
        assert "Programm 1. Probevortrag mit jeder Umfrageart" in text
        assert "Teilnahme 6 Handys haben abgestimmt" in text
        assert SINGLE_LINE in text
        assert SCALE_LINE in text
        assert "Welche Kanäle nutzen Sie? – LinkedIn 1 · 100 %; Xing 1 · 100 %" in text
        assert "1 Antwort, davon 0 freigegeben" in text  # an open answer, never shown
        assert "Zu teuer" not in text
        assert "1. Wann ist die nächste Sitzung? Inge · 0 Stimmen · beantwortet" in text
        assert f"2. {HOSTILE} <i>Max</i> · 0 Stimmen · beantwortet" in text
        assert "Nur freigegeben?" not in text  # approved, never answered
        assert "Ort, Datum, Versammlungsleitung" in text
        assert "Ort, Datum, Protokollführung" in text
        assert f"Protokollführung Prüfsumme der Sitzung (SHA-256): {digest}" in text
    properties = docx.Document(str(written[0])).core_properties
    assert f"impuls-ledger-sha256:{digest}" in properties.keywords
    assert digest in properties.comments
    metadata = PdfReader(written[1]).metadata
    assert metadata is not None
    assert f"impuls-ledger-sha256:{digest}" in str(metadata["/Keywords"])
    assert str(metadata["/Title"]) == "Protokoll – Probevortrag mit jeder Umfrageart"


def test_a_hostile_question_is_text_in_the_docx_not_markup(written: tuple[Path, Path]) -> None:
    with zipfile.ZipFile(written[0]) as package:
        body = package.read("word/document.xml").decode()
    assert "&lt;b&gt;das&lt;/b&gt; &amp; &lt;font color='red'&gt;" in body
    assert "<b>" not in body and "<font" not in body
    paragraph = next(p for p in docx.Document(str(written[0])).paragraphs if HOSTILE in p.text)
    assert [run.text for run in paragraph.runs] == [f"2. {HOSTILE}"]  # one run, as written
    assert not any(run.bold or run.italic for run in paragraph.runs)


def test_verify_passes_on_the_minutes_and_fails_on_a_changed_copy(
    event: Path, written: tuple[Path, Path], tmp_path: Path
) -> None:
    for copy in written:
        checked = impuls("verify", event, copy)
        assert checked.returncode == 0, checked.stderr
        assert "aller 4 Abstimmungen" in checked.stdout
    # The secretary's copy, with a figure changed: Kür 4 instead of 3.
    changed = tmp_path / "geändert.docx"
    document = docx.Document(str(written[0]))
    line = next(p for p in document.paragraphs if p.text == SINGLE_LINE)
    line.runs[0].text = SINGLE_LINE.replace("Kür 3 · 50 %", "Kür 4 · 57 %")
    document.save(str(changed))
    caught = impuls("verify", event, changed)
    assert caught.returncode == 1
    assert "„Was ist das Thema für Ihr Haus?“ von der Sitzung ab" in caught.stderr
    # Another session's minutes under this session's checksum.
    other = tmp_path / "anders.impuls"
    recorded(other, SOURCE, {SINGLE: [0, 1, 1, 1, 0, 0], SCALE: [1, 3, 5], MULTIPLE: [[0, 1]],
                             TEXT: ["Zu teuer"]})  # fmt: skip
    made = tmp_path / "anders.pdf"
    assert impuls("minutes", other, "--pdf", made).returncode == 0
    writer = PdfWriter(clone_from=made)
    digest = open_snapshot(event).digest
    writer.add_metadata({"/Keywords": f"Impuls, impuls-minutes, impuls-ledger-sha256:{digest}"})
    forged = tmp_path / "gefälscht.pdf"
    with forged.open("wb") as file:
        writer.write(file)
    caught = impuls("verify", event, forged)
    assert caught.returncode == 1
    assert "„Was ist das Thema für Ihr Haus?“ von der Sitzung ab" in caught.stderr


def test_the_minutes_in_english(event: Path, tmp_path: Path) -> None:
    pdf = tmp_path / "minutes.pdf"
    made = impuls("minutes", event, "--pdf", pdf, "--lang", "en")
    assert made.returncode == 0, made.stderr
    text = pdf_text(pdf)
    assert text.startswith("Minutes Probevortrag mit jeder Umfrageart")
    assert "Date: 26 November 2026 Place: Bürgerhaus Süd" in text
    assert "What is the topic" not in text  # the deck's words stay the deck's
    assert "Kür 3 · 50 %" in text
    assert "Mean 3.0 · median 3.0 · 3 answers" in text
    assert "Place, date, Chair" in text
    assert impuls("verify", event, pdf).returncode == 0


def test_mistakes_end_in_a_sentence_and_an_exit_code(event: Path, tmp_path: Path) -> None:
    nothing = impuls("minutes", event)
    assert (nothing.returncode, nothing.stderr.strip()) == (
        2, "Nichts zu tun: --docx oder --pdf angeben")  # fmt: skip
    wrong = impuls("minutes", event, "--docx", tmp_path / "protokoll.pdf")
    assert wrong.returncode == 2
    assert "protokoll.pdf: die Datei muss auf .docx enden" in wrong.stderr
    missing = impuls("minutes", tmp_path / "fehlt.impuls", "--pdf", tmp_path / "p.pdf")
    assert missing.returncode == 1 and "fehlt.impuls" in missing.stderr
    assert "Traceback" not in missing.stderr
    assert not (tmp_path / "p.pdf").exists()


def test_the_minutes_of_an_evening_name_every_talk_and_verify_each(tmp_path: Path) -> None:
    program_file, first, second = evening(tmp_path)
    docx_path, pdf_path = tmp_path / "protokoll.docx", tmp_path / "protokoll.pdf"
    made = impuls("minutes", program_file, "--docx", docx_path, "--pdf", pdf_path)
    assert made.returncode == 0, made.stderr
    digests = [open_snapshot(first).digest, open_snapshot(second).digest]
    for text in (docx_text(docx_path), pdf_text(pdf_path)):
        assert text.startswith("Protokoll Jahresversammlung 2026 Datum: 07.12.2026"
                               " Ort: Vereinsheim am Markt")  # fmt: skip
        assert ("Programm 1. Begrüßung (Anna Muster) 2. Kassenbericht (Bernd Beispiel)"
                " 3. ausblick (Carla Chor)") in text  # fmt: skip
        assert (
            "Teilnahme Begrüßung: 3 Handys haben abgestimmt Kassenbericht: 5 Handys"
            " haben abgestimmt ausblick: keine Sitzungsdatei (nicht gehalten)"
        ) in text
        assert ("1. Begrüßung Abstimmungen und Umfragen Was ist das Thema für Ihr Haus? –"
                " Pflicht 2 · 67 %; Kür 1 · 33 %") in text  # fmt: skip
        assert (
            "2. Kassenbericht Abstimmungen und Umfragen Was ist das Thema für Ihr Haus? –"
            " Pflicht 0 · 0 %; Kür 4 · 80 %; Zeitverschwendung 1 · 20 %"
        ) in text
        assert "Mittelwert 5,0 · Median 5,0 · 2 Antworten" in text
        assert "3. ausblick" not in text.split("Teilnahme")[1]  # no section for a talk not held
        for digest in digests:
            assert f"Prüfsumme der Sitzung (SHA-256): {digest}" in text
    checked = impuls("verify", program_file, pdf_path)
    assert checked.returncode == 0, checked.stderr
    assert checked.stdout.count("Stimmt überein") == 2
    assert impuls("verify", second, docx_path).returncode == 0
    # the files brought along on a stick: --sessions names their folder
    stick = tmp_path / "stick"
    stick.mkdir()
    shutil.copy(first, stick / first.name)
    elsewhere = tmp_path / "stick.pdf"
    made = impuls("minutes", program_file, "--sessions", stick, "--pdf", elsewhere)
    assert made.returncode == 0, made.stderr
    assert "Kassenbericht: keine Sitzungsdatei (nicht gehalten)" in pdf_text(elsewhere)
    empty = impuls("minutes", program_file, "--sessions", tmp_path / "vortraege", "--pdf",
                   tmp_path / "leer.pdf")  # fmt: skip
    assert empty.returncode == 1
    assert "noch kein Vortrag des Abends hat eine Sitzungsdatei" in empty.stderr


ADOPTED = (
    "Antrag „Wird der Vorstand für 2025 entlastet?“ – Angenommen: 45 Ja, 12 Nein,"
    " 3 Enthaltungen; erforderlich: einfache Mehrheit."
)
NO_TWO_THIRDS = (
    "Antrag „Wird § 7 der Satzung wie vorgelegt geändert?“ – Abgelehnt: 30 Ja, 20 Nein,"
    " 5 Enthaltungen; erforderlich: zwei Drittel der abgegebenen Stimmen (34 Ja)."
)


def test_each_motion_is_its_outcomes_sentence_and_verify_holds_it(tmp_path: Path) -> None:
    """A members' meeting: the motions as the results model says them, with the rule
    applied; the voting cards and the quorum where the session knows them."""
    session = recorded(tmp_path / "versammlung.impuls", MEETING,
                       {ENTLASTUNG: [0] * 45 + [1] * 12 + [2] * 3,
                        SATZUNG: [0] * 30 + [1] * 20 + [2] * 5,
                        BEITRAG: [0] * 58 + [1] * 20 + [2] * 2})  # fmt: skip
    docx_path = tmp_path / "protokoll.docx"
    made = impuls("minutes", session, "--docx", docx_path)
    assert made.returncode == 0, made.stderr
    text = docx_text(docx_path)
    assert ADOPTED in text and NO_TWO_THIRDS in text
    assert impuls("verify", session, docx_path).returncode == 0
    # The secretary turns the failed motion into an adopted one: verify says which.
    document = docx.Document(str(docx_path))
    line = next(p for p in document.paragraphs if p.text == NO_TWO_THIRDS)
    line.runs[0].text = NO_TWO_THIRDS.replace("Abgelehnt", "Angenommen")
    document.save(str(docx_path))
    caught = impuls("verify", session, docx_path)
    assert caught.returncode == 1
    assert "„Wird § 7 der Satzung wie vorgelegt geändert?“ von der Sitzung ab" in caught.stderr
    # With the cards the session counted as the vote closed (issued, present):
    with_cards = dataclasses.replace(open_snapshot(session),
                                     cards={BEITRAG: CardCount(120, 80)})  # fmt: skip
    pdf = write_minutes_pdf(minutes(MinutesSource.of_session(with_cards)), tmp_path / "p.pdf")
    text = pdf_text(pdf.path)
    assert "Teilnahme 80 Handys haben abgestimmt Stimmkarten: 120 ausgegeben, 80 anwesend" in text
    assert (
        "Antrag „Steigt der Jahresbeitrag auf 60 Euro?“ – Abgelehnt: 58 Ja, 20 Nein,"
        " 2 Enthaltungen; erforderlich: absolute Mehrheit der ausgegebenen Stimmkarten (61 Ja)."
        " Beschlussfähig: 80 von 120 Stimmkarten anwesend, erforderlich 60."
    ) in text
    assert verify(with_cards, pdf.path).holds(with_cards)
    assert not verify(open_snapshot(session), pdf.path).holds(open_snapshot(session))


def test_the_docx_minutes_of_three_held_talks_keep_every_checksum(tmp_path: Path) -> None:
    """A .docx core property holds 255 characters, two checksums: the third talk's is
    read from the minutes' last lines, and verify passes on each talk."""
    program_file, first, second = evening(tmp_path)
    third = recorded(first.with_name("ausblick.impuls"), POLL_TALK, {SINGLE: [3]})
    docx_path = tmp_path / "protokoll.docx"
    made = impuls("minutes", program_file, "--docx", docx_path)
    assert made.returncode == 0, made.stderr
    properties = docx.Document(str(docx_path)).core_properties
    assert len(properties.keywords) <= 255 and len(properties.comments) <= 255
    for session in (first, second, third):
        assert f"(SHA-256): {open_snapshot(session).digest}" in docx_text(docx_path)
        checked = impuls("verify", session, docx_path)
        assert checked.returncode == 0, checked.stderr
    checked = impuls("verify", program_file, docx_path)
    assert checked.returncode == 0 and checked.stdout.count("Stimmt überein") == 3
