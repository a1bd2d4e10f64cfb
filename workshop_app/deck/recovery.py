"""Nothing the speaker typed is lost: unsaved deck text kept beside, for after a crash.

While a deck is edited, its text is written (by the UI's Autosaver) to one
recovery file per deck in the data folder. Each write goes to a temporary file,
is fsynced and then renamed over the old one, so a process killed at any moment
leaves the previous recovery or the new one, never half of one; the file also
carries its text's size and SHA-256, so a torn file (a disk that lied about its
fsync) is skipped instead of offered.

A recovery file is a JSON header line, then the text's exact UTF-8 bytes:

    {"format": "impuls-recovery/1", "deck": "/abs/vortrag.md", "saved": "<ISO time>",
     "base": "<sha256 of the file the edit started from>" | null,
     "size": <bytes of text>, "sha256": "<of text>"}\\n<text>

Also here: `DiskVersion` and `disk_changed`, to notice that a deck changed on
disk while it was edited, and `keep_beside`, which writes a version next to
the deck under a free name (`vortrag.wiederhergestellt.md`) without
overwriting anything. Qt-free; every file operation is blocking.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import logging
import os
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TypeVar

import platformdirs

from workshop_app.deck.loader import MAX_DECK_BYTES

log = logging.getLogger("impuls.deck")

FORMAT = "impuls-recovery/1"
SUFFIX = ".recovery"
MAX_HEADER_BYTES = 64 * 1024  # a path and a few digests; anything longer is not ours
MAX_RECOVERY_BYTES = MAX_DECK_BYTES + MAX_HEADER_BYTES
STALE_TEMPORARY_S = 600  # a temporary file this old belongs to a process that died
# Windows: renaming onto a file that a virus scanner or an indexer has open fails
# for a moment with PermissionError ("sharing violation"): try again briefly.
REPLACE_ATTEMPTS = 10
REPLACE_PAUSE_S = 0.05

_T = TypeVar("_T")


def default_folder() -> Path:
    return Path(platformdirs.user_data_dir("impuls", appauthor=False)) / "recovery"


def digest(data: bytes | str) -> str:
    """SHA-256 of a file's bytes (text counts as its UTF-8 bytes), as hex."""
    return hashlib.sha256(data.encode("utf-8") if isinstance(data, str) else data).hexdigest()


def _read_capped(path: Path, most: int) -> bytes | None:
    """The file's bytes; None if it is missing, unreadable or longer than `most`."""
    try:
        with path.open("rb") as handle:
            data = handle.read(most + 1)
    except (OSError, ValueError):  # ValueError: a name this system cannot spell
        return None
    return data if len(data) <= most else None


@dataclass(frozen=True)
class DiskVersion:
    """What a deck file held when it was read: its digest (None: no such file)."""

    path: Path
    digest: str | None

    @classmethod
    def read(cls, path: Path) -> DiskVersion:
        data = _read_capped(path, MAX_DECK_BYTES)
        return cls(path, None if data is None else digest(data))

    def changed(self) -> bool:
        """Whether the file now differs from this version (deleted counts as changed)."""
        return disk_changed(self.path, self.digest)


def disk_changed(path: Path, known_digest: str | None) -> bool:
    """Whether `path` no longer holds the bytes whose digest is `known_digest`.

    A deleted (or unreadable) file counts as changed; `known_digest` None means
    "there was no file", and then only a file that appeared is a change.
    """
    return DiskVersion.read(path).digest != known_digest


def _with_retries(
    action: Callable[[], _T],
    attempts: int = REPLACE_ATTEMPTS,
    pause: float = REPLACE_PAUSE_S,
) -> _T:
    """`action()`, tried again after a PermissionError up to `attempts` times in all."""
    for attempt in range(attempts - 1):
        try:
            return action()
        except PermissionError:
            time.sleep(pause * (attempt + 1))
    return action()


