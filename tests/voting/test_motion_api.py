"""Motions over the real server: phones vote Ja / Nein / Enthaltung, a show of hands joins
them, revealing closes the motion, and the results carry the outcome in the phone's words."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.support.commands import impuls
from tests.support.decks import ENTLASTUNG, SATZUNG, meeting
from tests.support.serving import Server, start_server

YES, NO, ABSTAIN = 0, 1, 2


@pytest.fixture
def assembly(tmp_path: Path) -> Iterator[Server]:
    running = start_server(tmp_path / "versammlung.impuls", meeting(tmp_path))
    yield running
    assert running.stop() == 0, running.stderr


def results(server: Server, poll: str, phone: str = "", lang: str = "de") -> dict[str, object]:
    asked = f"/api/polls/{poll}/results?lang={lang}"
    if phone:
        status, answer = server.call("GET", asked, ticket=server.ticket(phone))
    else:
        status, answer = server.call("GET", asked, token=server.token)
    assert status == 200 and isinstance(answer, dict), answer
    return answer


def test_a_motion_is_voted_revealed_closed_and_decided(assembly: Server) -> None:
    status, session = assembly.call("GET", "/api/session", ticket=assembly.ticket("p0"))
    assert status == 200
    assembly.control(SATZUNG, "open")
    status, session = assembly.call("GET", "/api/session", ticket=assembly.ticket("p0"))
    assert isinstance(session, dict)
    current = session["current_poll"]
    assert (current["type"], current["options"]) == ("motion", ["Ja", "Nein", "Enthaltung"])
    picks = [YES] * 6 + [NO] * 3 + [ABSTAIN] * 2
    for n, pick in enumerate(picks):
        assert assembly.vote(SATZUNG, f"p{n}", f"v{n}", pick)[0] == 200
    assert assembly.vote(SATZUNG, "p0", "v-bad", 3)[0] == 422  # three answers, no fourth
    assert assembly.vote(SATZUNG, "p0", "v-list", [0])[0] == 422
    # Six of nine votes cast is two thirds; the abstentions are not votes cast.
    counted = results(assembly, SATZUNG)
    assert counted["outcome"]["verdict"] == "adopted"  # type: ignore[index]
    assert assembly.call("GET", f"/api/polls/{SATZUNG}/results",
                         ticket=assembly.ticket("p0"))[0] == 403  # fmt: skip
    # A show of hands from the back row: one Nein more turns it down.
    status, _ = assembly.call("POST", f"/api/polls/{SATZUNG}/hands", {"counts": [0, 1, 0]},
                              token=assembly.token)  # fmt: skip
    assert status == 200
    assembly.control(SATZUNG, "reveal")
    shown = results(assembly, SATZUNG, phone="p3")
    assert (shown["state"], shown["revealed"]) == ("closed", True)  # revealing closed it
    assert shown["outcome"] == {
        "verdict": "rejected", "adopted": False, "headline": "ABGELEHNT",
        "sentence": "Abgelehnt: 6 Ja, 4 Nein, 2 Enthaltungen (davon per Handzeichen: 0 Ja,"
                    " 1 Nein); erforderlich: zwei Drittel der abgegebenen Stimmen (7 Ja).",
        "quorum_note": None, "majority": "two-thirds", "needed": 7, "quorum": None,
        "yes": 6, "no": 4, "abstain": 2, "hands": [0, 1, 0],
    }  # fmt: skip
    english = results(assembly, SATZUNG, phone="p3", lang="en")["outcome"]
    assert english["headline"] == "REJECTED"  # type: ignore[index]
    assert assembly.vote(SATZUNG, "p11", "late", YES)[0] == 409  # no vote after the outcome


def test_a_tie_is_rejected(assembly: Server) -> None:
    assembly.control(ENTLASTUNG, "open")
    for n, pick in enumerate([YES, NO, YES, NO, ABSTAIN]):
        assert assembly.vote(ENTLASTUNG, f"p{n}", f"e{n}", pick)[0] == 200
    assembly.control(ENTLASTUNG, "reveal")
    outcome = results(assembly, ENTLASTUNG, phone="p0")["outcome"]
    assert outcome["sentence"] == (  # type: ignore[index]
        "Abgelehnt: 2 Ja, 2 Nein, 1 Enthaltung; erforderlich: einfache Mehrheit."
    )


def test_the_exports_carry_the_outcome_and_the_rule(tmp_path: Path) -> None:
    session = tmp_path / "versammlung.impuls"
    server = start_server(session, meeting(tmp_path))
    try:
        server.control(ENTLASTUNG, "open")
        for n, pick in enumerate([YES, YES, YES, NO, ABSTAIN]):
            assert server.vote(ENTLASTUNG, f"p{n}", f"e{n}", pick)[0] == 200
        server.control(ENTLASTUNG, "reveal")
    finally:
        assert server.stop() == 0, server.stderr
    table, whole = tmp_path / "ergebnisse.csv", tmp_path / "sitzung.json"
    made = impuls("export", session, "--csv", table, "--json", whole)
    assert made.returncode == 0, made.stderr
    with table.open(encoding="utf-8") as file:
        rows = [row for row in csv.DictReader(file) if row["poll"] == ENTLASTUNG]
    said = "Angenommen: 3 Ja, 1 Nein, 1 Enthaltung; erforderlich: einfache Mehrheit."
    assert [(r["option"], r["total"], r["verdict"], r["outcome"]) for r in rows] == [
        ("Ja", "3", "adopted", said), ("Nein", "1", "adopted", said),
        ("Enthaltung", "1", "adopted", said)]  # fmt: skip
    entry = next(p for p in json.loads(whole.read_text("utf-8"))["polls"] if p["id"] == SATZUNG)
    assert (entry["type"], entry["majority"], entry["quorum"], entry["eligible"]) == (
        "motion", "two-thirds", None, "all")  # fmt: skip
    excel = tmp_path / "excel.csv"
    assert impuls("export", session, "--csv", excel, "--excel").returncode == 0
    cells = list(csv.reader(excel.read_text("utf-8-sig").splitlines(), delimiter=";"))
    assert [r[-2] for r in cells if r[0] == ENTLASTUNG] == ["angenommen"] * 3
