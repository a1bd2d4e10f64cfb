"""Every error the deck format knows, each on its line."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.decks import errors
from workshop_app.deck import DeckError
from workshop_app.deck.loader import load_deck
from workshop_app.deck.parser import parse_deck

POLL_HEAD = "# Frage\n```poll\n"  # the YAML of a poll then starts on line 3


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        pytest.param("", [(1, "deck.empty")], id="empty file"),
        pytest.param("  \n\n\t\n", [(1, "deck.empty")], id="blank file"),
        pytest.param("---\ntitle: T\n---\n", [(1, "deck.no_slides")], id="front matter only"),
        pytest.param(
            "---\ntitle: T\n# A\n", [(1, "frontmatter.unclosed")], id="front matter unclosed"
        ),
        pytest.param(
            "---\ntitle: A\ntitle: B\n---\n# A\n", [(3, "yaml.duplicate_key")], id="duplicate key"
        ),
        pytest.param(
            "---\ntitle: {a: b}\n---\n# A\n", [(2, "frontmatter.expected_text")], id="title map"
        ),
        pytest.param(
            "---\nduration: lang\n---\n# A\n", [(2, "frontmatter.bad_duration")], id="duration text"
        ),
        pytest.param(
            "---\nduration: 0\n---\n# A\n", [(2, "frontmatter.bad_duration")], id="duration zero"
        ),
        pytest.param("---\naspect: 21:9\n---\n# A\n", [(2, "frontmatter.bad_aspect")], id="aspect"),
        pytest.param(
            "---\npaginate: ja\n---\n# A\n", [(2, "frontmatter.expected_flag")], id="paginate"
        ),
        pytest.param("---\ntitle: \x00\n---\n# A\n", None, id="nul in yaml is replaced, no error"),
        pytest.param(
            "# A\n\n<!-- offen\n\n---\n# B\n", [(3, "comment.unclosed")], id="comment unclosed"
        ),
        pytest.param(
            "# A\n\n```poll\nid: x\n---\n# B\n", [(3, "fence.unclosed")], id="poll unclosed"
        ),
        pytest.param(POLL_HEAD + "```\n", [(2, "poll.empty")], id="poll empty"),
        pytest.param(POLL_HEAD + "[1, 2]\n```\n", [(3, "poll.not_mapping")], id="poll list"),
        pytest.param(
            POLL_HEAD + "id: a\ntype: single\nquestion: Q\noptions: [A, B\n```\n",
            [(6, "yaml.syntax")],
            id="poll broken yaml",
        ),
        pytest.param(
            POLL_HEAD + "id: a\ntype: quiz\nquestion: Q\n```\n",
            [(4, "poll.unknown_type")],
            id="unknown poll type",
        ),
        pytest.param(
            POLL_HEAD + "id: a\ntype: text\nquestion: Q\nfarbe: x\n```\n",
            [(6, "poll.unknown_key")],
            id="unknown poll key without hint",
        ),
        pytest.param(
            POLL_HEAD + "id: a\ntype: single\nquestion: Q\noptions: [A, B]\nqestion: x\n```\n",
            [(7, "poll.unknown_key_hint")],
            id="unknown poll key",
        ),
        pytest.param(
            POLL_HEAD + "id: a\ntype: single\noptions: [A, B]\n```\n",
            [(2, "poll.missing_key")],
            id="missing question",
        ),
        pytest.param(
            POLL_HEAD + "id: a\ntype: single\nquestion: Q\n```\n",
            [(2, "poll.missing_key_for_type")],
            id="missing options",
        ),
        pytest.param(
            POLL_HEAD + "id: a\ntype: scale\nquestion: Q\nmin: 1\n```\n",
            [(2, "poll.missing_key_for_type")],
            id="scale without max",
        ),
        pytest.param(
            POLL_HEAD + "id: a\ntype: single\nquestion: Q\noptions: [A, B]\nmax_choices: 1\n```\n",
            [(7, "poll.key_not_for_type")],
            id="key for another type",
        ),
        pytest.param(
            POLL_HEAD + "id: a b\ntype: text\nquestion: Q\n```\n", [(3, "poll.bad_id")], id="bad id"
        ),
        pytest.param(
            POLL_HEAD + "id: a\ntype: text\nquestion: ' '\n```\n",
            [(5, "poll.empty_question")],
            id="blank question",
        ),
        pytest.param(
            POLL_HEAD + "id: a\ntype: single\nquestion: Q\noptions: A, B\n```\n",
            [(6, "poll.expected_list")],
            id="options not a list",
        ),
        pytest.param(
            POLL_HEAD + "id: a\ntype: single\nquestion: Q\noptions: [A, true]\n```\n",
            [(6, "poll.expected_list")],
            id="boolean option",
        ),
        pytest.param(
            POLL_HEAD + "id: a\ntype: single\nquestion: Q\noptions: [A]\n```\n",
            [(6, "poll.option_count")],
            id="one option",
        ),
        pytest.param(
            POLL_HEAD + "id: a\ntype: single\nquestion: Q\noptions: [A, a]\n```\n",
            [(6, "poll.duplicate_option")],
            id="duplicate option",
        ),
        pytest.param(
            POLL_HEAD + "id: a\ntype: single\nquestion: Q\noptions: [A, '']\n```\n",
            [(6, "poll.empty_item")],
            id="empty option",
        ),
        pytest.param(
            POLL_HEAD
            + "id: a\ntype: multiple\nquestion: Q\noptions: [A, B]\nmax_choices: 3\n```\n",
            [(7, "poll.bad_max_choices")],
            id="max_choices too big",
        ),
        pytest.param(  # the third rehearsal: "between 1 and 0" said once more what was missing
            POLL_HEAD
            + "id: a\ntype: multiple\nquestion: Q\nanswers: [A, B]\nmax_choices: 2\n```\n",
            [(6, "poll.unknown_key_hint"), (2, "poll.missing_key_for_type")],
            id="max_choices without options",
        ),
        pytest.param(
            POLL_HEAD
            + "id: a\ntype: multiple\nquestion: Q\noptions: [A, B]\nmax_choices: '2'\n```\n",
            [(7, "poll.expected_integer")],
            id="max_choices text",
        ),
        pytest.param(
            POLL_HEAD + "id: a\ntype: scale\nquestion: Q\nmin: 5\nmax: 1\n```\n",
            [(7, "poll.bad_scale")],
            id="scale reversed",
        ),
        pytest.param(
            POLL_HEAD + "id: a\ntype: scale\nquestion: Q\nmin: 1\nmax: 5\nlabels: [a, b, c]\n```\n",
            [(8, "poll.bad_labels")],
            id="scale labels",
        ),
        pytest.param(
            POLL_HEAD + "id: a\ntype: text\nquestion: Q\nmax_length: 0\n```\n",
            [(6, "poll.bad_max_length")],
            id="text length",
        ),
        pytest.param(
            POLL_HEAD + "id: a\ntype: text\nquestion: Q\nquestion: R\n```\n",
            [(6, "yaml.duplicate_key")],
            id="duplicate poll key",
        ),
        pytest.param(
            POLL_HEAD + "id: a\ntype: text\nquestion: Q\ncompare_with: b\n```\n",
            [(2, "poll.compare_missing")],
            id="compare with unknown",
        ),
        pytest.param(
            "```poll\nid: a\ntype: text\nquestion: Q\n```\n---\n```poll\nid: a\ntype: text\nquestion: R\n```\n",
            [(7, "poll.duplicate_id")],
            id="duplicate poll id",
        ),
        pytest.param(
            "```poll\nid: a\ntype: text\nquestion: Q\n```\n```poll\nid: b\ntype: text\nquestion: R\n```\n",
            [(6, "poll.second_on_slide")],
            id="two polls on a slide",
        ),
        pytest.param(
            "```poll\nid: a\ntype: single\nquestion: Q\noptions: [A, B]\ncompare_with: b\n```\n---\n"
            "```poll\nid: b\ntype: single\nquestion: Q\noptions: [A, C]\n```\n",
            [(1, "poll.compare_mismatch")],
            id="compare different options",
        ),
        pytest.param(
            "# A\n\n" + "[x](y) " * 300 + "\n" + "[x](y) " * 101 + "\nText\n",
            [(4, "markdown.too_many_brackets")],
            id="too many brackets",
        ),
        pytest.param(
            "# A\n\nText\n\n![](javascript:x)\n", [(5, "image.unsupported")], id="image scheme"
        ),
    ],
)
def test_error_names_its_line(
    source: str, expected: list[tuple[int, str]] | None, tmp_path: Path
) -> None:
    if expected is None:
        load_path = tmp_path / "d.md"
        load_path.write_text(source, encoding="utf-8")
        assert load_deck(load_path).warnings[0].line == 2
        return
    assert errors(source, tmp_path / "deck.md") == expected


def test_all_errors_are_reported_at_once() -> None:
    source = (
        "---\nduration: x\n---\n# A\n```poll\nid: a\ntype: quiz\nquestion: Q\n```\n"
        "---\n```poll\nid: b\ntype: single\nquestion: Q\noptions: [x]\n```\n"
    )
    assert errors(source, Path("/nonexistent/deck.md")) == [
        (2, "frontmatter.bad_duration"),
        (7, "poll.unknown_type"),
        (15, "poll.option_count"),
    ]


def test_error_message_names_file_and_line_in_both_languages(tmp_path: Path) -> None:
    path = tmp_path / "kaputt.md"
    path.write_text("# A\n```poll\nid: a\ntype: quiz\nquestion: Q\n```\n", encoding="utf-8")
    with pytest.raises(DeckError) as caught:
        load_deck(path)
    problem = caught.value.problems[0]
    assert problem.format() == (
        f"{path}:4: Fehler: unbekannter Umfragetyp „quiz“; erlaubt: single, multiple, scale, "
        "text, ranking, motion"
    )
    assert problem.format("en") == (
        f"{path}:4: error: unknown poll type 'quiz'; allowed: single, multiple, scale, text, ranking, "
        "motion"
    )
    assert caught.value.line == 4
    assert caught.value.path == path


def test_file_not_utf8_names_the_line(tmp_path: Path) -> None:
    path = tmp_path / "latin1.md"
    path.write_bytes("# Eins\n\nÄrger\n".encode("latin-1"))
    with pytest.raises(DeckError) as caught:
        load_deck(path)
    assert (caught.value.line, caught.value.errors[0].message_id) == (3, "file.not_utf8")
    assert "0xC4" in caught.value.errors[0].message()


def test_missing_file_and_folder(tmp_path: Path) -> None:
    with pytest.raises(DeckError) as caught:
        load_deck(tmp_path / "nix.md")
    assert caught.value.errors[0].message_id == "file.not_found"
    with pytest.raises(DeckError) as caught:
        load_deck(tmp_path)
    assert caught.value.errors[0].message_id == "file.is_directory"


def test_file_too_large(tmp_path: Path) -> None:
    path = tmp_path / "riesig.md"
    with path.open("wb") as handle:
        handle.truncate(17 * 1024 * 1024)
    with pytest.raises(DeckError) as caught:
        load_deck(path)
    assert caught.value.errors[0].message_id == "file.too_large"


def test_a_duplicate_poll_id_is_reported_when_the_first_poll_is_broken() -> None:
    # The first block has an error of its own; the second must still be named a duplicate.
    source = (
        "# A\n\n```poll\nid: a\ntype: quiz\nquestion: Q\n```\n\n---\n\n"
        "```poll\nid: a\ntype: single\nquestion: Q\noptions: [x, y]\n```\n"
    )
    assert errors(source) == [(5, "poll.unknown_type"), (11, "poll.duplicate_id")]


@pytest.mark.parametrize(
    ("key", "meant"),
    [("answers", "options"), ("choices", "options"), ("Antworten", "options"),
     ("frage", "question"), ("Typ", "type")],
)  # fmt: skip
def test_a_key_written_in_other_words_names_the_key_meant(key: str, meant: str) -> None:
    # Before: `answers:` was "unbekannter Umfrage-Schlüssel" with no way on, while the
    # typo `Type:` already got "gemeint: „type“?".
    source = (
        f"# A\n\n```poll\nid: a\ntype: single\nquestion: Q\noptions: [A, B]\n{key}: [A, B]\n```\n"
    )
    with pytest.raises(DeckError) as caught:
        parse_deck(source)
    (problem,) = caught.value.errors
    assert (problem.line, problem.message_id, dict(problem.params)) == (
        8,
        "poll.unknown_key_hint",
        {"key": key, "hint": meant},
    )
    assert f"gemeint: „{meant}“" in str(caught.value)


def test_a_broken_partner_poll_is_not_also_called_missing() -> None:
    source = (
        "# A\n\n```poll\nid: vorher\ntype: single\nquestion: Q?\noptions: [Ja, Nein]\n"
        "compare_with: nachher\n```\n\n---\n\n```poll\nid: nachher\ntype: einzel\n"
        "question: Q?\noptions: [Ja, Nein]\ncompare_with: vorher\n```\n"
    )
    with pytest.raises(DeckError) as raised:
        parse_deck(source)
    assert [p.message_id for p in raised.value.errors] == ["poll.unknown_type"]
