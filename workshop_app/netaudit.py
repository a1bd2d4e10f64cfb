"""Write down every network address this process contacts and every name it resolves.

For whoever wants to check the privacy promise (no data leaves the room): set
IMPULS_NETWORK_AUDIT=FILE and every Impuls process, the voting server included,
appends one line per `connect`, `sendto` and name lookup to FILE. The rehearsal
test runs the whole event with it and checks that only loopback and LAN
addresses appear. Python's audit hooks see Python's sockets; Qt's own network
code (the app's loopback connection to its server) does not pass through them.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Any

ENV = "IMPULS_NETWORK_AUDIT"
WATCHED = {
    "socket.bind": "bind",  # listening: local only, and proof that the log is on
    "socket.connect": "connect",
    "socket.sendto": "sendto",
    "socket.getaddrinfo": "resolve",
    "socket.gethostbyname": "resolve",
    "socket.gethostbyname_ex": "resolve",
    "socket.gethostbyaddr": "resolve",
}


def install_from_environment() -> None:
    target = os.environ.get(ENV)
    if target:
        install(Path(target))


def install(path: Path) -> None:
    log = path.open("a", encoding="utf-8", buffering=1)  # line-buffered: survives a kill -9

    def hook(event: str, args: tuple[Any, ...]) -> None:
        kind = WATCHED.get(event)
        if kind is None:
            return
        if kind == "resolve":
            target = args[0]
        else:
            address = args[1] if len(args) > 1 else None
            target = address[0] if isinstance(address, tuple) else address
        log.write(f"{os.getpid()}\t{kind}\t{target}\n")  # asked each time: the server forks

    sys.addaudithook(hook)
