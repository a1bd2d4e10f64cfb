"""Fixtures of the handout tests: each module runs its own `event`; this exports it."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.commands import impuls


@pytest.fixture(scope="module")
def handout(event: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The module's event exported as the members' handout, by the command a user runs."""
    pdf = tmp_path_factory.mktemp("pdf") / "handout.pdf"
    made = impuls("export", event, "--pdf", pdf)
    assert made.returncode == 0, made.stderr
    return pdf
