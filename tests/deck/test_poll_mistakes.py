"""Poll mistakes that YAML reads without a word: said, on their line."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.commands import impuls
from tests.support.decks import deck, warnings

POLL = "# Frage\n\n```poll\nid: a\ntype: single\nquestion: Nutzen Sie das?\noptions: {}\n```\n"


def test_flow_list_that_splits_a_phrase_is_warned_about_where_it_stands() -> None:
    found = deck(POLL.format("[Ja, regelmäßig, Nein, nie]"))
    assert found.slides[0].polls[0].options == ("Ja", "regelmäßig", "Nein", "nie")  # as YAML
    assert warnings(found) == [(7, "poll.option_split"), (7, "poll.option_split")]
    said = [dict(problem.params) for problem in found.warnings]
    assert said == [{"first": "Ja", "second": "regelmäßig"}, {"first": "Nein", "second": "nie"}]


@pytest.mark.parametrize(
    "options",
    [
        pytest.param('["Ja, regelmäßig", "Nein, nie"]', id="quoted"),
        pytest.param("[Ja, Nein, Weiß nicht]", id="every item capitalised"),
        pytest.param("[rot, grün, blau]", id="every item in lower case"),
        pytest.param("[Ja, 'regelmäßig', Nein]", id="a quoted item is as meant"),
        pytest.param("\n  - Ja\n  - regelmäßig", id="a block list is one item a line"),
        pytest.param("[1, 2, 3]", id="numbers"),
        pytest.param("[Ja, eher ja, eher nein, Nein]", id="a run of lower-case items"),
        pytest.param("[Ja, nein]", id="joined, no poll would be left"),
        pytest.param("[ja, Nein, Vielleicht]", id="a lower-case first item continues nothing"),
    ],
)
def test_lists_written_as_meant_are_not_warned_about(options: str) -> None:
    assert warnings(deck(POLL.format(options))) == []


def test_one_phrase_split_among_others_is_found() -> None:
    found = deck(POLL.format("[Ja, aber selten, Nein, Weiß nicht]"))
    assert [dict(problem.params) for problem in found.warnings] == [
        {"first": "Ja", "second": "aber selten"}
    ]


def test_check_shows_file_line_and_how_to_write_the_option(tmp_path: Path) -> None:
    path = tmp_path / "umfrage.md"
    path.write_text(POLL.format("[Ja, regelmäßig, Nein, nie]"), encoding="utf-8")
    result = impuls("check", path)
    assert result.returncode == 0, result.stdout + result.stderr
    out = result.stdout + result.stderr
    assert f"{path}:7:" in out
    assert '"Ja, regelmäßig"' in out and '"Nein, nie"' in out
