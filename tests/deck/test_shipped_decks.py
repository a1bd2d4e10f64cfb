"""The decks we ship: what the foundation issue promises about them."""

from __future__ import annotations

from pathlib import Path

import pytest
from PIL import Image as PILImage
from PIL import ImageChops

from tests.support.commands import impuls
from workshop_app.deck import Deck, Eligible, Majority, PollType
from workshop_app.deck.loader import load_deck
from workshop_app.deck.new_talk import talk_text
from workshop_app.i18n import Lang
from workshop_app.paths import DEFAULT_DECK, ROOT

DECKS = sorted((ROOT / "slides").glob("*.md"))
# The members' meeting that ends the evening decides motions; the talks ask their room.
MEETING = ROOT / "slides" / "mitgliederversammlung.md"
TALKS = [path for path in DECKS if path != MEETING]


def test_both_decks_are_shipped_and_the_default_is_clash_of_cultures() -> None:
    assert {path.name for path in DECKS} >= {"clash-of-cultures.md", "hype-oder-entwicklung.md"}
    assert DEFAULT_DECK.name == "clash-of-cultures.md"
    assert (
        DEFAULT_DECK.resolve() == (ROOT / "slides" / "clash-of-cultures.md").resolve()
    )  # the checkout's link


@pytest.fixture(params=DECKS, ids=[path.name for path in DECKS])
def shipped(request: pytest.FixtureRequest) -> Deck:
    path: Path = request.param
    return load_deck(path)


def test_deck_has_no_warnings(shipped: Deck) -> None:
    assert shipped.warnings == ()


def test_deck_is_german_with_metadata(shipped: Deck) -> None:
    meta = shipped.meta
    assert meta.lang == "de"
    assert meta.title and meta.subtitle and meta.event and meta.date
    assert meta.duration_minutes is not None and meta.duration_minutes >= 30


def test_at_least_twelve_slides_each_with_notes(shipped: Deck) -> None:
    assert len(shipped.slides) >= 12
    assert [slide.index for slide in shipped.slides if not slide.notes] == []


@pytest.fixture(params=TALKS, ids=[path.name for path in TALKS])
def talk(request: pytest.FixtureRequest) -> Deck:
    path: Path = request.param
    return load_deck(path)


def test_every_poll_type_is_used(talk: Deck) -> None:
    # A talk asks its room; a motion belongs to the members' meeting.
    assert {poll.type for poll in talk.polls} == set(PollType) - {PollType.MOTION}


def test_the_meeting_decides_by_card_under_each_rule() -> None:
    meeting = load_deck(MEETING)
    motions = [poll for poll in meeting.polls if poll.type is PollType.MOTION]
    assert {motion.majority for motion in motions} == set(Majority)
    assert all(motion.eligible is Eligible.CARDS for motion in motions)
    assert any(motion.quorum for motion in motions)
    # the mood of the room is everyone's, guests included
    assert [poll.eligible for poll in meeting.polls if poll not in motions] == [Eligible.ALL] * 2


def test_a_pre_post_pair_opens_and_closes_the_deck(talk: Deck) -> None:
    shipped = talk
    pairs = [(p, shipped.poll(p.compare_with)) for p in shipped.polls if p.compare_with]
    assert pairs
    first, last = shipped.polls[0], shipped.polls[-1]
    assert first.compare_with == last.id and last.compare_with == first.id
    assert first.question == last.question and first.options == last.options


def test_options_are_whole_phrases(shipped: Deck) -> None:
    """A flow list splits 'Ja, regelmäßig' at the comma; no option may start lower-case."""
    for poll in shipped.polls:
        for option in poll.options:
            assert not option[0].islower(), (poll.id, option)


def test_figures_are_cited_in_the_notes() -> None:
    hype = load_deck(ROOT / "slides" / "hype-oder-entwicklung.md")
    (slide,) = [s for s in hype.slides if "61" in "".join(str(b) for b in s.blocks)]
    assert "Höchst repräsentativ" in slide.notes and "2016" in slide.notes


# ---------------------------------------------------------------- title slides


def _title_decks(folder: Path) -> list[Path]:
    """The shipped decks and a talk made from each template, as a speaker gets it."""
    made = []
    for lang in Lang:
        path = folder / f"vorlage-{lang.value}.md"
        path.write_text(talk_text("Unser Verein 2027", lang, "Ann Beispiel"), encoding="utf-8")
        made.append(path)
    return [*DECKS, *made]


def test_every_shipped_deck_and_template_opens_with_a_lead_title_slide(tmp_path: Path) -> None:
    # Without `lead` a title slide sits in the top-left corner of our themes (issue 32).
    for path in _title_decks(tmp_path):
        first = load_deck(path).slides[0]
        assert "lead" in first.classes, path.name
        assert first.title, path.name


def test_their_title_slides_render_in_the_middle(tmp_path: Path) -> None:
    for path in _title_decks(tmp_path):
        picture = tmp_path / f"{path.stem}-1.png"
        result = impuls("render", path, "--slide", "1", "--size", "960x540", "--out", picture)
        assert result.returncode == 0, result.stderr
        with PILImage.open(picture) as image:
            rgb = image.convert("RGB")
        width, height = rgb.size
        background = rgb.getpixel((width // 2, 4))
        # The page number sits in the bottom-right corner: leave the bottom tenth out.
        body = rgb.crop((0, 0, width, height * 9 // 10))
        difference = ImageChops.difference(body, PILImage.new("RGB", body.size, background))
        box = difference.convert("L").point(lambda value: 255 if value > 40 else 0).getbbox()
        assert box is not None, path.name
        left, top, right, bottom = box
        assert abs((left + right) / 2 - width / 2) < width * 0.02, (path.name, box)
        assert abs((top + bottom) / 2 - height / 2) < height * 0.1, (path.name, box)
        assert left > width * 0.05 and top > height * 0.2, (path.name, box)  # not top-left
