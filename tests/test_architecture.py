"""The layering rule of STYLE.md: the core knows nothing of Qt, and a tool checks it."""

from __future__ import annotations

import tomllib

from workshop_app.paths import ROOT

CORE_PACKAGES = ("deck", "session", "voting", "handout", "i18n")


def test_every_existing_core_package_is_in_the_import_linter_contract() -> None:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    contracts = config["tool"]["importlinter"]["contracts"]
    (qt_free,) = [
        c for c in contracts if c["type"] == "forbidden" and "PySide6" in c["forbidden_modules"]
    ]
    existing = {
        f"workshop_app.{name}" for name in CORE_PACKAGES if (ROOT / "workshop_app" / name).is_dir()
    }
    assert existing >= {"workshop_app.deck", "workshop_app.i18n"}
    assert sorted(existing - set(qt_free["source_modules"])) == []
    assert qt_free["allow_indirect_imports"] is False
