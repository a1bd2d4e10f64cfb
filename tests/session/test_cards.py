"""Voting cards' codes, their key beside the anchor, the session's record of them."""

from __future__ import annotations

import json
import sqlite3
import sys
from pathlib import Path
from typing import Any

import pytest

from workshop_app.session.cards import (
    CARD_ALPHABET,
    CARD_CODE_LENGTH,
    MOST_CARDS,
    CardKey,
    CardsAlteredError,
    checked_issued,
    keep_key,
    key_path,
    load_key,
    new_key,
    normalised,
    pretty,
)
from workshop_app.session.store import SessionStore

KEY = CardKey(bytes(range(32)), issued=120)


def test_every_issued_card_reads_back_and_nothing_else_does() -> None:
    codes = {serial: KEY.code(serial) for serial in range(1, 121)}
    assert len(set(codes.values())) == 120
    assert all(len(c) == CARD_CODE_LENGTH and set(c) <= set(CARD_ALPHABET) for c in codes.values())
    assert all(KEY.serial(code) == serial for serial, code in codes.items())
    # as printed, lower case, with the letters people type for Crockford's missing ones
    assert KEY.serial(pretty(codes[17]).lower()) == 17
    assert KEY.serial(codes[10].replace("0", "O")) == 10
    assert KEY.serial(CardKey(KEY.secret, 120).code(121)) is None  # printed never: not issued
    assert KEY.serial(new_key().code(5)) is None  # another talk's card
    assert KEY.serial(None) is None and KEY.serial("x" * 10_000) is None


def test_the_check_character_catches_a_typo_and_a_swap() -> None:
    code = KEY.code(42)
    assert KEY.well_formed(code)
    for place in range(CARD_CODE_LENGTH):
        for other in CARD_ALPHABET:
            if other != code[place] and {other, code[place]} != {"0", "Z"}:  # 0 ≡ 31 (mod 31)
                typo = code[:place] + other + code[place + 1 :]
                assert not KEY.well_formed(typo), typo
                assert KEY.serial(typo) is None
    for place in range(CARD_CODE_LENGTH - 1):
        swapped = code[:place] + code[place + 1] + code[place] + code[place + 2 :]
        if swapped != code and {code[place], code[place + 1]} != {"0", "Z"}:
            assert not KEY.well_formed(swapped), swapped


def test_a_card_votes_under_a_keyed_hash_that_holds_no_code() -> None:
    voters = {KEY.voter(serial) for serial in range(1, 121)}
    assert len(voters) == 120
    assert KEY.voter(17) != CardKey(bytes(32), 120).voter(17)  # keyed: not walked from 1 up
    assert all(KEY.code(17)[:3] not in voter for voter in (KEY.voter(17),))


def test_the_key_is_kept_beside_its_anchor_for_its_owner_alone(tmp_path: Path) -> None:
    anchor = tmp_path / "talk.impuls"
    assert load_key(anchor) is None
    keep_key(anchor, KEY)
    assert key_path(anchor) == tmp_path / "talk.impuls.cards"
    assert load_key(anchor) == KEY  # a restart reads the same key, days later
    if sys.platform != "win32":
        assert key_path(anchor).stat().st_mode & 0o777 == 0o600
    key_path(anchor).write_text('{"key": "short", "issued": 3}')
    assert load_key(anchor) is None  # not one of ours
    with pytest.raises(ValueError):
        KEY.code(MOST_CARDS + 1)


def _issued(path: Path, count: int) -> CardKey:
    store = SessionStore(path, deck_source="# A\n", poll_ids=[])
    try:
        key = store.checked_key(load_key(path))
        grown: CardKey
        grown, issue = store.submit(store.issue_work(key, count)).result()
        keep_key(path, grown)
        assert issue.first == key.issued + 1
        return grown
    finally:
        store.close()


def _record(path: Path) -> dict[str, Any]:
    with sqlite3.connect(path) as db:
        return dict(
            json.loads(db.execute("SELECT value FROM meta WHERE key = 'cards'").fetchone()[0])
        )


def _rewrite(path: Path, record: dict[str, Any] | None) -> None:
    db = sqlite3.connect(path)
    if record is None:
        db.execute("DELETE FROM meta WHERE key = 'cards'")
    else:
        db.execute("UPDATE meta SET value = ? WHERE key = 'cards'", (json.dumps(record),))
    db.commit()
    db.close()


def _check(path: Path) -> None:
    db = sqlite3.connect(path)
    try:
        checked_issued(db, path, load_key(path))
    finally:
        db.close()


def test_print_runs_add_up_and_the_file_names_no_key(tmp_path: Path) -> None:
    path = tmp_path / "talk.impuls"
    _issued(path, 100)
    key = _issued(path, 20)
    assert key.issued == 120 and key.serial(key.code(120)) == 120
    record = _record(path)
    assert [run[:2] for run in record["issues"]] == [[1, 100], [101, 20]]
    assert record["key"] == key.key_id
    _check(path)  # as written: fine
    raw = path.read_bytes()
    assert key.secret not in raw and key.code(1).encode() not in raw


@pytest.mark.parametrize(
    ("change", "sentence"),
    [
        (lambda r: r["issues"][0].__setitem__(1, 150), "verändert"),  # the count raised
        (lambda r: r["issues"].pop(), "verändert"),  # a print run removed
        (lambda r: r.__setitem__("seal", "0" * 64), "verändert"),
        (lambda r: r.__setitem__("key", "abc"), "anderen Schlüssel"),
        (None, "verzeichnet keine Stimmkarten"),  # the whole record removed
    ],
)
def test_an_altered_record_is_told_in_one_sentence(tmp_path: Path, change, sentence) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "talk.impuls"
    _issued(path, 100)
    _issued(path, 20)
    record = _record(path)
    if change is not None:
        change(record)
    _rewrite(path, None if change is None else record)
    with pytest.raises(CardsAlteredError) as caught:
        _check(path)
    assert sentence in str(caught.value) and "\n" not in str(caught.value)
    with pytest.raises(CardsAlteredError):  # and no more cards are issued on top of it
        _issued(path, 1)


def test_cards_without_their_key_cannot_be_checked(tmp_path: Path) -> None:
    path = tmp_path / "talk.impuls"
    _issued(path, 3)
    key_path(path).unlink()
    with pytest.raises(CardsAlteredError, match="Schlüssel"):
        _check(path)


def test_typed_codes_are_read_as_printed() -> None:
    assert normalised(" 001t-fmhj ") == "001TFMHJ"
    assert normalised("OIL") == "011"
