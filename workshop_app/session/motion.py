"""A motion's outcome: the deck's rule applied to the counts, said as one sentence.

The rule (deck/model.py `Majority`, `Quorum`):

- the quorum first: with `quorum:`, at least that many of the voting cards issued
  must have joined before the motion closes (docs/cards.md), else it is not
  decided at all ("nicht beschlussfähig");
- simple: more Ja than Nein. A tie is rejected: a motion needs a majority for it.
- two-thirds: Ja at least two thirds of the votes cast, Ja + Nein; abstentions
  are not votes cast (BGH II ZR 9/81). No vote cast at all rejects it.
- absolute: Ja more than half of the voting cards issued, however many voted.

A rule that counts cards (absolute, a quorum) cannot be applied without knowing
them: the outcome then says so rather than guess. A show of hands counts as the
phones do, and the sentence says how many of the votes were hands.

Qt-free; every surface prints `Outcome.headline` and `Outcome.sentence`.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from workshop_app.deck import Majority, Poll
from workshop_app.i18n import Lang, tr

YES, NO, ABSTAIN = 0, 1, 2  # a motion's answers, in the deck's order (motion_options)


@dataclass(frozen=True)
class CardCount:
    """The voting cards of the session: how many were issued, and how many were
    present (joined with a phone before the motion closed; session/cards.py)."""

    issued: int
    present: int

    def as_json(self) -> dict[str, int]:
        return {"issued": self.issued, "present": self.present}


def cards_from_json(data: object) -> CardCount | None:
    """The CardCount a results JSON carries (`cards`), or None."""
    if not isinstance(data, dict):
        return None
    issued, present = data.get("issued"), data.get("present")
    if type(issued) is not int or type(present) is not int:
        return None
    return CardCount(issued, present)


class Verdict(StrEnum):
    ADOPTED = "adopted"  # angenommen
    REJECTED = "rejected"  # abgelehnt
    NO_QUORUM = "no_quorum"  # nicht beschlussfähig: too few cards present
    UNDECIDED = "undecided"  # the rule counts cards, and none are known


VERDICT_WORDS = {  # a spreadsheet's cell
    Verdict.ADOPTED: "motion.word.adopted",
    Verdict.REJECTED: "motion.word.rejected",
    Verdict.NO_QUORUM: "motion.word.no_quorum",
    Verdict.UNDECIDED: "motion.word.undecided",
}
HEADLINES = {
    Verdict.ADOPTED: "motion.verdict.adopted",
    Verdict.REJECTED: "motion.verdict.rejected",
    Verdict.NO_QUORUM: "motion.verdict.no_quorum",
    Verdict.UNDECIDED: "motion.verdict.undecided",
}


@dataclass(frozen=True)
class Votes:
    """Ja, Nein and Enthaltung, phones and hands together."""

    yes: int
    no: int
    abstain: int

    @property
    def cast(self) -> int:
        """The votes cast: Ja and Nein (an abstention is not a vote cast)."""
        return self.yes + self.no

    def said(self, lang: Lang | str | None) -> str:
        """ "45 Ja, 12 Nein, 3 Enthaltungen" (no abstention: not named)."""
        parts = [tr("motion.count.yes", lang, yes=self.yes),
                 tr("motion.count.no", lang, no=self.no)]  # fmt: skip
        if self.abstain:
            parts.append(tr("motion.count.abstain", lang, count=self.abstain))
        return ", ".join(parts)


@dataclass(frozen=True)
class Outcome:
    """A motion decided: its verdict, the counts, and the rule as applied."""

    verdict: Verdict
    votes: Votes
    hands: Votes  # of them, by a show of hands
    majority: Majority
    needed: int | None  # the Ja the rule asks for (two-thirds, absolute); None: simple
    quorum: int | None  # the cards present the quorum asks for; None: no quorum
    cards: CardCount | None

    @property
    def adopted(self) -> bool:
        return self.verdict is Verdict.ADOPTED

    def headline(self, lang: Lang | str | None = None) -> str:
        """What the projector shows large: "ANGENOMMEN", "ABGELEHNT", …"""
        return tr(HEADLINES[self.verdict], lang)

    def rule(self, lang: Lang | str | None = None) -> str:
        """The rule as applied: "einfache Mehrheit", "zwei Drittel der … (34 Ja)"."""
        words = self.majority.words(lang)
        if self.needed is None:
            return words
        return tr("motion.rule_needed", lang, rule=words, yes=self.needed)

    def sentence(self, lang: Lang | str | None = None) -> str:
        """The outcome in one sentence, as every surface and the minutes print it."""
        if self.verdict is Verdict.NO_QUORUM:
            assert self.cards is not None and self.quorum is not None
            return tr("motion.sentence.no_quorum", lang, present=self.cards.present,
                      count=self.cards.issued, needed=self.quorum)  # fmt: skip
        counts = self.votes.said(lang)
        if self.hands.yes or self.hands.no or self.hands.abstain:
            counts = tr("motion.with_hands", lang, counts=counts, hands=self.hands.said(lang))
        message_id = {
            Verdict.ADOPTED: "motion.sentence.adopted",
            Verdict.REJECTED: "motion.sentence.rejected",
            Verdict.UNDECIDED: "motion.sentence.undecided",
        }[self.verdict]
        return tr(message_id, lang, counts=counts, rule=self.rule(lang))

    def quorum_note(self, lang: Lang | str | None = None) -> str | None:
        """Whether the meeting could decide, for the minutes: "Beschlussfähig: 80 von
        120 Stimmkarten anwesend, erforderlich 61." (None: no quorum, or it was missed,
        which the sentence says)."""
        if self.quorum is None or self.cards is None or self.verdict is Verdict.NO_QUORUM:
            return None
        return tr("motion.quorum_reached", lang, present=self.cards.present,
                  count=self.cards.issued, needed=self.quorum)  # fmt: skip

    def as_json(self, lang: Lang | str | None = None) -> dict[str, object]:
        """On the wire and in the JSON export: the verdict, its words, and the numbers."""
        return {
            "verdict": self.verdict.value,
            "adopted": self.adopted,
            "headline": self.headline(lang),
            "sentence": self.sentence(lang),
            "quorum_note": self.quorum_note(lang),
            "majority": self.majority.value,
            "needed": self.needed,
            "quorum": self.quorum,
            "yes": self.votes.yes,
            "no": self.votes.no,
            "abstain": self.votes.abstain,
            "hands": [self.hands.yes, self.hands.no, self.hands.abstain],
        }


def decide(
    poll: Poll, votes: Votes, cards: CardCount | None, hands: Votes | None = None
) -> Outcome:
    """The outcome of motion `poll` with these `votes` (phones and hands), `hands` of
    them by a show of hands, and the session's voting `cards` (None: none known)."""
    majority = poll.majority or Majority.SIMPLE
    counts_cards = majority is Majority.ABSOLUTE or poll.quorum is not None

    def made(verdict: Verdict, needed: int | None = None, quorum: int | None = None) -> Outcome:
        return Outcome(verdict, votes, hands or Votes(0, 0, 0), majority, needed, quorum, cards)

    if counts_cards and cards is None:
        return made(Verdict.UNDECIDED)
    quorum = None
    if poll.quorum is not None and cards is not None:
        quorum = max(1, poll.quorum.needed(cards.issued))  # no card present decides nothing
        if cards.present < quorum:
            return made(Verdict.NO_QUORUM, quorum=quorum)
    if majority is Majority.SIMPLE:
        return made(Verdict.ADOPTED if votes.yes > votes.no else Verdict.REJECTED, quorum=quorum)
    if majority is Majority.TWO_THIRDS:
        needed = max(1, -(-2 * votes.cast // 3))  # at least two thirds, and at least one Ja
    else:
        assert cards is not None
        needed = cards.issued // 2 + 1  # more than half of the cards issued
    adopted = votes.yes >= needed
    return made(Verdict.ADOPTED if adopted else Verdict.REJECTED, needed, quorum)
