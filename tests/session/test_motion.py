"""A motion's outcome: each rule, its ties and edges, and the sentence every surface prints."""

from __future__ import annotations

import dataclasses

import pytest
from hypothesis import given
from hypothesis import strategies as st

from workshop_app.deck import Eligible, Majority, Poll, PollType, Quorum
from workshop_app.deck.model import motion_options
from workshop_app.i18n import Lang
from workshop_app.session.motion import CardCount, Verdict, Votes, cards_from_json, decide
from workshop_app.session.results import Results
from workshop_app.session.tally import Tally

MOTION = Poll("m", PollType.MOTION, "Entlastung?", 1, motion_options(Lang.DE),
              majority=Majority.SIMPLE)  # fmt: skip


def motion(majority: Majority = Majority.SIMPLE, quorum: Quorum | None = None) -> Poll:
    cards = Eligible.CARDS if majority is Majority.ABSOLUTE or quorum else Eligible.ALL
    return dataclasses.replace(MOTION, majority=majority, quorum=quorum, eligible=cards)


def sentence(poll: Poll, yes: int, no: int, abstain: int = 0,
             cards: CardCount | None = None, lang: Lang = Lang.DE) -> str:  # fmt: skip
    return decide(poll, Votes(yes, no, abstain), cards).sentence(lang)


def test_the_sentences_of_the_brief() -> None:
    assert sentence(motion(), 45, 12, 3) == (
        "Angenommen: 45 Ja, 12 Nein, 3 Enthaltungen; erforderlich: einfache Mehrheit."
    )
    assert sentence(motion(Majority.TWO_THIRDS), 30, 20) == (
        "Abgelehnt: 30 Ja, 20 Nein; erforderlich: zwei Drittel der abgegebenen Stimmen (34 Ja)."
    )
    quorum = motion(quorum=Quorum(61))
    assert sentence(quorum, 30, 5, cards=CardCount(120, 40)) == (
        "Nicht beschlussfähig: 40 von 120 Stimmkarten anwesend, erforderlich 61."
    )
    assert sentence(motion(), 45, 12, 1, lang=Lang.EN) == (
        "Adopted: 45 yes, 12 no, 1 abstention; required: simple majority."
    )


@pytest.mark.parametrize(
    ("majority", "yes", "no", "abstain", "issued", "verdict"),
    [
        (Majority.SIMPLE, 10, 10, 0, None, Verdict.REJECTED),  # a tie: no majority for it
        (Majority.SIMPLE, 11, 10, 50, None, Verdict.ADOPTED),  # abstentions do not count
        (Majority.SIMPLE, 0, 0, 0, None, Verdict.REJECTED),  # nobody voted
        (Majority.SIMPLE, 0, 0, 7, None, Verdict.REJECTED),  # everybody abstained
        (Majority.TWO_THIRDS, 20, 10, 0, None, Verdict.ADOPTED),  # exactly two thirds
        (Majority.TWO_THIRDS, 19, 10, 0, None, Verdict.REJECTED),  # just under
        (Majority.TWO_THIRDS, 20, 10, 40, None, Verdict.ADOPTED),  # abstentions not cast
        (Majority.TWO_THIRDS, 0, 0, 9, None, Verdict.REJECTED),  # no vote cast at all
        (Majority.TWO_THIRDS, 1, 0, 0, None, Verdict.ADOPTED),
        (Majority.ABSOLUTE, 61, 0, 0, 120, Verdict.ADOPTED),  # more than half of 120
        (Majority.ABSOLUTE, 60, 0, 0, 120, Verdict.REJECTED),  # half is not more than half
        (Majority.ABSOLUTE, 50, 2, 0, 99, Verdict.ADOPTED),  # 49.5 → 50
        (Majority.ABSOLUTE, 40, 1, 0, 120, Verdict.REJECTED),  # most of the votes, too few cards
        (Majority.ABSOLUTE, 0, 0, 0, 0, Verdict.REJECTED),  # no card issued
        (Majority.ABSOLUTE, 61, 0, 0, None, Verdict.UNDECIDED),  # cards unknown
    ],
)
def test_each_rule_and_its_edges(majority: Majority, yes: int, no: int, abstain: int,
                                 issued: int | None, verdict: Verdict) -> None:  # fmt: skip
    cards = CardCount(issued, issued) if issued is not None else None
    assert decide(motion(majority), Votes(yes, no, abstain), cards).verdict is verdict


