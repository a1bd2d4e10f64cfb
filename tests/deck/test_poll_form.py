"""The poll form's core: form → block → the deck's own reader, and back."""

from __future__ import annotations

import dataclasses

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.support.decks import deck
from workshop_app.deck import yamlblock
from workshop_app.deck.model import Poll, PollType
from workshop_app.deck.poll_form import (
    EXTRA,
    PollForm,
    QuestionsForm,
    check_poll_form,
    check_questions_form,
    pair_forms,
    poll_block_text,
    poll_slide_texts,
    questions_slide_text,
    read_poll_form,
    read_questions_form,
    scalar,
    slug,
    suggest_id,
)
from workshop_app.deck.polls import MAX_OPTIONS, read_poll
from workshop_app.deck.report import Reporter
from workshop_app.deck.splitter import FenceSegment


def _read(block: str) -> tuple[Poll | None, Reporter]:
    report = Reporter(None)
    fence = FenceSegment(line=0, info="poll", body=block.split("\n"), closed=True)
    return read_poll(fence, report), report


def _fields(form: PollForm) -> list[str]:
    return [problem.field for problem in check_poll_form(form, ())]


# Texts a speaker may type into one line of the form: anything, as read_poll strips it.
line_text = st.text(min_size=1, max_size=30).map(str.strip).filter(bool)
options = st.lists(line_text, min_size=2, max_size=MAX_OPTIONS, unique_by=str.casefold)


@settings(max_examples=300, deadline=None)
@given(text=st.text(max_size=40))
def test_a_written_scalar_loads_back_as_the_same_text(text: str) -> None:
    for probe, wanted in ((f"k: {scalar(text)}", text), (f"k:\n  - {scalar(text, in_list=True)}",
                                                        [text])):  # fmt: skip
        loaded = yamlblock.load_mapping(probe)
        assert isinstance(loaded, yamlblock.Mapping)
        assert loaded.entries[0].value == wanted


@pytest.mark.parametrize(
    ("text", "written"),
    [("Ja", "Ja"), ("Nein", "Nein"), ("true", '"true"'), ("12", '"12"'), ("1.5", '"1.5"'),
     ("a: b", '"a: b"'), ("#x", '"#x"'), (" x", '" x"'), ("", '""'), ("null", '"null"'),
     ("Ja, gern", "Ja, gern"), ('Sag "hallo"', 'Sag "hallo"')],
)  # fmt: skip
def test_quotes_only_where_the_plain_text_would_read_otherwise(text: str, written: str) -> None:
    assert scalar(text) == written


@settings(max_examples=200, deadline=None)
@given(
    kind=st.sampled_from([PollType.SINGLE, PollType.MULTIPLE, PollType.RANKING]),
    question=line_text,
    choices=options,
)
def test_any_options_round_trip_through_the_deck_reader(
    kind: PollType, question: str, choices: list[str]
) -> None:
    form = PollForm(type=kind, question=question, options=tuple(choices), id="p1")
    block = poll_block_text(form)
    poll, report = _read(block)
    # Three options typed one a field as `Ja`, `regelmäßig`, `Nein` go as a block
    # list: as `[Ja, regelmäßig, Nein]` the reader would warn of a split phrase.
    assert report.problems == [], block
    assert poll is not None
    assert (poll.id, poll.type, poll.question, poll.options) == ("p1", kind, question,
                                                                   tuple(choices))  # fmt: skip
    assert check_poll_form(form, ()) == []
    assert read_poll_form(block) == form  # and back into the form


@settings(max_examples=100, deadline=None)
@given(
    low=st.integers(-5, 5),
    steps=st.integers(2, 11),
    labels=st.lists(line_text, min_size=2, max_size=2),
    question=line_text,
)
def test_a_scale_round_trips(low: int, steps: int, labels: list[str], question: str) -> None:
    form = PollForm(type=PollType.SCALE, question=question, scale_min=low,
                    scale_max=low + steps - 1, labels=tuple(labels), id="skala")  # fmt: skip
    poll, report = _read(poll_block_text(form))
    assert report.problems == []
    assert poll is not None
    assert (poll.scale_min, poll.scale_max, poll.labels) == (low, low + steps - 1, tuple(labels))
    assert read_poll_form(poll_block_text(form)) == form


