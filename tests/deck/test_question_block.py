"""The ```questions block and the `questions` front-matter key: checked like a poll."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.commands import impuls
from tests.support.decks import deck, errors
from workshop_app.deck import QuestionsBlock


def test_an_empty_block_takes_the_defaults_and_a_full_one_its_values() -> None:
    plain = deck("# Ihre Fragen\n```questions\n```\n")
    assert plain.slides[0].questions == QuestionsBlock(line=2)
    assert plain.meta.questions  # phones may ask unless the deck says otherwise
    full = deck("# Diskussion\n```questions\ntitle: Was Sie wissen wollen\ncount: 3\n```\n")
    assert full.slides[0].questions == QuestionsBlock(line=2, title="Was Sie wissen wollen",
                                                      count=3)  # fmt: skip
    off = deck("---\nquestions: false\n---\n# Ohne Fragen\n")
    assert not off.meta.questions


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        pytest.param("# F\n```questions\ncount: 0\n```\n", [(3, "questions.bad_count")],
                     id="count zero"),
        pytest.param("# F\n```questions\ncount: viele\n```\n", [(3, "questions.bad_count")],
                     id="count text"),
        pytest.param("# F\n```questions\ncount: 9\n```\n", [(3, "questions.bad_count")],
                     id="count too many to read"),
        pytest.param("# F\n```questions\ncuont: 3\n```\n", [(3, "questions.unknown_key_hint")],
                     id="typo"),
        pytest.param("# F\n```questions\n- a\n```\n", [(3, "questions.not_mapping")],
                     id="a list"),
        pytest.param("# F\n```questions\n```\n```questions\n```\n",
                     [(4, "questions.not_alone")], id="two lists"),
        pytest.param("# F\n```poll\nid: a\ntype: text\nquestion: Q?\n```\n```questions\n```\n",
                     [(7, "questions.not_alone")], id="with a poll"),
        pytest.param("---\nquestions: false\n---\n# F\n```questions\n```\n",
                     [(5, "questions.switched_off")], id="switched off"),
        pytest.param("---\nquestions: ja\n---\n# F\n", [(2, "frontmatter.expected_flag")],
                     id="not a flag"),
    ],
)  # fmt: skip
def test_every_mistake_is_reported_on_its_line(
    source: str, expected: list[tuple[int, str]]
) -> None:
    assert errors(source) == expected


def test_check_names_the_file_and_line(tmp_path: Path) -> None:
    broken = tmp_path / "diskussion.md"
    broken.write_text("# Ihre Fragen\n\n```questions\ncount: 20\n```\n", encoding="utf-8")
    result = impuls("check", broken)
    assert result.returncode == 1
    assert result.stderr.startswith(f"{broken}:4: Fehler: Fragen-Block: „count“ muss")