def test_the_quorum_is_checked_first_and_said_when_reached() -> None:
    poll = motion(quorum=Quorum(50, percent=True))
    assert decide(poll, Votes(1, 0, 0), CardCount(121, 60)).verdict is Verdict.NO_QUORUM
    reached = decide(poll, Votes(1, 0, 0), CardCount(121, 61))
    assert reached.verdict is Verdict.ADOPTED and reached.quorum == 61
    assert (
        reached.quorum_note() == "Beschlussfähig: 61 von 121 Stimmkarten anwesend, erforderlich 61."
    )
    assert decide(poll, Votes(9, 0, 0), None).verdict is Verdict.UNDECIDED
    assert sentence(poll, 9, 0) == (
        "Nicht entschieden: 9 Ja, 0 Nein; erforderlich: einfache Mehrheit, doch die"
        " Stimmkarten der Sitzung sind nicht bekannt."
    )
    # No card issued: a share of none is no card, and no card present decides nothing.
    assert decide(poll, Votes(0, 0, 0), CardCount(0, 0)).verdict is Verdict.NO_QUORUM
    assert sentence(poll, 0, 0, cards=CardCount(1, 0)) == (
        "Nicht beschlussfähig: 0 von 1 Stimmkarte anwesend, erforderlich 1."
    )
    assert decide(motion(), Votes(3, 1, 0), CardCount(5, 0)).quorum_note() is None


def test_a_show_of_hands_counts_and_is_said() -> None:
    outcome = decide(motion(), Votes(40, 12, 3), None, hands=Votes(10, 2, 0))
    assert outcome.sentence() == (
        "Angenommen: 40 Ja, 12 Nein, 3 Enthaltungen (davon per Handzeichen: 10 Ja,"
        " 2 Nein); erforderlich: einfache Mehrheit."
    )


@given(
    majority=st.sampled_from(Majority),
    yes=st.integers(0, 500), no=st.integers(0, 500), abstain=st.integers(0, 500),
    issued=st.integers(0, 1000),
)  # fmt: skip
def test_the_rules_agree_with_their_definitions(
    majority: Majority, yes: int, no: int, abstain: int, issued: int
) -> None:
    outcome = decide(motion(majority), Votes(yes, no, abstain), CardCount(issued, issued))
    adopted = {
        Majority.SIMPLE: yes > no,
        Majority.TWO_THIRDS: yes + no > 0 and 3 * yes >= 2 * (yes + no),
        Majority.ABSOLUTE: 2 * yes > issued,
    }[majority]
    assert outcome.adopted is adopted
    assert outcome.verdict in (Verdict.ADOPTED, Verdict.REJECTED)
    # More Ja never turns an adopted motion down; an abstention never changes it.
    more = decide(motion(majority), Votes(yes + 1, no, abstain), CardCount(issued, issued))
    assert more.adopted or not adopted
    abstained = decide(motion(majority), Votes(yes, no, abstain + 1), CardCount(issued, issued))
    assert abstained.adopted is adopted


def test_the_results_carry_the_outcome_phones_and_hands_together() -> None:
    poll = motion(Majority.TWO_THIRDS, Quorum(10))
    tally = Tally("m", 1, (30, 12, 3), (4, 2, 0), 45, 45)
    shown = Results.of(poll, tally, cards=CardCount(40, 30))
    assert shown.motion is not None and shown.motion.votes == Votes(34, 14, 3)
    assert shown.motion.hands == Votes(4, 2, 0)
    wire = shown.as_json(lang=Lang.DE)
    outcome = wire["outcome"]
    assert isinstance(outcome, dict)
    assert outcome["headline"] == "ANGENOMMEN" and outcome["adopted"] is True
    assert outcome["sentence"] == (
        "Angenommen: 34 Ja, 14 Nein, 3 Enthaltungen (davon per Handzeichen: 4 Ja, 2 Nein);"
        " erforderlich: zwei Drittel der abgegebenen Stimmen (32 Ja)."
    )
    assert cards_from_json(wire["cards"]) == CardCount(40, 30)
    assert Results.of(poll, tally).as_json()["outcome"]["verdict"] == "undecided"  # type: ignore[index]
    single = dataclasses.replace(poll, type=PollType.SINGLE, majority=None, quorum=None)
    assert Results.of(single, tally).as_json()["outcome"] is None


@pytest.mark.parametrize("data", [None, {}, {"issued": "3", "present": 1}, {"issued": True,
                                  "present": 1}, [1, 2]])  # fmt: skip
def test_cards_from_json_reads_only_whole_numbers(data: object) -> None:
    assert cards_from_json(data) is None
