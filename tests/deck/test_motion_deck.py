"""A motion in the deck: `type: motion`, who may vote, the majority and the quorum."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.support.commands import impuls
from tests.support.decks import deck, errors, warnings
from workshop_app.deck import Eligible, Majority, PollType, Quorum
from workshop_app.deck.poll_form import PollForm, check_poll_form, poll_block_text, read_poll_form
from workshop_app.session.ballots import ballot_for
from workshop_app.session.model import StoreError


def _motion(body: str, lang: str = "de") -> str:
    return f"---\nlang: {lang}\n---\n# Mitgliederversammlung\n\n```poll\n{body}\n```\n"


def test_a_motion_has_the_fixed_answers_in_the_decks_language() -> None:
    german = deck(_motion("id: m\ntype: motion\nquestion: Entlastung des Vorstands?")).polls[0]
    assert german.type is PollType.MOTION and german.motion
    assert german.options == ("Ja", "Nein", "Enthaltung")
    assert (german.eligible, german.majority, german.quorum) == (
        Eligible.ALL, Majority.SIMPLE, None)  # fmt: skip
    english = deck(_motion("id: m\ntype: Motion\nquestion: Discharge?", "en")).polls[0]
    assert english.options == ("Yes", "No", "Abstain")


def test_majority_quorum_and_cards_are_read() -> None:
    body = "id: m\ntype: motion\nquestion: Satzung?\neligible: cards\nmajority: two-thirds\n"
    poll = deck(_motion(body + "quorum: 50%")).polls[0]
    assert (poll.eligible, poll.majority, poll.quorum) == (
        Eligible.CARDS, Majority.TWO_THIRDS, Quorum(50, percent=True))  # fmt: skip
    poll = deck(_motion(body.replace("two-thirds", "absolute") + "quorum: 30")).polls[0]
    assert (poll.majority, poll.quorum) == (Majority.ABSOLUTE, Quorum(30))
    assert Quorum(50, percent=True).needed(120) == 60
    assert Quorum(50, percent=True).needed(121) == 61  # a share rounds up: 60.5 cards is 61
    assert Quorum(30).needed(120) == 30
    assert (str(Quorum(50, percent=True)), str(Quorum(30))) == ("50%", "30")


def test_cards_are_allowed_on_every_poll_and_warned_where_they_make_no_sense() -> None:
    single = deck(_motion("id: s\ntype: single\nquestion: Q?\noptions: [a, b]\neligible: cards"))
    assert single.polls[0].eligible is Eligible.CARDS and single.warnings == ()
    quiz = deck(_motion("id: q\ntype: single\nquestion: Q?\noptions: [a, b]\ncorrect: a\n"
                        "eligible: cards"))  # fmt: skip
    assert warnings(quiz) == [(12, "motion.cards_quiz")]
    text = deck(_motion("id: t\ntype: text\nquestion: Q?\neligible: cards"))
    assert warnings(text) == [(10, "motion.cards_text")]


@pytest.mark.parametrize(
    ("body", "found"),
    [
        ("type: motion\noptions: [Ja, Nein]", [(10, "motion.options_fixed")]),
        ("type: motion\nmajority: absolute", [(10, "motion.absolute_needs_cards")]),
        ("type: motion\nquorum: 30", [(10, "motion.quorum_needs_cards")]),
        ("type: motion\neligible: cards\nquorum: 0", [(11, "motion.bad_quorum")]),
        ("type: motion\neligible: cards\nquorum: 101%", [(11, "motion.bad_quorum")]),
        ("type: motion\neligible: cards\nquorum: viele", [(11, "motion.bad_quorum")]),
        ("type: motion\neligible: cards\nquorum: 2.5", [(11, "motion.bad_quorum")]),
        ("type: motion\nmajority: most", [(10, "motion.unknown_value")]),
        ("type: motion\nmajority: zweidrittel", [(10, "motion.unknown_value_hint")]),
        ("type: motion\nmajority: two_thirds", [(10, "motion.unknown_value_hint")]),
        ("type: motion\neligible: karten", [(10, "motion.unknown_value_hint")]),
        ("type: motion\nmehrheit: simple", [(10, "poll.unknown_key_hint")]),
        ("type: motion\nsecret: false", [(10, "motion.secret_fixed")]),
        ("type: motion\nsecret: true", [(10, "motion.secret_fixed")]),
        ("type: antrag", [(8, "poll.unknown_type_hint")]),
        ("type: single\noptions: [a, b]\nmajority: simple", [(11, "poll.key_not_for_type")]),
        ("type: text\nquorum: 3\neligible: cards", [(10, "poll.key_not_for_type")]),
        ("type: motion\ncorrect: Ja", [(10, "poll.key_not_for_type")]),
    ],
)
def test_each_mistake_is_an_error_on_its_line(body: str, found: list[tuple[int, str]]) -> None:
    source = _motion(f"id: m\n{body.split(chr(10))[0]}\nquestion: Q?\n"
                     + "\n".join(body.split("\n")[1:]))  # fmt: skip
    assert errors(source) == found


def test_near_misses_say_what_was_meant(tmp_path: Path) -> None:
    path = tmp_path / "versammlung.md"
    path.write_text(_motion("id: m\ntype: antrag\nquestion: Q?\nmehrheit: absolut"), "utf-8")
    said = impuls("check", str(path))
    assert said.returncode == 1
    assert f"{path}:8: Fehler: unbekannter Umfragetyp „antrag“ (gemeint: „motion“?)" in said.stderr
    assert f"{path}:10: Fehler: unbekannter Umfrage-Schlüssel „mehrheit“ (gemeint: „majority“?)" \
        in said.stderr  # fmt: skip
    path.write_text(_motion("id: m\ntype: motion\nquestion: Q?\nmajority: absolut"), "utf-8")
    said = impuls("check", str(path))
    assert f"{path}:10: Fehler: „majority“: „absolut“ ist nicht erlaubt (gemeint: „absolute“?)" \
        in said.stderr  # fmt: skip


def test_a_motion_vote_is_one_pick_of_its_three_answers() -> None:
    poll = deck(_motion("id: m\ntype: motion\nquestion: Q?")).polls[0]
    assert ballot_for(poll, 2).items == ((2, 1),)
    for wrong in (3, [0], "Ja", True):
        with pytest.raises(StoreError):
            ballot_for(poll, wrong)


quorums = st.one_of(st.just(""), st.integers(1, 500).map(str),
                    st.integers(1, 100).map(lambda n: f"{n}%"))  # fmt: skip


@settings(max_examples=100, deadline=None)
@given(
    majority=st.sampled_from(Majority),
    quorum=quorums,
    question=st.sampled_from(["Q?", "Satzung ändern?"]),
)
def test_a_motion_form_round_trips_through_the_deck_reader(
    majority: Majority, quorum: str, question: str
) -> None:
    form = PollForm(type=PollType.MOTION, question=question, id="m", eligible=Eligible.CARDS,
                    majority=majority, quorum=quorum)  # fmt: skip
    block = poll_block_text(form)
    assert "options" not in block
    assert check_poll_form(form, ()) == []
    assert read_poll_form(block) == form


def test_the_form_names_the_field_of_a_rule_that_needs_cards() -> None:
    form = PollForm(type=PollType.MOTION, question="Q?", id="m", majority=Majority.ABSOLUTE,
                    quorum="30")  # fmt: skip
    assert [p.field for p in check_poll_form(form, ())] == ["majority", "quorum"]
    assert poll_block_text(form).split("\n")[3:] == ["majority: absolute", "quorum: 30"]
    fixed = dataclasses.replace(form, eligible=Eligible.CARDS)
    assert check_poll_form(fixed, ()) == []
