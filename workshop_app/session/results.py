"""One poll's results as every surface shows them: projector, phone, PDF, CSV and JSON.

A `Tally` is what the session counted; `Results` is what the room is told about
it: rows in the order they are shown, each with its share of a stated base. The
surfaces only draw and print these numbers, so they cannot disagree.

The base for percentages (said on every surface, `Results.base_note`):

- single choice: all votes, phones and hands together; the shares add up to 100 %.
- multiple choice: the voters, as the phone page and Mentimeter show it. A voter
  may tick several answers, so the shares can add up to more than 100 %. Phone
  voters are counted ballots; a show of hands counts as many people as raised
  their hand for its most-raised answer (the fewest it can have been).
- ranking: all points; the order is the order of the points.
- scale: all answers; the mean and median are of the values.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from functools import partial

from workshop_app.deck import OPTION_LETTERS, Poll, PollType
from workshop_app.i18n import half_up, number, tr
from workshop_app.session.model import AnswerState
from workshop_app.session.motion import ABSTAIN, NO, YES, CardCount, Outcome, Votes, decide
from workshop_app.session.tally import Answer, Tally


class Base(StrEnum):
    """What a share is a share of; one word on the wire and in the exports."""

    VOTES = "votes"
    VOTERS = "voters"
    POINTS = "points"
    ANSWERS = "answers"
    APPROVED = "approved"  # an open question's approved answers (the results CSV)


BASES = {
    PollType.SINGLE: Base.VOTES,
    PollType.MULTIPLE: Base.VOTERS,
    PollType.RANKING: Base.POINTS,
    PollType.MOTION: Base.VOTES,
    PollType.SCALE: Base.ANSWERS,
    PollType.TEXT: Base.ANSWERS,
}

# A poll's type in words: the spreadsheet's column, and why two polls are not compared.
TYPE_WORDS = {
    PollType.SINGLE: "export.type.single",
    PollType.MULTIPLE: "export.type.multiple",
    PollType.RANKING: "export.type.ranking",
    PollType.MOTION: "export.type.motion",
    PollType.SCALE: "export.type.scale",
    PollType.TEXT: "export.type.text",
}

BASE_NOTES = {
    Base.VOTES: "results.base.votes",
    Base.VOTERS: "results.base.voters",
    Base.POINTS: "results.base.points",
    Base.ANSWERS: "results.base.answers",
    Base.APPROVED: "results.base.approved",
}


@dataclass(frozen=True)
class Row:
    """An answer (or a scale's value) with its counts."""

    index: int  # the answer's place in the deck, or the scale value's step
    key: str  # its letter ("A"), or the scale value ("7")
    label: str  # its text, or the scale value's label ("" without one)
    phones: int  # votes (points for a ranking) from phones
    hands: int  # from a show of hands
    total: int
    share: float  # percent of the base, unrounded
    place: int  # 1 for the first row shown (the most points, for a ranking)
    correct: bool = False  # a quiz question's right answer (or one of them)

    @property
    def name(self) -> str:
        """The row as every surface names it beside its bar: "A Ja", "1 gar nicht", "3"."""
        return f"{self.key} {self.label}" if self.label else self.key


@dataclass(frozen=True)
class Results:
    poll: Poll
    run: int
    rows: tuple[Row, ...]  # in the order they are shown
    base: Base
    base_count: int  # what 100 % is: votes, voters, points or answers
    ballots: int  # counted phone ballots
    devices: int  # distinct phones behind them
    hands: int  # everything counted by a show of hands
    mean: float | None = None
    median: float | None = None
    answers: tuple[Answer, ...] = ()
    right: int = 0  # a quiz question's phone ballots that were right
    motion: Outcome | None = None  # a motion's outcome (session/motion.py); else None
    cards: CardCount | None = None  # the session's voting cards, where known

    @property
    def quiz(self) -> bool:
        return self.poll.quiz

    @property
    def right_share(self) -> float:
        """The share of phone ballots that were right, in percent (0 before any)."""
        return _share(self.right, self.ballots)

    @property
    def right_percent(self) -> float:
        """That share as the files write it: one place, rounded as printed."""
        return float(half_up(self.right_share, 1))

    def right_note(self, lang: str | None = None) -> str:
        """How many phones got a quiz question right, as every surface prints it."""
        return tr("quiz.right_share", lang, right=self.right, count=self.ballots,
                  share=number(self.right_share, 0, lang))  # fmt: skip

    @property
    def largest(self) -> int:
        """The longest bar's count (at least 1, so bars can be scaled by it)."""
        return max([row.total for row in self.rows] + [1])

    @property
    def points(self) -> bool:
        return self.base is Base.POINTS

    @property
    def end_words(self) -> tuple[str, str] | None:
        """A scale worded at its two ends only (`labels: [gar nicht, sehr]`): those words,
        which a chart sets under its two edges rather than in a narrow column."""
        rows = self.rows
        if self.poll.type is not PollType.SCALE or len(rows) < 3:
            return None
        if any(row.label for row in rows[1:-1]) or not (rows[0].label and rows[-1].label):
            return None
        return rows[0].label, rows[-1].label

    @property
    def counted(self) -> bool:
        """Anything at all was counted (a poll that never ran has nothing to compare)."""
        return self.ballots > 0 or self.hands > 0

    def approved_rows(self) -> tuple[Row, ...]:
        """An open question's approved answers as rows, the same words (ignoring case
        and spacing) counted together, the most given first: what the room saw, for
        the results CSV. Their base is `Base.APPROVED`, `len(approved)`."""
        approved = [a.text for a in self.answers if a.state is AnswerState.APPROVED]
        counts: dict[str, int] = {}
        spelled: dict[str, str] = {}
        for text in approved:
            key = " ".join(text.split()).casefold()
            counts[key] = counts.get(key, 0) + 1
            spelled.setdefault(key, text)  # as it was first written
        order = sorted(enumerate(counts), key=lambda pair: (-counts[pair[1]], pair[0]))
        rows = []
        for place, (first, key) in enumerate(order, start=1):
            n = counts[key]
            rows.append(Row(first, "", spelled[key], n, 0, n, _share(n, len(approved)), place))
        return tuple(rows)

    def by_index(self) -> tuple[Row, ...]:
        """The rows in the deck's order."""
        return tuple(sorted(self.rows, key=lambda row: row.index))

    def amount(self, row: Row, lang: str | None = None) -> str:
        """A row's count and share as every surface prints it: "17 · 34 %", "12 Punkte"."""
        if self.points:
            return tr("results.points", lang, points=row.total)
        return f"{row.total} · {number(row.share, 0, lang)} %"

    def share(self, row: Row) -> float:
        """A row's share as the files write it: one place, rounded as printed."""
        return float(half_up(row.share, 1))

    def percent(self, row: Row, lang: str | None = None) -> str:
        return f"{number(row.share, 1, lang)} %"

    def summary(self, lang: str | None = None) -> list[str]:
        """The counts under the chart, part by part, as every surface prints them: the
        phones' votes, their devices where they differ, a show of hands beside them,
        the median, and what the shares are of."""
        parts = [tr("results.ballots", lang, count=self.ballots)]
        if self.devices != self.ballots:
            parts.append(tr("results.devices", lang, count=self.devices))
        if self.hands:
            parts.append(tr("results.hands", lang, count=self.hands))
        if self.median is not None:
            parts.append(tr("results.median", lang, median=number(self.median, 1, lang)))
        if self.poll.type not in (PollType.SCALE, PollType.TEXT):  # shares of a base
            parts.append(self.base_note(lang))
        if self.quiz:
            parts.append(self.right_note(lang))
        return parts

    def base_note(self, lang: str | None = None) -> str:
        """One sentence that says what the percentages are of."""
        return tr(BASE_NOTES[self.base], lang, count=self.base_count)

    @classmethod
    def of(cls, poll: Poll, tally: Tally, *, cards: CardCount | None = None) -> Results:
        """`tally` as the room is told it, fitted to the deck's answers (a deck edited
        live may have more or fewer answers than the counts it had). `cards`: the
        session's voting cards, issued and present, which a motion's rule may count
        (None: none known; such a motion then says it cannot be decided)."""
        made = partial(cls, poll, tally.run, base=BASES[poll.type], ballots=tally.ballots,
                       devices=tally.devices, right=tally.right, cards=cards)  # fmt: skip
        if poll.type is PollType.TEXT:
            return made((), base_count=tally.ballots, hands=0, answers=tally.answers)
        if poll.type is PollType.SCALE:
            labels = scale_labels(poll)
            answered = sum(tally.values.get(value, 0) for value in poll.scale)
            steps = []
            for k, value in enumerate(poll.scale):
                n = tally.values.get(value, 0)
                steps.append(Row(k, str(value), labels[k], n, 0, n, _share(n, answered), k + 1))
            return made(tuple(steps), base_count=answered, hands=0, mean=tally.mean,
                        median=tally.median)  # fmt: skip
        size = len(poll.options)
        phones = _fit(tally.digital, size)
        hands = _fit(tally.hands, size)
        totals = [p + h for p, h in zip(phones, hands, strict=True)]
        multiple = poll.type is PollType.MULTIPLE
        base_count = tally.ballots + max(hands, default=0) if multiple else sum(totals)
        order = list(range(size))
        if poll.type is PollType.RANKING:  # the ranking is the order of the points
            order.sort(key=lambda i: -totals[i])
        rows = []
        for place, i in enumerate(order, start=1):
            share = _share(totals[i], base_count)
            letter = OPTION_LETTERS[i % 26]
            rows.append(Row(i, letter, poll.options[i], phones[i], hands[i], totals[i], share,
                            place, i in poll.correct))  # fmt: skip
        outcome = None
        if poll.motion:  # phones and hands together decide; the sentence says how many hands
            votes = Votes(totals[YES], totals[NO], totals[ABSTAIN])
            outcome = decide(poll, votes, cards, Votes(hands[YES], hands[NO], hands[ABSTAIN]))
        return made(tuple(rows), base_count=base_count, hands=sum(hands), motion=outcome)

    def as_json(self, *, with_answers: bool = True, lang: str | None = None) -> dict[str, object]:
        """The results on the wire (the phone page) and in the JSON export.

        Counts by the deck's order of answers, as the tally has them; `percent`
        is each answer's share of `base_count`, rounded to one place. `shown`:
        each row's count and share as every surface prints them (`amount`), in
        the deck's order, and `base_note` the sentence saying what 100 % is, in
        `lang`: the phone prints these and computes nothing, beside `names`, each
        row's name (`Row.name`: a scale's labels included). `summary`: the
        counts under the chart, part by part, as the projector prints them (ui/
        results_chart.py `summary`): the phone's votes, a show of hands beside
        them, what the shares are of. A quiz question adds `correct`, the right
        answers' indices, `right`, the phones that chose exactly them, and
        `right_note`, that share as every surface prints it. A motion adds
        `outcome` (session/motion.py `Outcome.as_json`: the verdict, its headline
        and its sentence with the rule applied); `cards` are the voting cards it
        was decided with, so a view that rebuilds these results decides the same.
        """
        rows = self.by_index()
        values = {row.key: row.total for row in rows} if self.poll.type is PollType.SCALE else {}
        options = () if self.poll.type in (PollType.SCALE, PollType.TEXT) else rows
        return {
            "poll": self.poll.id,
            "run": self.run,
            "digital": [row.phones for row in options],
            "analog": [row.hands for row in options],
            "total": [row.total for row in options],
            "percent": [self.share(row) for row in (rows if values else options)],
            "order": [row.index for row in self.rows] if options else [],
            "base": self.base.value,
            "base_count": self.base_count,
            "ballots": self.ballots,
            "devices": self.devices,
            "values": values,
            "mean": self.mean,
            "median": self.median,
            "shown": [self.amount(row, lang) for row in rows],
            "names": [row.name for row in rows],
            "base_note": self.base_note(lang),
            "summary": self.summary(lang),
            "mean_note": tr("results.mean", lang, mean=number(self.mean, 1, lang))
            if self.mean is not None
            else None,
            "answers": [
                {"id": a.id, "text": a.text, "state": a.state.value}
                for a in self.answers
                if with_answers or a.state is AnswerState.APPROVED
            ],
            "correct": list(self.poll.correct),
            "right": self.right,
            "right_percent": self.right_percent if self.quiz else None,
            "right_note": self.right_note(lang) if self.quiz else None,
            "outcome": self.motion.as_json(lang) if self.motion is not None else None,
            "cards": self.cards.as_json() if self.cards is not None else None,
        }


@dataclass(frozen=True)
class Shift:
    """One answer before and after: shares in percent, and the change in points."""

    row: Row  # the answer as counted after
    before: float
    after: float

    @property
    def points(self) -> float:
        """The change as the reader checks it: between the two shares as printed, whole
        percent each, so "30 → 41 %" never stands above "+10 Pp."."""
        return float(half_up(self.after, 0) - half_up(self.before, 0))

    def text(self, lang: str | None = None) -> str:
        sign = "+" if self.points >= 0 else "−"
        return tr("results.shift", lang, shift=sign + number(abs(self.points), 0, lang))


@dataclass(frozen=True)
class Comparison:
    """A pre/post pair: the same question asked twice, both counted."""

    before: Results
    after: Results

    @property
    def largest(self) -> int:
        return max(self.before.largest, self.after.largest)

    @property
    def shifts(self) -> tuple[Shift, ...]:
        """Per answer, in the order the later poll shows them."""
        then = {row.index: row.share for row in self.before.rows}
        return tuple(Shift(row, then.get(row.index, 0.0), row.share) for row in self.after.rows)


def comparison(before: Results | None, after: Results) -> Comparison | None:
    """The pair, when the earlier poll was counted and asks about as many answers."""
    if before is None or not before.counted:
        return None
    if len(before.rows) != len(after.rows) or before.poll.type is not after.poll.type:
        return None
    return Comparison(before, after)


def scale_labels(poll: Poll) -> tuple[str, ...]:
    """A scale's word for each of its values: one per value as the deck gives them, or
    the two ends' words (`labels: [gar nicht, sehr]`) at its ends, "" between."""
    steps = len(poll.scale)
    if len(poll.labels) == steps:
        return poll.labels
    if len(poll.labels) == 2 and steps > 1:
        return (poll.labels[0], *[""] * (steps - 2), poll.labels[1])
    return ("",) * steps


def _fit(values: tuple[int, ...], size: int) -> tuple[int, ...]:
    return (values + (0,) * size)[:size]


def _share(count: int, base: int) -> float:
    return 100 * count / base if base else 0.0
