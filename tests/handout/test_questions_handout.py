"""Questions from the audience on paper and in the exports: read back from the real files."""

from __future__ import annotations

import csv
import json
import shutil
import sqlite3
from pathlib import Path

import pytest
from pypdf import PdfReader

from tests.support.commands import forged_handout, impuls
from workshop_app.deck.loader import load_deck
from workshop_app.paths import DEFAULT_DECK
from workshop_app.session.questions import Moderation, QuestionAction
from workshop_app.session.snapshot import open_snapshot
from workshop_app.session.store import SessionStore

DECK = load_deck(DEFAULT_DECK)
ASKED = [  # (text, name, upvotes, what the speaker did)
    ("Wie viel Zeit kostet ein Redaktionsplan pro Woche?", "Inge", 4, QuestionAction.APPROVE),
    ('=HYPERLINK("http://example.org","Klick")', "@SUM(1)", 1, QuestionAction.APPROVE),
    ("Dürfen Azubis für uns posten?", None, 2, QuestionAction.ANSWER),
    ("Wer hat <b>das</b> & <font>das</font> entschieden?", None, 0, QuestionAction.APPROVE),
    ("Diese Frage hat die Vortragende ausgeblendet.", None, 0, QuestionAction.HIDE),
    ("Noch nicht freigegeben, aber harmlos?", None, 0, None),
]
FLAGGED = "Was soll dieser Scheiß?"  # held back by the filter, never acted on


@pytest.fixture(scope="module")
def event(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("fragen") / "fragen.impuls"
    store = SessionStore(path, deck_source=DECK.source, poll_ids=[p.id for p in DECK.polls],
                         deck_path=DEFAULT_DECK)  # fmt: skip
    store.set_question_moderation(Moderation.PRE).result()
    for n, (text, name, upvotes, action) in enumerate(ASKED):
        question = store.ask(f"handy-{n}", f"a{n}", text, name).result().question
        if action is not None:
            store.act_on_question(question, QuestionAction.APPROVE).result()
            for voter in range(upvotes):
                store.upvote(f"zuhoerer-{voter}", question, f"u{n}-{voter}", True).result()
            if action is not QuestionAction.APPROVE:
                store.act_on_question(question, action).result()
    store.ask("handy-x", "ax", FLAGGED, None).result()
    store.close()
    return path


def pdf_text(pdf: Path) -> str:
    return " ".join(" ".join((p.extract_text() or "").split()) for p in PdfReader(pdf).pages)


def test_the_handout_prints_approved_questions_with_the_stores_upvotes(
    event: Path, handout: Path
) -> None:
    text = pdf_text(handout)
    section = text[text.rindex("Fragen aus dem Publikum") :]
    stored = {q.text: q for q in open_snapshot(event).questions}
    assert "1. Wie viel Zeit kostet ein Redaktionsplan pro Woche? Inge · 4 Stimmen" in section
    assert '2. =HYPERLINK("http://example.org","Klick") @SUM(1) · 1 Stimme' in section
    assert "3. Wer hat <b>das</b> & <font>das</font> entschieden? anonym · 0 Stimmen" in section
    assert "4. Dürfen Azubis für uns posten? anonym · 2 Stimmen · beantwortet" in section
    assert stored["Dürfen Azubis für uns posten?"].upvotes == 2
    for never in ("ausgeblendet.", "Noch nicht freigegeben", "Scheiß"):
        assert never not in text  # hidden, unapproved and held-back ones: nowhere
    checked = impuls("verify", event, handout)
    assert checked.returncode == 0, checked.stderr


def test_verify_catches_a_changed_upvote_under_the_right_checksum(
    event: Path, handout: Path, tmp_path: Path
) -> None:
    other = tmp_path / "anders.impuls"
    shutil.copy(event, other)
    with sqlite3.connect(other) as db:  # one upvote taken back that was not
        db.execute("UPDATE upvotes SET up = 0 WHERE id = (SELECT MIN(id) FROM upvotes)")
    db.close()
    forged = forged_handout(other, open_snapshot(event).digest, tmp_path)
    caught = impuls("verify", event, forged)
    assert caught.returncode == 1
    assert "Fragen aus dem Publikum oder ihre Stimmen" in caught.stderr


def test_csv_and_json_carry_questions_without_devices_or_formulas(
    event: Path, tmp_path: Path
) -> None:
    table = tmp_path / "ergebnisse.csv"
    data = tmp_path / "sitzung.json"
    made = impuls("export", event, "--csv", table, "--json", data, "--all-questions")
    assert made.returncode == 0, made.stderr
    with (tmp_path / "ergebnisse-questions.csv").open(encoding="utf-8", newline="") as file:
        rows = list(csv.reader(file))
    assert rows[0] == ["place", "question", "name", "state", "upvotes", "asked_utc"]
    by_text = {row[1]: row for row in rows[1:]}
    assert by_text['\'=HYPERLINK("http://example.org","Klick")'][2] == "'@SUM(1)"
    assert by_text["Noch nicht freigegeben, aber harmlos?"][3] == "pending"
    assert not any("ausgeblendet" in t or "Scheiß" in t for t in by_text)
    assert [row[0] for row in rows[1:]] == [str(n) for n in range(1, len(rows))]
    session = json.loads(data.read_text(encoding="utf-8"))
    assert {q["text"] for q in session["questions"]} == {row[1].lstrip("'") for row in rows[1:]}
    assert all(set(q) == {"text", "name", "state", "upvotes", "asked_at"}
               for q in session["questions"])  # fmt: skip
    assert "handy-" not in data.read_text(encoding="utf-8")  # no device id anywhere
