"""Where the bundled things live (the checkout, installed editable by the README)."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SLIDES_DIR = ROOT / "slides"
DEFAULT_DECK = SLIDES_DIR / "clash-of-cultures.md"
RESOURCES_DIR = ROOT / "resources"
