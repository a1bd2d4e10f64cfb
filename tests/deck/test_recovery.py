"""Unsaved deck text kept for after a crash: complete or not at all, never offered broken."""

from __future__ import annotations

import json
import os
from datetime import datetime
from pathlib import Path

import platformdirs
import pytest

from workshop_app.deck import recovery
from workshop_app.deck.loader import MAX_DECK_BYTES
from workshop_app.deck.recovery import (
    MAX_RECOVERY_BYTES,
    DiskVersion,
    RecoveryStore,
    beside,
    digest,
    disk_changed,
    keep_beside,
)

TEXT = "---\ntheme: default\n---\n\n# Hallo\n\n---\n\n# Zweite Folie – „schön“\n"


@pytest.fixture
def deck(tmp_path: Path) -> Path:
    path = tmp_path / "talks" / "vortrag.md"
    path.parent.mkdir()
    path.write_bytes(TEXT.encode("utf-8"))
    return path


@pytest.fixture
def store(tmp_path: Path) -> RecoveryStore:
    return RecoveryStore(tmp_path / "recovery")


def test_the_default_folder_is_in_the_users_data_folder() -> None:
    # conftest points XDG_DATA_HOME at a temporary home: never the developer's data
    expected = Path(platformdirs.user_data_dir("impuls", appauthor=False)) / "recovery"
    assert RecoveryStore().folder == expected
    assert "home" in str(expected)


def test_saved_text_is_offered_with_its_deck_time_and_base(
    deck: Path, store: RecoveryStore
) -> None:
    base = DiskVersion.read(deck).digest
    before = datetime.now().astimezone()
    store.save(deck, TEXT + "\nNeu\n", base)
    found = store.pending(deck)
    assert found is not None
    assert found.text == TEXT + "\nNeu\n"
    assert found.deck == deck.resolve()
    assert found.base == base == digest(TEXT)
    assert abs((found.saved - before).total_seconds()) < 60
    assert not found.disk_changed()
    assert store.all_pending() == [found]
    # the same deck named another way is the same deck
    assert store.pending(deck.parent / ".." / "talks" / "vortrag.md") == found


def test_a_later_save_replaces_the_earlier_one(deck: Path, store: RecoveryStore) -> None:
    store.save(deck, "eins", None)
    store.save(deck, "zwei", None)
    found = store.pending(deck)
    assert found is not None and found.text == "zwei"
    assert [p.name for p in store.folder.iterdir()] == [store.file_for(deck).name]


def test_text_equal_to_the_file_on_disk_is_not_offered_and_dropped(
    deck: Path, store: RecoveryStore
) -> None:
    store.save(deck, TEXT, digest(TEXT))
    assert store.pending(deck) is None
    assert not store.file_for(deck).exists()
    store.save(deck, "anders", None)
    deck.write_text("anders", encoding="utf-8")  # the editor saved meanwhile
    assert store.all_pending() == []
    assert not store.file_for(deck).exists()


def test_discard_forgets_and_a_missing_recovery_is_fine(deck: Path, store: RecoveryStore) -> None:
    store.discard(deck)  # nothing there: no error
    store.save(deck, "ungespeichert", None)
    store.discard(deck)
    assert store.pending(deck) is None
    assert store.all_pending() == []


def test_text_of_a_deleted_deck_is_still_offered(deck: Path, store: RecoveryStore) -> None:
    store.save(deck, "ungespeichert", digest(TEXT))
    deck.unlink()
    found = store.pending(deck)
    assert found is not None and found.text == "ungespeichert"
    assert found.disk_changed()


def test_several_decks_oldest_first(tmp_path: Path, store: RecoveryStore) -> None:
    first, second = tmp_path / "a.md", tmp_path / "b.md"
    store.save(second, "b", None)
    store.save(first, "a", None)
    assert [r.deck for r in store.all_pending()] == [second.resolve(), first.resolve()]


def _header(store: RecoveryStore, deck: Path) -> tuple[dict[str, object], bytes]:
    head, _, body = store.file_for(deck).read_bytes().partition(b"\n")
    return json.loads(head), body


def _write(store: RecoveryStore, deck: Path, header: object, body: bytes) -> None:
    store.file_for(deck).write_bytes(json.dumps(header).encode() + b"\n" + body)


