"""A poll block's YAML mistakes said in the speaker's words, with the fix (second rehearsal).

`question: Ordnen Sie: Woher …` gave "YAML-Fehler: mapping values are not allowed in
this context", and `type: rangking` listed the types without saying which was meant.
"""

from __future__ import annotations

import pytest

from tests.support.decks import errors

POLL = "# A\n\n```poll\nid: r\ntype: {type}\nquestion: {question}\noptions: [Web, Messe]\n```\n"


@pytest.mark.parametrize(
    ("question", "said", "line"),
    [
        ("Ordnen Sie: Woher kommen Ihre Kunden?", "yaml.colon_in_text", 6),
        ('"Woher kommen Ihre Kunden?', "yaml.unclosed_quote", 7),
    ],
)
def test_common_yaml_mistakes_are_explained(question: str, said: str, line: int) -> None:
    assert errors(POLL.format(type="single", question=question)) == [(line, said)]


def test_a_tab_for_indenting_is_explained() -> None:
    source = (
        "# A\n\n```poll\nid: r\ntype: single\nquestion: Wer?\noptions:\n\t- Web\n\t- Messe\n```\n"
    )
    assert [said for _, said in errors(source)] == ["yaml.tab_indent"]


def test_a_mistyped_poll_type_says_which_was_meant() -> None:
    assert errors(POLL.format(type="rangking", question="Wer?")) == [(5, "poll.unknown_type_hint")]
