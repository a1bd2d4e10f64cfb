"""A real `serve` process on a free port and a small HTTP client, for benchmarks and tests."""

from __future__ import annotations

import http.client
import json
import signal
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from workshop_app.paths import ROOT

DECK = ROOT / "slides" / "clash-of-cultures.md"


@dataclass
class Server:
    process: subprocess.Popen[str]
    port: int
    join_code: str
    token: str
    session: Path
    stderr: str = ""

    def call(
        self,
        method: str,
        path: str,
        body: object = None,
        *,
        token: str | None = None,
        raw: bytes | None = None,
    ) -> tuple[int, object]:
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=10)
        headers = {"Content-Type": "application/json"}
        if token is not None:
            headers["Authorization"] = f"Bearer {token}"
        data = raw if raw is not None else (None if body is None else json.dumps(body).encode())
        connection.request(method, path, body=data, headers=headers)
        response = connection.getresponse()
        text = response.read().decode("utf-8")
        connection.close()
        return response.status, json.loads(text) if text else None

    def control(self, poll: str, action: str) -> None:
        status, _ = self.call("POST", f"/api/polls/{poll}/{action}", token=self.token)
        assert status == 200

    def vote(
        self, poll: str, device: str, vote_id: str, choice: object, code: str | None = None
    ) -> tuple[int, object]:
        body = {
            "code": code or self.join_code,
            "device": device,
            "vote_id": vote_id,
            "choice": choice,
        }
        return self.call("POST", f"/api/polls/{poll}/votes", body)

    def totals(self, poll: str) -> list[int]:
        status, result = self.call("GET", f"/api/polls/{poll}/results", token=self.token)
        assert status == 200 and isinstance(result, dict)
        return list(result["total"])

    def stop(self) -> int:
        self.process.send_signal(signal.SIGTERM)
        _, self.stderr = self.process.communicate(timeout=15)  # also closes the pipes
        return self.process.returncode


def start_server(session: Path, deck: Path = DECK) -> Server:
    process = subprocess.Popen(
        [sys.executable, str(ROOT / "main.py"), "serve", str(deck), "--session", str(session),
         "--port", "0", "--host", "127.0.0.1"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    assert process.stdout is not None
    first = process.stdout.readline()
    if not first:
        raise RuntimeError(
            f"serve did not start: {process.stderr.read() if process.stderr else ''}"
        )
    info = json.loads(first)
    return Server(process, info["port"], info["join_code"], info["presenter_token"], session)


def phone(n: int) -> str:
    return f"phone-{n:012d}"
