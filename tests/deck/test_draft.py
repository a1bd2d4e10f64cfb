"""The editor's Draft: every edit changes its own slide's bytes and nothing else.

The property tests build decks from the pieces speakers write (front matter or
none, headings, lists, notes, polls, fences holding `---`, setext headings,
`***` separators, CRLF line breaks, a missing last line break), and the real
corpus of public Marp decks; an edit through the slide list or a form must keep
every other slide's text byte for byte, and the file must parse to the same
slides otherwise.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from workshop_app.deck import Slide
from workshop_app.deck.draft import Draft, fenced_blocks, unique_id, with_block
from workshop_app.deck.parser import parse_deck
from workshop_app.paths import ROOT

CORPUS = sorted((ROOT / "tests" / "data" / "marp-corpus").rglob("*.md")) + sorted(
    (ROOT / "workshop_app" / "resources" / "slides").glob("*.md")
)

BODIES = [
    "# Titel\n\nEin Satz.",
    "## Liste\n\n- eins\n- zwei\n\n1. drei",
    "Ein Absatz ohne Überschrift\nüber zwei Zeilen",
    "## Notizen\n\n<!--\nNur für mich\n---\nauch mit Strich\n-->",
    "<!-- _class: lead -->\n\n# Titelfolie",
    "## Code\n\n```python\nx = 1\n---\n```",
    "Setext-Überschrift\n==================\n\nText",
    "## Umfrage\n\n```poll\nid: frage{n}\ntype: single\nquestion: Ja?\noptions: [Ja, Nein]\n```",
    "> Ein Zitat\n\nText danach",
    "![bg right](bild.png)\n\n## Mit Bild",
]
REPLACEMENTS = [
    "## Neu\n\nAbsatz",
    "Nur ein Satz, der als Absatz endet",
    "- Punkt\n- noch einer",
    "# Überschrift",
    "",
    "<!-- Notiz -->",
]


@st.composite
def decks(draw: st.DrawFn) -> str:
    count = draw(st.integers(1, 7))
    bodies = [draw(st.sampled_from(BODIES)).format(n=n) for n in range(count)]
    separators = [draw(st.sampled_from(["---", "***", "___", "- - -"])) for _ in bodies[1:]]
    front = draw(st.sampled_from(["", "---\ntitle: Probe\n---\n", "---\nmarp: true\n---\n\n"]))
    parts = [front + bodies[0]]
    for separator, body in zip(separators, bodies[1:], strict=True):
        gap = draw(st.sampled_from(["\n\n", "\n"]))
        after = draw(st.sampled_from(["\n\n", "\n"]))
        # A separator right under paragraph text would underline it: writers put a
        # blank line there, and so do these decks.
        parts.append(f"{gap}{separator}{after}{body}")
    text = "".join(parts) + draw(st.sampled_from(["\n", "", "\n\n"]))
    if draw(st.booleans()):
        text = text.replace("\n", "\r\n")
    return text


def contents(draft: Draft) -> list[tuple[str, ...]]:
    return [slide.content for slide in draft.slides]


def same_slide(a: Slide, b: Slide) -> bool:
    """The same slide, wherever it stands in the file."""
    return (a.blocks, a.notes, a.classes) == (b.blocks, b.notes, b.classes) or (
        _without_lines(a) == _without_lines(b)
    )


def _without_lines(slide: Slide) -> tuple[object, ...]:
    def strip(value: object) -> object:
        if dataclasses.is_dataclass(value) and not isinstance(value, type):
            fields = {f.name: strip(getattr(value, f.name)) for f in dataclasses.fields(value)}
            fields.pop("line", None)
            return tuple(sorted(fields.items(), key=lambda item: item[0]))
        if isinstance(value, tuple):
            return tuple(strip(item) for item in value)
        return value

    return (strip(slide.blocks), slide.notes, slide.classes)


def parsed_slides(text: str) -> list[Slide]:
    return list(parse_deck(text, Path("deck.md")).slides)


# ---------------------------------------------------------------- reading


@given(decks())
@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_a_draft_gives_back_the_file_byte_for_byte(text: str) -> None:
    draft = Draft.read(text)
    assert draft.text == text
    assert len(draft) == len(parsed_slides(text))


@pytest.mark.parametrize("path", CORPUS, ids=lambda p: p.name)
def test_real_decks_read_back_byte_for_byte_with_the_parsers_slides(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    draft = Draft.read(text)
    assert draft.text == text
    lines = [slide.line for slide in parse_deck(text, path).slides]
    # Every slide the parser makes starts inside one of the Draft's slides, in order.
    assert [draft.slide_at(line) for line in lines] == sorted(draft.slide_at(n) for n in lines)


# ---------------------------------------------------------------- typing in a slide


@given(decks(), st.data())
@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_typing_changes_only_that_slides_bytes(text: str, data: st.DataObject) -> None:
    draft = Draft.read(text)
    index = data.draw(st.integers(0, len(draft) - 1))
    typed = data.draw(st.sampled_from(REPLACEMENTS))
    after = draft.with_slide_text(index, typed)
    newline = draft.newline
    old = draft.text.removeprefix("\ufeff").split(newline)
    new = after.text.removeprefix("\ufeff").split(newline)
    start = draft.content_line(index) - 1
    old_end = start + len(draft.slides[index].content)
    # Everything above the slide's content is the same, and so is everything after
    # its blank lines (which may gain one, so that a `---` below still separates).
    assert new[:start] == old[:start]
    tail = len(old) - old_end - len(draft.slides[index].trail)
    assert new[len(new) - tail :] == old[len(old) - tail :] if tail else True
    reread = Draft.read(after.text)
    assert len(reread) == len(draft)
    assert reread.slides[index].text == typed.strip("\n")
    for other in range(len(draft)):
        if other != index:
            assert reread.slides[other].content == draft.slides[other].content


# ---------------------------------------------------------------- the slide list


@st.composite
def list_edits(draw: st.DrawFn, size: int) -> tuple[str, int, int]:
    kinds = ["insert", "duplicate", "move"] + (["delete"] if size > 1 else [])
    kind = draw(st.sampled_from(kinds))
    first = draw(st.integers(0, size - 1))
    second = draw(st.integers(0, size - 1 if kind == "move" else size))
    return kind, first, second


@given(decks(), st.data())
@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_slide_list_edits_keep_every_other_slide(text: str, data: st.DataObject) -> None:
    draft = Draft.read(text)
    kind, first, second = data.draw(list_edits(len(draft)))
    expected = contents(draft)
    if kind == "insert":
        after = draft.inserted(second, "## Eingefügt\n\nText")
        expected.insert(second, ("## Eingefügt", "", "Text"))
    elif kind == "duplicate":
        after = draft.duplicated(first)
        expected.insert(first + 1, draft.slides[first].content)
    elif kind == "delete":
        after = draft.deleted(first)
        del expected[first]
    else:
        after = draft.moved(first, second)
        expected.insert(second, expected.pop(first))
    reread = Draft.read(after.text)
    got = contents(reread)
    if kind == "duplicate":  # the copy's poll was renamed: compare without ids
        got = [tuple(line for line in c if not line.startswith("id:")) for c in got]
        expected = [tuple(line for line in c if not line.startswith("id:")) for c in expected]
    assert got == expected
    assert after.text.endswith(("\n", "\r\n")) == text.endswith(("\n", "\r\n"))
    if "\r\n" in text:
        assert "\n" not in after.text.replace("\r\n", "")
    # The file parses to the same slides, in their new order.
    old_slides = parsed_slides(text)
    new_slides = parsed_slides(after.text)
    if kind == "move":
        order = list(range(len(old_slides)))
        order.insert(second, order.pop(first))
        assert all(same_slide(new_slides[at], old_slides[was]) for at, was in enumerate(order))
    elif kind == "delete":
        kept = old_slides[:first] + old_slides[first + 1 :]
        assert all(same_slide(a, b) for a, b in zip(new_slides, kept, strict=True))


def test_a_separator_under_typed_paragraph_text_still_separates() -> None:
    draft = Draft.read("# Eins\n---\n# Zwei\n")
    after = draft.with_slide_text(0, "Nur Text")
    assert len(parsed_slides(after.text)) == 2
    assert after.text == "Nur Text\n\n---\n# Zwei\n"


def test_moving_slides_of_a_heading_divider_deck_keeps_them_apart() -> None:
    text = "---\nheadingDivider: 2\n---\n\n## Eins\n\nText\n\n## Zwei\n\nMehr\n"
    draft = Draft.read(text)
    assert len(draft) == 2
    after = draft.moved(1, 0)
    titles = [slide.title for slide in parsed_slides(after.text)]
    assert titles == ["Zwei", "Eins"]


def test_a_duplicated_poll_gets_an_id_of_its_own() -> None:
    text = (
        "# A\n\n---\n\n```poll\nid: frage\ntype: single\nquestion: Q?\noptions: [Ja, Nein]\n```\n"
    )
    after = Draft.read(text).duplicated(1)
    deck = parse_deck(after.text, Path("d.md"))
    assert [poll.id for poll in deck.polls] == ["frage", "frage-2"]


def test_the_last_slide_cannot_be_deleted() -> None:
    with pytest.raises(ValueError, match="at least one"):
        Draft.read("# Nur eine\n").deleted(0)


# ---------------------------------------------------------------- fenced blocks


def test_a_poll_block_is_replaced_and_nothing_around_it() -> None:
    content = "## Frage\n\n```poll\nid: a\n```\n\nNach dem Block"
    changed = with_block(content, "poll", "id: b\ntype: text\nquestion: Was?")
    assert (
        changed == "## Frage\n\n```poll\nid: b\ntype: text\nquestion: Was?\n```\n\nNach dem Block"
    )
    assert [block.body for block in fenced_blocks(changed, "poll")] == [
        "id: b\ntype: text\nquestion: Was?"
    ]


def test_a_slide_without_the_block_gets_one_at_its_end() -> None:
    assert (
        with_block("# Fragen", "questions", "count: 3") == "# Fragen\n\n```questions\ncount: 3\n```"
    )


def test_unique_ids_count_on() -> None:
    assert unique_id("frage", set()) == "frage"
    assert unique_id("frage", {"frage", "frage-2"}) == "frage-3"
    assert unique_id("frage-2", {"frage", "frage-2"}) == "frage-3"


# ---------------------------------------------------------------- the real corpus


LONGER = [p for p in CORPUS if len(Draft.read(p.read_text(encoding="utf-8"))) >= 3]


@pytest.mark.parametrize("path", LONGER, ids=lambda p: p.name)
def test_slide_list_edits_on_real_decks_keep_every_other_slide(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    draft = Draft.read(text)
    last, middle = len(draft) - 1, len(draft) // 2
    old = parsed_slides_at(text, path)
    for after, order in (
        (draft.moved(0, last), [*range(1, last + 1), 0]),
        (draft.deleted(middle), [n for n in range(last + 1) if n != middle]),
        (draft.inserted(middle, "## Neu\n\nText"), [*range(middle), None, *range(middle, last + 1)]),
        (draft.with_slide_text(middle, "## Anders"), [*range(middle), None, *range(middle + 1, last + 1)]),
    ):  # fmt: skip
        reread = Draft.read(after.text)
        for at, was in enumerate(order):
            if was is not None:
                assert reread.slides[at].content == draft.slides[was].content
        new = parsed_slides_at(after.text, path)
        for at, was in enumerate(order):
            if was is not None and was in old and at in new:
                assert same_slide(new[at], old[was]), (path.name, at, was)


def parsed_slides_at(text: str, path: Path) -> dict[int, Slide]:
    """Each source slide's first deck slide, by the source slide's index."""
    draft = Draft.read(text)
    found: dict[int, Slide] = {}
    for slide in parse_deck(text, path).slides:
        found.setdefault(draft.slide_at(slide.line), slide)
    return found


@given(decks(), st.data())
@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_a_poll_edited_in_the_form_changes_only_its_block(text: str, data: st.DataObject) -> None:
    draft = Draft.read(text)
    with_polls = [i for i, slide in enumerate(draft.slides) if fenced_blocks(slide.content, "poll")]
    if not with_polls:
        return
    index = data.draw(st.sampled_from(with_polls))
    content = draft.slides[index].text
    body = "id: neu\ntype: text\nquestion: Was meinen Sie?"
    after = draft.with_slide_text(index, with_block(content, "poll", body))
    reread = Draft.read(after.text)
    for other in range(len(draft)):
        if other != index:
            assert reread.slides[other].content == draft.slides[other].content
    [block] = fenced_blocks(reread.slides[index].content, "poll")
    assert block.body == body
    outside = [line for line in content.split("\n")]
    kept = reread.slides[index].text.split("\n")
    start = fenced_blocks(content, "poll")[0]
    assert kept[: start.first] == outside[: start.first]
    assert kept[start.first + 5 :] == outside[start.end :]
