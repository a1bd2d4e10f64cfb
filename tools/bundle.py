"""Build Impuls for people without Python, try it, and say how big and how fast it is.

    .venv/bin/python tools/bundle.py

1. builds the wheel and installs it, with the dependencies locked in
   `requirements/bundle.txt` (hashes checked; PyInstaller among them),
   into a fresh virtualenv outside the project's own (`build/bundle/venv`);
2. freezes that install with PyInstaller (`packaging/impuls.spec`) into one folder,
   `dist/impuls/`, and packs it as `dist/impuls-VERSION-PLATFORM.tar.gz` (`.zip` on
   Windows);
3. runs the smoke tests against both (`tests/test_packaging.py`: `check`, the first
   slide painted, a vote served over loopback, a handout exported and verified, all
   from a folder outside the checkout);
4. prints the bundle's size and the start-up of checkout, wheel and bundle.

The test command runs the same tests, building (or reusing, while the sources are
unchanged) the same `build/bundle`. Windows and macOS bundles are built the same
way on those systems; PyInstaller does not cross-compile.
"""

from __future__ import annotations

import hashlib
import os
import platform
import shutil
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WORK = ROOT / "build" / "bundle"
# What the build depends on: a change to any of them builds again.
SOURCES = ("workshop_app", "packaging", "pyproject.toml", "requirements/bundle.txt")
# The app's dependencies and PyInstaller, each at its locked version and hash.
LOCK = ROOT / "requirements" / "bundle.txt"


@dataclass(frozen=True)
class Built:
    venv: Path  # the fresh virtualenv with the wheel installed
    bundle: Path  # the one folder PyInstaller made
    seconds: float  # how long building took (0 when reused)

    @property
    def installed_impuls(self) -> Path:
        """The console script pip made for the wheel."""
        return self.venv / ("Scripts/impuls.exe" if sys.platform == "win32" else "bin/impuls")

    @property
    def bundled_impuls(self) -> Path:
        """The bundle's terminal program (on Windows `impuls.exe` has no console)."""
        return self.bundle / ("impuls-cli.exe" if sys.platform == "win32" else "impuls-cli")


def source_digest() -> str:
    digest = hashlib.sha256(sys.version.encode())
    for name in SOURCES:
        top = ROOT / name
        paths = sorted(top.rglob("*")) if top.is_dir() else [top]
        for path in paths:
            if path.is_file() and "__pycache__" not in path.parts:
                digest.update(str(path.relative_to(ROOT)).encode() + b"\0")
                digest.update(path.read_bytes())
    return digest.hexdigest()


def venv_python(venv: Path) -> Path:
    return venv / ("Scripts/python.exe" if sys.platform == "win32" else "bin/python")


def step(command: list[str | Path], what: str) -> None:
    print(f"bundle: {what}", file=sys.stderr, flush=True)
    # Without PYTHONPATH: a checkout named there would pass for the installed
    # project (pip would skip the wheel, the frozen folder take the sources).
    env = {key: value for key, value in os.environ.items() if key != "PYTHONPATH"}
    done = subprocess.run(
        [str(part) for part in command], cwd=ROOT, env=env, capture_output=True, text=True,
        check=False,
    )  # fmt: skip
    if done.returncode != 0:
        raise RuntimeError(f"{what} failed (exit {done.returncode}):\n{done.stderr[-4000:]}")