@pytest.mark.parametrize(
    "spoil",
    [
        pytest.param(lambda data: data[: len(data) // 2], id="truncated in the text"),
        pytest.param(lambda data: data[:20], id="truncated in the header"),
        pytest.param(lambda data: b"", id="empty"),
        pytest.param(lambda data: data[:-1] + b"X", id="a changed byte"),
        pytest.param(lambda data: b"\x00" * len(data), id="zeros (a lost write)"),
        pytest.param(lambda data: b"\xff\xfe" + data, id="not ascii"),
        pytest.param(lambda data: data.replace(b"\n", b"", 1), id="no header line"),
        pytest.param(lambda data: b"[" * 50_000 + b"\n", id="deeply nested"),
        pytest.param(lambda data: b"x" * (MAX_RECOVERY_BYTES + 1), id="oversized"),
    ],
)
def test_a_spoiled_recovery_file_is_skipped(
    deck: Path, store: RecoveryStore, spoil: object
) -> None:
    store.save(deck, "ungespeichert " * 100, None)
    file = store.file_for(deck)
    assert callable(spoil)
    file.write_bytes(spoil(file.read_bytes()))
    assert store.pending(deck) is None
    assert store.all_pending() == []


@pytest.mark.parametrize(
    ("key", "value"),
    [
        ("format", "impuls-recovery/99"),
        ("deck", 42),
        ("deck", ""),
        ("deck", "relative/vortrag.md"),
        ("deck", "/tmp/a\x00b.md"),
        ("deck", "/tmp/\ud800.md"),
        ("saved", "gestern"),
        ("saved", 1700000000),
        ("base", ["x"]),
        ("size", "12"),
        ("size", True),
        ("size", -1),
        ("sha256", None),
    ],
)
def test_a_header_with_wrong_values_is_skipped(
    deck: Path, store: RecoveryStore, key: str, value: object
) -> None:
    store.save(deck, "ungespeichert", None)
    header, body = _header(store, deck)
    header[key] = value
    _write(store, deck, header, body)
    assert store.pending(deck) is None
    assert store.all_pending() == []


def test_a_header_that_is_not_an_object_or_text_not_utf8_is_skipped(
    deck: Path, store: RecoveryStore
) -> None:
    store.save(deck, "ungespeichert", None)
    header, body = _header(store, deck)
    _write(store, deck, [header], body)
    assert store.pending(deck) is None
    bad = b"\xc3\x28"
    _write(store, deck, {**header, "size": len(bad), "sha256": digest(bad)}, bad)
    assert store.pending(deck) is None


def test_a_recovery_file_under_another_decks_name_is_not_offered(
    tmp_path: Path, store: RecoveryStore
) -> None:
    one, other = tmp_path / "eins.md", tmp_path / "andere.md"
    store.save(one, "für eins", None)
    store.file_for(one).replace(store.file_for(other))
    assert store.pending(other) is None
    assert store.all_pending() == []


def test_strange_files_in_the_folder_are_left_alone(deck: Path, store: RecoveryStore) -> None:
    store.save(deck, "ungespeichert", None)
    (store.folder / "notizen.txt").write_text("nicht von uns", encoding="utf-8")
    (store.folder / "ordner.recovery").mkdir()
    fresh = store.folder / ".impuls-fresh.tmp"
    fresh.write_bytes(b"halb")
    stale = store.folder / ".impuls-stale.tmp"
    stale.write_bytes(b"halb")
    os.utime(stale, (0, 0))
    assert [r.text for r in store.all_pending()] == ["ungespeichert"]
    assert fresh.exists() and not stale.exists()  # only a dead writer's leftovers go
    assert (store.folder / "notizen.txt").exists()


def test_a_missing_or_unreadable_folder_has_nothing_pending(tmp_path: Path) -> None:
    assert RecoveryStore(tmp_path / "nie angelegt").all_pending() == []
    not_a_folder = tmp_path / "datei"
    not_a_folder.write_text("x", encoding="utf-8")
    assert RecoveryStore(not_a_folder).all_pending() == []


def test_a_text_larger_than_a_deck_is_refused(deck: Path, store: RecoveryStore) -> None:
    with pytest.raises(ValueError, match="more than a deck"):
        store.save(deck, "x" * (MAX_DECK_BYTES + 1), None)
    assert store.pending(deck) is None


def test_a_failed_write_leaves_the_previous_recovery(
    deck: Path, store: RecoveryStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    store.save(deck, "eins", None)

    def broken_fsync(_fd: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", broken_fsync)
    with pytest.raises(OSError, match="No space"):
        store.save(deck, "zwei", None)
    monkeypatch.undo()
    found = store.pending(deck)
    assert found is not None and found.text == "eins"
    assert [p.name for p in store.folder.iterdir()] == [store.file_for(deck).name]


def test_disk_changed_after_an_external_write_and_a_delete(deck: Path) -> None:
    version = DiskVersion.read(deck)
    assert version.digest == digest(TEXT.encode("utf-8"))
    assert not version.changed() and not disk_changed(deck, version.digest)
    os.utime(deck, (0, 0))  # touched, same bytes: not a change
    assert not disk_changed(deck, version.digest)
    deck.write_text(TEXT + "von außen\n", encoding="utf-8")
    assert version.changed() and disk_changed(deck, version.digest)
    deck.unlink()
    assert disk_changed(deck, version.digest)
    assert not disk_changed(deck, None)  # no file then, no file now
    deck.write_text("neu", encoding="utf-8")
    assert disk_changed(deck, None)


def test_keep_beside_never_overwrites(deck: Path) -> None:
    first = keep_beside(deck, "meins", "meine-fassung")
    assert first.name == "vortrag.meine-fassung.md"
    assert beside(deck, "meine-fassung").name == "vortrag.meine-fassung-2.md"
    second = keep_beside(deck, "noch eins", "meine-fassung")
    assert second.name == "vortrag.meine-fassung-2.md"
    assert first.read_bytes() == b"meins"
    assert second.read_bytes() == b"noch eins"
    assert deck.read_bytes() == TEXT.encode("utf-8")


def test_replace_is_retried_after_a_sharing_violation() -> None:
    """What Windows does while a scanner holds the file: the rename fails briefly."""
    calls = []

    def flaky() -> str:
        calls.append(1)
        if len(calls) < 3:
            raise PermissionError(13, "The process cannot access the file")
        return "done"

    assert recovery._with_retries(flaky, attempts=5, pause=0) == "done"
    assert len(calls) == 3
    calls.clear()

    def locked() -> str:
        calls.append(1)
        raise PermissionError(13, "still locked")

    with pytest.raises(PermissionError):
        recovery._with_retries(locked, attempts=4, pause=0)
    assert len(calls) == 4
