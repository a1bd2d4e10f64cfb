"""The same poll across sessions: this year against last, as `impuls compare` prints it.

`Comparison` (session/results.py) is a before/after pair within one talk; a `Trend`
is one poll asked in several sessions, each counted as its own `Results`, so every
share and count here is the one the session's own handout prints. A poll is matched
by its id, or else by its question (normalised: case, spaces, quotes and the closing
question mark do not count). Polls that match but cannot be set side by side (another
type, other answers, another scale) are a `Difference`: named with the reason, never
compared.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum

from workshop_app.deck import Poll, PollType
from workshop_app.i18n import day, tr
from workshop_app.session.results import TYPE_WORDS, Results, Row, Shift
from workshop_app.session.snapshot import SessionSnapshot

MOST_NAMED = 4  # answers named in one reason; more are counted ("und 3 weitere")


class Matched(StrEnum):
    """How a poll was found again in another session; one word in the CSV."""

    ID = "id"
    QUESTION = "question"


@dataclass(frozen=True)
class Edition:
    """One session of a comparison, under the name the organizer reads."""

    snapshot: SessionSnapshot
    label: str
    held: date  # the talk's date, or the day the session was made


def held_on(snapshot: SessionSnapshot) -> date:
    """The talk's date as its deck states it (ISO), or else the day the session began."""
    stated = snapshot.deck.meta.date.strip()
    try:
        return date.fromisoformat(stated)
    except ValueError:
        return datetime.fromtimestamp(snapshot.created).date()


def editions(
    snapshots: Sequence[SessionSnapshot], lang: str, labels: Sequence[str] | None = None
) -> tuple[Edition, ...]:
    """The sessions named as an organizer expects: "Nov. 2025"; where two would read
    alike, the whole date, and where that too is alike, the file's name beside it."""
    held = [held_on(s) for s in snapshots]
    if labels is not None:
        return tuple(Edition(s, " ".join(n.split()), d)
                     for s, n, d in zip(snapshots, labels, held, strict=True))  # fmt: skip
    months = tr("compare.months", lang).split()
    names = [f"{months[d.month - 1]} {d.year}" for d in held]
    if len(set(names)) < len(names):
        names = [day(d, lang) for d in held]
    if len(set(names)) < len(names):
        names = [f"{n} · {s.path.name}" for n, s in zip(names, snapshots, strict=True)]
    if len(set(names)) < len(names):  # one file name in two folders
        names = [f"{n} ({k})" for k, n in enumerate(names, start=1)]
    return tuple(Edition(s, n, d) for s, n, d in zip(snapshots, names, held, strict=True))


def normalised(text: str) -> str:
    """A question or an answer as matching reads it: "Ihr Thema?" is „ihr thema“."""
    folded = unicodedata.normalize("NFKC", text).casefold()
    return " ".join(folded.split()).strip(" ?!.:;…„“”‚‘’\"'«»")


@dataclass(frozen=True)
class Line:
    """One answer (or a scale's value) in every session; None where it was not counted."""

    key: str  # its letter in the latest session ("A"), or the scale value
    label: str
    rows: tuple[Row | None, ...]  # per edition

    @property
    def shares(self) -> tuple[float | None, ...]:
        return tuple(row.share if row is not None else None for row in self.rows)

    @property
    def shift(self) -> Shift:
        """From the first session that counted it to the last, in points."""
        counted = [row for row in self.rows if row is not None]
        return Shift(counted[-1], counted[0].share, counted[-1].share)


@dataclass(frozen=True)
class Trend:
    """One poll asked in several sessions, each counted as that session counted it."""

    polls: tuple[Poll | None, ...]  # per edition: as that session asked it
    results: tuple[Results | None, ...]  # per edition: None where not asked or not counted
    matched: Matched

    @property
    def poll(self) -> Poll:
        """The poll as the latest session that asked it asked it."""
        return next(p for p in reversed(self.polls) if p is not None)

    @property
    def lines(self) -> tuple[Line, ...]:
        """The answers in the order the latest counted session shows them."""
        latest = next(r for r in reversed(self.results) if r is not None)
        lines = []
        for shown in latest.rows:
            wanted = _row_key(latest.poll, shown)
            rows = tuple(
                None if r is None else next(x for x in r.rows if _row_key(r.poll, x) == wanted)
                for r in self.results
            )
            lines.append(Line(shown.key, shown.label, rows))
        return tuple(lines)


@dataclass(frozen=True)
class Difference:
    """Polls that match but are not compared: the question, and why, in the export's language."""

    question: str
    reason: str


@dataclass(frozen=True)
class Trends:
    editions: tuple[Edition, ...]
    trends: tuple[Trend, ...]
    differences: tuple[Difference, ...]


