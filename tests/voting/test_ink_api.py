"""The speaker's ink kept in the session (issue 34, item 4): the app's strokes go in,
one request each, typed as the document says; a restart reads them back; phones and
remotes can neither write nor read them. Real server, real sockets, the real file."""

from __future__ import annotations

import sqlite3

from tests.support.serving import Server, remote_token
from workshop_app.session.ink import read_ink
from workshop_app.session.marks import MAX_STROKE_POINTS, Point

STROKE = [[0.1, 0.2], [0.15, 0.25], [0.2, 0.3]]


def test_strokes_are_kept_per_slide_and_erased(server: Server) -> None:
    token = server.token
    assert server.call("POST", "/api/slides/2/ink", {"stroke": STROKE}, token=token)[0] == 200
    assert server.call("POST", "/api/slides/2/ink", {"stroke": [[0.9, 0.9]]}, token=token)[0] == 200
    assert server.call("POST", "/api/slides/0/ink", {"stroke": STROKE}, token=token)[0] == 200
    status, kept = server.call("GET", "/api/ink", token=token)
    assert status == 200 and kept == {"ink": {"0": [STROKE], "2": [STROKE, [[0.9, 0.9]]]}}
    assert server.call("DELETE", "/api/slides/2/ink", token=token)[0] == 200
    assert server.call("GET", "/api/ink", token=token)[1] == {"ink": {"0": [STROKE]}}
    assert server.stop() == 0
    db = sqlite3.connect(server.session)  # on disk, for the next start and the handout
    try:
        assert read_ink(db) == {0: (tuple(Point(x, y) for x, y in STROKE),)}
    finally:
        db.close()


def test_wrong_ink_is_refused_and_nobody_else_may_draw(server: Server) -> None:
    token = server.token
    for body in (
        {"stroke": "0.1,0.2"},
        {"stroke": [[0.1, "0.2"]]},
        {"stroke": [[0.1, 1.2]]},
        {"stroke": [[True, 0.2]]},
        {"stroke": [0.1, 0.2]},
        {"stroke": STROKE, "colour": "red"},
        {},
    ):
        assert server.call("POST", "/api/slides/1/ink", body, token=token)[0] == 400, body
    unfit: list[object] = [[], [[0.1, 0.2, 0.3]], [[0.5]]]  # of the right types
    for stroke in unfit:
        status = server.call("POST", "/api/slides/1/ink", {"stroke": stroke}, token=token)[0]
        assert status == 422, stroke
    raw = b'{"stroke": [[NaN, 0.2]]}'
    assert server.call("POST", "/api/slides/1/ink", raw=raw, token=token)[0] == 400
    long = {"stroke": [[0.5, 0.5]] * (MAX_STROKE_POINTS + 1)}
    assert server.call("POST", "/api/slides/1/ink", long, token=token)[0] == 422
    huge = {"stroke": [[0.123456789, 0.987654321]] * 1000}  # over the 16 KB of any body
    assert server.call("POST", "/api/slides/1/ink", huge, token=token)[0] == 413
    for slide in ("999", "-1", "eins"):
        assert server.call("POST", f"/api/slides/{slide}/ink", {"stroke": STROKE},
                           token=token)[0] == 404  # fmt: skip
    phone = server.ticket("zeichnerin")
    assert server.call("POST", "/api/slides/1/ink", {"stroke": STROKE}, ticket=phone)[0] == 401
    assert server.call("DELETE", "/api/slides/1/ink", ticket=phone)[0] == 401
    assert server.call("GET", "/api/ink", ticket=phone)[0] == 401
    assert server.call("GET", "/api/ink")[0] == 401
    remote = remote_token(server)
    assert server.call("GET", "/api/ink", ticket=remote)[0] == 401
    assert server.call("GET", "/api/ink", token=token)[1] == {"ink": {}}  # none of it stuck
