"""Voting cards: printed, signed, counted once each, never named.

A card's code is its serial and a truncated HMAC under the card key, in Crockford's
alphabet (no I, L, O, U: read off paper and typed right), with a check character
that catches a mistyped or swapped character before it counts as a forged card:
`SSSMMMMC`, printed `SSSM-MMMC`. Three characters of serial allow 32,767 cards; 20
bits of signature make a guessed card one in a million per try, and wrong cards are
rate-limited per address like wrong join codes.

The key outlives restarts (cards are printed days before the evening) and never
travels with the session file, which is handed on: it is kept beside an *anchor*
file, readable by its owner alone, like the room's code (session/room_code.py). A
talk anchors it at its session file; an evening of several talks at its program.
The sidecar also says how many cards were issued under the key, and the port their
QR codes' address names: the voting server listens there (voting/server.py).

The session records what was issued (each print run's first serial, count and
time, and the key's id) with an HMAC over the record under the card key: a file
whose issue was altered (a count raised, a run added, changed or removed) is told
by `checked_issued`, with one sentence. The record is in the ledger's digest too
(session/snapshot.py), so `verify` tells a change after the handout was made.

A vote on an `eligible: cards` poll is stored under the card's voter id, a keyed
hash of its serial (like a device id, a hash; keyed, so the file cannot be walked
from serial 1 upwards): one vote per card, whichever phone holds it. No card code
is stored. Which cards were present is the table `cards_present` (voter id, when
it first joined): a card counts as present for a poll when it joined before the
poll closed, so the handout computes the same figure from the file the server did.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import os
import secrets
import sqlite3
import sys
from dataclasses import dataclass
from pathlib import Path

from workshop_app.deck import Eligible, Poll
from workshop_app.i18n import tr
from workshop_app.session.model import StoreError
from workshop_app.session.motion import CardCount

CARD_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"  # Crockford's base 32
SERIAL_CHARS, MAC_CHARS = 3, 4
CARD_CODE_LENGTH = SERIAL_CHARS + MAC_CHARS + 1  # and the check character
MOST_CARDS = 32**SERIAL_CHARS - 1
_CHECK = 31  # a prime: any one wrong character and any swap of two neighbours is caught
_READ_AS = str.maketrans("OIL", "011")  # what people type for what Crockford left out
KEY_SUFFIX = ".cards"
VOTER_LENGTH = 22  # as long as a device id (voting/admission.py)
TABLE = "CREATE TABLE IF NOT EXISTS cards_present (voter TEXT PRIMARY KEY, at REAL NOT NULL)"


def key_path(anchor: Path) -> Path:
    """Where the card key of `anchor` (a session file, or an evening's program) is kept."""
    return anchor.with_name(anchor.name + KEY_SUFFIX)


def normalised(text: str) -> str:
    """A typed card code as the alphabet spells it: capitals, no gaps or hyphens."""
    return "".join(text.upper().split()).replace("-", "").translate(_READ_AS)


def pretty(code: str) -> str:
    """A code as printed: two groups of four."""
    return f"{code[:4]}-{code[4:]}"


def _check_character(body: str) -> str:
    total = sum((place + 1) * CARD_ALPHABET.index(c) for place, c in enumerate(body))
    return CARD_ALPHABET[total % _CHECK]


def _encoded(number: int, length: int) -> str:
    digits = []
    for _ in range(length):
        number, digit = divmod(number, 32)
        digits.append(CARD_ALPHABET[digit])
    return "".join(reversed(digits))


@dataclass(frozen=True)
class CardKey:
    """The key that signs a talk's (or an evening's) cards, and how many it signed."""

    secret: bytes
    issued: int = 0
    port: int = 0  # the port the printed cards' address names (0: none named)

    @property
    def key_id(self) -> str:
        """Names the key in the session file without giving anything of it away."""
        return hashlib.sha256(b"impuls card key id:" + self.secret).hexdigest()[:12]

    def _mac(self, label: bytes, message: str) -> bytes:
        return hmac.new(self.secret, label + message.encode(), hashlib.sha256).digest()

    def code(self, serial: int) -> str:
        """Card `serial`'s code, without the hyphen (`pretty` adds it)."""
        if not 1 <= serial <= MOST_CARDS:
            raise ValueError(f"serial {serial}: from 1 to {MOST_CARDS}")
        mac = int.from_bytes(self._mac(b"card:", str(serial))[:4], "big") >> (32 - 5 * MAC_CHARS)
        body = _encoded(serial, SERIAL_CHARS) + _encoded(mac, MAC_CHARS)
        return body + _check_character(body)

    def serial(self, text: object) -> int | None:
        """The serial of a genuine card of this key, issued already; None for anything else."""
        if not isinstance(text, str) or len(text) > 2 * CARD_CODE_LENGTH:
            return None
        code = normalised(text)
        if len(code) != CARD_CODE_LENGTH or not set(code) <= set(CARD_ALPHABET):
            return None
        serial = 0
        for c in code[:SERIAL_CHARS]:
            serial = serial * 32 + CARD_ALPHABET.index(c)
        if not 1 <= serial <= self.issued:
            return None
        return serial if hmac.compare_digest(self.code(serial), code) else None

    def well_formed(self, text: str) -> bool:
        """A code with a right check character: typed as printed, whether genuine or not."""
        code = normalised(text)
        return (
            len(code) == CARD_CODE_LENGTH
            and set(code) <= set(CARD_ALPHABET)
            and _check_character(code[:-1]) == code[-1]
        )

    def voter(self, serial: int) -> str:
        """The id card `serial`'s votes are stored under: a keyed hash, as long as a device id."""
        digest = self._mac(b"voter:", str(serial))
        return base64.urlsafe_b64encode(digest).decode()[:VOTER_LENGTH]

    def seal(self, issues: tuple[Issue, ...]) -> str:
        """The HMAC over an issue record: a file whose record was altered no longer matches."""
        return self._mac(b"issued:", _canonical(issues, self.key_id)).hex()


def new_key() -> CardKey:
    return CardKey(secrets.token_bytes(32))


def load_key(anchor: Path) -> CardKey | None:
    """The card key kept beside `anchor`, or None where there is none (or it is not ours)."""
    try:
        with key_path(anchor).open("rb") as kept:
            data = json.loads(kept.read(4096))
        secret = base64.b64decode(data["key"], validate=True)
        issued = data["issued"]
        port = data.get("port", 0)
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None
    if len(secret) != 32 or type(issued) is not int or not 0 <= issued <= MOST_CARDS:
        return None
    return CardKey(secret, issued, port if type(port) is int and 0 < port < 65536 else 0)


def keep_key(anchor: Path, key: CardKey) -> None:
    """Write the key beside `anchor`, its owner's alone, replacing any earlier one whole."""
    target = key_path(anchor)
    written = target.with_name(target.name + ".new")
    flags = os.O_WRONLY | os.O_CREAT | os.O_TRUNC | getattr(os, "O_BINARY", 0)
    descriptor = os.open(written, flags, 0o600)
    with os.fdopen(descriptor, "wb") as out:
        text = {"key": base64.b64encode(key.secret).decode(), "issued": key.issued}
        if key.port:
            text["port"] = key.port
        out.write(json.dumps(text).encode() + b"\n")
        out.flush()
        os.fsync(out.fileno())  # the only copy of what signs the printed cards
    if sys.platform != "win32":
        written.chmod(0o600)  # also where a umask or an older file widened it
    written.replace(target)


@dataclass(frozen=True)
class Issue:
    """One print run: cards `first` to `first + count - 1`, issued at `at`."""

    first: int
    count: int
    at: float


@dataclass(frozen=True)
class Issued:
    """What a session records of its cards: every print run, the key's id, the seal."""

    issues: tuple[Issue, ...]
    key_id: str
    seal: str

    @property
    def total(self) -> int:
        return sum(issue.count for issue in self.issues)

    def as_json(self) -> str:
        runs = [[issue.first, issue.count, issue.at] for issue in self.issues]
        return json.dumps({"issues": runs, "key": self.key_id, "seal": self.seal})

    def ledger_line(self) -> str:
        """The record as the ledger's digest takes it (the seal is the key's, not the file's)."""
        return _canonical(self.issues, self.key_id)


def _canonical(issues: tuple[Issue, ...], key_id: str) -> str:
    return "cards|" + key_id + "|" + ";".join(f"{i.first},{i.count},{i.at:.6f}" for i in issues)


class CardsAlteredError(StoreError):
    """The session's record of its cards is not what was issued; the message says so."""

    def __init__(self, message: str) -> None:
        super().__init__("cards_altered", message)


def read_issued(db: sqlite3.Connection) -> Issued | None:
    """The issue record a session file holds, as it holds it (None: no cards, or unreadable
    as a record, which `checked_issued` reports)."""
    row = db.execute("SELECT value FROM meta WHERE key = 'cards'").fetchone()
    if row is None:
        return None
    try:
        data = json.loads(row[0])
        issues = tuple(Issue(int(f), int(c), float(a)) for f, c, a in data["issues"])
        return Issued(issues, str(data["key"]), str(data["seal"]))
    except (ValueError, KeyError, TypeError):
        return Issued((), "", "")  # never what a key seals


def checked_issued(db: sqlite3.Connection, path: Path, key: CardKey | None) -> Issued | None:
    """The session's cards, checked against the key that signed them.

    CardsAlteredError where the record was changed after it was written, where its
    key is not the one kept beside the anchor, or where the key says more or fewer
    cards were issued than the file does.
    """
    issued = read_issued(db)
    if issued is None:
        if key is not None and key.issued:
            raise CardsAlteredError(tr("cards.record_gone", path=path, count=key.issued))
        return None
    if key is None:
        raise CardsAlteredError(tr("cards.no_key", path=path, key=key_path(path).name))
    if issued.key_id != key.key_id:
        raise CardsAlteredError(tr("cards.other_key", path=path, key=key_path(path).name))
    if not hmac.compare_digest(issued.seal, key.seal(issued.issues)) or issued.total != key.issued:
        raise CardsAlteredError(tr("cards.altered", path=path, count=key.issued))
    return issued


def add_issue(db: sqlite3.Connection, key: CardKey, count: int, at: float) -> tuple[CardKey, Issue]:
    """Record `count` more cards in the session `db` (inside the caller's transaction).

    Returns the key with its new total (to keep beside the anchor after the commit)
    and the print run: serials `issue.first` to `issue.first + count - 1`.
    """
    if not 1 <= count <= MOST_CARDS - key.issued:
        raise ValueError(f"count {count}: from 1 to {MOST_CARDS - key.issued}")
    earlier = read_issued(db)
    issues = earlier.issues if earlier is not None else ()
    issue = Issue(key.issued + 1, count, at)
    grown = CardKey(key.secret, key.issued + count, key.port)
    record = Issued((*issues, issue), key.key_id, grown.seal((*issues, issue)))
    db.execute("INSERT OR REPLACE INTO meta VALUES ('cards', ?)", (record.as_json(),))
    return grown, issue


def record_text(db: sqlite3.Connection) -> str | None:
    """The issue record exactly as the session holds it (None: no cards), to put back."""
    row = db.execute("SELECT value FROM meta WHERE key = 'cards'").fetchone()
    return None if row is None else str(row[0])


def put_back(db: sqlite3.Connection, text: str | None) -> None:
    """The record as `record_text` read it before a print run that failed part-way."""
    if text is None:
        db.execute("DELETE FROM meta WHERE key = 'cards'")
    else:
        db.execute("INSERT OR REPLACE INTO meta VALUES ('cards', ?)", (text,))


def adopt_issued(
    db: sqlite3.Connection, path: Path, key: CardKey | None, issued: Issued | None
) -> Issued | None:
    """An evening's talk: a session of it that records no cards yet (a talk added after
    they were printed) takes the evening's record, `issued` (from a talk whose record was
    checked), so that this file alone says how many cards were issued; a session that
    records cards has them checked against the evening's `key` (`checked_issued`),
    before anything is written. Inside the caller's transaction."""
    if read_issued(db) is None and issued is not None:
        db.execute("INSERT OR REPLACE INTO meta VALUES ('cards', ?)", (issued.as_json(),))
        return issued
    return checked_issued(db, path, key)


# ---------------------------------------------------------------- who is present


def mark_present(db: sqlite3.Connection, voter: str, at: float) -> bool:
    """Card `voter` joined (the first time counts); True if it had not before."""
    cursor = db.execute("INSERT OR IGNORE INTO cards_present VALUES (?, ?)", (voter, at))
    return cursor.rowcount > 0


def counted_cards(db: sqlite3.Connection, poll_id: str, run: int) -> tuple[int, int]:
    """The cards issued, and those present for the poll's run: joined before it closed
    (while it is open: so far). The same figures from the file on every surface."""
    issued = read_issued(db)
    total = issued.total if issued is not None else 0
    return total, present_until(db, closed_at(db, poll_id, run))


def card_count(db: sqlite3.Connection, poll: Poll, run: int) -> CardCount | None:
    """What a poll that counts voting cards is decided with (session/motion.py); None for
    a poll that counts phones, and where the session issued no cards (not known: a
    motion then says it cannot be decided, rather than count nobody present)."""
    if poll.eligible is not Eligible.CARDS or read_issued(db) is None:
        return None
    return CardCount(*counted_cards(db, poll.id, run))


def present_until(db: sqlite3.Connection, until: float | None) -> int:
    """Cards that joined by `until` (None: so far)."""
    try:
        if until is None:
            return int(db.execute("SELECT COUNT(*) FROM cards_present").fetchone()[0])
        query = "SELECT COUNT(*) FROM cards_present WHERE at <= ?"
        return int(db.execute(query, (until,)).fetchone()[0])
    except sqlite3.OperationalError:  # a file from before voting cards
        return 0


def closed_at(db: sqlite3.Connection, poll_id: str, run: int) -> float | None:
    """When the run of the poll was last closed, if it is closed now."""
    row = db.execute(
        "SELECT state FROM polls WHERE poll_id = ? AND run = ?", (poll_id, run)
    ).fetchone()
    if row is None or row[0] != "closed":
        return None
    found = db.execute(
        "SELECT MAX(at) FROM poll_events WHERE poll_id = ? AND run = ? AND kind = 'close'",
        (poll_id, run),
    ).fetchone()
    return None if found is None or found[0] is None else float(found[0])
