#!/usr/bin/env python3
"""Set up Impuls on this machine, then start it or run the whole test suite.

    python3 tools/bootstrap.py app  [impuls options]   # set up, then start the app
    python3 tools/bootstrap.py test [pytest options]   # set up, then ruff, mypy,
                                                       # import-linter, vulture, pytest
    python3 tools/bootstrap.py upgrade                 # lock the newest versions, then
                                                       # install them and run the suite

The virtualenv gets exactly the versions locked in requirements/*.txt, checked
against their hashes; `upgrade` is the one way those files change.

Standard library only: it runs before the virtualenv exists. On Debian or
Ubuntu as root it installs the system packages Qt needs with apt-get; as
another user, or on another system, it prints the exact line to run instead
of failing later with an obscure Qt error.
"""

from __future__ import annotations

import hashlib
import os
import platform
import shutil
import subprocess
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VENV = ROOT / ".venv"
STAMP = VENV / ".impuls-install"
MIN_PYTHON = (3, 11)

# What Qt's wheels need from the system: EGL/GL, fonts, D-Bus, GLib, and the
# xcb libraries of the X11 platform plugin (icccm4 and keysyms1 are the ones a
# fresh Debian lacks; Qt then aborts with "could not load the Qt platform plugin").
QT_PACKAGES = (
    "libegl1", "libgl1", "libglib2.0-0", "libfontconfig1", "libfreetype6", "libdbus-1-3",
    "libxkbcommon0", "libxkbcommon-x11-0", "libx11-xcb1", "libxcb-cursor0", "libxcb-icccm4",
    "libxcb-image0", "libxcb-keysyms1", "libxcb-randr0", "libxcb-render-util0",
    "libxcb-shape0", "libxcb-shm0", "libxcb-sync1", "libxcb-xfixes0", "libxcb-xkb1",
    "fonts-dejavu-core",
    # Without a display the app says to use `xvfb-run -a …`: a fresh machine must have it.
    "xvfb", "xauth",
)  # fmt: skip
# The tests also drive the real phone page in Debian's Chromium (playwright cannot
# download its own browser here).
# chromium for the phone page, poppler-utils (pdftotext, pdffonts) to read handouts back,
# LibreOffice's Impress without its GUI to open PowerPoint files (10 s to install here).
# strace, to see from the kernel that finding the laptop's addresses sends nothing.
TEST_PACKAGES = (*QT_PACKAGES, "chromium", "poppler-utils", "libreoffice-impress-nogui", "strace")

CHECKS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("ruff check", ("ruff", "check", ".")),
    ("ruff format", ("ruff", "format", "--check", ".")),
    ("mypy", ("mypy",)),
    # Windows and macOS are not run here: the checker follows their sys.platform paths.
    ("mypy, as on Windows", ("mypy", "--platform", "win32", "workshop_app")),
    ("mypy, as on macOS", ("mypy", "--platform", "darwin", "workshop_app")),
    ("import-linter", ("lint-imports",)),
    # Code nothing uses; tools/vulture_whitelist.py names what only libraries call.
    (
        "vulture",
        (
            "vulture",
            "workshop_app",
            "tests",
            "bench",
            "tools/vulture_whitelist.py",
            "--min-confidence",
            "60",
        ),
    ),
)


def say(message: str) -> None:
    print(f"[impuls] {message}", flush=True)


def main(argv: Sequence[str]) -> int:
    if len(argv) < 1 or argv[0] not in ("app", "test", "upgrade"):
        print(__doc__.strip())
        return 2
    mode, rest = argv[0], list(argv[1:])
    if sys.version_info < MIN_PYTHON:
        say(
            f"Impuls needs Python {'.'.join(map(str, MIN_PYTHON))} or newer; this is "
            f"{platform.python_version()}. Run this script with python3.11 or newer."
        )
        return 1
    packages = QT_PACKAGES if mode == "app" else TEST_PACKAGES
    if not ensure_system_packages(packages):
        return 1
    extras = "" if mode == "app" else "test"
    if not ensure_venv(extras):
        return 1
    if mode == "upgrade":
        if rest:
            say("upgrade takes no options.")
            return 2
        if not upgrade_locks() or not ensure_venv(extras):
            return 1
    ensure_bytecode()
    if mode == "app":
        env = {**os.environ, "IMPULS_COMMAND": "python3 tools/bootstrap.py app"}
        return run([str(venv_python()), str(ROOT / "main.py"), *rest], env=env)
    return run_tests(rest)


