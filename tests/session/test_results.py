"""The results model: what 100 % is, the order of the rows, the pre/post pair."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from workshop_app.deck import Poll, PollType
from workshop_app.deck.parser import parse_deck
from workshop_app.i18n import number, tr
from workshop_app.session.ballots import ballot_for
from workshop_app.session.results import Base, Results, comparison
from workshop_app.session.tally import Tally

SINGLE = Poll("s", PollType.SINGLE, "?", 1, options=("A", "B", "C"))
MULTIPLE = Poll("m", PollType.MULTIPLE, "?", 1, options=("A", "B", "C"), max_choices=3)
RANKING = Poll("r", PollType.RANKING, "?", 1, options=("A", "B", "C"))


def counted(poll: Poll, phones: tuple[int, ...], hands: tuple[int, ...], ballots: int) -> Tally:
    return Tally(poll.id, 1, phones, hands, ballots, ballots)


def test_multiple_choice_is_a_share_of_voters_and_may_add_up_past_100() -> None:
    # 10 phones ticked 17 boxes; 2 people raised a hand for A, 1 for B.
    shown = Results.of(MULTIPLE, counted(MULTIPLE, (8, 5, 4), (2, 1, 0), 10))
    assert (shown.base, shown.base_count) == (Base.VOTERS, 12)
    assert [round(r.share, 1) for r in shown.rows] == [83.3, 50.0, 33.3]
    assert shown.amount(shown.rows[0], "de") == "10 · 83 %"
    assert shown.base_note("de").startswith("Anteile von 12 Abstimmenden")


def test_single_choice_shares_add_up_to_100_with_hands() -> None:
    shown = Results.of(SINGLE, counted(SINGLE, (1, 0, 0), (4, 1, 2), 1))
    assert (shown.base, shown.base_count) == (Base.VOTES, 8)
    assert [r.share for r in shown.rows] == [62.5, 12.5, 25.0]
    assert shown.percent(shown.rows[0], "en") == "62.5 %"


def test_a_ranking_is_shown_in_the_order_of_its_points() -> None:
    shown = Results.of(RANKING, counted(RANKING, (4, 9, 5), (0, 0, 0), 3))
    assert [(r.key, r.place) for r in shown.rows] == [("B", 1), ("C", 2), ("A", 3)]
    assert [r.key for r in shown.by_index()] == ["A", "B", "C"]
    assert shown.amount(shown.rows[0], "de") == "9 Punkte"
    assert shown.as_json()["order"] == [1, 2, 0]


def test_a_scale_from_zero_counts_its_zeros() -> None:
    deck = parse_deck(
        "# Skala\n\n```poll\nid: wie-sehr\ntype: scale\nquestion: Wie sehr?\nmin: 0\nmax: 10\n```\n"
    )
    poll = deck.polls[0]
    assert list(poll.scale) == list(range(11))
    assert ballot_for(poll, 0).value == 0  # was refused: `scale_min or 1` made 0 into 1
    shown = Results.of(poll, Tally(poll.id, 1, (), (), 3, 3, values={0: 2, 10: 1}))
    assert [r.key for r in shown.rows][:2] == ["0", "1"] and shown.rows[0].total == 2
    assert round(shown.rows[0].share, 1) == 66.7 and shown.base_count == 3
    assert shown.as_json()["values"] == {
        str(v): n for v, n in zip(poll.scale, [2] + [0] * 9 + [1], strict=True)
    }


def test_a_deck_edited_live_fits_the_counts_to_its_answers() -> None:
    shown = Results.of(SINGLE, counted(SINGLE, (1, 2), (0, 0, 0, 5), 3))  # fewer, more
    assert [(r.phones, r.hands) for r in shown.rows] == [(1, 0), (2, 0), (0, 0)]


def test_a_pair_needs_an_earlier_poll_that_was_counted() -> None:
    after = Results.of(SINGLE, counted(SINGLE, (1, 1, 2), (0, 0, 0), 4))
    never = Results.of(SINGLE, counted(SINGLE, (0, 0, 0), (0, 0, 0), 0))
    assert comparison(never, after) is None and comparison(None, after) is None
    before = Results.of(SINGLE, counted(SINGLE, (2, 2, 0), (0, 0, 0), 4))
    pair = comparison(before, after)
    assert pair is not None
    assert [(s.before, s.after, s.points) for s in pair.shifts] == [
        (50.0, 25.0, -25.0), (50.0, 25.0, -25.0), (0.0, 50.0, 50.0),
    ]  # fmt: skip
    assert pair.shifts[2].text("de") == "+50 Pp."


def test_a_shift_is_the_difference_of_the_shares_as_printed() -> None:
    # 8 of 27 before (29.6 %, printed 30 %), 21 of 52 after (40.4 %, printed 40 %):
    # the unrounded difference, 10.75, was printed "+11 Pp." under "30 → 40 %".
    before = Results.of(SINGLE, counted(SINGLE, (8, 19, 0), (0, 0, 0), 27))
    after = Results.of(SINGLE, counted(SINGLE, (21, 31, 0), (0, 0, 0), 52))
    pair = comparison(before, after)
    assert pair is not None
    first = pair.shifts[0]
    assert (number(first.before, 0), number(first.after, 0)) == ("30", "40")
    assert first.text("de") == "+10 Pp." and first.points == 10
    second = pair.shifts[1]  # 70.4 → 59.6: printed 70 → 60
    assert second.text("en") == tr("results.shift", "en", shift="−10")


@given(
    st.lists(st.lists(st.integers(0, 2), max_size=3, unique=True), max_size=30),
    st.lists(st.integers(0, 50), min_size=3, max_size=3),
)
def test_no_share_of_voters_is_above_100(ballots: list[list[int]], hands: list[int]) -> None:
    phones = tuple(sum(i in ticked for ticked in ballots) for i in range(3))
    shown = Results.of(MULTIPLE, counted(MULTIPLE, phones, tuple(hands), len(ballots)))
    assert all(0 <= row.share <= 100 for row in shown.rows)
    if shown.base_count:
        assert max(row.share for row in shown.rows) > 0 or (not any(phones) and not any(hands))