def _replace(source: Path, target: Path) -> None:
    if sys.platform == "win32":
        _with_retries(lambda: source.replace(target))
    else:
        source.replace(target)


def _unlink(path: Path) -> None:
    if sys.platform == "win32":
        _with_retries(lambda: path.unlink(missing_ok=True))
    else:
        path.unlink(missing_ok=True)


def _sync_folder(folder: Path) -> None:
    """Make a rename in `folder` durable (POSIX; Windows cannot open a folder so)."""
    if sys.platform != "win32":
        with contextlib.suppress(OSError):
            handle = os.open(folder, os.O_RDONLY)
            try:
                os.fsync(handle)
            finally:
                os.close(handle)


def write_atomically(path: Path, data: bytes, *, keep_mode: bool = False) -> None:
    """Write `data` to `path` so that a crash leaves the old file or the new one.

    `keep_mode`: the new file gets the old one's permissions (a speaker's deck;
    a temporary file is private to its owner)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, name = tempfile.mkstemp(prefix=".impuls-", suffix=".tmp", dir=path.parent)
    temporary = Path(name)
    try:
        with os.fdopen(handle, "wb") as file:
            file.write(data)
            file.flush()
            os.fsync(file.fileno())
        if keep_mode:
            with contextlib.suppress(OSError):  # a new file keeps the temporary's
                temporary.chmod(path.stat().st_mode & 0o7777)
        _replace(temporary, path)
    except BaseException:
        with contextlib.suppress(OSError):
            temporary.unlink(missing_ok=True)
        raise
    _sync_folder(path.parent)


def beside(path: Path, tag: str) -> Path:
    """The first free name `<stem>.<tag><suffix>`, then `<stem>.<tag>-2<suffix>`, …"""
    for number in range(1, 1000):
        extra = "" if number == 1 else f"-{number}"
        candidate = path.with_name(f"{path.stem}.{tag}{extra}{path.suffix}")
        if not candidate.exists():
            return candidate
    raise FileExistsError(f"no free name beside {path}")


def keep_beside(path: Path, text: str, tag: str) -> Path:
    """Write `text` next to `path` under a free name (see `beside`): nothing is
    overwritten. Returns the file written; raises OSError."""
    target = beside(path, tag)
    write_atomically(target, text.encode("utf-8"))
    return target


def _resolved(deck: Path) -> Path:
    try:
        return deck.resolve()
    except (OSError, RuntimeError, ValueError):  # a symlink loop: the path as given
        return deck.absolute()


def _key(deck: Path) -> str:
    """The deck's resolved path, spelled as this system compares paths."""
    return os.path.normcase(str(_resolved(deck)))


@dataclass(frozen=True)
class Recovered:
    """Unsaved text found for a deck."""

    deck: Path  # the deck's resolved path
    text: str
    saved: datetime  # when it was written, with its UTC offset
    base: str | None  # digest of the deck file the edit started from
    file: Path  # the recovery file

    def disk_changed(self) -> bool:
        """Whether the deck on disk is no longer the one the edit started from."""
        return disk_changed(self.deck, self.base)


