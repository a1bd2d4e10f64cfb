"""What `impuls serve` tells its parent once it listens: one type, written and read here.

The server prints it as its first line of standard output; the app reads that
line back with `Listening.from_line`. Kept apart from server.py so that the app
and the command line can use it without importing aiohttp.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

DEFAULT_PORT = 8765  # taken: the server finds a free one and says which


@dataclass(frozen=True)
class Listening:
    """What the presenter needs once the server is up."""

    url: str  # the address phones use (the first LAN address, else loopback)
    urls: tuple[str, ...]  # every LAN address, for the presenter to choose from
    port: int
    join_code: str
    presenter_token: str
    notice: str = ""  # for the presenter: printed voting cards lead phones to another port

    @property
    def offline(self) -> bool:
        """No network but loopback: phones cannot reach us."""
        return all(url.startswith(("http://127.", "http://localhost")) for url in self.urls)

    def as_json(self) -> str:
        return json.dumps(
            {
                "url": self.url,
                "urls": list(self.urls),
                "port": self.port,
                "join_code": self.join_code,
                "presenter_token": self.presenter_token,
                "notice": self.notice,
            }
        )

    @classmethod
    def from_line(cls, line: str) -> Listening:
        """The record `as_json` wrote; KeyError, ValueError or TypeError if it is not one."""
        data = json.loads(line)
        return cls(
            str(data["url"]),
            tuple(str(url) for url in data["urls"]),
            int(data["port"]),
            str(data["join_code"]),
            str(data["presenter_token"]),
            str(data.get("notice", "")),
        )
