"""Decks for the tests: parsed from text, split into segments, and written to files."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from workshop_app.deck import Deck, DeckError, Severity
from workshop_app.deck.parser import parse_deck
from workshop_app.deck.splitter import MarkdownSegment, split_source


def deck(source: str, path: Path | None = None) -> Deck:
    return parse_deck(textwrap.dedent(source).lstrip("\n"), path)


def errors(source: str, path: Path | None = None) -> list[tuple[int | None, str]]:
    """(line, message id) of every error the source produces; fails if it parses."""
    with pytest.raises(DeckError) as caught:
        deck(source, path)
    return [(p.line, p.message_id) for p in caught.value.problems if p.severity is Severity.ERROR]


def warnings(found: Deck) -> list[tuple[int | None, str]]:
    return [(p.line, p.message_id) for p in found.warnings]


def segments(path: Path) -> list[str]:
    text = path.read_text(encoding="utf-8").replace("\r\n", "\n")
    return [
        segment.text
        for slide in split_source(text).slides
        for segment in slide.segments
        if isinstance(segment, MarkdownSegment) and segment.text.strip()
    ]


# A small talk with one poll of every type, a questions block and a before/after pair,
# under poll ids of its own: a test that needs "some poll of type X" takes it from here,
# so it does not hang on the shipped talk (which changes with the talk, not the code).
SINGLE = "probe-vorher"  # single, four options, compared with AFTER
SCALE = "probe-skala"  # scale 1–5 with labels at both ends
MULTIPLE = "probe-kanaele"  # multiple, seven options (the last rules out the others), at most six
TEXT = "probe-einwand"  # text, at most 140 characters
RANKING = "probe-rangfolge"  # ranking of four
AFTER = "probe-nachher"  # single, the same four options, compared with SINGLE
POLLS = (SINGLE, SCALE, MULTIPLE, TEXT, RANKING, AFTER)
SINGLE_OPTIONS = ("Pflicht", "Kür", "Zeitverschwendung", "Noch unklar")

POLL_TALK = f"""---
title: Probevortrag mit jeder Umfrageart
lang: de
---

# Probevortrag

---

## Vorher

```poll
id: {SINGLE}
type: single
question: Was ist das Thema für Ihr Haus?
options: [{", ".join(SINGLE_OPTIONS)}]
compare_with: {AFTER}
```

---

## Skala

```poll
id: {SCALE}
type: scale
question: Wie sehr warten Sie ab?
min: 1
max: 5
labels: [Längst aktiv, Ganz bewusst abwartend]
```

---

## Mehrfach

```poll
id: {MULTIPLE}
type: multiple
question: Welche Kanäle nutzen Sie?
options: [LinkedIn, Xing, Instagram, Facebook, YouTube, TikTok, Keines]
max_choices: 6
```

<!--
Nur für die Vortragende: die Zahl der Kanäle mit dem Alter im Raum vergleichen.
-->

---

## Freitext

```poll
id: {TEXT}
type: text
question: Welchen Einwand hören Sie am häufigsten?
max_length: 140
```

---

## Rangfolge

```poll
id: {RANKING}
type: ranking
question: Bringen Sie die vier in eine Reihenfolge.
options: [Transparenz, Authentizität, Kontinuität, Kreativität]
```

---

## Nachher

```poll
id: {AFTER}
type: single
question: Und nach dem Vortrag – was ist das Thema für Ihr Haus?
options: [{", ".join(SINGLE_OPTIONS)}]
compare_with: {SINGLE}
```

---

# Ihre Fragen

```questions
count: 5
```
"""


def poll_talk(folder: Path, name: str = "probe.md") -> Path:
    """POLL_TALK written to `folder`: a deck file for `serve`, the app and the handout."""
    path = folder / name
    path.write_text(POLL_TALK, encoding="utf-8")
    return path


# A quiz round: a single and a multiple choice question with their right answers, and
# the standings by nickname (tests/session/test_quiz.py, the server's and the app's).
QUIZ_SINGLE = "quiz-stadt"  # single: Bonn, Berlin (right), Köln
QUIZ_MULTIPLE = "quiz-prim"  # multiple: 2 (right), 4, 5 (right), 9
QUIZ_TALK = f"""---
title: Quizabend
lang: de
---

## Frage 1

