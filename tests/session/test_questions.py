"""Questions from the room in the session store: asked, moderated, upvoted, counted from rows."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from workshop_app.session.model import StoreError
from workshop_app.session.questions import (
    MAX_TEXT,
    QUESTIONS_PER_DEVICE,
    Moderation,
    Order,
    QuestionAction,
    QuestionState,
    clean_name,
    clean_text,
)
from workshop_app.session.snapshot import open_snapshot
from workshop_app.session.store import SessionStore


@pytest.fixture
def store(tmp_path: Path) -> Iterator[SessionStore]:
    opened = SessionStore(tmp_path / "fragen.impuls", deck_source="# Eins\n", poll_ids=[])
    yield opened
    opened.close()


def ask(store: SessionStore, device: str, ask_id: str, text: str) -> int:
    return store.ask(device, ask_id, text, None).result().question


def test_pre_moderation_keeps_new_questions_off_the_room_until_approved(
    store: SessionStore,
) -> None:
    assert store.question_moderation() is Moderation.PRE  # the default
    first = store.ask("handy-a", "a1", "Was kostet ein Redaktionsplan?", "Inge").result()
    assert first.state is QuestionState.PENDING
    assert store.questions(device="handy-b") == []  # another phone sees nothing yet
    (own,) = store.questions(device="handy-a")  # the asker sees it waiting
    assert own.mine and own.as_json(presenter=False)["state"] == "pending"
    store.act_on_question(first.question, QuestionAction.APPROVE).result()
    (shown,) = store.questions(device="handy-b")
    assert shown.text == "Was kostet ein Redaktionsplan?" and shown.name == "Inge"
    assert not shown.mine and shown.state is QuestionState.APPROVED
    store.act_on_question(first.question, QuestionAction.HIDE).result()
    assert store.questions(device="handy-b") == []
    # The asker never learns it was hidden: it "waits", as before.
    assert store.questions(device="handy-a")[0].as_json(presenter=False)["state"] == "pending"


def test_post_moderation_shows_at_once_but_the_filter_still_holds_back(
    store: SessionStore,
) -> None:
    store.set_question_moderation(Moderation.POST).result()
    clean = store.ask("handy-a", "a1", "Wie messen wir Erfolg?", None).result()
    rude = store.ask("handy-b", "b1", "Was soll der Scheiß?", None).result()
    assert clean.state is QuestionState.APPROVED and rude.state is QuestionState.PENDING
    assert [q.text for q in store.questions(device="handy-c")] == ["Wie messen wir Erfolg?"]
    flagged = {q.id: q.flagged for q in store.questions(everything=True)}
    assert flagged == {clean.question: False, rude.question: True}


def test_a_retry_is_stored_once_and_an_ask_id_is_the_askers_alone(store: SessionStore) -> None:
    first = ask(store, "handy-a", "same-id", "Eine Frage?")
    assert ask(store, "handy-a", "same-id", "Eine Frage?") == first
    with pytest.raises(StoreError) as taken:
        ask(store, "handy-b", "same-id", "Eine andere Frage?")
    assert taken.value.code == "ask_id_taken"
    assert len(store.questions(everything=True)) == 1


def test_a_phone_asks_at_most_its_share(store: SessionStore) -> None:
    for n in range(QUESTIONS_PER_DEVICE):
        ask(store, "handy-a", f"q{n}", f"Frage Nummer {n}?")
    with pytest.raises(StoreError) as refused:
        ask(store, "handy-a", "one-more", "Noch eine?")
    assert refused.value.code == "too_many"
    ask(store, "handy-b", "b1", "Und ich?")  # other phones are not affected


def test_upvotes_count_once_per_phone_and_can_be_taken_back(store: SessionStore) -> None:
    question = ask(store, "handy-a", "a1", "Welche Netzwerke zuerst?")
    with pytest.raises(StoreError) as unseen:  # pending: not to be upvoted (nor seen)
        store.upvote("handy-b", question, "u0", True).result()
    assert unseen.value.code == "unknown_question"
    store.act_on_question(question, QuestionAction.APPROVE).result()
    assert store.upvote("handy-b", question, "u1", True).result().upvotes == 1
    assert store.upvote("handy-b", question, "u1", True).result().upvotes == 1  # a retry
    assert store.upvote("handy-b", question, "u2", True).result().upvotes == 1  # twice: one
    assert store.upvote("handy-c", question, "u3", True).result().upvotes == 2
    assert store.upvote("handy-b", question, "u4", False).result().upvotes == 1  # taken back
    (mine,) = store.questions(device="handy-c")
    assert mine.upvoted and mine.upvotes == 1
    assert not store.questions(device="handy-b")[0].upvoted
    with pytest.raises(StoreError) as taken:
        store.upvote("handy-d", question, "u3", True).result()
    assert taken.value.code == "upvote_id_taken"


def test_the_one_order_open_by_upvotes_answered_last_or_newest_first(
    store: SessionStore,
) -> None:
    ids = [ask(store, "handy-a", f"a{n}", f"Frage {n}?") for n in range(3)]
    for question in ids:
        store.act_on_question(question, QuestionAction.APPROVE).result()
    store.upvote("handy-b", ids[2], "u1", True).result()
    store.upvote("handy-c", ids[2], "u2", True).result()
    store.upvote("handy-b", ids[1], "u3", True).result()
    store.act_on_question(ids[2], QuestionAction.ANSWER).result()
    assert [q.id for q in store.questions(device="x")] == [ids[1], ids[0], ids[2]]
    assert [q.id for q in store.questions(device="x", order=Order.NEW)] == ids[::-1]


def test_text_from_a_phone_is_cleaned_or_refused_before_the_writer() -> None:
    assert clean_text("  Zwei\nZeilen\u202e und\ttab ", most=MAX_TEXT) == "Zwei Zeilen und tab"
    assert clean_text("Cafe\u0301?", most=MAX_TEXT) == "Café?"  # one form (NFC) on paper
    for bad in ("\ud800 Frage", "x" * (MAX_TEXT + 1), 42, None):
        with pytest.raises(StoreError) as refused:
            clean_text(bad, most=MAX_TEXT, least=3)
        assert refused.value.code == "invalid_question"
    assert clean_name("   ") is None and clean_name(None) is None
    assert clean_name(" Inge ") == "Inge"


def test_questions_and_upvotes_are_in_the_snapshot_and_its_digest(store: SessionStore) -> None:
    before = open_snapshot(store.path).digest
    question = ask(store, "handy-a", "a1", "Was ist mit Datenschutz?")
    asked = open_snapshot(store.path).digest
    assert asked != before
    store.act_on_question(question, QuestionAction.APPROVE).result()
    store.upvote("handy-b", question, "u1", True).result()
    snapshot = open_snapshot(store.path)
    assert snapshot.digest not in (before, asked)
    (kept,) = snapshot.questions
    assert (kept.text, kept.upvotes, kept.state) == (
        "Was ist mit Datenschutz?",
        1,
        QuestionState.APPROVED,
    )
