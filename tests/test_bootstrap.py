"""The set-up script behind the README's two commands (tools/bootstrap.py)."""

from __future__ import annotations

import importlib.util
import os
import shutil
import subprocess
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from workshop_app.paths import ROOT


def _load_bootstrap() -> ModuleType:
    spec = importlib.util.spec_from_file_location("bootstrap", ROOT / "tools" / "bootstrap.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["bootstrap"] = module  # its dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


bootstrap = _load_bootstrap()
needs_dpkg = pytest.mark.skipif(shutil.which("dpkg-query") is None, reason="not a Debian system")


@needs_dpkg
def test_installed_and_missing_packages_are_told_apart() -> None:
    missing = bootstrap.missing_debian_packages(["dpkg", "impuls-no-such-package"])
    assert missing == ["impuls-no-such-package"]


@needs_dpkg
def test_qt_packages_are_installed_after_set_up() -> None:
    # The test command itself ran the set-up, so nothing Qt needs may be missing.
    assert bootstrap.missing_debian_packages(bootstrap.QT_PACKAGES) == []


@needs_dpkg
@pytest.mark.skipif(
    os.geteuid() != 0 or shutil.which("setpriv") is None, reason="needs root to become another user"
)
def test_non_root_user_gets_the_exact_apt_line() -> None:
    # The other user may not be able to read this checkout, so hand it the source.
    source = (ROOT / "tools" / "bootstrap.py").read_text(encoding="utf-8")
    code = (
        source.replace("Path(__file__)", "Path('/nonexistent/tools/bootstrap.py')").replace(
            'if __name__ == "__main__":', "if False:"
        )
        + "\nsys.exit(0 if ensure_system_packages(['dpkg', 'impuls-no-such-package']) else 3)\n"
    )
    # An interpreter outside any private folder (a fresh clone's .venv may be in one).
    python = "/usr/bin/python3" if Path("/usr/bin/python3").exists() else sys.executable
    result = subprocess.run(
        ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", python, "-c", code],
        cwd="/", capture_output=True, text=True, timeout=60, check=False,
    )  # fmt: skip
    assert result.returncode == 3, result.stderr
    assert "sudo apt-get install -y --no-install-recommends impuls-no-such-package" in result.stdout
    assert "Traceback" not in result.stderr


def test_unknown_mode_prints_usage_and_exits_2() -> None:
    result = subprocess.run(
        [sys.executable, str(ROOT / "tools" / "bootstrap.py"), "frobnicate"],
        capture_output=True, text=True, timeout=60, check=False,
    )  # fmt: skip
    assert result.returncode == 2
    assert "python3 tools/bootstrap.py test" in result.stdout


def test_install_fingerprint_follows_pyproject_and_extras() -> None:
    assert bootstrap.install_fingerprint("test") != bootstrap.install_fingerprint("")
    assert bootstrap.install_fingerprint("test") == bootstrap.install_fingerprint("test")


def _fake_python(folder: Path, script: str) -> Path:
    python = folder / "python3"
    python.write_text(f"#!/bin/sh\n{script}\n", encoding="utf-8")
    python.chmod(0o755)
    return python


@pytest.mark.skipif(sys.platform != "linux", reason="the system python3 is looked for on Linux")
@pytest.mark.parametrize(
    ("script", "chosen"),
    [
        (f"echo {sys.version_info[0]} {sys.version_info[1]}", "system"),  # the same version
        ("echo 3 99", "this"),  # another version: the one the user ran
        ("echo No module named ensurepip >&2; exit 1", "this"),  # cannot make a virtualenv
    ],
)
def test_the_virtualenv_base_is_the_system_python_only_where_it_qualifies(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, script: str, chosen: str
) -> None:
    system = _fake_python(tmp_path, script)
    monkeypatch.setattr(bootstrap, "SYSTEM_PYTHON", system)
    monkeypatch.delenv("IMPULS_PYTHON", raising=False)
    assert bootstrap.venv_base() == (str(system) if chosen == "system" else sys.executable)


def test_impuls_python_chooses_the_virtualenv_base(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("IMPULS_PYTHON", "/opt/python3.12/bin/python3")
    assert bootstrap.venv_base() == "/opt/python3.12/bin/python3"


def test_the_test_command_made_this_virtualenv_from_the_chosen_base() -> None:
    # Run by the README's test command on a fresh clone, the suite runs in the .venv
    # that bootstrap made, so its base installation is the one venv_base() picks.
    base = bootstrap.venv_base()
    probe = [base, "-c", "import sys; print(sys.base_prefix)"]
    prefix = subprocess.run(probe, capture_output=True, text=True, check=True).stdout.strip()
    assert Path(prefix).resolve() == Path(sys.base_prefix).resolve(), (
        f"this .venv was made from {sys.base_prefix}, bootstrap now picks {base}: "
        "delete .venv and run the test command again"
    )


def test_a_mistyped_impuls_python_is_named_not_a_traceback(tmp_path: Path) -> None:
    # A copy of the script in a folder of its own, so that it makes a fresh .venv there.
    tools = tmp_path / "tools"
    tools.mkdir()
    shutil.copy(ROOT / "tools" / "bootstrap.py", tools / "bootstrap.py")
    missing = tmp_path / "no-such-python"
    env = {**os.environ, "IMPULS_PYTHON": str(missing)}
    result = subprocess.run(
        [sys.executable, "-c", "import sys; sys.path.insert(0, 'tools'); import bootstrap; "
         "sys.exit(0 if bootstrap.ensure_venv('') else 1)"],
        cwd=tmp_path, env=env, capture_output=True, text=True, timeout=60, check=False,
    )  # fmt: skip
    assert result.returncode == 1
    assert f"Could not run {missing}: No such file or directory" in result.stdout
    assert "python3-venv" not in result.stdout  # that advice is for a Python without venv
    assert "Traceback" not in result.stderr
    assert not (tmp_path / ".venv").exists()


@needs_dpkg
def test_the_command_suggested_without_a_display_works_after_set_up() -> None:
    # Before: `app` without a display suggested `xvfb-run`, which a fresh machine lacks.
    assert shutil.which("xvfb-run") is not None
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "QT_QPA_PLATFORM")}
    probe = (
        "import sys; from PySide6.QtWidgets import QApplication;"
        " print(QApplication(sys.argv[:1]).platformName())"
    )
    result = subprocess.run(["xvfb-run", "-a", sys.executable, "-c", probe], env=env,
                            capture_output=True, text=True, timeout=60, check=False)  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "xcb"  # Qt's X11 plugin and its libraries are there