def compare(chosen: Sequence[Edition], lang: str) -> Trends:
    """Every poll found in at least two of the sessions and run in one of them at least:
    compared, or named with the reason."""
    trends: list[Trend] = []
    differences: list[Difference] = []
    for polls, matched in _matches(chosen):
        results = tuple(
            None if p is None else _counted(e.snapshot.results_of(p))
            for e, p in zip(chosen, polls, strict=True)
        )
        ran = [e.label for e, r in zip(chosen, results, strict=True) if r is not None]
        if not ran:
            continue  # run in none of them: nothing to compare, nothing to explain
        why = _difference(chosen, polls, lang)
        if why is not None:
            differences.append(why)
        elif len(ran) < 2:
            question = next(p for p in reversed(polls) if p is not None).question
            said = tr("compare.differs.ran_once", lang, label=ran[0])
            differences.append(Difference(question, said))
        else:
            trends.append(Trend(polls, results, matched))
    return Trends(tuple(chosen), tuple(trends), tuple(differences))


def _counted(shown: Results | None) -> Results | None:
    return shown if shown is not None and shown.counted else None


def _row_key(poll: Poll, row: Row) -> str:
    return row.key if poll.type is PollType.SCALE else normalised(row.label)


def _matches(chosen: Sequence[Edition]) -> list[tuple[tuple[Poll | None, ...], Matched]]:
    """Groups of polls, one per session at most: by id first; a session without that id
    joins by the question; the polls left are grouped by their question. A question asked
    twice in one session (a before/after pair) matches nothing by its wording there."""
    decks = [e.snapshot.deck for e in chosen]
    size = len(decks)
    by_id: dict[str, list[Poll | None]] = {}
    for k, deck in enumerate(decks):
        for poll in deck.polls:
            by_id.setdefault(poll.id, [None] * size)[k] = poll
    found = [(g, Matched.ID) for g in by_id.values() if sum(p is not None for p in g) > 1]
    taken = {id(p) for g, _ in found for p in g if p is not None}
    left: list[dict[str, Poll]] = []  # per session: the polls not taken, by their question
    for deck in decks:
        asked: dict[str, list[Poll]] = {}
        for poll in deck.polls:
            if id(poll) not in taken and normalised(poll.question):
                asked.setdefault(normalised(poll.question), []).append(poll)
        left.append({q: polls[0] for q, polls in asked.items() if len(polls) == 1})
    groups: list[tuple[list[Poll | None], Matched]] = []
    for group, matched in found:
        questions = {normalised(p.question) for p in group if p is not None}
        for k in range(size):
            joining = next((left[k].pop(q) for q in questions if group[k] is None and q in left[k]),
                           None)  # fmt: skip
            if joining is not None:
                group[k], matched = joining, Matched.QUESTION
        groups.append((group, matched))
    by_question: dict[str, list[Poll | None]] = {}
    for k, polls in enumerate(left):
        for question, poll in polls.items():
            by_question.setdefault(question, [None] * size)[k] = poll
    groups += [(g, Matched.QUESTION) for g in by_question.values()
               if sum(p is not None for p in g) > 1]  # fmt: skip

    def place(group: tuple[list[Poll | None], Matched]) -> tuple[int, int]:
        """Latest session first, in its deck's order."""
        k, poll = next((k, p) for k, p in reversed(list(enumerate(group[0]))) if p is not None)
        return size - k, decks[k].polls.index(poll)

    return [(tuple(g), matched) for g, matched in sorted(groups, key=place)]


def _difference(
    chosen: Sequence[Edition], polls: Sequence[Poll | None], lang: str
) -> Difference | None:
    """Why these polls cannot be set side by side, or None if they can."""
    asked = [(e, p) for e, p in zip(chosen, polls, strict=True) if p is not None]
    question = asked[-1][1].question
    kinds = {p.type for _, p in asked}
    if len(kinds) > 1:
        said = "; ".join(f"{e.label}: {tr(TYPE_WORDS[p.type], lang)}" for e, p in asked)
        return Difference(question, tr("compare.differs.type", lang, types=said))
    if PollType.TEXT in kinds:
        return Difference(question, tr("compare.differs.text", lang))
    if PollType.SCALE in kinds:
        if len({p.scale for _, p in asked}) > 1:
            said = "; ".join(f"{e.label}: {p.scale[0]}–{p.scale[-1]}" for e, p in asked)
            return Difference(question, tr("compare.differs.scale", lang, scales=said))
        return None
    for _, poll in asked:  # "Ja" and "ja!" in one poll: its answers cannot be told apart
        keys = [normalised(o) for o in poll.options]
        alike = [o for o, key in zip(poll.options, keys, strict=True) if keys.count(key) > 1]
        if alike:
            said = ", ".join(f"„{o}“" if lang == "de" else f"“{o}”" for o in alike)
            return Difference(question, tr("compare.differs.alike", lang, answers=said))
    answers = [{normalised(o): o for o in p.options} for _, p in asked]
    everywhere = set.intersection(*(set(a) for a in answers))
    apart: dict[str, tuple[str, list[str]]] = {}  # an answer not in every session: where it is
    for (edition, _), known in zip(asked, answers, strict=True):
        for key, option in known.items():
            if key not in everywhere:
                apart.setdefault(key, (option, []))[1].append(edition.label)
    if not apart:
        return None
    named = [tr("compare.only_in", lang, option=o, labels=", ".join(where))
             for o, where in list(apart.values())[:MOST_NAMED]]  # fmt: skip
    if len(apart) > MOST_NAMED:
        named.append(tr("compare.more", lang, count=len(apart) - MOST_NAMED))
    return Difference(question, tr("compare.differs.options", lang, answers="; ".join(named)))
