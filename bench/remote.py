"""The speaker's phone as remote: a tap until the audience window shows the next slide.

Runs the real app offscreen (a presenting session with its real `serve` child
process), pairs a remote over HTTP as the phone does, then for each round posts
a "next" command from a thread (as the phone's tap) and times until the audience
window has painted the new slide. Baseline in the same run: the same step by the
console's key (the presentation state directly), until the same paint.

    python -m bench.remote [--rounds 60]
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import sys
import tempfile
import threading
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtWidgets import QApplication

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from bench.live_screen import describe, finish, presenting, spin_for, spin_until


def post(port: int, path: str, body: object, header: str | None) -> dict[str, object]:
    """POST `body`; the answer, or an error naming the status (pairing is rate-limited)."""
    headers = {"Content-Type": "application/json"}
    if header is not None:
        headers["Authorization"] = header
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    connection.request("POST", path, json.dumps(body) if body is not None else None, headers)
    response = connection.getresponse()
    answer = json.loads(response.read() or b"{}")
    connection.close()
    if response.status != 200:
        raise RuntimeError(f"{path}: {response.status} {answer}")
    return dict(answer)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=60)
    args = parser.parse_args()
    _app = QApplication(sys.argv[:1])  # kept alive until os._exit
    result: dict[str, object] = {"cores": os.cpu_count()}
    with tempfile.TemporaryDirectory() as tmp:
        session, live = presenting(Path(tmp))
        port = live.info.port
        # The speaker pairs by scanning the console's code. The console asks for it as
        # the server comes up, and one code is valid at a time: a code the bench asked
        # for itself was replaced by the console's whenever that came second.
        spin_until(lambda: "#pair=" in session.console.remote.link)
        secret = session.console.remote.link.split("#pair=", 1)[1]
        remote = post(port, "/api/remote/pair", {"secret": secret}, None)["token"]
        painted: list[tuple[float, int]] = []
        session.audience.view.painted.connect(
            lambda index: painted.append((time.perf_counter(), index))
        )
        count = session.state.count

        def round_trip(step: object) -> float:
            """From the tap (or key) to the audience window's paint of the next slide."""
            target = session.state.index + 1
            if target >= count:
                session.state.go(0)
                spin_for(0.3)
                target = 1
            painted.clear()
            began = time.perf_counter()
            if step == "remote":
                body = {"command_id": f"c{time.monotonic_ns()}", "action": "next"}
                threading.Thread(target=post, args=(port, "/api/remote/commands", body,
                                                    f"Remote {remote}")).start()  # fmt: skip
            else:
                session.state.next()
            spin_until(lambda: any(index == target for _, index in painted))
            shown = min(t for t, index in painted if index == target)
            spin_for(0.12)  # the speaker talks between taps
            return (shown - began) * 1000

        taps = [round_trip("remote") for _ in range(args.rounds)]
        keys = [round_trip("key") for _ in range(args.rounds)]
        result["tap_to_audience_ms"] = describe("remote tap → audience painted", taps)
        result["key_to_audience_ms"] = describe("baseline: key → audience painted", keys)
        session.stop()
    finish("remote", result)


if __name__ == "__main__":
    sys.exit(main())
