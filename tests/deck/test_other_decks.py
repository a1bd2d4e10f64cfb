"""Other people's Marp decks: what Marp opens, Impuls opens, and says what it left out."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.commands import impuls
from tests.deck.helpers import deck, warnings
from workshop_app.deck.loader import load_deck

FEATURES = Path(__file__).resolve().parent.parent / "data" / "marp-features"

# ---------------------------------------------------------------- front matter Marp cannot read


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        pytest.param(
            "---\n- a\n- b\n---\n# A\n", [(2, "frontmatter.not_mapping")], id="front matter list"
        ),
        pytest.param(
            "---\njust text\n---\n# A\n", [(2, "frontmatter.not_mapping")], id="front matter scalar"
        ),
        pytest.param(
            "---\ntitle: T\nauthor: [x\n---\n# A\n",
            [(3, "frontmatter.ignored_syntax")],
            id="broken yaml",
        ),
        pytest.param(
            "---\nmarp: true\nstyle: |\nsection {\n  color: red;\n}\n---\n# A\n",
            [(4, "frontmatter.ignored_block")],
            id="style block not indented",
        ),
    ],
)
def test_front_matter_marp_cannot_read_is_ignored_with_a_warning(
    source: str, expected: list[tuple[int, str]]
) -> None:
    found = deck(source)
    assert warnings(found) == expected
    assert [slide.title for slide in found.slides] == ["A"]


def test_public_deck_with_unindented_style_opens_as_marp_shows_it() -> None:
    # Marp drops the whole front matter: no theme, no pagination, the slides all there.
    found = load_deck(FEATURES / "broken-front-matter.md")
    assert len(found.slides) == 3
    assert found.meta.theme == "light" and not found.meta.paginate
    assert warnings(found) == [(6, "frontmatter.ignored_block")]
    problem = found.warnings[0]
    assert problem.path == FEATURES / "broken-front-matter.md"


def test_check_opens_the_deck_and_names_file_and_line() -> None:
    path = FEATURES / "broken-front-matter.md"
    result = impuls("check", path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert f"{path}:6:" in result.stdout + result.stderr
    assert "style: |" in result.stdout + result.stderr