class RecoveryStore:
    """One recovery file per deck in `folder` (default: the data folder's `recovery`)."""

    def __init__(self, folder: Path | None = None) -> None:
        self.folder = folder if folder is not None else default_folder()

    def file_for(self, deck: Path) -> Path:
        name = hashlib.sha256(_key(deck).encode("utf-8", "surrogatepass")).hexdigest()[:32]
        return self.folder / f"{name}{SUFFIX}"

    def save(self, deck: Path, text: str, base: str | None) -> Path:
        """Keep `text` as the unsaved state of `deck`; `base` is the digest of the file
        the edit started from (`DiskVersion.digest`), None for a deck not yet on disk.

        Blocking (fsync); raises OSError, or ValueError for a text larger than a deck
        may be. Returns the recovery file.
        """
        body = text.encode("utf-8")
        if len(body) > MAX_DECK_BYTES:
            raise ValueError(f"{len(body)} bytes is more than a deck may have")
        header = {
            "format": FORMAT,
            "deck": str(_resolved(deck)),
            "saved": datetime.now().astimezone().isoformat(),
            "base": base,
            "size": len(body),
            "sha256": digest(body),
        }
        head = json.dumps(header, ensure_ascii=True).encode("ascii")
        target = self.file_for(deck)
        write_atomically(target, head + b"\n" + body)
        return target

    def pending(self, deck: Path) -> Recovered | None:
        """The unsaved text kept for `deck`, unless it is what the file holds now
        (then the recovery is dropped) or the recovery file is unusable."""
        found = self._read(self.file_for(deck))
        if found is None or _key(found.deck) != _key(deck):
            return None
        return self._offered(found)

    def all_pending(self) -> list[Recovered]:
        """Every deck's unsaved text worth offering, oldest first."""
        offered = []
        for file in self._files():
            found = self._read(file)
            if found is None or self.file_for(found.deck) != file:
                continue  # not written by `save` (or for another folder): ignored
            if (still := self._offered(found)) is not None:
                offered.append(still)
        return sorted(offered, key=lambda r: r.saved)

    def discard(self, deck: Path) -> None:
        """Forget the unsaved text of `deck` (after a save, or when the user declines)."""
        _unlink(self.file_for(deck))

    def _files(self) -> Iterator[Path]:
        try:
            entries = list(self.folder.iterdir())
        except FileNotFoundError:
            return  # nothing was ever kept
        except OSError as error:
            log.warning("the recovery folder %s cannot be read: %s", self.folder, error)
            return
        now = time.time()
        for entry in sorted(entries):
            if entry.name.endswith(SUFFIX):
                yield entry
            elif entry.name.startswith(".impuls-") and entry.name.endswith(".tmp"):
                with contextlib.suppress(OSError):  # left by a process killed mid-write
                    if now - entry.stat().st_mtime > STALE_TEMPORARY_S:
                        entry.unlink()

    def _offered(self, found: Recovered) -> Recovered | None:
        on_disk = _read_capped(found.deck, MAX_DECK_BYTES)
        if on_disk is not None and on_disk == found.text.encode("utf-8"):
            with contextlib.suppress(OSError):
                _unlink(found.file)
            return None
        return found

    @staticmethod
    def _read(file: Path) -> Recovered | None:
        """The recovery in `file`; None for anything but a complete, consistent one."""
        data = _read_capped(file, MAX_RECOVERY_BYTES)
        if data is None:
            return None
        head, newline, body = data.partition(b"\n")
        if not newline or len(head) > MAX_HEADER_BYTES:
            return None
        try:
            header = json.loads(head.decode("ascii"))
        except (UnicodeDecodeError, ValueError, RecursionError):
            return None
        if not isinstance(header, dict) or header.get("format") != FORMAT:
            return None
        deck, saved, base = header.get("deck"), header.get("saved"), header.get("base")
        size, sha = header.get("size"), header.get("sha256")
        if not (
            isinstance(deck, str)
            and deck
            and "\x00" not in deck
            and isinstance(saved, str)
            and (base is None or isinstance(base, str))
            and type(size) is int
            and isinstance(sha, str)
        ):
            return None
        if size != len(body) or digest(body) != sha:
            return None  # torn or tampered with
        deck_path = Path(deck)
        if not deck_path.is_absolute():
            return None
        try:
            when = datetime.fromisoformat(saved)
            if when.tzinfo is None:
                when = when.astimezone()
            text = body.decode("utf-8")
        except (ValueError, OverflowError, OSError):
            return None
        return Recovered(deck_path, text, when, base, file)


__all__ = [
    "MAX_RECOVERY_BYTES",
    "DiskVersion",
    "Recovered",
    "RecoveryStore",
    "beside",
    "default_folder",
    "digest",
    "disk_changed",
    "keep_beside",
    "write_atomically",
]