def test_limits_are_written_for_their_types_only() -> None:
    multiple = PollForm(type=PollType.MULTIPLE, question="Q", options=("a", "b", "c"),
                        max_choices=2, max_length=50, id="m")  # fmt: skip
    poll, _ = _read(poll_block_text(multiple))
    assert poll is not None and poll.max_choices == 2
    assert "max_length" not in poll_block_text(multiple)
    text = dataclasses.replace(multiple, type=PollType.TEXT)
    poll, _ = _read(poll_block_text(text))
    assert poll is not None and poll.max_length == 50 and poll.options == ()


def test_an_option_with_a_comma_is_one_option() -> None:
    form = PollForm(question="Q", options=("Ja, regelmäßig", "Nein"), id="k")
    block = poll_block_text(form)
    assert "  - Ja, regelmäßig" in block.split("\n")
    poll, _ = _read(block)
    assert poll is not None and poll.options == ("Ja, regelmäßig", "Nein")


@pytest.mark.parametrize(
    ("form", "field"),
    [
        pytest.param(PollForm(question="", id="a"), "question", id="no question"),
        pytest.param(PollForm(question="Q", id="a b"), "id", id="bad id"),
        pytest.param(PollForm(question="Q", id=""), "id", id="no id"),
        pytest.param(PollForm(question="Q", id="a", options=("nur eine",)), "options",
                     id="one option"),
        pytest.param(PollForm(question="Q", id="a", options=()), "options", id="no options"),
        pytest.param(PollForm(question="Q", id="a", options=("Ja", "ja")), "options",
                     id="duplicate option"),
        pytest.param(PollForm(type=PollType.MULTIPLE, question="Q", id="a", max_choices=3),
                     "max_choices", id="too many choices"),
        pytest.param(PollForm(type=PollType.SCALE, question="Q", id="a", scale_min=5,
                              scale_max=5), "scale_max", id="one step"),
        pytest.param(PollForm(type=PollType.SCALE, question="Q", id="a", labels=("a", "b", "c")),
                     "labels", id="three labels for five steps"),
        pytest.param(PollForm(type=PollType.TEXT, question="Q", id="a", max_length=5000),
                     "max_length", id="too long"),
        pytest.param(PollForm(question="Q", id="a", extra=("antwort: x",)), EXTRA,
                     id="unknown key kept"),
    ],
)  # fmt: skip
def test_each_invalid_field_is_named(form: PollForm, field: str) -> None:
    assert _fields(form) == [field]


def test_deck_level_rules_the_block_cannot_see() -> None:
    form = PollForm(question="Q", id="dabei")
    assert [(p.field, p.problem.message_id) for p in check_poll_form(form, {"dabei"})] == [
        ("id", "poll_form.id_taken")
    ]
    partner = dataclasses.replace(form, compare_with="vorher")
    assert [p.problem.message_id for p in check_poll_form(partner, {"x"})] == [
        "poll.compare_missing"
    ]
    assert check_poll_form(partner, {"vorher"}) == []
    before = _read(poll_block_text(PollForm(question="Q", id="vorher", options=("a", "b"))))[0]
    assert before is not None
    mismatch = check_poll_form(partner, {"vorher"}, {"vorher": before})
    assert [p.problem.message_id for p in mismatch] == ["poll.compare_mismatch"]
    assert mismatch[0].message().startswith("Vergleich mit „vorher“")


def test_a_pair_is_two_polls_naming_each_other_and_parses_in_a_deck() -> None:
    form = PollForm(type=PollType.SCALE, question="Wie sicher?", id="sicher", pair=True,
                    heading="Zum Einstieg")  # fmt: skip
    before, after = pair_forms(form)
    assert (before.id, before.compare_with) == ("sicher-vorher", "sicher-nachher")
    assert (after.id, after.compare_with) == ("sicher-nachher", "sicher-vorher")
    assert check_poll_form(form, {"andere"}) == []
    assert [p.field for p in check_poll_form(form, {"sicher-nachher"})] == ["id"]
    slides = poll_slide_texts(form)
    assert slides[0].startswith("## Zum Einstieg\n\n```poll\n")
    parsed = deck("---\ntitle: T\n---\n\n" + "\n\n---\n\n".join(["# Start", *slides]) + "\n")
    polls = [poll for slide in parsed.slides for poll in slide.polls]
    assert [(p.id, p.compare_with) for p in polls] == [
        ("sicher-vorher", "sicher-nachher"), ("sicher-nachher", "sicher-vorher")]  # fmt: skip


