"""A crafted session file neither hangs nor crashes `export` and `verify` (issue 33, item 6).

The red-team pass handed the organizer session files with a recursive view in
place of `votes` (both commands still ran after 120 s), a 50 MB question
(`export --pdf` ran past 120 s) and a poll state "7" (a traceback). Each now
ends at once with a sentence that says what is wrong with the file.
"""

from __future__ import annotations

import shutil
import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.support.commands import impuls
from workshop_app.deck.loader import load_deck
from workshop_app.paths import DEFAULT_DECK
from workshop_app.session.ballots import ballot_for
from workshop_app.session.store import SessionStore

DECK = load_deck(DEFAULT_DECK)


@pytest.fixture(scope="module")
def evening(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """A real session with votes and a question, and its handout."""
    folder = tmp_path_factory.mktemp("abend")
    path = folder / "abend.impuls"
    store = SessionStore(path, deck_source=DECK.source, poll_ids=[p.id for p in DECK.polls],
                         deck_path=DEFAULT_DECK)  # fmt: skip
    poll = DECK.polls[0]
    store.set_state(poll.id, "open").result()
    for phone in range(3):
        store.vote(poll.id, f"handy-{phone}", f"v{phone}", ballot_for(poll, 0)).result()
    store.ask("handy-0", "f1", "Wie fange ich an?", None).result()
    store.close()
    handout = folder / "abend.pdf"
    made = impuls("export", path, "--pdf", handout)
    assert made.returncode == 0, made.stderr
    return path, handout


def recursive_votes(db: sqlite3.Connection) -> None:
    columns = [row[1] for row in db.execute("PRAGMA table_info(votes)")]
    db.execute("DROP TABLE votes")
    picked = ", ".join(f"n AS {name}" for name in columns)
    db.execute(
        "CREATE VIEW votes AS WITH RECURSIVE r(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM r)"
        f" SELECT {picked} FROM r"
    )


def huge_question(db: sqlite3.Connection) -> None:
    db.execute("UPDATE questions SET text = printf('%.*c', 50000000, 'x')")


def poll_state_seven(db: sqlite3.Connection) -> None:
    db.execute("UPDATE polls SET state = '7'")


def a_trigger(db: sqlite3.Connection) -> None:
    db.execute("CREATE TRIGGER t AFTER INSERT ON meta BEGIN DELETE FROM votes; END")


@pytest.mark.parametrize(
    ("craft", "said"),
    [
        (recursive_votes, "„votes“ (view), was Impuls nie anlegt"),
        (huge_question, "questions.text ist länger als die 280 Zeichen"),
        (poll_state_seven, "ein Wert, den Impuls so nie schreibt ('7' is not a valid"),
        (a_trigger, "„t“ (trigger), was Impuls nie anlegt"),
    ],
    ids=["recursive-view", "50-mb-question", "poll-state-7", "trigger"],
)
def test_a_crafted_session_is_refused_with_a_sentence(
    evening: tuple[Path, Path],
    tmp_path: Path,
    craft: Callable[[sqlite3.Connection], None],
    said: str,
) -> None:
    original, handout = evening
    crafted = shutil.copy(original, tmp_path / "geschickt.impuls")
    db = sqlite3.connect(crafted)
    craft(db)
    db.commit()
    db.close()
    for command in (
        ("export", crafted, "--pdf", tmp_path / "h.pdf", "--csv", tmp_path / "t.csv"),
        ("verify", crafted, handout),
    ):
        result = impuls(*command)  # a hang fails here, after the helper's time-out
        assert result.returncode != 0, command
        assert "Traceback" not in result.stderr, result.stderr
        assert "keine lesbare Impuls-Sitzung" in result.stderr and said in result.stderr, (
            command,
            result.stderr,
        )
    assert not (tmp_path / "h.pdf").exists()


def test_the_untouched_session_still_reads(evening: tuple[Path, Path]) -> None:
    original, handout = evening
    checked = impuls("verify", original, handout)
    assert checked.returncode == 0, checked.stderr