# ---------------------------------------------------------------- system packages


def missing_debian_packages(packages: Sequence[str]) -> list[str]:
    """Those of `packages` that dpkg does not list as installed."""
    result = subprocess.run(
        ["dpkg-query", "-W", "-f=${db:Status-Abbrev} ${Package}\n", *packages],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    installed = {
        line.split()[1].split(":")[0]
        for line in result.stdout.splitlines()
        if line.startswith("ii ") and len(line.split()) >= 2
    }
    return [name for name in packages if name not in installed]


def apt_line(packages: Sequence[str]) -> str:
    return "sudo apt-get install -y --no-install-recommends " + " ".join(packages)


def ensure_system_packages(packages: Sequence[str]) -> bool:
    if sys.platform != "linux":
        return True  # Qt's wheels for macOS and Windows carry what they need
    if shutil.which("dpkg-query") is None:
        say(
            "This is not a Debian-like system, so Impuls cannot check its system libraries. "
            "Qt needs EGL/OpenGL, fontconfig, xkbcommon and the xcb libraries; on Debian they "
            f"are: {' '.join(packages)}"
        )
        return True
    missing = missing_debian_packages(packages)
    if not missing:
        return True
    if os.geteuid() != 0:
        say(f"Missing system packages: {' '.join(missing)}")
        say("Install them with this line, then run this command again:")
        print(f"    {apt_line(missing)}", flush=True)
        return False
    say(f"Installing system packages: {' '.join(missing)}")
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    install = ["apt-get", "install", "-y", "-q", "--no-install-recommends", *missing]
    if run(install, env=env, quiet=True) == 0:
        return True
    # A fresh machine has no package lists yet.
    if run(["apt-get", "update", "-q"], env=env, quiet=True) != 0 or run(install, env=env) != 0:
        say(f"apt-get could not install {' '.join(missing)}; see its output above.")
        return False
    return True


# ---------------------------------------------------------------- virtualenv


# Debian's and Ubuntu's own interpreter: built with profile-guided and link-time
# optimization and linked statically.
SYSTEM_PYTHON = Path("/usr/bin/python3")


def venv_base() -> str:
    """The interpreter the virtualenv is made from.

    IMPULS_PYTHON if set. Else the system's own python3 where it is this same Python
    version and can make a virtualenv: pyenv and plain source builds default to
    `--enable-shared` without `--enable-optimizations`, and on them Impuls runs about
    a fifth slower (its start, the export, the vote server; docs/benchmarks.md).
    Else the interpreter running this script.
    """
    chosen = os.environ.get("IMPULS_PYTHON")
    if chosen:
        return chosen
    here = Path(sys.executable).resolve()
    if sys.platform != "linux" or not SYSTEM_PYTHON.exists() or here == SYSTEM_PYTHON.resolve():
        return sys.executable
    probe = subprocess.run(
        [str(SYSTEM_PYTHON), "-c", "import sys, venv, ensurepip; print(*sys.version_info[:2])"],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    same = probe.stdout.split() == [str(n) for n in sys.version_info[:2]]
    return str(SYSTEM_PYTHON) if probe.returncode == 0 and same else sys.executable


def venv_python() -> Path:
    return VENV / ("Scripts/python.exe" if sys.platform == "win32" else "bin/python")


REQUIREMENTS = ROOT / "requirements"


@dataclass(frozen=True)
class LockFile:
    """One locked, hashed set of versions and how `upgrade` compiles it."""

    name: str  # requirements/<name>.txt
    extras: tuple[str, ...]
    with_build_backend: bool  # setuptools, for installing the checkout without isolation

    @property
    def path(self) -> Path:
        return REQUIREMENTS / f"{self.name}.txt"


# test.txt is compiled first and constrains the others, so one package has one
# version in every set: the app, the suite, the benchmarks and the bundle.
LOCK_FILES = (
    LockFile("test", ("test",), with_build_backend=True),
    LockFile("app", (), with_build_backend=True),
    LockFile("bench", ("test", "bench"), with_build_backend=True),
    LockFile("bundle", ("bundle",), with_build_backend=False),
)
LOCK_FOR_EXTRAS = {"": "app", "test": "test"}


def lock_file(name: str) -> LockFile:
    return next(lock for lock in LOCK_FILES if lock.name == name)


def install_fingerprint(extras: str) -> str:
    digest = hashlib.sha256((ROOT / "pyproject.toml").read_bytes())
    digest.update(lock_file(LOCK_FOR_EXTRAS[extras]).path.read_bytes())
    digest.update(f"extras={extras};python={sys.version}".encode())
    return digest.hexdigest()


def ensure_venv(extras: str) -> bool:
    if not venv_python().exists():
        base = venv_base()
        say(f"Creating the virtualenv in {VENV} with {base}")
        code = run([base, "-m", "venv", str(VENV)])
        if code == 127:
            return False  # run() said which interpreter it could not start
        if code != 0:
            say("Python could not create a virtualenv. On Debian or Ubuntu install it with:")
            print("    sudo apt-get install -y python3-venv", flush=True)
            return False
    wanted = install_fingerprint(extras)
    have = STAMP.read_text().split() if STAMP.exists() else []
    if wanted in have or (extras == "" and have):
        return True  # a test install includes everything the app needs
    lock = lock_file(LOCK_FOR_EXTRAS[extras])
    say(f"Installing Impuls{' and its test tools' if extras else ''} into the virtualenv "
        f"(the versions locked in {lock.path.relative_to(ROOT).as_posix()})")  # fmt: skip
    if not install_locked(venv_python(), lock):
        return False
    STAMP.write_text(wanted + "\n")
    return True


def install_locked(python: Path, lock: LockFile) -> bool:
    """The lock's exact versions, each checked against its hash, then the checkout itself.

    The checkout is installed without its dependencies (the lock has them) and
    without build isolation, which would fetch an unlocked setuptools.
    """
    pip = [str(python), "-m", "pip", "install", "--disable-pip-version-check", "-q"]
    if run([*pip, "--require-hashes", "--no-deps", "-r", str(lock.path)]) != 0:
        say(f"pip could not install {lock.path.name}; see its output above.")
        return False
    # "compat": a path in a .pth file instead of setuptools' import finder, which
    # cost every start 8 ms, as an installed wheel does not.
    editable = ["--no-deps", "--no-build-isolation", "--config-settings", "editable_mode=compat"]
    if run([*pip, *editable, "-e", str(ROOT)]) != 0:
        say("pip could not install the project; see its output above.")
        return False
    return True


def lock_command(lock: LockFile, *, upgrade: bool) -> list[str]:
    """uv's arguments for one lock file, run in the checkout.

    uv's universal lock: one file with markers for Windows, macOS and Linux and
    every Python from 3.11 (pip-compile locks only the platform it runs on). Without
    `upgrade` it keeps every version the file has, so it reproduces a current lock."""
    command = ["pip", "compile", "pyproject.toml", "--universal", "--generate-hashes",
               "--python-version", f"{MIN_PYTHON[0]}.{MIN_PYTHON[1]}", "--quiet",
               "--custom-compile-command", "python3 tools/bootstrap.py upgrade",
               # The system's certificates, as pip uses them: behind a proxy that
               # inspects TLS, uv's own roots fail ("invalid peer certificate").
               "--system-certs",
               "--output-file", lock.path.relative_to(ROOT).as_posix()]  # fmt: skip
    if lock.with_build_backend:
        command.append("requirements/build.in")
    for extra in lock.extras:
        command += ["--extra", extra]
    if lock.name != "test":
        command += ["--constraint", "requirements/test.txt"]
    if upgrade:
        command.append("--upgrade")
    return command


def compile_locks(uv: Path, root: Path, *, upgrade: bool) -> bool:
    """Compile every lock file of the checkout at `root`, test.txt first."""
    for lock in LOCK_FILES:
        if run([str(uv), *lock_command(lock, upgrade=upgrade)], cwd=root) != 0:
            say(f"uv could not lock {lock.path.name}; see its output above.")
            return False
    return True


def upgrade_locks() -> bool:
    """Compile every lock file anew with the newest versions allowed by pyproject.toml."""
    say("Locking the newest versions in requirements/")
    uv = venv_python().parent / ("uv.exe" if sys.platform == "win32" else "uv")
    if not compile_locks(uv, ROOT, upgrade=True):
        return False
    say("Locked. Review `git diff requirements/`, and commit it once the suite passes.")
    return True


def ensure_bytecode() -> None:
    """Compile the package as installing a wheel would. An editable install leaves it
    uncompiled, and where PYTHONDONTWRITEBYTECODE is set (CI machines, containers)
    every start would compile it again: ~60 ms of each `export`. Cheap when current."""
    command = [str(venv_python()), "-m", "compileall", "-q", str(ROOT / "workshop_app")]
    if run(command, quiet=True) != 0:
        say("Compiling the package failed; Impuls still runs, only its start is slower.")


# ---------------------------------------------------------------- running


def run(
    command: Sequence[str],
    env: dict[str, str] | None = None,
    *,
    quiet: bool = False,
    cwd: Path = ROOT,
) -> int:
    output = subprocess.DEVNULL if quiet else None
    try:
        return subprocess.run(
            list(command), cwd=cwd, env=env, check=False, stdout=output
        ).returncode
    except KeyboardInterrupt:
        return 130
    except OSError as error:  # not there or not runnable, e.g. a mistyped IMPULS_PYTHON
        say(f"Could not run {command[0]}: {error.strerror or error}")
        return 127


def run_tests(pytest_args: list[str]) -> int:
    bin_dir = venv_python().parent
    env = {**os.environ, "PATH": f"{bin_dir}{os.pathsep}{os.environ.get('PATH', '')}"}
    env["PYTHONFAULTHANDLER"] = "1"  # a crash in a test run prints every thread's stack
    steps: list[tuple[str, tuple[str, ...], dict[str, str]]] = [
        (name, (str(bin_dir / command[0]), *command[1:]), env) for name, command in CHECKS
    ]
    steps.append(("pytest", (str(venv_python()), "-m", "pytest", *pytest_args), env))
    if not pytest_args:
        # The path Windows takes (no fork: one HTTP worker in a thread, the handout
        # rendered in-process), forced here so it is tested on Linux too.
        steps.append((
            "pytest, portable path (IMPULS_NO_FORK=1)",
            (str(venv_python()), "-m", "pytest", "-q", "tests/voting", "tests/session",
             "tests/handout/test_handout.py", "tests/test_packaging.py",
             "tests/ui/test_live_polls.py", "tests/ui/test_pdf_talk.py"),
            {**env, "IMPULS_NO_FORK": "1"},
        ))  # fmt: skip
    failed: list[str] = []
    for name, command, step_env in steps:
        say(f"--- {name}")
        started = time.monotonic()
        code = run(command, env=step_env)
        say(
            f"--- {name}: {'ok' if code == 0 else f'FAILED (exit {code})'} "
            f"in {time.monotonic() - started:.1f} s"
        )
        if code != 0:
            failed.append(name)
    if failed:
        say(f"Failed: {', '.join(failed)}")
        return 1
    say("All checks passed.")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