def test_editing_keeps_unknown_keys_verbatim_after_the_known_ones() -> None:
    block = (
        "# vom Team\n"
        "id: alt\n"
        "zeige_ergebnis:   ja   # später\n"
        "type: single\n"
        "question: Was?\n"
        "notiz:\n"
        "  - eins, zwei\n"
        "options: [Ja, Nein]"
    )
    form = read_poll_form(block)
    assert (form.id, form.question, form.options) == ("alt", "Was?", ("Ja", "Nein"))
    assert form.extra == ("zeige_ergebnis:   ja   # später", "notiz:", "  - eins, zwei")
    written = poll_block_text(dataclasses.replace(form, question="Was nun?"))
    assert written.split("\n") == [
        "# vom Team", "id: alt", "type: single", "question: Was nun?", "options: [Ja, Nein]",
        "zeige_ergebnis:   ja   # später", "notiz:", "  - eins, zwei",
    ]  # fmt: skip
    # The deck would refuse those keys: the form says so at the kept lines.
    assert {p.field for p in check_poll_form(form, ())} == {EXTRA}


def test_reading_is_lenient() -> None:
    form = read_poll_form("id: x\ntype: Scale\nfrage: Wie?\nmin: 0\nmax: zehn\nlabels: [a, b]")
    assert (form.type, form.question, form.scale_min, form.scale_max) == (
        PollType.SCALE, "Wie?", 0, 5)  # fmt: skip
    broken = read_poll_form("id: x\ntype: single\nquestion: [Wie\noptions: [a, b]")
    assert (broken.id, broken.options, broken.extra) == ("x", ("a", "b"), ("question: [Wie",))
    assert [p.field for p in check_poll_form(broken, ())] == [EXTRA]
    assert read_poll_form("") == PollForm()


def test_ids_are_ascii_slugs_free_in_the_deck() -> None:
    assert slug("Wie wählen Sie? Ein Überblick") == "wie-waehlen-sie-ein"
    assert slug("Straße & Café") == "strasse-cafe"
    assert slug("¿¡!") == "umfrage"
    assert suggest_id("Größe", {"groesse"}) == "groesse-2"
    assert suggest_id("Größe", {"groesse-nachher"}, pair=True) == "groesse-2"
    assert suggest_id("Größe", {"groesse-vorher-x"}, pair=True) == "groesse"


def test_questions_form() -> None:
    form = read_questions_form("title: Ihre Fragen\ncount: 3\nfarbe: rot")
    assert (form.title, form.count, form.extra) == ("Ihre Fragen", 3, ("farbe: rot",))
    assert [p.field for p in check_questions_form(form)] == [EXTRA]
    assert [p.field for p in check_questions_form(QuestionsForm(count=9))] == ["count"]
    good = QuestionsForm(title="true", count=8, heading="Fragen")
    assert check_questions_form(good) == []
    parsed = deck(f"# T\n\n---\n\n{questions_slide_text(good)}\n")
    assert parsed.slides[1].questions is not None
    assert (parsed.slides[1].questions.title, parsed.slides[1].questions.count) == ("true", 8)


def test_a_pair_made_from_a_before_id_does_not_double_the_suffix() -> None:
    before, after = pair_forms(PollForm(id="hype-vorher", question="Hype?", pair=True))
    assert (before.id, after.id) == ("hype-vorher", "hype-nachher")


def test_options_that_would_read_as_a_split_phrase_are_written_one_a_line() -> None:
    form = PollForm(type=PollType.SINGLE, question="Posten Sie?", id="p1",
                    options=("Ja", "regelmäßig", "Nein"))  # fmt: skip
    block = poll_block_text(form)
    assert "options:\n  - Ja\n  - regelmäßig\n  - Nein" in block
    poll, report = _read(block)
    assert report.problems == [] and poll is not None and len(poll.options) == 3
