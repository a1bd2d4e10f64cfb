"""Real Marp decks from public repositories open in Impuls with Marp's slide count.

The decks and their sources and licences are in tests/data/marp-corpus/; the
counts in its manifest were made by Marp CLI itself on the same files. The
one-feature decks in tests/data/marp-features/ (ours) are held to the same.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.support.commands import impuls
from workshop_app.deck.loader import load_deck

DATA = Path(__file__).resolve().parent.parent / "data"
CORPUS = DATA / "marp-corpus"
FEATURES = DATA / "marp-features"
MANIFEST: dict[str, int] = json.loads((CORPUS / "manifest.json").read_text("utf-8"))["slides"]
FEATURE_COUNTS: dict[str, int] = json.loads((FEATURES / "manifest.json").read_text("utf-8"))[
    "slides"
]


def test_every_corpus_deck_is_in_the_manifest_and_the_sources() -> None:
    decks = sorted(path.name for path in CORPUS.glob("*.md") if path.name != "SOURCES.md")
    assert decks == sorted(MANIFEST)
    sources = (CORPUS / "SOURCES.md").read_text("utf-8")
    for name in decks:
        assert f"| {name} |" in sources, f"{name} has no source and licence in SOURCES.md"


@pytest.mark.parametrize("name", sorted(MANIFEST))
def test_corpus_deck_opens_with_marps_slide_count(name: str) -> None:
    found = load_deck(CORPUS / name)
    assert len(found.slides) == MANIFEST[name]


def test_check_accepts_the_whole_corpus() -> None:
    result = impuls("check", *(CORPUS / name for name in sorted(MANIFEST)))
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize("name", sorted(FEATURE_COUNTS))
def test_feature_deck_opens_without_warnings_with_marps_slide_count(name: str) -> None:
    found = load_deck(FEATURES / name)
    assert len(found.slides) == FEATURE_COUNTS[name]
    expected = {
        "broken-front-matter.md": ["frontmatter.ignored_block"],  # Marp ignores it too
    }
    assert [problem.message_id for problem in found.warnings] == expected.get(name, [])


def test_every_feature_deck_is_in_its_manifest() -> None:
    assert sorted(path.name for path in FEATURES.glob("*.md")) == sorted(FEATURE_COUNTS)
