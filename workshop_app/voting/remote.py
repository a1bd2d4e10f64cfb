"""The speaker's phone as remote: pairing, its token, its commands, what it is shown.

Pairing: the console (presenter token) asks for a pairing secret and shows it as a
QR code on the laptop only. The phone that scans it trades the secret, once, within
five minutes, for a remote token: an id signed with a key that lives only as long
as this server run (a restart means pairing again; a revoked phone stays revoked).
Wrong secrets count as wrong join codes for their address. A participant's ticket
is signed with another key and another header word, so it opens nothing here.

Commands carry a `command_id`: a retry after a Wi-Fi drop is acknowledged, never
carried out twice. Slide commands go to the app (the presenter's event stream);
poll commands are the same store work as the console's buttons.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import re
import secrets
import time
from collections import OrderedDict
from dataclasses import dataclass, field
from enum import StrEnum

from workshop_app.session.model import PollAction

TOKEN = re.compile(r"^[A-Za-z0-9_-]{44}$")
ID_LENGTH = 22
PAIRING_SECONDS = 300.0
REMEMBERED_COMMANDS = 2000  # command ids kept to answer retries


class RemoteAction(StrEnum):
    """What the remote can ask for: the presenting keys it replaces, and a poll's buttons."""

    NEXT = "next"
    PREVIOUS = "previous"
    FIRST = "first"
    BLACK = "black"
    OPEN = "open"
    CLOSE = "close"
    REVEAL = "reveal"

    @property
    def poll_action(self) -> PollAction | None:
        return {
            RemoteAction.OPEN: PollAction.OPEN,
            RemoteAction.CLOSE: PollAction.CLOSE,
            RemoteAction.REVEAL: PollAction.REVEAL,
        }.get(self)


class RemoteKeys:
    """Signs and checks remote tokens with this run's key."""

    def __init__(self, key: bytes) -> None:
        self._key = key

    def issue(self) -> tuple[str, str]:
        """(remote id, token)."""
        remote = secrets.token_urlsafe(16)
        return remote, remote + self._signature(remote)

    def remote(self, token: object) -> str | None:
        if not isinstance(token, str) or not TOKEN.match(token):
            return None
        remote, signature = token[:ID_LENGTH], token[ID_LENGTH:]
        return remote if hmac.compare_digest(signature, self._signature(remote)) else None

    def _signature(self, remote: str) -> str:
        digest = hmac.new(self._key, b"remote:" + remote.encode(), hashlib.sha256).digest()
        return base64.urlsafe_b64encode(digest).decode()[:22]


@dataclass
class Paired:
    id: str
    paired_at: float

    def as_json(self) -> dict[str, object]:
        return {"id": self.id, "paired_at": self.paired_at}


@dataclass
class Pairings:
    """The keeper's pairing secret, paired remotes and revoked ones (memory only)."""

    keys: RemoteKeys
    secret: str | None = None
    expires: float = 0.0
    paired: dict[str, Paired] = field(default_factory=dict)
    revoked: set[str] = field(default_factory=set)
    commands: OrderedDict[str, str] = field(default_factory=OrderedDict)  # id → remote

    def new_secret(self) -> tuple[str, float]:
        self.secret = secrets.token_urlsafe(18)
        self.expires = time.monotonic() + PAIRING_SECONDS
        return self.secret, PAIRING_SECONDS

    def pair(self, given: str) -> str | None:
        """A token for the phone that brings the current secret; the secret is then used up."""
        if (
            self.secret is None
            or time.monotonic() > self.expires
            or not hmac.compare_digest(given.encode(), self.secret.encode())
        ):
            return None
        self.secret = None
        remote, token = self.keys.issue()
        self.paired[remote] = Paired(remote, time.time())
        return token

    def revoke(self, remote: str) -> bool:
        if self.paired.pop(remote, None) is None:
            return False
        self.revoked.add(remote)
        return True

    def first_time(self, command: str, remote: str) -> bool | None:
        """True for a new command; False for a retry of this remote's; None if the id is
        another remote's."""
        earlier = self.commands.get(command)
        if earlier is not None:
            return False if earlier == remote else None
        self.commands[command] = remote
        while len(self.commands) > REMEMBERED_COMMANDS:
            self.commands.popitem(last=False)
        return True
