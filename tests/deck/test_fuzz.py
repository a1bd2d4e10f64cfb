"""Generated decks: the parser returns a Deck or raises a DeckError with a line. Nothing else."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from markdown.blockparser import BlockParser

from workshop_app.deck import Deck, DeckError
from workshop_app.deck.parser import parse_deck

SEPARATORS = ["---", " ---", "---  ", "   ---", "----", "***", "___", "- - -", "--- x", "\t---"]
FENCES = ["```", "~~~", "````", "```poll", "~~~poll", "```python", "``` poll `x`"]
COMMENT_PARTS = [
    "<!--",
    "-->",
    "<!-- _class: lead -->",
    "<!-- class: x\npaginate: [ -->",
    "<!-- -- -->",
]
YAML_LINES = [
    "id: a", "id: b", "type: single", "type: multiple", "type: scale", "type: text",
    "type: ranking", "type: [", "question: Q?", "question:", "options: [A, B]",
    "options: [Yes, No, true]", "options:\n  - A\n  - A", "max_choices: 2", "min: 1",
    "max: 5", "max: 99", "labels: [a, b]", "max_length: 10", "compare_with: a",
    "compare_with: b", "title: T", "aspect: 16:9", "aspect: 1:2", "duration: 45",
    "lang: en", "theme: dark", "paginate: true", "marp: true", "size: 4K", ": :", "- x",
    "&a [*a, *a]", "? [x]\n: y", "'unclosed", "{a: 1, a: 2}", "\"\\x\"", "!!python/object:os.system x",
]  # fmt: skip
MARKDOWN = [
    "# Titel", "## Zwei", "- a", "  - b", "    - c", "1. eins", "3. drei", "> Zitat",
    "| A | B |", "|---|---|", "| 1 | 2 |", "**fett** *kursiv* `code`", "[x](y)",
    "![bild](bild.png)", "![bg](https://x.org/a.png)", "<script>x</script>", "&copy; &#0; &#x110000;",
    "\x02wzxhzdk:0\x03", "    code", "* * *", "[^1]: fn", "Text\n===", "\\", "<!", "[", "](",
]  # fmt: skip

odd_text = st.text(alphabet=st.characters(codec="utf-8"), max_size=40)  # utf-8: no surrogates
huge_line = st.builds(
    lambda piece, count: piece * count,
    st.sampled_from(["x", "*", "_", "[", "`", "<!--", "- ", "> ", "ä", "\u2028", "#", "|", " "]),
    st.integers(min_value=1_000, max_value=20_000),
)
fragment = st.one_of(
    st.sampled_from(SEPARATORS),
    st.sampled_from(FENCES),
    st.sampled_from(COMMENT_PARTS),
    st.sampled_from(YAML_LINES),
    st.sampled_from(MARKDOWN),
    st.just(""),
    odd_text,
)
deck_source = st.builds(
    lambda head, lines, tail, newline: newline.join([*head, *lines, *tail]),
    st.one_of(st.just([]), st.lists(st.sampled_from(["---", *YAML_LINES]), max_size=6)),
    st.lists(fragment, max_size=40),
    st.lists(huge_line, max_size=1),
    st.sampled_from(["\n", "\r\n", "\r"]),
)


def check_outcome(source: str) -> None:
    line_count = source.replace("\r\n", "\n").replace("\r", "\n").count("\n") + 1
    try:
        deck = parse_deck(source)
    except DeckError as error:
        assert error.errors, "a DeckError must carry at least one error"
        for problem in error.problems:
            assert isinstance(problem.line, int), problem
            assert 1 <= problem.line <= line_count, (problem, line_count)
            assert problem.message()  # every message id exists and formats
        return
    assert isinstance(deck, Deck)
    assert deck.slides
    lines = [slide.line for slide in deck.slides]
    assert lines == sorted(lines) and len(set(lines)) == len(lines)
    assert all(1 <= line <= line_count for line in lines)
    for problem in deck.warnings:
        assert problem.line is not None and 1 <= problem.line <= line_count, problem
        assert problem.message()


@pytest.mark.slow
@settings(
    max_examples=5_000,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    database=None,
)
@given(deck_source)
def test_generated_decks_give_a_deck_or_a_located_error(source: str) -> None:
    check_outcome(source)


@settings(max_examples=300, deadline=None, database=None)
@given(st.text(max_size=300))
def test_arbitrary_text_gives_a_deck_or_a_located_error(source: str) -> None:
    check_outcome(source)


@pytest.mark.parametrize(
    "source",
    [
        "> " * 2000 + "tief",
        "- " * 2000 + "tief",
        "```poll\n" + "[" * 5000 + "\n```\n",
        "---\ntitle: " + "[" * 5000 + "\n---\n# A\n",
        "*" * 100_000,
        "[" * 50_000 + "](" * 50_000,
    ],
    ids=["deep quotes", "deep list", "deep poll yaml", "deep front matter", "stars", "brackets"],
)
def test_pathological_inputs(source: str) -> None:
    check_outcome(source)


def _block_parser_overflowing_at(depth: int) -> Callable[..., object]:
    """The real BlockParser.parseBlocks, raising RecursionError `depth` levels deep.

    Python-Markdown before 3.11 recursed once per level of a nested list or quote
    until the interpreter overflowed; 3.11 stops nesting short of the limit. So no
    input overflows on every supported version, and the guard is driven from the
    one place where the overflow happened: mid-parse, with the parser's state pushed.
    """
    real = BlockParser.parseBlocks
    level = 0

    def parse_blocks(self: BlockParser, parent: object, blocks: list[str]) -> None:
        nonlocal level
        level += 1
        try:
            if level > depth:
                raise RecursionError("maximum recursion depth exceeded")
            real(self, parent, blocks)  # type: ignore[arg-type]
        finally:
            level -= 1

    return parse_blocks


def test_too_deep_nesting_is_a_located_error_and_leaves_no_state_behind(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A conversion that overflows is reported on its line; the next deck is unaffected."""
    with monkeypatch.context() as patched:
        patched.setattr(BlockParser, "parseBlocks", _block_parser_overflowing_at(40))
        with pytest.raises(DeckError) as caught:
            parse_deck("# A\n\nText\n\n" + "- " * 100 + "tief\n")
    assert [(e.message_id, e.line) for e in caught.value.errors] == [("markdown.too_deep", 5)]
    after = parse_deck("# A\n\nText\n\n- eins\n    - zwei\n\n> Zitat\n")
    assert [type(block).__name__ for block in after.slides[0].blocks] == [
        "Heading",
        "Paragraph",
        "ListBlock",
        "Quote",
    ]


@pytest.mark.parametrize("marker", ["- ", "> ", "1. "])
def test_absurd_nesting_gives_a_deck_or_the_too_deep_error(marker: str) -> None:
    """Whatever the installed Python-Markdown does with it: never a crash, never a hang."""
    try:
        deck = parse_deck("# A\n\n" + marker * 3000 + "tief\n")
    except DeckError as error:
        assert error.errors[0].message_id == "markdown.too_deep"
    else:
        assert [slide.title for slide in deck.slides] == ["A"]