# ---------------------------------------------------------------- the locked set


def _pins(lock: Path) -> dict[str, str]:
    """name → version of every line of a lock file that applies to this machine."""
    from packaging.markers import Marker
    from packaging.utils import canonicalize_name

    pins: dict[str, str] = {}
    for line in lock.read_text(encoding="utf-8").splitlines():
        if not line or line[0] in " #" or "==" not in line:
            continue
        requirement, _, marker = line.rstrip(" \\").partition(";")
        if marker.strip() and not Marker(marker.strip()).evaluate():
            continue
        name, _, version = requirement.strip().partition("==")
        pins[canonicalize_name(name)] = version
    return pins


def _declared(extras: tuple[str, ...]) -> list[str]:
    import tomllib

    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    wanted = list(project["dependencies"])
    for extra in extras:
        wanted += project["optional-dependencies"][extra]
    return wanted


@pytest.mark.parametrize("lock", bootstrap.LOCK_FILES, ids=lambda lock: lock.name)
def test_each_lock_pins_what_pyproject_asks_for_with_hashes(lock: Any) -> None:
    from packaging.requirements import Requirement
    from packaging.utils import canonicalize_name

    path: Path = lock.path
    pins = _pins(path)
    for text in _declared(lock.extras):
        wanted = Requirement(text)
        if wanted.marker is not None and not wanted.marker.evaluate():
            continue
        name = canonicalize_name(wanted.name)
        assert name in pins, f"{path.name} lacks {name}: run python3 tools/bootstrap.py upgrade"
        assert wanted.specifier.contains(pins[name], prereleases=True), (name, pins[name])
    text = path.read_text(encoding="utf-8")
    entries = [line for line in text.splitlines() if line[:1].isalnum()]
    assert entries and text.count("--hash=sha256:") >= len(entries)
    # One package has one version in every set: the app, the suite, the bench, the bundle.
    shared = _pins(bootstrap.lock_file("test").path)
    assert {n: v for n, v in pins.items() if n in shared} == {
        n: v for n, v in shared.items() if n in pins
    }


def test_the_suite_runs_on_exactly_the_locked_versions() -> None:
    from importlib.metadata import PackageNotFoundError, version

    wrong = {}
    for name, locked in _pins(bootstrap.lock_file("test").path).items():
        try:
            installed = version(name)
        except PackageNotFoundError:
            installed = "missing"
        if installed != locked:
            wrong[name] = (locked, installed)
    assert wrong == {}, "the virtualenv differs from requirements/test.txt"


@pytest.mark.slow
def test_the_locks_are_current_with_pyproject(tmp_path: Path) -> None:
    """Compiled again as `upgrade` compiles them, minus --upgrade: not a byte changes.

    Fails when pyproject.toml changed without `python3 tools/bootstrap.py upgrade`.
    uv asks the package index for metadata, as the install itself does."""
    uv = Path(sys.executable).parent / ("uv.exe" if sys.platform == "win32" else "uv")
    shutil.copy(ROOT / "pyproject.toml", tmp_path)
    shutil.copytree(ROOT / "requirements", tmp_path / "requirements")
    assert bootstrap.compile_locks(uv, tmp_path, upgrade=False)
    for lock in bootstrap.LOCK_FILES:
        name = lock.path.relative_to(ROOT)
        assert (tmp_path / name).read_text() == lock.path.read_text(), f"{name} is stale"
    assert "--upgrade" in bootstrap.lock_command(bootstrap.LOCK_FILES[0], upgrade=True)


def test_every_test_run_checks_the_windows_and_macos_paths() -> None:
    """The README promises it: mypy follows each system's sys.platform branches."""
    commands = [command for _, command in bootstrap.CHECKS]
    for system in ("win32", "darwin"):
        assert ("mypy", "--platform", system, "workshop_app") in commands
