"""What the app publishes for the speaker's remote fits the API's strict schema.

The server refuses a state body that does not fit (voting/openapi.py), and the app
sends it quietly: a field renamed on one side only would leave every remote on a
stale slide without a word. Every slide of the shipped talk, with its live results.
"""

from __future__ import annotations

from workshop_app.ui.presenting_session import PresentingSession, remote_state
from workshop_app.voting.openapi import compile_schema, openapi_document


def test_every_slides_remote_state_fits_the_document(shipped_live: PresentingSession) -> None:
    operation = openapi_document()["paths"]["/api/remote/state"]["put"]
    check = compile_schema(operation["requestBody"]["content"]["application/json"]["schema"])
    live = shipped_live.live
    assert live is not None
    with_poll = 0
    for index in range(shipped_live.state.count):
        shipped_live.state.go(index)
        state = remote_state(shipped_live.state, live)
        assert check(state, "") is None, (index, check(state, ""))
        with_poll += state["poll"] is not None
    assert with_poll >= 2  # the talk's polls were among them