```poll
id: {QUIZ_SINGLE}
type: single
question: Wo sitzt die Bundesregierung?
options: [Bonn, Berlin, Köln]
correct: Berlin
```

---

## Frage 2

```poll
id: {QUIZ_MULTIPLE}
type: multiple
question: Welche sind Primzahlen?
options: ["2", "4", "5", "9"]
correct: [A, C]
```

---

# Bestenliste

```leaderboard
count: 5
```
"""


def quiz_talk(folder: Path, names: bool = True) -> Path:
    """QUIZ_TALK written to `folder`; `names=False`: its leaderboard shows the average only."""
    path = folder / "quiz.md"
    path.write_text(QUIZ_TALK.replace("count: 5", "count: 5\nnames: false") if not names
                    else QUIZ_TALK, encoding="utf-8")  # fmt: skip
    return path


# A talk with a countdown: TIMED counts down COUNTDOWN seconds once opened (the least a
# deck may give: tests wait for its end), UNTIMED has none until "+30 s" starts one.
TIMED = "probe-uhr"
UNTIMED = "probe-ohne-uhr"
COUNTDOWN = 5
COUNTDOWN_TALK = f"""---
title: Probevortrag mit Countdown
lang: de
---

## Schnell!

```poll
id: {TIMED}
type: single
question: Wer ist zuerst fertig?
options: [Ich, Die anderen]
seconds: {COUNTDOWN}
```

---

## Ohne Uhr

```poll
id: {UNTIMED}
type: single
question: Und ohne Eile?
options: [Ja, Nein]
```
"""


def countdown_talk(folder: Path) -> Path:
    """COUNTDOWN_TALK written to `folder`."""
    path = folder / "countdown.md"
    path.write_text(COUNTDOWN_TALK, encoding="utf-8")
    return path


# A members' meeting (issue 35): three motions, one per rule. SATZUNG needs two thirds
# of the votes cast; ENTLASTUNG a simple majority; BEITRAG an absolute majority of the
# voting cards issued and a quorum of half of them, so it counts cards.
ENTLASTUNG = "antrag-entlastung"
SATZUNG = "antrag-satzung"
BEITRAG = "antrag-beitrag"
MEETING = f"""---
title: Mitgliederversammlung 2026
lang: de
---

# Mitgliederversammlung 2026

---

## Entlastung des Vorstands

```poll
id: {ENTLASTUNG}
type: motion
question: Wird der Vorstand für 2025 entlastet?
```

---

## Satzungsänderung

```poll
id: {SATZUNG}
type: motion
question: Wird § 7 der Satzung wie vorgelegt geändert?
majority: two-thirds
```

---

## Beitrag

```poll
id: {BEITRAG}
type: motion
question: Steigt der Jahresbeitrag auf 60 Euro?
eligible: cards
majority: absolute
quorum: 50%
```
"""


def meeting(folder: Path) -> Path:
    """MEETING written to `folder`."""
    path = folder / "versammlung.md"
    path.write_text(MEETING, encoding="utf-8")
    return path


# A members' meeting: a poll for everyone, and a vote that counts voting cards only
# (tests/voting/test_cards_api.py, the phone's and the handout's card tests).
CARDS_OPEN = "stimmung"  # single, everyone: Gut, Mittel
CARDS_MOTION = "entlastung"  # a motion, card holders only: Ja, Nein, Enthaltung
CARDS_ABSOLUTE = "beitrag"  # a motion: more than half of the cards issued, three present
CARDS_TALK = f"""---
title: Mitgliederversammlung
lang: de
---

## Wie ist die Stimmung?

```poll
id: {CARDS_OPEN}
type: single
question: Wie ist die Stimmung?
options: [Gut, Mittel]
```

---

## Entlastung

```poll
id: {CARDS_MOTION}
type: motion
question: Wird der Vorstand entlastet?
eligible: cards
```

---

## Beitrag

```poll
id: {CARDS_ABSOLUTE}
type: motion
question: Steigt der Beitrag?
eligible: cards
majority: absolute
quorum: 3
```
"""


def cards_talk(folder: Path) -> Path:
    """CARDS_TALK written to `folder`."""
    path = folder / "versammlung.md"
    path.write_text(CARDS_TALK, encoding="utf-8")
    return path