def build(work: Path = WORK) -> Built:
    """The wheel in a fresh virtualenv and the frozen folder, reused while sources match."""
    venv, bundle, stamp = work / "venv", work / "dist" / "impuls", work / "sources.sha256"
    wanted = source_digest()
    if stamp.exists() and stamp.read_text() == wanted and bundle.is_dir():
        return Built(venv, bundle, 0.0)
    started = time.monotonic()
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    wheels = work / "wheel"
    # Built with the checkout's own locked setuptools, not one fetched for the build.
    step([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q",
          "-w", wheels, ROOT], "building the wheel")  # fmt: skip
    (wheel,) = wheels.glob("impuls-*.whl")
    # `venv` makes it from the interpreter this one was made from, not from ours.
    step([sys.executable, "-m", "venv", venv], "making a fresh virtualenv")
    python = venv_python(venv)
    pip: list[str | Path] = [
        python,
        "-m",
        "pip",
        "install",
        "-q",
        "--disable-pip-version-check",
        "--no-deps",
    ]
    step(
        [*pip, "--require-hashes", "-r", LOCK], "installing the locked dependencies and PyInstaller"
    )
    step([*pip, wheel], "installing the wheel")
    step([python, "-m", "PyInstaller", "--noconfirm", "--log-level", "WARN",
          "--distpath", work / "dist", "--workpath", work / "pyinstaller",
          ROOT / "packaging" / "impuls.spec"], "freezing with PyInstaller")  # fmt: skip
    stamp.write_text(wanted)
    return Built(venv, bundle, time.monotonic() - started)


def folder_bytes(folder: Path) -> int:
    """On disk, as `du` counts it: a symlink (PyInstaller links Qt's libraries) once."""
    return sum(
        path.lstat().st_size
        for path in folder.rglob("*")
        if path.is_file() and not path.is_symlink()
    )


def archive(built: Built, dist: Path) -> Path:
    version = subprocess.run(
        [str(built.bundled_impuls), "--version"], capture_output=True, text=True, check=True
    ).stdout.split()[-1]
    system = f"{platform.system().lower()}-{platform.machine().lower()}"
    # On macOS the spec makes Impuls.app beside the folder: that is what a speaker opens.
    app = built.bundle.parent / "Impuls.app"
    shipped = app if app.is_dir() else built.bundle
    shutil.rmtree(dist / shipped.name, ignore_errors=True)
    shutil.copytree(shipped, dist / shipped.name, symlinks=True)
    kind = "zip" if sys.platform == "win32" else "gztar"
    base = str(dist / f"impuls-{version}-{system}")
    return Path(shutil.make_archive(base, kind, dist, shipped.name))


def startup_medians(built: Built, runs: int = 7) -> dict[str, float]:
    """Process start until the first slide is painted, as bench/presenting.py measures."""
    sys.path.insert(0, str(ROOT))
    from bench.presenting import BARE_QT, time_to_line

    commands = {
        "checkout": [sys.executable, str(ROOT / "main.py"), "--offscreen"],
        "wheel": [str(built.installed_impuls), "--offscreen"],
        "bundle": [str(built.bundled_impuls), "--offscreen"],
    }
    times: dict[str, list[float]] = {name: [] for name in [*commands, "bare PySide6"]}
    for _ in range(runs):  # interleaved, so a noisy moment hits all alike
        for name, command in commands.items():
            times[name].append(time_to_line(command, "Folie"))
        times["bare PySide6"].append(time_to_line([sys.executable, "-c", BARE_QT], "painted"))
    return {name: statistics.median(values) for name, values in times.items()}


def main() -> int:
    try:
        built = build()
    except RuntimeError as error:
        print(f"bundle: {error}", file=sys.stderr)
        return 1
    print(f"bundle: built in {built.seconds:.0f} s" if built.seconds else "bundle: up to date")
    packed = archive(built, ROOT / "dist")
    print(f"bundle: {ROOT / 'dist' / 'impuls'}: {folder_bytes(built.bundle) / 1e6:.0f} MB, "
          f"{packed.name}: {packed.stat().st_size / 1e6:.0f} MB")  # fmt: skip
    tested = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-m", "slow or not slow",
         "tests/test_packaging.py"], cwd=ROOT, check=False,
    )  # fmt: skip
    if tested.returncode != 0:
        print("bundle: the smoke tests failed; do not ship this build.", file=sys.stderr)
        return tested.returncode
    medians = startup_medians(built)
    bare = medians["bare PySide6"]
    for name, ms in medians.items():
        print(f"bundle: start-up to the first slide, {name}: {ms:.0f} ms (×{ms / bare:.2f} bare)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
