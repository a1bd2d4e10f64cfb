"""One rounding for every figure a person reads, printed or in a file (issue 31, goal 1).

One vote of 80 is 1.25 %. The handout printed "1,3 %" (half up, as people round),
while the CSV and the JSON wrote 1.2: Python's round() works on the binary value
and rounds half to even.
"""

from __future__ import annotations

from workshop_app.deck.parser import parse_deck
from workshop_app.i18n import Lang
from workshop_app.session.results import Results
from workshop_app.session.tally import Tally

DECK = parse_deck(
    "# Umfrage\n\n```poll\nid: achtzig\ntype: single\nquestion: Wer?\noptions: [Eine, Alle]\n```\n",
    None,
)


def test_a_share_rounds_alike_on_paper_and_in_the_files() -> None:
    (poll,) = DECK.polls
    shown = Results.of(poll, Tally(poll.id, 1, (1, 79), (0, 0), 80, 80))
    first = shown.by_index()[0]
    assert shown.percent(first, Lang.DE) == "1,3 %"  # the handout's table
    assert shown.share(first) == 1.3  # the CSV's and the JSON's
    assert shown.as_json()["percent"] == [1.3, 98.8]  # 98.75: half up as well
    assert shown.amount(first, Lang.EN) == "1 · 1 %"
