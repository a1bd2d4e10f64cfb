"""How `format-1.impuls` was made (2026-11-30, session file format 1); kept to show
what the fixture holds. Do not re-run it to "update" the fixture: the point of the
file is that it stays as Impuls wrote format 1, so that every later Impuls is
tested against it (tests/session/test_schema.py).

    .venv/bin/python tests/data/sessions/make_format_1.py
"""

from __future__ import annotations

import sqlite3
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[2]))

from workshop_app.deck.parser import parse_deck  # noqa: E402
from workshop_app.session.ballots import ballot_for  # noqa: E402
from workshop_app.session.model import AnswerState  # noqa: E402
from workshop_app.session.store import SessionStore  # noqa: E402

DECK = """\
---
title: Formatprobe
---
# Kanäle

```poll
id: kanal
type: single
question: Welcher Kanal zuerst?
options: [LinkedIn, Instagram, Newsletter]
```

---

# Hürden

```poll
id: huerden
type: multiple
question: Was hält Sie ab?
options: [Zeit, Budget, Know-how, Datenschutz]
```

---

# Reife

```poll
id: reife
type: scale
question: Wie weit sind Sie?
min: 1
max: 5
```

---

# Fragen

```poll
id: frage
type: text
question: Was wollen Sie wissen?
```
"""


def main() -> None:
    target = HERE / "format-1.impuls"
    target.unlink(missing_ok=True)
    deck = parse_deck(DECK)
    polls = {poll.id: poll for poll in deck.polls}
    store = SessionStore(target, deck_source=DECK, poll_ids=list(polls))
    votes: dict[str, list[object]] = {
        "kanal": [0, 0, 1, 2, 0],  # then geraet-00 changes to Newsletter: 2 · 1 · 2
        "huerden": [[0, 1], [0], [2, 3], [0, 3]],  # Zeit 3, Budget 1, Know-how 1, Datenschutz 2
        "reife": [2, 3, 3, 5],
        "frage": ["Wie oft posten?", "Was kostet das?"],
    }
    for poll_id, choices in votes.items():
        store.set_state(poll_id, "open").result()
        for number, choice in enumerate(choices):
            device = f"geraet-{number:02d}"
            ballot = ballot_for(polls[poll_id], choice)
            store.vote(poll_id, device, f"{poll_id}-{number}", ballot).result()
        if poll_id == "kanal":  # a phone changes its mind: the first vote is superseded
            change = ballot_for(polls["kanal"], 2)
            store.vote("kanal", "geraet-00", "kanal-neu", change).result()
        store.set_state(poll_id, "close").result()
        store.set_state(poll_id, "reveal").result()
    store.record_hands("kanal", [4, 0, 1]).result()
    look = sqlite3.connect(target)
    first_answer = look.execute("SELECT MIN(id) FROM votes WHERE poll_id = 'frage'").fetchone()[0]
    look.close()
    store.moderate(first_answer, AnswerState.APPROVED).result()
    store.set_slide(3).result()
    store.close()
    db = sqlite3.connect(target)  # one file, no -wal beside it
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    db.execute("PRAGMA journal_mode=DELETE")
    db.execute("VACUUM")
    db.close()
    (HERE / "format-1.impuls.lock").unlink(missing_ok=True)


if __name__ == "__main__":
    main()
