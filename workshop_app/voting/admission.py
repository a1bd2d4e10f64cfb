"""Who may vote: one person, one voice, without storing who they are.

A phone joins with the room's code and gets a ticket: a random secret with the
server's signature (HMAC-SHA256 under a key the keeper draws at start and keeps in
memory). The phone's device id, the one the session file stores with its votes,
is a hash of that secret, so the file names devices without holding what makes
their tickets. The key is never written: a session file travels (to whoever checks
the results), and whoever holds the key can sign tickets offline.

So a restart (a resumed session) has a new key, and old tickets are refused with
`bad_ticket`. The phone page then joins again with the code it keeps and the
ticket it holds; a ticket whose device already voted, asked or upvoted in this
session is signed anew for the same secret (`READMITTED`): the phone keeps its one
voice, and changing its vote replaces the earlier one. Only the phone knows the
secret behind a device id, so the file's ids buy nothing. The room's code stays
in the file, as it is on the projector: it buys a ticket only through these doors.
Votes name their ticket; a forged or made-up id is refused.
So a script can no longer count once per invented device id: it needs a ticket
for each, and new tickets per source address are capped (`Doors`, in the keeper's
memory only; no address is ever written). Wrong codes are rate-limited per
address too. Mentimeter and Slido rely on a cookie alone.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import re
import secrets
import time
from collections import deque
from dataclasses import dataclass, field

from aiohttp import web

DEVICE_ID_LENGTH = 22  # secrets.token_urlsafe(16); a device id is as long
TICKET = re.compile(r"^[A-Za-z0-9_-]{44}$")
DEFAULT_DEVICES_PER_ADDRESS = 10
WRONG_CODES = (10, 60.0)  # at most 10 wrong codes per address in 60 s
CONNECTIONS_PER_DEVICE = 4  # connections one address may hold per worker, per allowed device


@dataclass(frozen=True)
class Admission:
    """How the server lets phones in; `serve`'s options."""

    devices_per_address: int = DEFAULT_DEVICES_PER_ADDRESS
    trusted_proxy: str | None = None  # a reverse proxy whose X-Forwarded-For we believe
    public_url: str | None = None  # the address phones use when a proxy serves us
    hosts: frozenset[str] = field(default_factory=frozenset)  # names this server answers to

    @property
    def connections_per_address(self) -> int:
        return max(32, CONNECTIONS_PER_DEVICE * self.devices_per_address)


class Tickets:
    """Issues and checks tickets; the key never leaves the server's processes.

    `domain` keeps kinds of ticket apart under one key scheme: the speaker's remote
    tokens are signed over `remote:` + id with a key of their own (voting/remote.py).
    """

    def __init__(self, key: bytes, domain: bytes = b"") -> None:
        self._key = key
        self._domain = domain

    def issue(self) -> str:
        secret = secrets.token_urlsafe(16)
        return secret + self._signature(secret)

    def device(self, ticket: object) -> str | None:
        """The device id a genuine ticket stands for; None for anything else."""
        if not isinstance(ticket, str) or not TICKET.match(ticket):
            return None
        secret, signature = ticket[:DEVICE_ID_LENGTH], ticket[DEVICE_ID_LENGTH:]
        if not hmac.compare_digest(signature, self._signature(secret)):
            return None
        return self._device(secret)

    def claimed(self, ticket: object) -> str | None:
        """The device a well-formed ticket of another run (another key) would stand for,
        unchecked: only worth something if that device is in the session already."""
        if not isinstance(ticket, str) or not TICKET.match(ticket):
            return None
        return self._device(ticket[:DEVICE_ID_LENGTH])

    def renew(self, ticket: str) -> str:
        """A ticket of this run for the secret of `ticket` (one `claimed` vouched for)."""
        secret = ticket[:DEVICE_ID_LENGTH]
        return secret + self._signature(secret)

    def _device(self, secret: str) -> str:
        digest = hashlib.sha256(self._domain + b"device:" + secret.encode()).digest()
        return base64.urlsafe_b64encode(digest).decode()[:DEVICE_ID_LENGTH]

    def _signature(self, secret: str) -> str:
        digest = hmac.new(self._key, self._domain + secret.encode(), hashlib.sha256).digest()
        return base64.urlsafe_b64encode(digest).decode()[:22]


# The keeper's answers to a join, one word each on the wire between the processes.
ADMITTED = "admitted"
READMITTED = "readmitted"  # a ticket of an earlier run, whose device is in the session
WRONG_CODE = "wrong_code"
TOO_MANY_TRIES = "too_many_tries"
TOO_MANY_DEVICES = "too_many_devices"


class Doors:
    """The keeper's count of tickets and wrong codes per source address (memory only)."""

    def __init__(self, devices_per_address: int) -> None:
        self.most = devices_per_address
        self.issued: dict[str, int] = {}
        self.wrong: dict[str, deque[float]] = {}
        self.refused = 0  # joins refused for too many devices from one address

    def admit(self, address: str, code_ok: bool, renewing: bool) -> str:
        if self.locked(address):
            return TOO_MANY_TRIES
        if not code_ok:
            self.strike(address)
            return WRONG_CODE
        if renewing:
            return ADMITTED  # a phone that joined before: no new identity
        if self.issued.get(address, 0) >= self.most:
            self.refused += 1
            return TOO_MANY_DEVICES
        self.issued[address] = self.issued.get(address, 0) + 1
        return ADMITTED

    def locked(self, address: str) -> bool:
        """Too many wrong codes (or pairing secrets) from this address lately."""
        strikes = self.wrong.get(address)
        if strikes is None:
            return False
        now = time.monotonic()
        while strikes and now - strikes[0] > WRONG_CODES[1]:
            strikes.popleft()
        return len(strikes) >= WRONG_CODES[0]

    def strike(self, address: str) -> None:
        self.wrong.setdefault(address, deque()).append(time.monotonic())

    @property
    def addresses(self) -> int:
        return len(self.issued)


def client_address(request: web.Request, admission: Admission) -> str:
    """Where a request comes from; behind a trusted proxy, where it came to the proxy from."""
    peer = request.remote or ""
    if admission.trusted_proxy is not None and peer == admission.trusted_proxy:
        forwarded = request.headers.get("X-Forwarded-For", "")
        last = forwarded.rsplit(",", 1)[-1].strip()
        if last:
            return last
    return peer
