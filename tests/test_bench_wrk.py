"""bench/votes.py's wrk helpers, which every benchmark that loads the server shares."""

from __future__ import annotations

import shutil
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from bench.votes import wrk_figure, wrk_in_background, wrk_missing


class _Answer(BaseHTTPRequestHandler):
    def do_POST(self) -> None:
        self.rfile.read(int(self.headers["Content-Length"]))
        status = 429 if self.path == "/refused" else 200
        self.send_response(status)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, *_: object) -> None:
        pass


def test_a_missing_wrk_is_said_with_how_to_install_it(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))
    assert wrk_missing()
    assert "apt-get install -y --no-install-recommends wrk" in capsys.readouterr().err


@pytest.mark.skipif(shutil.which("wrk") is None, reason="wrk is not installed")
@pytest.mark.parametrize(("path", "refused"), [("/", False), ("/refused", True)])
def test_wrk_runs_a_script_and_its_report_is_read(tmp_path: Path, path: str, refused: bool) -> None:
    assert not wrk_missing()
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Answer)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    script = tmp_path / "post.lua"
    script.write_text(f'wrk.method = "POST"\nwrk.body = "{{}}"\nwrk.path = "{path}"\n')
    try:
        load = wrk_in_background(server.server_address[1], script, connections=2, seconds=1)
        report, _ = load.communicate(timeout=30)
    finally:
        server.shutdown()
        server.server_close()
    assert load.returncode == 0, report
    rate = wrk_figure(report, "Requests/sec")
    assert rate is not None and rate > 0
    requests = int(report.split(" requests in ")[0].split()[-1])
    assert wrk_figure(report, "Non-2xx") == (requests if refused else None)
    assert wrk_figure(report, "no such line") is None
